#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "conformance/report.hpp"
#include "rasconform/outcome_json.hpp"
#include "rasconform/version.hpp"

namespace rasconform::conformance {

bool conformant(const Report& r) {
    // A run that kept going past a refused start never certifies a DLL.
    if (!rras_would_not_start(r).empty()) return false;
    for (const CaseResult& c : r.cases)
        if ((c.status == Status::fail && !c.known_failure()) || c.status == Status::error || c.unexpected_pass())
            return false;
    return true;
}

std::string rras_would_not_start(const Report& r) {
    for (const CaseResult& c : r.cases)
        if (!c.rras_would_not_start.empty()) return c.rras_would_not_start;
    return {};
}

nlohmann::json to_json(const DllOutput& o) {
    nlohmann::json lines = nlohmann::json::array();
    for (const OutputLine& l : o.lines)
        lines.push_back({{"source", to_string(l.source)}, {"dll", l.dll}, {"callout", l.callout}, {"text", l.text}});
    return {{"lines", lines}, {"lines_left_out", o.lines_left_out}, {"bytes_left_out", o.bytes_left_out}};
}

DllOutput dll_output_from_json(const nlohmann::json& j) {
    DllOutput o;
    for (const auto& l : j.at("lines")) {
        const auto source = parse_output_source(l.at("source").get<std::string>());
        if (!source) throw std::runtime_error("unknown output source " + l.at("source").get<std::string>());
        o.lines.push_back({*source, l.value("dll", ""), l.value("callout", ""), l.at("text").get<std::string>()});
    }
    o.lines_left_out = j.value("lines_left_out", std::size_t{0});
    o.bytes_left_out = j.value("bytes_left_out", std::size_t{0});
    return o;
}

nlohmann::json to_json(const CaseResult& c) {
    nlohmann::json trace = nlohmann::json::array();
    for (const TraceEvent& e : c.trace) trace.push_back(to_json(e));
    nlohmann::json j{{"id", c.id},           {"rules", c.rules}, {"status", to_string(c.status)},
                     {"message", c.message}, {"trace", trace},   {"duration_ms", static_cast<double>(c.duration_ns) / 1e6}};
    if (!c.rras_would_not_start.empty()) j["rras_would_not_start"] = c.rras_would_not_start;
    if (!c.baseline.empty())
        j["baseline"] = {{"reason", c.baseline},
                         {"outcome", c.known_failure()    ? "known failure"
                                     : c.unexpected_pass() ? "unexpected pass"
                                                           : "listed"}};
    if (!c.output.empty()) j["output"] = to_json(c.output);
    return j;
}

CaseResult case_from_json(const nlohmann::json& j) {
    CaseResult c;
    c.id = j.at("id").get<std::string>();
    c.rules = j.at("rules").get<std::vector<std::string>>();
    auto s = parse_status(j.at("status").get<std::string>());
    if (!s) throw std::runtime_error("unknown status " + j.at("status").get<std::string>());
    c.status = *s;
    c.message = j.at("message").get<std::string>();
    for (const auto& e : j.at("trace")) c.trace.push_back(trace_event_from_json(e));
    c.rras_would_not_start = j.value("rras_would_not_start", std::string());
    if (j.contains("baseline")) c.baseline = j["baseline"].at("reason").get<std::string>();
    if (j.contains("duration_ms")) c.duration_ns = static_cast<std::uint64_t>(j["duration_ms"].get<double>() * 1e6);
    if (j.contains("output")) c.output = dll_output_from_json(j["output"]);
    return c;
}

nlohmann::json to_json(const Report& r) {
    nlohmann::json subjects = nlohmann::json::array();
    for (const Subject& s : r.subjects) {
        const std::vector<std::string> exports = s.export_names();
        subjects.push_back({{"path", s.path.generic_string()},
                            {"sha256", s.sha256},
                            {"machine", s.machine()},
                            {"exports", exports}});
    }
    nlohmann::json cases = nlohmann::json::array();
    nlohmann::json summary{{"pass", 0}, {"fail", 0}, {"warning", 0}, {"not-applicable", 0}, {"error", 0}};
    for (const CaseResult& c : r.cases) {
        cases.push_back(to_json(c));
        summary[std::string(to_string(c.status))] = summary[std::string(to_string(c.status))].get<int>() + 1;
    }
    nlohmann::json j{{"schema", 1},         {"tool", "rasconform"},
                     {"version", version},  {"profile", r.profile},
                     {"subjects", subjects}, {"verdict", conformant(r) ? "pass" : "fail"},
                     {"cases", cases},      {"summary", summary}};
    if (std::string why = rras_would_not_start(r); !why.empty()) j["rras_would_not_start"] = why;
    if (!r.baseline.empty()) {
        int known = 0, unexpected = 0;
        for (const CaseResult& c : r.cases) known += c.known_failure(), unexpected += c.unexpected_pass();
        j["baseline"] = {{"file", r.baseline}, {"known_failures", known}, {"unexpected_passes", unexpected}};
    }
    return j;
}

std::string json_text(const nlohmann::json& j) {
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace rasconform::conformance
