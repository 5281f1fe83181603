// `rasconform stress`: many connections at once on a worker pool, from a
// seed (SERIAL-4/5, Q-1, Q-2). Reports whether every callout returned and
// whether the engine kept every rule (the trace checker), and how to replay
// the same interleaving.
#pragma once

#include <string>
#include <vector>

#include "conformance/dynamic_runner.hpp"
#include "mock/stress.hpp"

namespace rasconform::conformance {

struct StressCommandOptions {
    std::vector<std::string> dlls;  // registry order
    mock::StressOptions stress;
    std::string profile = "ws2022";
    std::string format = "text";
    std::string output;
    RunnerOptions runner;
};

struct CommandRun {
    std::string output;
    std::string problem;  // one line, unusable input (exit 2)
    int exit_status = 0;  // 0 clean, 1 a callout failed or a rule was broken
};

CommandRun stress_command(const StressCommandOptions& options);

// The run on backends loaded in this process (the Win32 backend on Windows,
// shared objects in native mode on Linux), rendered as options.format asks.
CommandRun stress_in_this_process(const std::vector<AdminDllBackend*>& chain, const Profile* profile,
                                  const StressCommandOptions& options);

}  // namespace rasconform::conformance
