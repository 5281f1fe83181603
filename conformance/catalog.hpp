// What rasconform knows, as `rasconform list` shows it: every case (id,
// kind, rules, summary, the profiles it applies under), the spec's rules
// and the Windows profiles.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

namespace rasconform::conformance {

// {"schema": 1, "cases": [...], "rules": [...], "profiles": [...]}
nlohmann::json catalog_json();
std::string catalog_text();

}  // namespace rasconform::conformance
