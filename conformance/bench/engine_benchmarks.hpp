// The engine's figures as Google Benchmark benchmarks (issue 7), registered
// once here and run by both `rasconform bench` and tests/bench/engine-bench.
// Names (the figures read them back):
//   direct_lifecycle/round:K   the lifecycle's callouts called straight through
//                              their pointers, arguments built as the engine builds them
//   engine_lifecycle/round:K   the same lifecycle through mock::Service in the
//                              in-process fast mode (trace off, serialization on)
//     (the two alternate K = 1..rounds, so that both see the same machine)
//   engine_lifecycle_threads/threads:N   the fast mode with N driver threads
//   live_connections/N         N connections held at once: bytes and ramp-up
#pragma once

#include <cstddef>
#include <vector>

#include "rasconform/connection.hpp"

namespace rasconform::bench {

struct EngineBenchmarkPlan {
    int rounds = 5;                  // direct/engine pairs, interleaved
    double min_time_seconds = 0.2;   // per lifecycle benchmark
    std::vector<int> threads{1, 2, 4, 8};
    std::vector<std::size_t> live_connections{10000, 100000, 1000000};
};

// One connection with one link, as every lifecycle figure uses it.
ConnectionModel lifecycle_model();
// Callouts one lifecycle makes with the trivial DLL: Get IP, accept, link,
// link hang-up, hang-up, release.
inline constexpr int callouts_per_lifecycle = 6;

void register_engine_benchmarks(const EngineBenchmarkPlan& plan);

}  // namespace rasconform::bench
