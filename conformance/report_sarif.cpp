// SARIF 2.1.0 (OASIS), the format code-scanning UIs read. The spec's rule IDs
// are the SARIF rules, so a failure shows up as "EXPORT-1: ..." with its
// rule text; each fail or warning is one result located in the DLL. Harness
// errors are tool notifications, not results: they say nothing of the DLL.
#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#include "conformance/report.hpp"
#include "rasconform/rules.hpp"
#include "rasconform/version.hpp"

namespace rasconform::conformance {
namespace {

// The rule a result is about: the first rule tag in the message ("[HANGUP-4]",
// "[REENTRY-1, REENTRY-5]") that the catalog knows, else the case's first rule.
std::string rule_of(const CaseResult& c) {
    static const std::regex tag(R"(\[([A-Z0-9]+-[0-9]+))");
    for (auto it = std::sregex_iterator(c.message.begin(), c.message.end(), tag); it != std::sregex_iterator(); ++it)
        if (find_rule((*it)[1].str())) return (*it)[1].str();
    return c.rules.empty() ? std::string() : c.rules.front();
}

nlohmann::json sarif_run(const Report& r) {
    using nlohmann::json;
    json rules = json::array();
    std::map<std::string, std::size_t> rule_index;
    auto index_of = [&](const std::string& id) {
        auto [it, added] = rule_index.try_emplace(id, rules.size());
        if (added) {
            const Rule* rule = find_rule(id);
            rules.push_back({{"id", id},
                             {"shortDescription", {{"text", rule ? std::string(rule->summary) : id}}},
                             {"properties", {{"provenance", rule ? std::string(rule->tags) : ""}}}});
        }
        return it->second;
    };
    json artifacts = json::array();
    for (const Subject& s : r.subjects)
        artifacts.push_back({{"location", {{"uri", s.path.generic_string()}}}, {"hashes", {{"sha-256", s.sha256}}}});
    // A chain's finding names the DLL whose code broke the rule first
    // (conformance/chain.hpp): the result is located in that DLL.
    auto culprit = [&](const CaseResult& c) {
        for (std::size_t i = 0; i < r.subjects.size(); ++i)
            if (c.message.starts_with(r.subjects[i].file_name)) return i;
        return std::size_t{0};
    };
    auto location = [&](std::size_t i) {
        const std::string uri = i < r.subjects.size() ? r.subjects[i].path.generic_string() : std::string();
        return json::array({{{"physicalLocation", {{"artifactLocation", {{"uri", uri}, {"index", i}}}}}}});
    };
    json results = json::array();
    json notifications = json::array();
    for (const CaseResult& c : r.cases) {
        for (const std::string& id : c.rules) index_of(id);
        if (c.status == Status::error) {
            json notification{{"level", "error"}, {"message", {{"text", c.id + ": " + c.message}}}};
            if (!c.output.empty()) notification["properties"] = {{"case", c.id}, {"output", to_json(c.output)}};
            notifications.push_back(std::move(notification));
            continue;
        }
        const bool unexpected = c.unexpected_pass();
        if (c.status != Status::fail && c.status != Status::warning && !unexpected) continue;
        const std::string id = rule_of(c);
        json result{{"ruleId", id},
                    {"ruleIndex", index_of(id)},
                    {"level", c.status == Status::warning ? "warning" : "error"},
                    {"message", {{"text", unexpected ? "unexpected pass: the baseline lists " + c.id +
                                                           " as a known failure (" + c.baseline +
                                                           "); remove it from the baseline"
                                                     : c.message}}},
                    {"locations", location(culprit(c))},
                    {"properties", {{"case", c.id}, {"profile", r.profile}, {"rules", c.rules}}}};
        // What the DLL wrote during the case, as in the JSON report's `output`.
        if (!c.output.empty()) result["properties"]["output"] = to_json(c.output);
        // Errata: suppressed with the baseline's reason, so scanning UIs file it away.
        if (c.known_failure())
            result["suppressions"] = json::array({{{"kind", "external"}, {"justification", c.baseline}}});
        results.push_back(std::move(result));
    }
    json invocation{{"executionSuccessful", notifications.empty()}};
    if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;
    json run{{"tool",
              {{"driver",
                {{"name", "rasconform"},
                 {"version", std::string(version)},
                 {"rules", rules}}}}},
             {"artifacts", artifacts},
             {"invocations", json::array({invocation})},
             {"results", results},
             {"properties", {{"profile", r.profile}}}};
    return run;
}

}  // namespace

nlohmann::json to_sarif(std::span<const Report> reports) {
    nlohmann::json runs = nlohmann::json::array();
    for (const Report& r : reports) runs.push_back(sarif_run(r));  // one run per profile
    return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"}, {"runs", runs}};
}

}  // namespace rasconform::conformance
