// Linux only: runs the MinGW-built rasconform.exe (the agent) under Wine in
// a rasconform-owned prefix and hands back what it wrote to its --output
// file. Used for the dynamic cases of `check` and for `simulate`.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "conformance/dynamic_runner.hpp"

namespace rasconform::conformance {

struct AgentResult {
    std::string output;             // the agent's --output file
    std::string environment_error;  // one line: Wine or the agent missing, prefix unusable (the run did not happen)
    std::string failure;            // the agent ran but left no output (time-out, crash)
    int exit_status = -1;
};

// `args` follow the agent's path; `--output FILE` is appended.
AgentResult run_agent(const std::vector<std::string>& args, const RunnerOptions& options);

// Z: maps to / in every Wine prefix.
std::string windows_path(const std::filesystem::path& p);

}  // namespace rasconform::conformance
