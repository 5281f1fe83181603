// How a CallOutcome, and the TraceEvent around it, travel as JSON: in the
// reports and in the host-process protocol. One encoding, so a field added
// to either crosses every boundary at once.
#pragma once

#include <nlohmann/json.hpp>

#include "rasconform/backend.hpp"
#include "rasconform/trace.hpp"

namespace rasconform {

// Adds "outcome", "value" and, for a call that did not return, the fault
// fields ("exception_code", "fault_address", "where", "detail") to `j`.
void put_outcome(nlohmann::json& j, const CallOutcome& o);
// The inverse; throws std::runtime_error naming a missing or unknown field.
CallOutcome get_outcome(const nlohmann::json& j);

// A trace event with its outcome; handles and the thread as "0x..." strings.
nlohmann::json to_json(const TraceEvent& e);
// The inverse; throws std::runtime_error naming what is missing or unknown.
TraceEvent trace_event_from_json(const nlohmann::json& j);

}  // namespace rasconform
