#include "rasconform/outcome_json.hpp"

#include <cstdio>
#include <stdexcept>

#include "rasconform/callouts.hpp"

namespace rasconform {
namespace {

std::string hex(std::uint64_t v, const char* format) {
    char buf[24];
    std::snprintf(buf, sizeof buf, format, static_cast<unsigned long long>(v));
    return buf;
}

std::uint64_t parse_hex(const nlohmann::json& j) { return std::stoull(j.get<std::string>(), nullptr, 16); }

}  // namespace

void put_outcome(nlohmann::json& j, const CallOutcome& o) {
    j["outcome"] = to_string(o.kind);
    j["value"] = o.value;
    // ACCEPT-5: only present when the callout wrote an [in] argument.
    if (!o.input_writes.empty()) j["input_writes"] = o.input_writes;
    // SERIAL-6: only present when the callout made a call that may wait long.
    if (!o.blocking_calls.empty()) j["blocking_calls"] = o.blocking_calls;
    // HDR-2: only present when the callee's convention was not the one it was called with (x86).
    if (o.stack_imbalance) j["stack_imbalance"] = o.stack_imbalance;
    if (o.returned()) return;
    j["exception_code"] = hex(o.exception_code, "0x%08llX");
    j["fault_address"] = hex(o.fault_address, "0x%llx");
    j["where"] = o.where;
    j["detail"] = o.detail;
}

CallOutcome get_outcome(const nlohmann::json& j) {
    CallOutcome o;
    const std::string kind = j.at("outcome").get<std::string>();
    bool known = false;
    for (auto k : {CallOutcome::Kind::returned, CallOutcome::Kind::fault, CallOutcome::Kind::cxx_exception,
                   CallOutcome::Kind::timeout, CallOutcome::Kind::not_called, CallOutcome::Kind::process_ended})
        if (kind == to_string(k)) o.kind = k, known = true;
    if (!known) throw std::runtime_error("unknown call outcome \"" + kind + "\"");
    o.value = j.at("value").get<std::uint32_t>();
    if (j.contains("input_writes")) o.input_writes = j.at("input_writes").get<std::vector<std::string>>();
    if (j.contains("blocking_calls")) o.blocking_calls = j.at("blocking_calls").get<std::vector<std::string>>();
    if (j.contains("stack_imbalance")) o.stack_imbalance = j.at("stack_imbalance").get<std::int32_t>();
    if (o.returned()) return o;
    o.exception_code = static_cast<std::uint32_t>(parse_hex(j.at("exception_code")));
    o.fault_address = parse_hex(j.at("fault_address"));
    o.where = j.at("where").get<std::string>();
    o.detail = j.at("detail").get<std::string>();
    return o;
}

nlohmann::json to_json(const TraceEvent& e) {
    nlohmann::json j{{"seq", e.seq},
                     {"callout", info(e.callout).name},
                     {"dll", e.dll},
                     {"connection", hex(e.connection, "0x%llx")},
                     {"link", hex(e.link, "0x%llx")},
                     {"thread", hex(e.thread, "0x%llx")},
                     {"args", e.args},
                     {"start_ns", e.start_ns},
                     {"duration_ns", e.duration_ns}};
    put_outcome(j, e.outcome);
    return j;
}

TraceEvent trace_event_from_json(const nlohmann::json& j) {
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
    e.outcome = get_outcome(j);
    e.start_ns = j.at("start_ns").get<std::uint64_t>();
    e.duration_ns = j.at("duration_ns").get<std::uint64_t>();
    return e;
}

}  // namespace rasconform
