// `rasconform fuzz`: ROBUST-6 by seeded fuzzing. Inputs drawn from the
// documented ranges and edge values (rasconform/fuzz_inputs.hpp), one
// connection each; the first that makes a callout of the DLL fault or hang
// is minimised to the fewest field changes (ddmin) and written as a
// scenario file that `rasconform simulate` replays. The loop runs where the
// DLL lives (mock/fuzz_scenario.hpp): in-process on Windows, in the agent
// under Wine for a PE DLL on Linux, in-process through dlopen for a Linux
// shared object.
#pragma once

#include <string>

#include "conformance/dynamic_runner.hpp"
#include "mock/fuzz_scenario.hpp"

namespace rasconform::conformance {

struct FuzzCommandOptions {
    std::string dll;
    mock::FuzzPlan plan;
    std::string profile = "ws2022";
    std::string format = "text";  // text | json
    std::string output;           // the report; empty: standard output
    std::string scenario_out;     // the replay scenario; empty: in the report
    bool raw = false;             // the agent's side: the whole-scenario reply as JSON
    RunnerOptions runner;
};

struct FuzzRun {
    std::string output;    // the report (or the raw reply)
    std::string scenario;  // the scenario file replaying the finding; empty without one
    std::string problem;   // one line "FILE: what is wrong" (exit 2)
    int exit_status = 0;   // 0 nothing found, 1 a finding
};

// Per platform (fuzz_inprocess.cpp, fuzz_wine.cpp).
FuzzRun fuzz_command(const FuzzCommandOptions& options);

// Shared: the report and the scenario of a fuzz run of `dll_name`.
FuzzRun render_fuzz(const FuzzCommandOptions& options, const std::string& dll_name, const mock::FuzzScenario& run);

}  // namespace rasconform::conformance
