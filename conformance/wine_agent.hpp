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

// Which agent: the x86_64 one (every x86_64 DLL) or the i686 one, for
// 32-bit DLLs, run by Wine's 32-bit loader in the same (WoW64) prefix.
enum class AgentMachine { x86_64, i686 };

// `args` follow the agent's path; `--output FILE` is appended.
AgentResult run_agent(const std::vector<std::string>& args, const RunnerOptions& options,
                      AgentMachine machine = AgentMachine::x86_64);

// Vets each DLL for the agent (exists, PE, x86_64 DLL) and appends its
// Windows path to `args`; returns "FILE: problem" for the first bad one.
std::string append_agent_dlls(const std::vector<std::string>& dlls, std::vector<std::string>& args);

// The Wine the agent runs under (`wine --version` of the wine on PATH):
// "wine-8.0 (Debian 8.0~repack-4)"; empty without Wine.
std::string wine_version();

// Z: maps to / in every Wine prefix.
std::string windows_path(const std::filesystem::path& p);

}  // namespace rasconform::conformance
