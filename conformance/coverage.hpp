// Which rules of the spec the suite checks: rule -> the cases citing it, or
// why no case can (`rasconform list --coverage`). Derived from the case
// catalog and rule_scope.cpp, so it cannot drift from what the cases cite.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "conformance/rule_scope.hpp"
#include "rasconform/rules.hpp"

namespace rasconform::conformance {

struct RuleCoverage {
    const Rule* rule;
    std::vector<std::string_view> cases;  // ids of the cases that cite it
    const RuleScope* untestable = nullptr;  // why no case can check it, when none can
};

// Every rule of the catalog, in spec order.
std::vector<RuleCoverage> rule_coverage();

nlohmann::json coverage_json();
std::string coverage_text();

}  // namespace rasconform::conformance
