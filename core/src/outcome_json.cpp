#include "rasconform/outcome_json.hpp"

#include <cstdio>
#include <stdexcept>

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
    if (o.returned()) return o;
    o.exception_code = static_cast<std::uint32_t>(parse_hex(j.at("exception_code")));
    o.fault_address = parse_hex(j.at("fault_address"));
    o.where = j.at("where").get<std::string>();
    o.detail = j.at("detail").get<std::string>();
    return o;
}

}  // namespace rasconform
