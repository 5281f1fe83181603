// ROBUST-6: a service life that hands the DLL the documented edge values of
// its inputs (rasconform/edge_inputs.hpp), one connection per entry, after
// one ordinary connection. Runs in the process where the DLL lives (see
// whole_scenario.hpp), so a few hundred callouts cost no pipe round trips.
#pragma once

#include <cstdint>
#include <vector>

#include "mock/service.hpp"

namespace rasconform::mock {

struct EdgePlan {
    std::vector<std::size_t> inputs;  // indexes into edge_inputs(), in play order
};

struct EdgeScenario {
    StartResult start;
    // connections[0]: the ordinary connection; connections[i + 1]: the one
    // of plan.inputs[i] (0 when connect() never got that far).
    std::vector<std::uint64_t> connections;
    Trace faults;  // calls into `dll` that did not return normally
};

// Each connection: accept with the edge value in place, a second link, a
// reauthentication to its quarantine state when not NORMAL, the hang-up.
EdgeScenario edge_scenario(AdminDllBackend& dll, const Options& options, const EdgePlan& plan);

// The plan with every entry.
EdgePlan every_edge_input();

}  // namespace rasconform::mock
