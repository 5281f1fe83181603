// Where the dynamic cases run. On Windows: in this process, through the
// Win32 backend. On Linux: in the MinGW-built rasconform.exe (the agent)
// under Wine, in a rasconform-owned prefix; its JSON results are merged.
// One interface, one implementation per platform, chosen by the build.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/case.hpp"

namespace rasconform::conformance {

// Where the subject's code runs (issue 5). Host processes keep the engine
// safe from anything the DLL does to its process; in_process is fastest;
// debug is in-process without guards or watchdog threads, so a debugger
// attached to rasconform.exe stops at the DLL's fault itself.
enum class Isolation { in_process, chain, per_case, debug };
// The command-line spelling: --isolate=none|chain|case, --no-isolate.
inline std::vector<std::string> isolation_arguments(Isolation i) {
    switch (i) {
    case Isolation::in_process: return {"--isolate", "none"};
    case Isolation::chain: return {"--isolate", "chain"};
    case Isolation::per_case: return {"--isolate", "case"};
    case Isolation::debug: return {"--no-isolate"};
    }
    return {};
}

struct RunnerOptions {
    std::string agent;        // path of rasconform.exe (Linux only); empty: look it up
    std::string wine_prefix;  // Linux only; empty: $XDG_CACHE_HOME/rasconform/wineprefix
    // Windows only: the folder of rasconform-host.exe and reentry\mprapi.dll
    // (an install's bindir, pkg-config's agentdir); empty: beside the running
    // executable ($RASCONFORM_HOST names another host).
    std::string host_dir;
    // Deployment as installed (rasconform/deployment.hpp): the DisplayName of
    // the run's AdminDll key (empty: the first DLL's file name without its
    // extension) and the vendor's regedit exports applied after it.
    std::string display_name;
    std::vector<std::string> registry_files;
    int timeout_seconds = 300;
    int callout_budget_ms = 2000;  // ROBUST-2: a callout still running after this is a hang
    Isolation isolation = Isolation::chain;
    // REENTRY-4 faithful mode: a forbidden call blocks forever, as in RRAS,
    // instead of failing with ERROR_NOT_SUPPORTED; the watchdog names it.
    bool reentry_faithful = false;
    // --keep-going: a missing required export or a failed Init does not stop
    // the service start (mock::Options::keep_going); every dynamic case runs
    // and says that RRAS would not have started.
    bool keep_going = false;
    std::string only_case;       // run just this dynamic case (the per-case fallback of the Wine runner)
    std::string flight_recorder; // file where the agent notes the callout in progress (survives its death)
    int soak_connections = default_soak_connections;  // ROBUST-4: lifecycles of robust.bounded-resources
    int unload_grace_ms = default_unload_grace_ms;    // ROBUST-3: watch after robust.clean-unload's FreeLibrary
    int slow_callout_ms = default_slow_callout_ms;    // SERIAL-6: a callout slower than this draws a warning
    // Progress: called as the dynamic case at `index` (among the dynamic
    // cases) starts; under Wine from what the agent writes to its progress
    // file while it runs. Empty: nobody is watching.
    std::function<void(std::size_t index, std::string_view case_id)> on_case;
    // The agent's side of that: a file it appends "<index> <case id>" lines
    // to as cases start (the Linux tool reads it while waiting).
    std::string progress_file;
};

struct DynamicRun {
    std::vector<CaseResult> results;
    // One line when the environment makes the dynamic cases impossible
    // (no Wine, no agent); the results then carry `error` with the same reason.
    std::string fatal;
};

// A chain (several DLLs as one DLLPath, in registry order; conformance/chain.hpp):
// the dynamic cases judging chain[subject], with the chain's other DLLs
// loaded around it in every scenario, as RRAS loads them.
DynamicRun run_dynamic(std::span<const Subject> chain, std::size_t subject, const Profile& profile,
                       const RunnerOptions& options);
inline DynamicRun run_dynamic(const Subject& subject, const Profile& profile, const RunnerOptions& options) {
    return run_dynamic(std::span<const Subject>(&subject, 1), 0, profile, options);
}

#ifndef _WIN32
// Native mode (issue 8): a Linux shared object's dynamic cases, in this
// process; run_dynamic hands shared objects here.
DynamicRun run_dynamic_native(std::span<const Subject> chain, std::size_t subject, const Profile& profile,
                              const RunnerOptions& options);
#endif

}  // namespace rasconform::conformance
