#include "conformance/coverage.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "conformance/known_bad.hpp"
#include "conformance/suite.hpp"

namespace rasconform::conformance {

std::vector<RuleCoverage> rule_coverage() {
    std::vector<RuleCoverage> out;
    for (const Rule& r : rule_catalog()) {
        RuleCoverage c{&r, {}, find_untestable(r.id)};
        for (const CaseInfo& k : all_cases())
            for (std::string_view id : k.rules)
                if (id == r.id) c.cases.push_back(k.id);
        out.push_back(std::move(c));
    }
    return out;
}

namespace {

struct Totals {
    std::size_t total = 0, covered = 0, untestable = 0, killed = 0;
    std::size_t testable() const { return total - untestable; }
};

// The known-bad subjects that kill any case citing the rule.
std::vector<std::string> killers(const RuleCoverage& c) {
    std::vector<std::string> out;
    for (std::string_view id : c.cases)
        for (std::string& dll : killers_of(id))
            if (std::find(out.begin(), out.end(), dll) == out.end()) out.push_back(std::move(dll));
    return out;
}

Totals totals(const std::vector<RuleCoverage>& all) {
    Totals t;
    for (const RuleCoverage& c : all) {
        ++t.total;
        t.covered += !c.cases.empty();
        t.untestable += c.untestable != nullptr;
        t.killed += !killers(c).empty();
    }
    return t;
}

}  // namespace

nlohmann::json coverage_json() {
    const auto all = rule_coverage();
    nlohmann::json rules = nlohmann::json::array();
    for (const RuleCoverage& c : all) {
        std::vector<std::string> cases(c.cases.begin(), c.cases.end());
        nlohmann::json j{{"rule", c.rule->id}, {"tags", c.rule->tags}, {"cases", cases}, {"known_bad", killers(c)}};
        if (c.untestable)
            j["untestable"] = {{"why", to_string(c.untestable->why)}, {"reason", c.untestable->reason}};
        rules.push_back(std::move(j));
    }
    const Totals t = totals(all);
    nlohmann::json by_case = nlohmann::json::object();
    for (const CaseInfo& k : all_cases()) by_case[std::string(k.id)] = killers_of(k.id);
    return {{"schema", 1},          {"rules", rules},     {"covered", t.covered},     {"testable", t.testable()},
            {"untestable", t.untestable}, {"total", t.total}, {"known_bad_covered", t.killed},
            {"known_bad", by_case}};
}

std::string coverage_text() {
    const auto all = rule_coverage();
    std::string out;
    for (const RuleCoverage& c : all) {
        std::string where;
        if (!c.cases.empty()) {
            const auto k = killers(c);
            where = fmt::format("{}  [known-bad: {}]", fmt::join(c.cases, ", "),
                                k.empty() ? std::string("none") : fmt::format("{}", fmt::join(k, ", ")));
        }
        else if (c.untestable) where = fmt::format("not testable ({}): {}", to_string(c.untestable->why), c.untestable->reason);
        else where = "NOT COVERED";
        out += fmt::format("  {:<12} {:<5} {}\n", c.rule->id, c.rule->tags, where);
    }
    const Totals t = totals(all);
    return fmt::format("rule coverage: {} of {} testable rules cited by a case, {} of them killed by a known-bad "
                       "subject; {} rules cannot be checked against a DLL (reason given)\n",
                       t.covered, t.testable(), t.killed, t.untestable) +
           out;
}

}  // namespace rasconform::conformance
