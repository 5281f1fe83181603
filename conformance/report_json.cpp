#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "conformance/report.hpp"
#include "rasconform/version.hpp"

namespace rasconform::conformance {

bool conformant(const Report& r) {
    for (const CaseResult& c : r.cases)
        if (c.status == Status::fail || c.status == Status::error) return false;
    return true;
}

nlohmann::json to_json(const TraceEvent& e) {
    nlohmann::json j{{"seq", e.seq},
                     {"callout", info(e.callout).name},
                     {"dll", e.dll},
                     {"connection", fmt::format("0x{:x}", e.connection)},
                     {"link", fmt::format("0x{:x}", e.link)},
                     {"thread", fmt::format("0x{:x}", e.thread)},
                     {"args", e.args},
                     {"outcome", to_string(e.outcome.kind)},
                     {"value", e.outcome.value},
                     {"start_ns", e.start_ns},
                     {"duration_ns", e.duration_ns}};
    if (!e.outcome.returned()) {
        j["exception_code"] = fmt::format("0x{:08X}", e.outcome.exception_code);
        j["fault_address"] = fmt::format("0x{:x}", e.outcome.fault_address);
        j["where"] = e.outcome.where;
        j["detail"] = e.outcome.detail;
    }
    // ACCEPT-5: only present when the callout wrote an [in] argument.
    if (!e.outcome.input_writes.empty()) j["input_writes"] = e.outcome.input_writes;
    return j;
}

namespace {

std::uint64_t parse_hex(const nlohmann::json& j) { return std::stoull(j.get<std::string>(), nullptr, 16); }

TraceEvent event_from_json(const nlohmann::json& j) {
    TraceEvent e;
    e.seq = j.at("seq").get<std::uint64_t>();
    auto c = find_callout(j.at("callout").get<std::string>());
    if (!c) throw std::runtime_error("unknown callout in trace: " + j.at("callout").get<std::string>());
    e.callout = *c;
    e.dll = j.at("dll").get<std::string>();
    e.connection = parse_hex(j.at("connection"));
    e.link = parse_hex(j.at("link"));
    e.thread = parse_hex(j.at("thread"));
    e.args = j.at("args").get<std::string>();
    std::string kind = j.at("outcome").get<std::string>();
    e.outcome.kind = CallOutcome::Kind::returned;
    for (auto k : {CallOutcome::Kind::fault, CallOutcome::Kind::cxx_exception, CallOutcome::Kind::timeout,
                   CallOutcome::Kind::not_called})
        if (kind == to_string(k)) e.outcome.kind = k;
    e.outcome.value = j.at("value").get<std::uint32_t>();
    e.start_ns = j.at("start_ns").get<std::uint64_t>();
    e.duration_ns = j.at("duration_ns").get<std::uint64_t>();
    if (!e.outcome.returned()) {
        e.outcome.exception_code = static_cast<std::uint32_t>(parse_hex(j.at("exception_code")));
        e.outcome.fault_address = parse_hex(j.at("fault_address"));
        e.outcome.where = j.at("where").get<std::string>();
        e.outcome.detail = j.at("detail").get<std::string>();
    }
    if (j.contains("input_writes")) e.outcome.input_writes = j.at("input_writes").get<std::vector<std::string>>();
    return e;
}

}  // namespace

nlohmann::json to_json(const CaseResult& c) {
    nlohmann::json trace = nlohmann::json::array();
    for (const TraceEvent& e : c.trace) trace.push_back(to_json(e));
    return {{"id", c.id}, {"rules", c.rules}, {"status", to_string(c.status)}, {"message", c.message},
            {"trace", trace}};
}

CaseResult case_from_json(const nlohmann::json& j) {
    CaseResult c;
    c.id = j.at("id").get<std::string>();
    c.rules = j.at("rules").get<std::vector<std::string>>();
    auto s = parse_status(j.at("status").get<std::string>());
    if (!s) throw std::runtime_error("unknown status " + j.at("status").get<std::string>());
    c.status = *s;
    c.message = j.at("message").get<std::string>();
    for (const auto& e : j.at("trace")) c.trace.push_back(event_from_json(e));
    return c;
}

nlohmann::json to_json(const Report& r) {
    nlohmann::json subjects = nlohmann::json::array();
    for (const Subject& s : r.subjects) {
        std::vector<std::string> exports;
        for (const PeExport& e : s.pe.exports) exports.push_back(e.name);
        subjects.push_back({{"path", s.path.generic_string()},
                            {"sha256", s.sha256},
                            {"machine", machine_name(s.pe.machine)},
                            {"exports", exports}});
    }
    nlohmann::json cases = nlohmann::json::array();
    nlohmann::json summary{{"pass", 0}, {"fail", 0}, {"warning", 0}, {"not-applicable", 0}, {"error", 0}};
    for (const CaseResult& c : r.cases) {
        cases.push_back(to_json(c));
        summary[std::string(to_string(c.status))] = summary[std::string(to_string(c.status))].get<int>() + 1;
    }
    return {{"schema", 1},         {"tool", "rasconform"},
            {"version", version},  {"profile", r.profile},
            {"subjects", subjects}, {"verdict", conformant(r) ? "pass" : "fail"},
            {"cases", cases},      {"summary", summary}};
}

}  // namespace rasconform::conformance
