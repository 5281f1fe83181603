// `check --baseline FILE`: the DLL's known failures (errata), each with its
// reason. A listed case that fails is reported as a known failure and does
// not fail the verdict; a listed case that passes is an unexpected pass, which
// does - the baseline must shrink when the DLL gets better (Wine's rule for
// todo tests). Format (TOML):
//
//   [[known-failure]]
//   case = "lifecycle.hangup-after-reject"
//   profile = "ws2022"        # optional; every profile when absent
//   reason = "ticket 42: fixed in 2.1"
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "conformance/report.hpp"

namespace rasconform::conformance {

struct KnownFailure {
    std::string case_id;
    std::string profile;  // empty: every profile
    std::string reason;
};

struct Baseline {
    std::string file;
    std::vector<KnownFailure> known;
};

struct BaselineLoad {
    std::optional<Baseline> baseline;
    std::string error;  // "FILE:LINE: what is wrong", one line
};

BaselineLoad load_baseline(const std::filesystem::path& file);

// Marks the report's cases (CaseResult::baseline).
void apply(const Baseline& baseline, Report& report);

}  // namespace rasconform::conformance
