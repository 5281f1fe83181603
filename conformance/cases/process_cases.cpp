// PROC-1..3, IPADDR-10: RRAS runs the IP address callouts in one process and
// the connection notifications in another, so a DLL cannot share memory
// between the two groups. The case plays the same connection with the
// groups together and split (a second instance of the DLL takes the address
// callouts) and fails if the DLL behaves differently: that difference is
// memory it expected to share.
#include <fmt/format.h>

#include <algorithm>

#include "conformance/scenario.hpp"
#include "conformance/suite.hpp"

namespace rasconform::conformance {
namespace {

struct Played {
    ScenarioOutcome outcome;
    bool admitted = false;
};

Played play(DynamicContext& ctx, bool split) {
    Played p;
    ScenarioSpec spec;
    spec.split = split;
    spec.body = [&](mock::Service& s) {
        ConnectionModel m;
        m.links.push_back(LinkModel{});
        mock::ConnectResult r = s.connect(m);
        p.admitted = r.admitted;
        if (r.admitted) s.hang_up(r.connection);
    };
    p.outcome = run_scenario(ctx, std::move(spec));
    return p;
}

CaseInfo split_state() {
    CaseInfo c{"process.split-ip-state", {"PROC-1", "PROC-2", "PROC-3", "IPADDR-10", "INIT-5"},
               "the DLL behaves the same when its IP address callouts run in another process (no shared memory "
               "between the two groups)",
               CaseKind::dynamic, {}, {}};
    c.run_dynamic = [c](DynamicContext& ctx) {
        if (!ctx.open_ip_instance)
            return result_for(c, Status::not_applicable, "this backend cannot load a second instance of the DLL");
        Played together = play(ctx, false);
        Played apart = play(ctx, true);
        if (!apart.outcome.split && apart.outcome.loaded)
            return result_for(c, Status::not_applicable,
                              "the DLL has no address callouts, so nothing of it runs in the other process");
        if (!together.outcome.start.started || !apart.outcome.start.started)
            return not_started(c, together.outcome.start.started ? apart.outcome : together.outcome);
        const bool asked = std::any_of(apart.outcome.trace.begin(), apart.outcome.trace.end(), [&](const TraceEvent& e) {
            return of_subject(e, ctx.subject_name) &&
                   (e.callout == Callout::GetIpAddressForUser || e.callout == Callout::GetIpv6AddressForUser);
        });
        if (!asked)
            if (std::string elsewhere = address_callouts_elsewhere(apart.outcome.trace, ctx.subject_name);
                !elsewhere.empty())
                return result_for(c, Status::not_applicable, elsewhere);
        CaseResult r;
        const TraceEvent* fault_apart = first_fault(apart.outcome.trace, ctx.subject_name);
        const TraceEvent* fault_together = first_fault(together.outcome.trace, ctx.subject_name);
        if (fault_apart && !fault_together)
            r = result_for(c, Status::fail,
                           fault_message(*fault_apart) +
                               " - only when the address callouts run in another process [PROC-1, PROC-3]");
        else if (together.admitted != apart.admitted)
            r = result_for(c, Status::fail,
                           fmt::format("{}: {} the connection when the address callouts share its process but {} it "
                                       "when they run in another one, as RRAS runs them: it relies on memory shared "
                                       "between the two groups [PROC-1, PROC-3, IPADDR-10]",
                                       ctx.subject_name, together.admitted ? "accepts" : "refuses",
                                       apart.admitted ? "accepts" : "refuses"));
        else
            r = result_for(c, Status::pass, "same behaviour with the address callouts in a separate instance");
        r.trace = apart.outcome.trace;
        return r;
    };
    return c;
}

}  // namespace

std::vector<CaseInfo> process_cases() { return {split_state()}; }

}  // namespace rasconform::conformance
