// How a CallOutcome travels as JSON: inside trace events of the reports and
// in the host-process protocol. One encoding, so a field added to the
// outcome crosses every boundary at once.
#pragma once

#include <nlohmann/json.hpp>

#include "rasconform/backend.hpp"

namespace rasconform {

// Adds "outcome", "value" and, for a call that did not return, the fault
// fields ("exception_code", "fault_address", "where", "detail") to `j`.
void put_outcome(nlohmann::json& j, const CallOutcome& o);
// The inverse; throws std::runtime_error naming a missing or unknown field.
CallOutcome get_outcome(const nlohmann::json& j);

}  // namespace rasconform
