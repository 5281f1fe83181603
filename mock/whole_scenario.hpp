// Scenarios that are a whole service life around one DLL (the ROBUST-4
// soak, the SERIAL-4/5 stress, the ROBUST-6 edge inputs), described and answered as JSON so that the
// same code runs them in the engine's process or, for hosted DLLs, inside
// the host process where the DLL lives: thousands of callouts then cost no
// pipe round trip each, and overlapping callouts really overlap there.
//
//   {"scenario": "soak",   options..., "lifecycles": N}
//       -> mock::SoakScenario (soak.hpp)
//   {"scenario": "stress", options..., "connections", "threads", "concurrency", "seed"}
//       -> {"started", "reason", "rules", "admitted", "callouts", "digest", "faults": [trace events]}
//   {"scenario": "edges",  options..., "inputs": [edge input indexes]}
//       -> {"started", "reason", "rules", "connections", "faults": [trace events]}
//   {"scenario": "fuzz",   options..., "seed", "iterations", "handles": "drawn" or "engine"}
//       -> {"started", "reason", "rules", "iterations", "finding": null or {"iteration",
//           "drawn", "minimal": [{"field", "number", "extra", "text"}], "fault": trace event,
//           "replays", "not_minimised"}}
//   a request that cannot be read -> {"error": "..."}
#pragma once

#include <nlohmann/json.hpp>

#include "mock/edge_scenario.hpp"
#include "mock/fuzz_scenario.hpp"
#include "mock/service.hpp"
#include "mock/soak.hpp"
#include "mock/stress.hpp"
#include "rasconform/backend.hpp"

namespace rasconform::mock {

nlohmann::json soak_request(const Options& options, const SoakPlan& plan);
nlohmann::json stress_request(const Options& options, const StressOptions& stress);
nlohmann::json edge_request(const Options& options, const EdgePlan& plan);
nlohmann::json fuzz_request(const Options& options, const FuzzPlan& plan);

// Runs the scenario a request describes around `dll` (loaded, not started).
nlohmann::json run_whole_scenario(AdminDllBackend& dll, const nlohmann::json& request);

// Replies back to results; throw std::runtime_error naming what is malformed.
SoakScenario soak_reply(const nlohmann::json& reply);
StressScenario stress_reply(const nlohmann::json& reply);
EdgeScenario edge_reply(const nlohmann::json& reply);
FuzzScenario fuzz_reply(const nlohmann::json& reply);

}  // namespace rasconform::mock
