// ROBUST-1: no callout lets an exception escape. The case has its own
// scenario (multilink, a mid-connection link drop, overlapping connections,
// edge-length strings) and also collects every fault the other dynamic cases
// saw, so its verdict covers the whole run.
#include <algorithm>

#include <fmt/format.h>

#include "conformance/scenario.hpp"
#include "conformance/suite.hpp"

namespace rasconform::conformance {

CaseInfo robust_no_fault_case();

namespace {

void multilink_and_long_names(mock::Service& s) {
    ConnectionModel multi;
    multi.user = u"bob";
    multi.links.push_back(LinkModel{});
    mock::ConnectResult a = s.connect(multi);

    ConnectionModel edge;  // a few edge values (robust.edge-inputs has them all): maximum-length user, empty domain
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

// SERIAL-6, Q-23: a warning, not a failure - no timeout is documented, but
// RRAS serializes callouts, so a slow one makes every other client wait.
CaseInfo prompt_callouts() {
    CaseInfo c{"robust.prompt-callouts", {"SERIAL-6"},
               "every callout returns within --slow-ms (default 250 ms) in this case's scenario and anywhere else in "
               "the run; a slower one draws a warning",
               CaseKind::dynamic, {}, {}};
    c.warning_only = true;
    c.run_dynamic = [c](DynamicContext& ctx) {
        ScenarioSpec spec;
        spec.body = connect_and_hang_up;
        ScenarioOutcome o = run_scenario(ctx, std::move(spec));
        if (!o.start.started) return conclude(c, o, "", "");
        const auto limit_ns = static_cast<std::uint64_t>(ctx.slow_callout.count()) * 1000000;
        const std::string ip = ip_instance_name(ctx.subject_name);
        std::size_t slow = 0;
        const TraceEvent* slowest = nullptr;
        std::string slowest_in;
        auto scan = [&](const Trace& trace, const std::string& in) {
            for (const TraceEvent& e : trace)
                if ((e.dll == ctx.subject_name || e.dll == ip) && e.outcome.returned() && e.duration_ns > limit_ns) {
                    ++slow;
                    if (!slowest || e.duration_ns > slowest->duration_ns) slowest = &e, slowest_in = in;
                }
        };
        scan(o.trace, "");
        if (ctx.earlier)
            for (const CaseResult& r : *ctx.earlier) scan(r.trace, r.id);
        CaseResult r = slow == 0 ? result_for(c, Status::pass,
                                              fmt::format("every callout returned within {} ms",
                                                          ctx.slow_callout.count()))
                                 : result_for(c, Status::warning,
                                              fmt::format("{}: {} callout{} took longer than {} ms; the slowest, {} "
                                                          "{}, took {:.0f} ms; RRAS serializes callouts, so every "
                                                          "other client waits meanwhile - move slow work to a "
                                                          "thread of the DLL [SERIAL-6]",
                                                          ctx.subject_name, slow, slow > 1 ? "s" : "",
                                                          ctx.slow_callout.count(), info(slowest->callout).name,
                                                          slowest_in.empty() ? std::string("in this case")
                                                                             : "in " + slowest_in,
                                                          static_cast<double>(slowest->duration_ns) / 1e6));
        r.trace = o.trace;
        return r;
    };
    return c;
}

// SERIAL-6: a warning, not a failure. Work that waits on something outside
// the DLL - a RADIUS or HTTP server, a name lookup, a console, a message box -
// may be quick on the vendor's bench and take seconds (or forever) on a
// server, and RRAS serializes callouts, so every client waits with it. The
// Win32 backend notes such calls made inside callouts (blocking_call_watch).
CaseInfo no_blocking_calls() {
    CaseInfo c{"robust.no-blocking-calls", {"SERIAL-6"},
               "no callout calls a function that may wait on the network, an HTTP server, a console or a message box "
               "(anywhere in the run); one that does draws a warning",
               CaseKind::dynamic, {}, {}};
    c.warning_only = true;
    c.run_dynamic = [c](DynamicContext& ctx) {
        ScenarioSpec spec;
        spec.body = plain_then_multilink;
        ScenarioOutcome o = run_scenario(ctx, std::move(spec));
        if (!o.start.started) return not_started(c, o);
        if (!o.watched_calls)
            return result_for(c, Status::not_applicable,
                              "this backend does not see which functions the DLL calls; the Win32 backend "
                              "(rasconform.exe, under Wine or on Windows) watches its imports");
        std::size_t callouts = 0;
        std::vector<std::string> found;  // "MprAdminAcceptNewLink called connect (ws2_32.dll)"
        auto scan = [&](const Trace& trace, std::string_view in) {
            for (const TraceEvent& e : trace) {
                if (!of_subject(e, ctx.subject_name) || e.outcome.blocking_calls.empty()) continue;
                ++callouts;
                std::string line = fmt::format("{} called {}", info(e.callout).name,
                                               fmt::join(e.outcome.blocking_calls, ", "));
                if (!in.empty()) line += fmt::format(" (in {})", in);
                const std::string key = line.substr(0, line.find(" (in "));
                if (std::none_of(found.begin(), found.end(), [&](const std::string& f) { return f.rfind(key, 0) == 0; }))
                    found.push_back(std::move(line));
            }
        };
        scan(o.trace, {});
        if (ctx.earlier)
            for (const CaseResult& r : *ctx.earlier) scan(r.trace, r.id);
        CaseResult r =
            found.empty()
                ? result_for(c, Status::pass, "no callout called a network, HTTP, console or message-box function")
                : result_for(c, Status::warning,
                             fmt::format("{}: {} callout{} waited on something outside the DLL: {}; RRAS serializes "
                                         "callouts, so every other client waits meanwhile, and a server that does "
                                         "not answer stalls them all - do such work on a thread of the DLL and "
                                         "answer from what it found [SERIAL-6]",
                                         ctx.subject_name, callouts, callouts > 1 ? "s" : "", fmt::join(found, "; ")));
        r.trace = o.trace;
        return r;
    };
    return c;
}

std::vector<CaseInfo> robust_cases() { return {prompt_callouts(), no_blocking_calls(), robust_no_fault_case()}; }

CaseInfo robust_no_fault_case() {
    CaseInfo c{"robust.no-fault", {"ROBUST-1", "ROBUST-2"},
               "every callout returns, promptly: no structured or C++ exception escapes, none hangs past the "
               "budget, in this case's multilink and edge-value scenario or anywhere else in the run",
               CaseKind::dynamic, {}, {}};
    c.run_dynamic = [c](DynamicContext& ctx) {
        ScenarioSpec spec;
        spec.body = multilink_and_long_names;
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
