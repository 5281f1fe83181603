#include "conformance/inspect.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>

#include "conformance/dependencies.hpp"
#include "conformance/export_names.hpp"
#include "conformance/scenario.hpp"  // hex
#include "conformance/suite.hpp"
#include "rasconform/forbidden_calls.hpp"

namespace rasconform::conformance {
namespace {

using nlohmann::json;

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// "complete", "half" or "absent" for a pair of callouts RRAS finds by name.
std::string pair_state(const std::map<Callout, bool>& plain, Callout a, Callout b) {
    const bool ha = plain.count(a) != 0, hb = plain.count(b) != 0;
    return ha && hb ? "complete" : ha || hb ? "half" : "absent";
}

}  // namespace

json inspect(const Subject& s) {
    std::map<std::string, const CalloutExport*> by_name;
    const std::vector<CalloutExport> callouts = callout_exports(s.pe);
    for (const CalloutExport& c : callouts) by_name[c.export_name] = &c;

    json exports = json::array();
    for (const PeExport& e : s.pe.exports) {
        json x{{"ordinal", e.ordinal}, {"name", e.name}, {"rva", hex(e.rva)}};
        if (e.forwarded) x["forwarded_to"] = e.forwarder;
        if (auto it = by_name.find(e.name); it != by_name.end()) {
            x["callout"] = info(it->second->callout).name;
            x["found_by_rras"] = it->second->plain;  // LOAD-8: only the exact, undecorated name
        }
        exports.push_back(x);
    }

    std::map<Callout, bool> plain;
    json unreachable = json::array();
    for (const CalloutExport& c : callouts) {
        if (c.plain) plain[c.callout] = true;
        else unreachable.push_back({{"export", c.export_name}, {"callout", info(c.callout).name}, {"rule", "LOAD-8"}});
    }
    json present = json::array();
    for (const CalloutInfo& c : callout_catalog())
        if (plain.count(c.id)) present.push_back({{"name", c.name}, {"since", to_string(c.since)}});

    json variants = json::object();
    for (Variant v : all_variants)
        variants[std::string(to_string(v))] = pair_state(plain, accept_callout(v), hangup_callout(v));

    json imports = json::array();
    json risks = json::array();
    for (const PeImport& imp : s.pe.imports) {
        std::string origin = system_dll(imp.dll)          ? "windows"
                             : vc_runtime(imp.dll)        ? "visual c++ runtime"
                             : ships_beside(s, imp.dll)   ? "beside the dll"
                                                          : "missing";
        imports.push_back({{"dll", imp.dll}, {"functions", imp.functions}, {"by_ordinal", imp.by_ordinal},
                           {"origin", origin}});
        if (origin == "missing")
            risks.push_back({{"rule", "LOAD-7"},
                             {"text", imp.dll + " is neither a Windows DLL nor beside the admin DLL: loading fails"}});
        if (lower(imp.dll) == "mprapi.dll")
            for (const std::string& fn : imp.functions)
                if (is_reentry_forbidden(fn))
                    risks.push_back({{"rule", "REENTRY-1"},
                                     {"text", "imports " + fn + ": it must never be called from inside a callout "
                                                                "(it does not return there); call it from a thread "
                                                                "of the DLL"}});
    }

    // "Required sets per profile": the static cases under each profile.
    json per_profile = json::array();
    for (const Profile& p : profiles()) {
        json failing = json::array();
        for (const CaseResult& r : run_static_cases(s, p))
            if (r.status == Status::fail || r.status == Status::error)
                failing.push_back({{"case", r.id}, {"message", r.message}});
        per_profile.push_back({{"profile", p.name}, {"windows", to_string(p.version)},
                               {"static_verdict", failing.empty() ? "pass" : "fail"}, {"failing", failing}});
    }

    return {{"schema", 1},
            {"path", s.path.generic_string()},
            {"sha256", s.sha256},
            {"machine", machine_name(s.pe.machine)},
            {"format", s.pe.pe32_plus ? "PE32+" : "PE32"},
            {"exports", exports},
            {"unnamed_exports", s.pe.unnamed_exports},
            {"callouts", present},
            {"callouts_rras_cannot_find", unreachable},
            {"variants", variants},
            {"ipv4_pair", pair_state(plain, Callout::GetIpAddressForUser, Callout::ReleaseIpAddress)},
            {"ipv6_pair", pair_state(plain, Callout::GetIpv6AddressForUser, Callout::ReleaseIpv6AddressForUser)},
            {"imports", imports},
            {"risks", risks},
            {"profiles", per_profile}};
}

std::string inspect_text(const json& j) {
    std::string out = fmt::format("{} ({} {}, sha256 {})\n", j["path"].get<std::string>(),
                                  j["machine"].get<std::string>(), j["format"].get<std::string>(),
                                  j["sha256"].get<std::string>());
    out += fmt::format("exports ({} named, {} by ordinal only):\n", j["exports"].size(),
                       j["unnamed_exports"].get<std::uint32_t>());
    for (const json& e : j["exports"]) {
        std::string note;
        if (e.contains("callout"))
            note = e["found_by_rras"].get<bool>() ? "  callout"
                                                  : "  NOT FOUND BY RRAS: decorated " +
                                                        e["callout"].get<std::string>() + " [LOAD-8]";
        if (e.contains("forwarded_to")) note += "  -> " + e["forwarded_to"].get<std::string>();
        out += fmt::format("  @{:<4} {:<48} {}{}\n", e["ordinal"].get<std::uint32_t>(), e["name"].get<std::string>(),
                           e["rva"].get<std::string>(), note);
    }
    out += "accept/hang-up variants:";
    for (const auto& [v, state] : j["variants"].items()) out += fmt::format(" {}={}", v, state.get<std::string>());
    out += fmt::format("\naddress pairs: ipv4={} ipv6={}\n", j["ipv4_pair"].get<std::string>(),
                       j["ipv6_pair"].get<std::string>());
    out += "imports:\n";
    for (const json& i : j["imports"])
        out += fmt::format("  {:<28} {:<20} {} function{}\n", i["dll"].get<std::string>(),
                           i["origin"].get<std::string>(), i["functions"].size(), i["functions"].size() == 1 ? "" : "s");
    if (!j["risks"].empty()) {
        out += "risks:\n";
        for (const json& r : j["risks"])
            out += fmt::format("  [{}] {}\n", r["rule"].get<std::string>(), r["text"].get<std::string>());
    }
    out += "static verdict per profile:\n";
    for (const json& p : j["profiles"]) {
        std::vector<std::string> ids;
        for (const json& f : p["failing"]) ids.push_back(f["case"].get<std::string>());
        out += fmt::format("  {:<10} {}{}\n", p["profile"].get<std::string>(), p["static_verdict"].get<std::string>(),
                           ids.empty() ? std::string() : fmt::format(" ({})", fmt::join(ids, ", ")));
    }
    return out;
}

}  // namespace rasconform::conformance
