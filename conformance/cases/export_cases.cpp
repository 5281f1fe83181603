// Static cases on the export table (spec 3.2 EXPORT, 3.1 LOAD-8).
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "conformance/export_names.hpp"
#include "conformance/suite.hpp"

namespace rasconform::conformance {
namespace {

// Callouts present under any spelling; the spelling itself is LOAD-8's business.
std::set<Callout> present(const PeImage& pe, const Profile& profile) {
    std::set<Callout> s;
    for (const CalloutExport& e : callout_exports(pe))
        if (offers(profile, e.callout)) s.insert(e.callout);
    return s;
}

std::string names(const std::vector<Callout>& cs) {
    std::vector<std::string_view> v;
    for (Callout c : cs) v.push_back(info(c).name);
    return fmt::format("{}", fmt::join(v, ", "));
}

CaseInfo required_exports() {
    CaseInfo c{"export.required", {"EXPORT-1", "EXPORT-4"},
               "MprAdminAcceptNewLink, MprAdminLinkHangupNotification, MprAdminTerminateDll and "
               "MprAdminInitializeDll (or ...Ex) are exported",
               CaseKind::static_, {}, {}};
    c.run_static = [c](const Subject& s, const Profile& p) {
        auto have = present(s.pe, p);
        std::vector<Callout> missing;
        if (!have.count(Callout::InitializeDll) && !have.count(Callout::InitializeDllEx))
            missing.push_back(Callout::InitializeDll);
        for (Callout r : {Callout::TerminateDll, Callout::AcceptNewLink, Callout::LinkHangupNotification})
            if (!have.count(r)) missing.push_back(r);
        if (missing.empty()) return result_for(c, Status::pass, "all required callouts are exported");
        return result_for(c, Status::fail,
                          fmt::format("{}: required export{} {} missing; RRAS would not start [EXPORT-1]", s.file_name,
                                      missing.size() > 1 ? "s" : "", names(missing)));
    };
    return c;
}

CaseInfo accept_hangup_pair() {
    CaseInfo c{"export.accept-hangup-pair", {"EXPORT-2", "VARIANT-1"},
               "at least one complete accept/hang-up pair (1, 2, 3 or Ex) is exported",
               CaseKind::static_, {}, {}};
    c.run_static = [c](const Subject& s, const Profile& p) {
        auto have = present(s.pe, p);
        std::vector<std::string> complete, orphans;
        for (Variant v : all_variants) {
            Callout a = accept_callout(v), h = hangup_callout(v);
            if (!offers(p, a)) continue;
            bool ha = have.count(a) != 0, hh = have.count(h) != 0;
            if (ha && hh) complete.push_back(fmt::format("{}", to_string(v)));
            else if (ha) orphans.push_back(fmt::format("{} without {}", info(a).name, info(h).name));
            else if (hh) orphans.push_back(fmt::format("{} without {}", info(h).name, info(a).name));
        }
        if (!complete.empty())
            return result_for(c, Status::pass, fmt::format("complete pair(s): {}", fmt::join(complete, ", ")));
        std::string detail = orphans.empty() ? "no accept or hang-up callout at all"
                                             : fmt::format("only {}", fmt::join(orphans, "; "));
        return result_for(c, Status::fail,
                          fmt::format("{}: no complete accept/hang-up pair for {}: {}; RRAS would not start [EXPORT-2]",
                                      s.file_name, to_string(p.version), detail));
    };
    return c;
}

CaseInfo ip_pairs() {
    CaseInfo c{"export.ip-pairs", {"EXPORT-5", "EXPORT-6", "EXPORT-7", "IPV6-5"},
               "the IPv4 and IPv6 address pairs are exported whole or not at all (IPv4 mandatory on Windows 2000)",
               CaseKind::static_, {}, {}};
    c.run_static = [c](const Subject& s, const Profile& p) {
        auto have = present(s.pe, p);
        std::vector<std::string> problems;
        for (auto [get, rel] : {std::pair{Callout::GetIpAddressForUser, Callout::ReleaseIpAddress},
                                std::pair{Callout::GetIpv6AddressForUser, Callout::ReleaseIpv6AddressForUser}}) {
            bool g = have.count(get) != 0, r = have.count(rel) != 0;
            if (g != r)
                problems.push_back(fmt::format("{} is exported without {} [EXPORT-5]", info(g ? get : rel).name,
                                               info(g ? rel : get).name));
        }
        if (p.ipv4_pair_mandatory &&
            !(have.count(Callout::GetIpAddressForUser) && have.count(Callout::ReleaseIpAddress)))
            problems.push_back(fmt::format("{} requires the IPv4 pair [EXPORT-6]", to_string(p.version)));
        if (!problems.empty())
            return result_for(c, Status::fail, fmt::format("{}: {}", s.file_name, fmt::join(problems, "; ")));
        return result_for(c, Status::pass, "address pairs are complete or absent");
    };
    return c;
}

CaseInfo undecorated_names() {
    CaseInfo c{"export.undecorated-names", {"LOAD-8"},
               "callouts are exported under their plain names (no __stdcall decoration, no C++ mangling)",
               CaseKind::static_, {}, {}};
    c.run_static = [c](const Subject& s, const Profile&) {
        std::vector<std::string> bad;
        std::set<Callout> plain;
        for (const CalloutExport& e : callout_exports(s.pe))
            if (e.plain) plain.insert(e.callout);
        for (const CalloutExport& e : callout_exports(s.pe))
            if (!e.plain && !plain.count(e.callout))
                bad.push_back(fmt::format("{} (RRAS looks up {})", e.export_name, info(e.callout).name));
        if (bad.empty()) return result_for(c, Status::pass, "every callout export has its plain name");
        return result_for(c, Status::fail,
                          fmt::format("{}: decorated export name{} RRAS cannot find: {}; export through a .def file "
                                      "[LOAD-8]",
                                      s.file_name, bad.size() > 1 ? "s" : "", fmt::join(bad, ", ")));
    };
    return c;
}

// VERSION-2, LEGACY-1/5: the NT 4.0 RasAdmin* callouts are never called by
// Windows 2000 and later. A DLL with only those is an NT 4.0 DLL (it fails);
// one that has them beside the MprAdmin* set carries dead code (a warning).
CaseInfo legacy_interface() {
    CaseInfo c{"export.legacy-interface", {"VERSION-2", "LEGACY-1", "LEGACY-5"},
               "the DLL implements the MprAdmin* interface, not (only) the NT 4.0 RasAdmin* one",
               CaseKind::static_, {}, {}};
    c.run_static = [c](const Subject& s, const Profile&) {
        std::vector<std::string_view> legacy;
        bool modern = false;
        for (const CalloutExport& e : callout_exports(s.pe)) {
            if (info(e.callout).requirement == Requirement::legacy) legacy.push_back(info(e.callout).name);
            else modern = true;
        }
        if (legacy.empty()) return result_for(c, Status::pass, "no NT 4.0 RasAdmin* callouts exported");
        if (!modern)
            return result_for(c, Status::fail,
                              fmt::format("{}: exports only the NT 4.0 interface ({}); Windows 2000 and later call "
                                          "MprAdmin* callouts only, so this DLL is never called [VERSION-2]",
                                          s.file_name, fmt::join(legacy, ", ")));
        return result_for(c, Status::warning,
                          fmt::format("{}: also exports NT 4.0 callouts ({}) that no supported Windows calls "
                                      "[LEGACY-5]; dead code to remove",
                                      s.file_name, fmt::join(legacy, ", ")));
    };
    return c;
}

// EXPORT-3 [C]: one documentation page lists a reauthentication callout among
// the required exports, the other does not; RRAS starts without it as far as
// anyone knows. A warning on the profiles that have the callout.
CaseInfo reauthentication_export() {
    CaseInfo c{"export.reauthentication", {"EXPORT-3", "REAUTH-6"},
               "on Server 2008 and later the DLL exports MprAdminAcceptReauthentication or its Ex form (a warning: "
               "the documentation disagrees with itself)",
               CaseKind::static_, {}, {}};
    c.warning_only = true;
    c.applies = [](const Profile& p) { return p.reauth_export_required; };
    c.run_static = [c](const Subject& s, const Profile& p) {
        if (!p.reauth_export_required)
            return result_for(c, Status::not_applicable,
                              fmt::format("{} has no reauthentication callout [VERSION-1]", to_string(p.version)));
        auto have = present(s.pe, p);
        if (have.count(Callout::AcceptReauthentication) || have.count(Callout::AcceptReauthenticationEx))
            return result_for(c, Status::pass, "a reauthentication callout is exported");
        return result_for(c, Status::warning,
                          fmt::format("{}: exports neither MprAdminAcceptReauthentication nor "
                                      "MprAdminAcceptReauthenticationEx; one page of the documentation lists them as "
                                      "required [EXPORT-3], so an RRAS following it would not start",
                                      s.file_name));
    };
    return c;
}

}  // namespace

std::vector<CaseInfo> export_cases() {
    return {required_exports(), accept_hangup_pair(), ip_pairs(), undecorated_names(), legacy_interface(),
            reauthentication_export()};
}

}  // namespace rasconform::conformance
