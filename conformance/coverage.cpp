#include "conformance/coverage.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "conformance/suite.hpp"

namespace rasconform::conformance {

std::vector<RuleCoverage> rule_coverage() {
    std::vector<RuleCoverage> out;
    for (const Rule& r : rule_catalog()) {
        RuleCoverage c{&r, {}};
        for (const CaseInfo& k : all_cases())
            for (std::string_view id : k.rules)
                if (id == r.id) c.cases.push_back(k.id);
        out.push_back(std::move(c));
    }
    return out;
}

nlohmann::json coverage_json() {
    nlohmann::json rules = nlohmann::json::array();
    std::size_t covered = 0;
    for (const RuleCoverage& c : rule_coverage()) {
        covered += !c.cases.empty();
        std::vector<std::string> cases(c.cases.begin(), c.cases.end());
        rules.push_back({{"rule", c.rule->id}, {"tags", c.rule->tags}, {"cases", cases}});
    }
    return {{"schema", 1}, {"rules", rules}, {"covered", covered}, {"total", rules.size()}};
}

std::string coverage_text() {
    std::string out;
    std::size_t covered = 0, total = 0;
    for (const RuleCoverage& c : rule_coverage()) {
        ++total;
        covered += !c.cases.empty();
        out += fmt::format("  {:<12} {:<5} {}\n", c.rule->id, c.rule->tags,
                           c.cases.empty() ? std::string("-") : fmt::format("{}", fmt::join(c.cases, ", ")));
    }
    return fmt::format("rule coverage: {} of {} rules cited by a case\n", covered, total) + out;
}

}  // namespace rasconform::conformance
