// Public API of the Linux tool build: the speed and memory figures of the
// engine and of whole runs against their targets (`rasconform bench`,
// Google Benchmark; README.md, "Bench"). Part of the rasconform program,
// not of the installed library.
#pragma once

#include "conformance/bench/bench_command.hpp"

namespace rasconform {

using bench::BenchOptions;
using bench::run_bench;

}  // namespace rasconform
