// The engine's figures under Google Benchmark's own command line (filters,
// repetitions, its JSON): the same benchmarks `rasconform bench` runs and
// judges. Run with `meson test --benchmark`; never part of the test run.
#include <benchmark/benchmark.h>

#include "conformance/bench/engine_benchmarks.hpp"

int main(int argc, char** argv) {
    rasconform::bench::register_engine_benchmarks({});
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
