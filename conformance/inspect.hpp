// `rasconform inspect DLL`: what a DLL offers RRAS, read from the file alone
// (natively, no Wine): machine, exports under every spelling, the callouts
// RRAS would find and those it would not, half pairs, variants, imports with
// the risky ones flagged, and the static verdict under every profile.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "conformance/case.hpp"

namespace rasconform::conformance {

nlohmann::json inspect(const Subject& subject);
// The same, for people.
std::string inspect_text(const nlohmann::json& inspection);

}  // namespace rasconform::conformance
