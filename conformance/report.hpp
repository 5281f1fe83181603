// The report: one verdict per run, in text for people and JSON (schema 1)
// for machines. The JSON keys are stable; README.md documents them.
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

}  // namespace rasconform::conformance
