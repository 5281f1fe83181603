// The report: one verdict per run, in text for people, JSON (schema 1) for
// machines, JUnit XML for CI test views and SARIF for code-scanning UIs. The JSON keys are stable; README.md documents them.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "conformance/case.hpp"

namespace rasconform::conformance {

struct Report {
    std::string profile;
    std::vector<Subject> subjects;
    std::vector<CaseResult> cases;
};

// pass iff no case failed or errored (warnings and not-applicable pass).
bool conformant(const Report& r);

nlohmann::json to_json(const Report& r);
nlohmann::json to_json(const CaseResult& c);
nlohmann::json to_json(const TraceEvent& e);
// One trace event as a line: "#12  +1.204ms  x.dll  MprAdminAcceptNewLink  user=alice port=VPN1-0 -> returned 1".
std::string to_text(const TraceEvent& e);
// The inverse, for results coming back from the agent; throws on a malformed document.
CaseResult case_from_json(const nlohmann::json& j);

std::string to_text(const Report& r, bool colour);
// JUnit XML: one testcase per case (fail -> failure, error -> error,
// not-applicable -> skipped).
std::string to_junit(const Report& r);
// SARIF 2.1.0: the spec's rule IDs as SARIF rules, one result per fail or warning.
nlohmann::json to_sarif(const Report& r);

}  // namespace rasconform::conformance
