// ROBUST-1: no callout lets an exception escape. The case has its own
// scenario (multilink, a mid-connection link drop, overlapping connections,
// edge-length strings) and also collects every fault the other dynamic cases
// saw, so its verdict covers the whole run.
#include <fmt/format.h>

#include "conformance/scenario.hpp"
#include "conformance/suite.hpp"

namespace rasconform::conformance {

CaseInfo robust_no_fault_case();

namespace {

void edge_scenario(mock::Service& s) {
    ConnectionModel multi;
    multi.user = u"bob";
    multi.links.push_back(LinkModel{});
    mock::ConnectResult a = s.connect(multi);

    ConnectionModel edge;  // ROBUST-6 edge values: maximum-length user, empty domain
    edge.user = std::u16string(winabi::UNLEN, u'u');
    edge.domain.clear();
    edge.remote_computer = std::u16string(winabi::NETBIOS_NAME_LEN, u'C');
    edge.tunnel = TunnelType::ikev2;
    edge.links.push_back(LinkModel{});
    mock::ConnectResult b = s.connect(edge);

    if (a.admitted) {
        LinkModel second;
        second.port_name = u"VPN1-1";
        LinkModel third;
        third.port_name = u"VPN1-2";
        s.add_link(a.connection, second);
        s.add_link(a.connection, third);
    }
    if (b.admitted) s.hang_up(b.connection);
    if (a.admitted) s.hang_up(a.connection);  // three link hang-ups, then the hang-up (ORDER-6)
}

}  // namespace

std::vector<CaseInfo> robust_cases() { return {robust_no_fault_case()}; }

CaseInfo robust_no_fault_case() {
    CaseInfo c{"robust.no-fault", {"ROBUST-1", "ROBUST-2"},
               "every callout returns, promptly: no structured or C++ exception escapes, none hangs past the "
               "budget, in this case's multilink and edge-value scenario or anywhere else in the run",
               CaseKind::dynamic, {}, {}};
    c.run_dynamic = [c](DynamicContext& ctx) {
        ScenarioSpec spec;
        spec.body = edge_scenario;
        ScenarioOutcome o = run_scenario(ctx, std::move(spec));
        std::vector<std::string> faults;
        if (const TraceEvent* f = first_fault(o.trace, ctx.subject_name)) faults.push_back(fault_message(*f));
        if (ctx.earlier) {
            for (const CaseResult& r : *ctx.earlier)
                if (const TraceEvent* f = first_fault(r.trace, ctx.subject_name))
                    faults.push_back(fmt::format("in {}: {}", r.id, fault_message(*f)));
        }
        std::string failure;
        if (!faults.empty())
            failure = fmt::format("{} fault{}: {}", faults.size(), faults.size() > 1 ? "s" : "", fmt::join(faults, "; "));
        return conclude(c, o, failure, "every callout returned normally");
    };
    return c;
}

}  // namespace rasconform::conformance
