// The report: one verdict per run, in text for people, JSON (schema 1) for
// machines, JUnit XML for CI test views, SARIF for code-scanning UIs and HTML for browsers. The JSON keys are stable; README.md documents them.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include "rasconform/outcome_json.hpp"

#include "conformance/case.hpp"

namespace rasconform::conformance {

struct Report {
    std::string profile;
    std::vector<Subject> subjects;
    std::vector<CaseResult> cases;
    std::string baseline;  // the baseline file applied, if any
};

// "a.dll + b.dll": how reports and progress name the DLLs of a run, a chain
// checked as one DLLPath (one DLL: its file name).
std::string subjects_label(std::span<const Subject> subjects);

// pass iff no case failed (other than a known failure of the baseline) or
// errored, and no case the baseline lists passed unexpectedly (warnings and
// not-applicable pass).
bool conformant(const Report& r);
// Why RRAS would not have started the service, when the run kept going
// past that (check --keep-going); empty otherwise. Such a run is never conformant.
std::string rras_would_not_start(const Report& r);

nlohmann::json to_json(const Report& r);
// A JSON document as text, indented. Strings from the DLL (export names,
// messages quoting them) may not be UTF-8: invalid bytes become U+FFFD
// instead of failing the whole report.
std::string json_text(const nlohmann::json& j);
nlohmann::json to_json(const CaseResult& c);
// Trace events: rasconform::to_json / trace_event_from_json (outcome_json.hpp).
using rasconform::to_json;
// One trace event as a line: "#12  +1.204ms  x.dll  MprAdminAcceptNewLink  user=alice port=VPN1-0 -> returned 1".
std::string to_text(const TraceEvent& e);
// The inverse, for results coming back from the agent; throws on a malformed document.
CaseResult case_from_json(const nlohmann::json& j);
// A case's `output` (what the DLL wrote) and back; the reader throws on a malformed one.
nlohmann::json to_json(const DllOutput& o);
DllOutput dll_output_from_json(const nlohmann::json& j);

std::string to_text(const Report& r, bool colour);
// JUnit XML: one testsuite per report (profile), one testcase per case (fail -> failure, error -> error,
// not-applicable -> skipped).
std::string to_junit(std::span<const Report> reports);
// SARIF 2.1.0: one run per report; the spec's rule IDs as SARIF rules, one
// result per fail or warning (known failures suppressed with their reason).
nlohmann::json to_sarif(std::span<const Report> reports);
// HTML: one self-contained page (inline CSS and SVG, no scripts): summary,
// every case, and a sequence diagram of the callouts of each failure, warning
// and error.
std::string to_html(std::span<const Report> reports);

}  // namespace rasconform::conformance
