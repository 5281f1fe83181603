#include "conformance/catalog.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "conformance/suite.hpp"
#include "rasconform/profile.hpp"
#include "rasconform/rules.hpp"

namespace rasconform::conformance {

namespace {

std::string_view kind_name(const CaseInfo& c) { return c.kind == CaseKind::static_ ? "static" : "dynamic"; }

}  // namespace

nlohmann::json catalog_json() {
    nlohmann::json cases = nlohmann::json::array();
    for (const CaseInfo& c : all_cases()) {
        std::vector<std::string> rules(c.rules.begin(), c.rules.end()), under;
        for (const Profile& p : profiles())
            if (applies_under(c, p)) under.emplace_back(p.name);
        cases.push_back({{"id", c.id},
                         {"kind", kind_name(c)},
                         {"rules", rules},
                         {"summary", c.summary},
                         {"warning_only", c.warning_only},
                         {"profiles", under}});
    }
    nlohmann::json rules = nlohmann::json::array();
    for (const Rule& r : rule_catalog()) rules.push_back({{"id", r.id}, {"tags", r.tags}, {"summary", r.summary}});
    nlohmann::json profile_list = nlohmann::json::array();
    for (const Profile& p : profiles()) profile_list.push_back({{"name", p.name}, {"windows", to_string(p.version)}});
    return {{"schema", 1}, {"cases", cases}, {"rules", rules}, {"profiles", profile_list}};
}

std::string catalog_text() {
    std::string out = "cases:\n";
    for (const CaseInfo& c : all_cases())
        out += fmt::format("  {:<32} {:<7} [{}]\n      {}\n", c.id, kind_name(c), fmt::join(c.rules, ", "), c.summary);
    out += "profiles:\n";
    for (const Profile& p : profiles())
        out += fmt::format("  {:<10} {}{}\n", p.name, to_string(p.version), &p == &default_profile() ? " (default)" : "");
    return out;
}

}  // namespace rasconform::conformance
