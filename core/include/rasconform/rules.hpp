// The rule catalog: every rule ID of ../shared/spec/ras-admin-dll.md, with the
// spec's provenance tag and a one-line summary in our own words. Cases cite
// rules by ID; tests/core/test_rule_catalog.cpp fails if a case cites an ID
// that is not here.
#pragma once

#include <span>
#include <string_view>

namespace rasconform {

struct Rule {
    std::string_view id;       // "EXPORT-1"
    std::string_view tags;     // provenance as in the spec: "E", "I", "H", "C", or combined "E/I", "C/I", "H/C"
    std::string_view summary;  // one line, our own words
};

// All rules, in spec order.
std::span<const Rule> rule_catalog();

// nullptr when the ID is not in the catalog.
const Rule* find_rule(std::string_view id);

}  // namespace rasconform
