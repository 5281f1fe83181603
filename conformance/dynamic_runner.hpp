// Where the dynamic cases run. On Windows: in this process, through the
// Win32 backend. On Linux: in the MinGW-built rasconform.exe (the agent)
// under Wine, in a rasconform-owned prefix; its JSON results are merged.
// One interface, one implementation per platform, chosen by the build.
#pragma once

#include <string>
#include <vector>

#include "conformance/case.hpp"

namespace rasconform::conformance {

struct RunnerOptions {
    std::string agent;        // path of rasconform.exe (Linux only); empty: look it up
    std::string wine_prefix;  // Linux only; empty: $XDG_CACHE_HOME/rasconform/wineprefix
    int timeout_seconds = 300;
    int callout_budget_ms = 2000;  // ROBUST-2: a callout still running after this is a hang
    std::string only_case;       // run just this dynamic case (the per-case fallback of the Wine runner)
    std::string flight_recorder; // file where the agent notes the callout in progress (survives its death)
};

struct DynamicRun {
    std::vector<CaseResult> results;
    // One line when the environment makes the dynamic cases impossible
    // (no Wine, no agent); the results then carry `error` with the same reason.
    std::string fatal;
};

DynamicRun run_dynamic(const Subject& subject, const Profile& profile, const RunnerOptions& options);

}  // namespace rasconform::conformance
