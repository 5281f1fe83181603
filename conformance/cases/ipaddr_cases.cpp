// IPADDR-3: bNotifyRelease is [out]; a Get that succeeds must always write it
// (TRUE to be told of the release, FALSE otherwise). IPV6-3 and IPV6-1 give
// the IPv6 Get the same parameter and model. The engine pre-fills it with a
// sentinel and reports a Get that returns NO_ERROR leaving it (Diagnostic).
// The scenario asks for addresses with RRAS's choice and with 0 on entry
// (IPADDR-2: the DLL must then allocate), since DLLs often take different
// paths for the two.
#include <fmt/format.h>

#include <algorithm>

#include "conformance/scenario.hpp"
#include "conformance/suite.hpp"

namespace rasconform::conformance {
namespace {

void both_entry_values(mock::Service& s) {
    ConnectionModel chosen;  // RRAS passes the address it picked
    chosen.links.push_back(LinkModel{});
    ConnectionModel zero;  // RRAS passes 0: the DLL allocates
    zero.user = u"bob";
    zero.client_ipv4 = {0, 0, 0, 0};
    zero.ipv6_offered = false;  // IPV6-1: no IPv6 choice either
    zero.links.push_back(LinkModel{});
    zero.links.front().port_name = u"VPN1-1";
    for (ConnectionModel* m : {&chosen, &zero}) {
        mock::ConnectResult r = s.connect(*m);
        if (r.admitted) s.hang_up(r.connection);
    }
}

// Why the subject got no address callouts: it has none the engine calls,
// or another DLL of the chain takes them.
std::string no_address_callouts(const DynamicContext& ctx, const ScenarioOutcome& o) {
    std::string elsewhere = address_callouts_elsewhere(o.trace, ctx.subject_name);
    return !elsewhere.empty() ? elsewhere
                              : fmt::format("{} has no address callouts the engine calls under profile {}",
                                            ctx.subject_name, ctx.profile.name);
}

CaseInfo notify_release_written() {
    CaseInfo c{"ipaddr.notify-release-written", {"IPADDR-3", "IPV6-3"},
               "a Get address callout that returns NO_ERROR always writes *bNotifyRelease (it is [out])",
               CaseKind::dynamic, {}, {}};
    c.run_dynamic = [c](DynamicContext& ctx) {
        ScenarioSpec spec;
        spec.body = both_entry_values;
        ScenarioOutcome o = run_scenario(ctx, std::move(spec));
        bool asked = false;
        for (const TraceEvent& ev : o.trace)
            asked |= of_subject(ev, ctx.subject_name) &&
                     (ev.callout == Callout::GetIpAddressForUser || ev.callout == Callout::GetIpv6AddressForUser);
        if (o.start.started && !asked)
            return result_for(c, Status::not_applicable, no_address_callouts(ctx, o));
        std::vector<std::string> findings;
        for (const mock::Diagnostic& d : o.diagnostics)
            if ((d.rule == "IPADDR-3" || d.rule == "IPV6-3") &&
                (d.dll == ctx.subject_name || d.dll == ip_instance_name(ctx.subject_name)))
                if (std::find(findings.begin(), findings.end(), d.message + " [" + d.rule + "]") == findings.end())
                    findings.push_back(d.message + " [" + d.rule + "]");
        std::string failure;
        if (!findings.empty()) failure = fmt::format("{}", fmt::join(findings, "; "));
        return conclude(c, o, failure, "every successful Get wrote *bNotifyRelease");
    };
    return c;
}

// IPADDR-2, IPV6-1: RRAS passes 0 when it has no address for the user; the
// DLL must then store one. Returning NO_ERROR and leaving 0 claims success
// while the user cannot connect (refusing is done with an error code,
// IPADDR-4, IPV6-4).
CaseInfo address_assigned() {
    CaseInfo c{"ipaddr.address-assigned", {"IPADDR-2", "IPV6-1"},
               "a Get address callout (IPv4 or IPv6) given 0 on entry stores an address or returns an error, never "
               "NO_ERROR with 0",
               CaseKind::dynamic, {}, {}};
    c.run_dynamic = [c](DynamicContext& ctx) {
        ScenarioSpec spec;
        spec.body = both_entry_values;
        ScenarioOutcome o = run_scenario(ctx, std::move(spec));
        const bool asked = std::any_of(o.trace.begin(), o.trace.end(), [&](const TraceEvent& ev) {
            return of_subject(ev, ctx.subject_name) &&
                   (ev.callout == Callout::GetIpAddressForUser || ev.callout == Callout::GetIpv6AddressForUser);
        });
        if (o.start.started && !asked)
            return result_for(c, Status::not_applicable, no_address_callouts(ctx, o));
        std::vector<std::string> failures;
        for (const char* rule : {"IPADDR-2", "IPV6-1"})
            for (const mock::Diagnostic& d : o.diagnostics)
                if (d.rule == rule && (d.dll == ctx.subject_name || d.dll == ip_instance_name(ctx.subject_name))) {
                    failures.push_back(fmt::format("{} [{}]", d.message, rule));
                    break;
                }
        return conclude(c, o, fmt::format("{}", fmt::join(failures, "; ")),
                        "given 0, the Get callouts stored an address (or refused with an error)");
    };
    return c;
}

}  // namespace

std::vector<CaseInfo> ipaddr_cases() { return {notify_release_written(), address_assigned()}; }

}  // namespace rasconform::conformance
