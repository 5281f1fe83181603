// `rasconform bench` (issue 7): the engine figures (Google Benchmark) and
// the whole-run figures, each with its target and PASS/MISS, as text or JSON.
#pragma once

#include <string>

#include "conformance/dynamic_runner.hpp"

namespace rasconform::bench {

struct BenchOptions {
    std::string format = "text";  // text | json
    std::string output;           // empty: standard output
    std::string dll;              // PE DLL of the Wine figures; empty: the bundled example, when built
    bool colour = false;          // text on a terminal
    bool quick = false;           // smaller sizes, fewer runs: checks the command, not the machine
    conformance::RunnerOptions runner;
};

// Exit status: 0 every target met, 1 a target missed or a figure not taken,
// 2 unusable input (the DLL).
int run_bench(const BenchOptions& options);

}  // namespace rasconform::bench
