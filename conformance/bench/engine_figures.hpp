// Runs the engine benchmarks (engine_benchmarks.hpp) under Google Benchmark
// and turns their runs into figures with targets (issue 7):
//   dispatch.ratio           fast-mode dispatch vs direct call, <= 1.5x
//   lifecycles.per-second    one core, trivial DLL, >= 300,000
//   scaling.threads-N        lifecycles/s with N driver threads (info)
//   memory.connections-N     engine heap bytes per live connection (info)
//   memory.per-connection    the same at the largest count, <= 1 KB
//   memory.million           resident size with 1,000,000 live, <= 2 GB
//   rampup.million           time to bring 1,000,000 up, <= 10 s
#pragma once

#include <vector>

#include "conformance/bench/engine_benchmarks.hpp"
#include "conformance/bench/figures.hpp"

namespace rasconform::bench {

std::vector<Figure> engine_figures(const EngineBenchmarkPlan& plan);

}  // namespace rasconform::bench
