// Stress mode (SERIAL-4/5, Q-1, Q-2): many connections live at once, their
// callouts overlapping on a pool of worker threads wherever the spec allows
// it, serialized where it does not (SERIAL-1..3).
//
// Reproducible from the seed: a scheduler decides which connection's next
// callout starts, drawing from the seed over the connections not yet known
// to be finished, and learns that a connection finished only when it draws
// it. Its knowledge therefore evolves by its own decisions alone, never by
// thread timing, so the same seed gives the same order of callout starts on
// every run, while calls in different groups really run at the same time.
#pragma once

#include <cstdint>
#include <vector>

#include "mock/service.hpp"

namespace rasconform::mock {

struct StressOptions {
    std::size_t connections = 10000;  // connection lifecycles in total
    std::size_t threads = 8;          // worker threads that make the callouts
    std::size_t concurrency = 32;     // connections alive at the same time
    std::uint64_t seed = 1;
};

struct StressResult {
    StartResult start;
    std::size_t admitted = 0;
    // FNV-1a over (callout, DLL, connection, link) in start order: equal digests
    // mean the same interleaving of starts.
    std::uint64_t start_order_digest = 0;
    std::size_t callouts = 0;
};

// Starts `service`, plays `options.connections` seeded lifecycles (connect,
// extra links, a link drop, reauthentication where offered, a hang-up cause),
// stops it. The trace stays in the service.
StressResult run_stress(Service& service, const StressOptions& options);

// SERIAL-4/5 against one DLL: a whole stress service life with the DLL
// second in registry order behind a built-in DLL that accepts everything
// (so callouts of two DLLs overlap too, SERIAL-5; alone where the profile
// allows a single DLL, MULTI-1); the calls that did not
// return are kept, the rest is counted. Runs in the process where the DLL
// lives (see whole_scenario.hpp).
struct StressScenario {
    StressResult result;
    Trace faults;  // calls into `dll` that did not return normally
};
StressScenario stress_scenario(AdminDllBackend& dll, const Options& options, const StressOptions& stress);

}  // namespace rasconform::mock
