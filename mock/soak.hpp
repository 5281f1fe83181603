// ROBUST-4 soak: complete connection lifecycles (Get IP -> accept -> link ->
// link hang-up -> hang-up -> release), one after the other, with the
// process hosting the DLL measured after a warm-up, after a tenth of them,
// halfway from there and after all. The loop is here, once, because it runs
// in two places: in the engine's process for in-process backends, and
// inside the host process for hosted ones (soak_scenario via
// whole_scenario.hpp), where a call costs no pipe round trip - 7,000 of
// them were most of a check's time under Wine.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "mock/service.hpp"
#include "rasconform/backend.hpp"

namespace rasconform::mock {

struct SoakPlan {
    int lifecycles = 1000;
    // Measured after these many lifecycles, and after all of them. The first
    // tenth absorbs one-time costs (lazy initialization, the harness's ring
    // of reserved argument pages, heaps reaching their working size).
    int warm_up() const;
    int first() const;
    // Halfway between first() and all: growth must show in both halves to
    // be growth per connection; a one-time step (a thread pool starting a
    // thread, a heap taking a new segment) lands in one of them.
    int middle() const;
};

struct SoakSample {
    int connections = 0;
    ResourceUse use;
};

struct SoakRun {
    std::vector<SoakSample> samples;
    // The lifecycle in which a callout did not return (it is in the trace);
    // 0 when every lifecycle completed or measuring stopped the soak.
    int stopped_at = 0;
};

// Runs `plan` on a started service whose options have record_every_call
// off (the trace then holds only calls that did not return, which is how a
// fault is seen). `measure` reads the process hosting the DLL; the soak ends
// at the first measurement that is not available.
SoakRun run_soak(Service& s, const std::function<ResourceUse()>& measure, const SoakPlan& plan);

// A whole soak service life around one DLL: start, run_soak, stop.
struct SoakScenario {
    StartResult start;
    SoakRun run;
    Trace trace;
    std::vector<Diagnostic> diagnostics;
};
SoakScenario soak_scenario(AdminDllBackend& dll, const Options& options, const SoakPlan& plan);

}  // namespace rasconform::mock
