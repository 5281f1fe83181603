// Dynamic cases on the service and connection life (spec 3.3 INIT/TERM,
// 3.5 ORDER, 3.8 HANGUP).
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "conformance/scenario.hpp"
#include "rasconform/deployment.hpp"
#include "conformance/suite.hpp"
#include "mock/stub_admin_dll.hpp"

namespace rasconform::conformance {
namespace {

CaseInfo init_terminate() {
    CaseInfo c{"lifecycle.init-terminate", {"INIT-3", "EX-5", "TERM-1", "TERM-2"},
               "Init returns NO_ERROR at service start and Terminate is called and returns at service stop",
               CaseKind::dynamic, {}, {}};
    c.run_dynamic = [c](DynamicContext& ctx) {
        ScenarioOutcome o = run_scenario(ctx, {});
        CaseResult r;
        // --keep-going starts the service anyway; the refusal is still the finding.
        if (o.start.refused()) {
            bool init_failed = std::find(o.start.rules.begin(), o.start.rules.end(), "INIT-3") != o.start.rules.end();
            if (o.start.despite_refusal && !init_failed) {
                // A required export is missing: RRAS refuses the DLL before any Init.
                r = result_for(c, Status::fail,
                               fmt::format("{}; RRAS would not start the service, so no Init or Terminate is "
                                           "called [{}]",
                                           o.start.reason, fmt::join(o.start.rules, ", ")));
                r.trace = o.trace;
                return r;
            }
            if (!o.loaded || !init_failed) return not_started(c, o);
            // EX-5: the Ex form fails the start the same way.
            const bool ex = std::any_of(o.trace.begin(), o.trace.end(), [&](const TraceEvent& e) {
                return e.dll == ctx.subject_name && e.callout == Callout::InitializeDllEx;
            });
            // PROC-1: which of RRAS's two processes the failing Init ran in.
            const bool in_ip_process = o.start.reason.find(ip_instance_name(ctx.subject_name)) != std::string::npos;
            const std::string process = !o.split      ? ""
                                        : in_ip_process ? " in the IP-address process"
                                                        : " in the connection process";
            std::string finding = fmt::format("{}{}; expected NO_ERROR (0), so RRAS would not start [{}]",
                                              o.start.reason, process, ex ? "EX-5" : "INIT-3");
            // What the DLL could have read at Init (deployment as installed).
            if (!deployment_in_force().empty()) finding += "; the run's registry: " + deployment_in_force();
            // Only the IP instance failed, and that instance was a copy of the
            // DLL elsewhere: its Init may have looked for what RRAS would have
            // had beside the real file. Not the DLL's fault as far as we know.
            const bool only_the_copy = !o.ip_instance_note.empty() && in_ip_process;
            r = only_the_copy ? result_for(c, Status::error,
                                           fmt::format("{} - but {}; run with the default isolation to judge it",
                                                       finding, o.ip_instance_note))
                              : result_for(c, Status::fail, finding);
        } else if (const TraceEvent* f = first_fault(o.trace, ctx.subject_name)) {
            r = result_for(c, Status::fail, fault_message(*f));
        } else {
            auto term = std::find_if(o.trace.begin(), o.trace.end(), [&](const TraceEvent& e) {
                return e.dll == ctx.subject_name && e.callout == Callout::TerminateDll;
            });
            if (term == o.trace.end())
                r = result_for(c, Status::error, "the engine did not reach MprAdminTerminateDll");
            else if (term->outcome.value != 0)
                r = result_for(c, Status::warning,
                               fmt::format("{}: MprAdminTerminateDll returned {} instead of NO_ERROR; RRAS ignores "
                                           "it [TERM-2]",
                                           ctx.subject_name, term->outcome.value));
            else
                r = result_for(c, Status::pass, "Init returned NO_ERROR; Terminate was called and returned NO_ERROR");
        }
        r.trace = o.trace;
        return r;
    };
    return c;
}

// ORDER-3 and ORDER-6 seen in a trace: no link callout after a rejected
// accept, and no link hang-up after the connection hang-up. The engine makes
// the calls; checking its own trace keeps the engine honest.
std::string order_violation(const Trace& t, std::string_view dll) {
    bool rejected = false, hung_up = false;
    for (const TraceEvent& e : t) {
        if (e.dll != dll) continue;
        if (is_accept(e.callout)) rejected = e.outcome.returned() && e.outcome.value == 0;
        if (e.callout == Callout::AcceptNewLink && rejected)
            return "MprAdminAcceptNewLink followed a rejected accept [ORDER-3]";
        if (is_connection_hangup(e.callout)) hung_up = true;
        if (e.callout == Callout::LinkHangupNotification && hung_up)
            return "a link hang-up followed the connection hang-up [ORDER-6]";
    }
    return {};
}

CaseInfo accepted_connection() {
    CaseInfo c{"lifecycle.accepted-connection", {"ORDER-3", "ORDER-6"},
               "a basic single-link connection runs through accept, link, link hang-up and hang-up in order",
               CaseKind::dynamic, {}, {}};
    c.run_dynamic = [c](DynamicContext& ctx) {
        bool admitted = false;
        ScenarioSpec spec;
        spec.body = [&](mock::Service& s) {
            ConnectionModel m;
            m.links.push_back(LinkModel{});
            mock::ConnectResult cr = s.connect(m);
            admitted = cr.admitted;
            if (cr.admitted) s.hang_up(cr.connection);
        };
        ScenarioOutcome o = run_scenario(ctx, std::move(spec));
        if (!o.start.started) return not_started(c, o);
        CaseResult r;
        if (const TraceEvent* f = first_fault(o.trace, ctx.subject_name))
            r = result_for(c, Status::fail, fault_message(*f));
        else if (std::string v = order_violation(o.trace, ctx.subject_name); !v.empty())
            r = result_for(c, Status::error, "engine self-check: " + v);
        else if (admitted)
            r = result_for(c, Status::pass, "accept, link, link hang-up, hang-up completed in documented order");
        else
            r = result_for(c, Status::pass,
                           "the DLL refused the connection (its policy); no link callout followed [ORDER-3]");
        r.trace = o.trace;
        return r;
    };
    return c;
}

CaseInfo hangup_after_reject() {
    CaseInfo c{"lifecycle.hangup-after-reject", {"HANGUP-4", "HANGUP-5", "ACCEPT-4"},
               "a connection rejected in the chain gets no link callout and its hang-up is survived",
               CaseKind::dynamic, {}, {}};
    c.applies = [](const Profile& p) { return p.hangup_after_rejected_accept; };
    c.run_dynamic = [c](DynamicContext& ctx) {
        if (!ctx.profile.hangup_after_rejected_accept)
            return result_for(c, Status::not_applicable,
                              fmt::format("{} sends no hang-up after a rejected accept [HANGUP-3]",
                                          to_string(ctx.profile.version)));
        // A second DLL rejects, so the rejection happens whatever the subject's policy (HANGUP-5).
        ScenarioSpec spec;
        spec.after.push_back(std::make_unique<mock::StubAdminDll>(mock::StubAdminDll::Policy::reject_connections));
        spec.body = [](mock::Service& s) {
            ConnectionModel m;
            m.links.push_back(LinkModel{});
            s.connect(m);
        };
        ScenarioOutcome o = run_scenario(ctx, std::move(spec));
        if (!o.start.started) return not_started(c, o);
        CaseResult r;
        bool got_hangup = std::any_of(o.trace.begin(), o.trace.end(), [&](const TraceEvent& e) {
            return e.dll == ctx.subject_name && is_connection_hangup(e.callout);
        });
        bool got_link = std::any_of(o.trace.begin(), o.trace.end(), [&](const TraceEvent& e) {
            return e.dll == ctx.subject_name && e.callout == Callout::AcceptNewLink;
        });
        if (const TraceEvent* f = first_fault(o.trace, ctx.subject_name))
            r = result_for(c, Status::fail,
                           fault_message(*f) + "; a rejected connection's hang-up must be tolerated [HANGUP-4]");
        else if (got_link || !got_hangup)
            r = result_for(c, Status::error, "engine self-check: expected a hang-up and no link callout [ACCEPT-4]");
        else
            r = result_for(c, Status::pass, "the hang-up for a connection rejected by another DLL was handled");
        r.trace = o.trace;
        return r;
    };
    return c;
}

}  // namespace

std::vector<CaseInfo> lifecycle_cases() { return {init_terminate(), accepted_connection(), hangup_after_reject()}; }

}  // namespace rasconform::conformance
