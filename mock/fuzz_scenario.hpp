// ROBUST-6: the seeded fuzz loop of `rasconform fuzz`. Each iteration draws
// an input from the seed (rasconform/fuzz_inputs.hpp) and plays it as one
// trial, a connection in a fresh service around the DLL. The first input
// on which a callout of the DLL faults or hangs is minimised with ddmin over
// its field changes, each candidate played as a trial of its own, keeping
// only candidates that fail the same callout the same way. Runs where the
// DLL lives (whole_scenario.hpp: "fuzz").
#pragma once

#include <cstdint>
#include <optional>

#include "mock/service.hpp"
#include "rasconform/fuzz_inputs.hpp"

namespace rasconform::mock {

struct FuzzPlan {
    std::uint64_t seed = 1;
    std::uint64_t iterations = 200;
    FuzzHandles handles = FuzzHandles::drawn;  // ROBUST-6 zero handles, or Q-27's engine handles
};

struct FuzzFinding {
    std::uint64_t iteration = 0;  // of the seed; the input is fuzz_input(seed, iteration, handles)
    FuzzInput drawn;              // as drawn
    FuzzInput minimal;            // after ddmin; empty when the ordinary connection fails too
    TraceEvent fault;             // the first call of the DLL that did not return, in the minimal trial
    std::size_t replays = 0;      // trials ddmin played
    // Why the input could not be minimised, when it could not: the DLL is
    // no longer called after a hang, or the input fails only after others.
    std::string not_minimised;
};

struct FuzzScenario {
    StartResult start;                   // of the first trial (no field changed)
    std::uint64_t iterations = 0;        // played, up to and including a failing one
    std::optional<FuzzFinding> finding;  // the loop stops at the first
};

// One trial: start, connect, second link, reauthentication to normal when
// the connection starts in another NAP state, hang-up, stop. Returns the trace.
Trace fuzz_trial(AdminDllBackend& dll, const Options& options, const ConnectionModel& m, StartResult* start = nullptr);

FuzzScenario fuzz_scenario(AdminDllBackend& dll, const Options& options, const FuzzPlan& plan);

}  // namespace rasconform::mock
