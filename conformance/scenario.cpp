#include "conformance/scenario.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "mock/reentry.hpp"

namespace rasconform::conformance {

ScenarioOutcome run_scenario(DynamicContext& ctx, ScenarioSpec spec) {
    ScenarioOutcome out;
    std::unique_ptr<AdminDllBackend> subject;
    try {
        subject = ctx.open_subject();
    } catch (const std::exception& e) {
        out.load_error = e.what();
        return out;
    }
    out.loaded = true;
    spec.options.keep_going = ctx.keep_going;
    // What RRAS would have done, for the case's result (keep_going only).
    auto note_refusal = [&] {
        if (out.start.despite_refusal && ctx.rras_would_not_start->empty())
            *ctx.rras_would_not_start = fmt::format("{} [{}]", out.start.reason, fmt::join(out.start.rules, ", "));
    };
    if (spec.soak || spec.stress || spec.edges) {
        if (!spec.before.empty() || !spec.after.empty() || spec.split.value_or(true) || spec.body)
            throw std::logic_error("a whole scenario runs the subject alone, without a split or a body");
        spec.options.profile = &ctx.profile;
        const nlohmann::json request = spec.soak     ? mock::soak_request(spec.options, *spec.soak)
                                       : spec.stress ? mock::stress_request(spec.options, *spec.stress)
                                                     : mock::edge_request(spec.options, *spec.edges);
        // Generous: every callout is bounded by the budget on its own.
        const std::chrono::milliseconds expected{spec.soak     ? spec.soak->lifecycles * 50
                                                 : spec.stress ? static_cast<int>(spec.stress->connections) * 100
                                                               : static_cast<int>(spec.edges->inputs.size() + 1) * 100};
        const nlohmann::json reply = ctx.whole_scenario_where_the_dll_runs
                                         ? ctx.whole_scenario_where_the_dll_runs(*subject, request, expected)
                                         : mock::run_whole_scenario(*subject, request);
        if (reply.contains("lost") || reply.contains("error")) {
            out.start.started = true;  // it ran, and was lost on the way
            out.lost = reply.value("lost", reply.value("error", std::string()));
            return out;
        }
        try {
            if (spec.soak) {
                mock::SoakScenario s = mock::soak_reply(reply);
                out.start = std::move(s.start);
                out.soak = std::move(s.run);
                out.trace = std::move(s.trace);
                out.diagnostics = std::move(s.diagnostics);
            } else if (spec.stress) {
                out.stress = mock::stress_reply(reply);
                out.start = out.stress.result.start;
                out.trace = out.stress.faults;
            } else {
                out.edges = mock::edge_reply(reply);
                out.start = out.edges.start;
                out.trace = out.edges.faults;
            }
        } catch (const std::runtime_error& e) {
            out.start.started = true;
            out.lost = subject->name() + ": " + e.what();
        }
        note_refusal();
        return out;
    }
    out.guarded = subject->guards_arguments();
    out.watched_calls = subject->watches_blocking_calls();
    if (!out.guarded)
        out.backend_note = "this backend calls the DLL on the engine's own memory, so writes to [in] arguments and "
                           "pointers kept past a call cannot be seen; the Win32 backend (rasconform.exe, under Wine "
                           "or on Windows) guards argument pages";
    // A checked chain's other DLLs, fresh like the subject, around the case's
    // own stubs.
    std::vector<std::unique_ptr<AdminDllBackend>> peers_before, peers_after;
    try {
        for (const BackendFactory& open : ctx.open_before) peers_before.push_back(open());
        for (const BackendFactory& open : ctx.open_after) peers_after.push_back(open());
    } catch (const std::exception& e) {
        out.loaded = false;
        out.load_error = std::string("another DLL of the chain: ") + e.what();
        return out;
    }
    std::vector<AdminDllBackend*> chain;
    for (auto& peer : peers_before) chain.push_back(peer.get());
    for (auto& extra : spec.before) chain.push_back(extra.get());
    const std::size_t subject_index = chain.size();
    chain.push_back(subject.get());
    for (auto& extra : spec.after) chain.push_back(extra.get());
    for (auto& peer : peers_after) chain.push_back(peer.get());
    spec.options.profile = &ctx.profile;
    // Split only a DLL that has address callouts to split off (or a table that may carry them).
    std::unique_ptr<AdminDllBackend> ip;
    bool has_ip_role = false;
    for (Callout c : {Callout::GetIpAddressForUser, Callout::GetIpv6AddressForUser, Callout::InitializeDllEx})
        has_ip_role |= subject->resolve(info(c).name) != nullptr;
    if (spec.split.value_or(ctx.split_processes) && ctx.open_ip_instance && has_ip_role) {
        try {
            ip = ctx.open_ip_instance();
        } catch (const std::exception& e) {
            out.loaded = false;
            out.load_error = std::string("second instance for the IP callouts: ") + e.what();
            return out;
        }
        out.split = true;
        out.ip_instance_note = ctx.ip_instance_note;
    }
    std::vector<AdminDllBackend*> ip_instances(subject_index + 1, nullptr);
    ip_instances[subject_index] = ip.get();
    mock::Service service(chain, spec.options, ip_instances);
    if (ctx.reentry) ctx.reentry->attach(&service);
    out.start = service.start();
    note_refusal();
    if (out.start.started) {
        if (spec.body) spec.body(service);
        service.stop();
    }
    if (ctx.reentry) ctx.reentry->attach(nullptr);
    out.trace = service.trace();
    out.diagnostics = service.diagnostics();
    if (out.start.started && spec.unload_grace) {
        out.unload = subject->unload(*spec.unload_grace);
        if (ip) out.unload_ip = ip->unload(*spec.unload_grace);
    }
    return out;
}

void connect_and_hang_up(mock::Service& s) {
    ConnectionModel m;
    m.links.push_back(LinkModel{});
    mock::ConnectResult r = s.connect(m);
    if (r.admitted) s.hang_up(r.connection);
}

Multilink connect_with_two_links(mock::Service& s) {
    ConnectionModel m;
    m.links.push_back(LinkModel{});
    mock::ConnectResult r = s.connect(m);
    if (!r.admitted) return {};
    LinkModel second;
    second.port_name = u"VPN1-1";
    return {r.connection, s.add_link(r.connection, second)};
}

void plain_then_multilink(mock::Service& s) {
    connect_and_hang_up(s);
    connect_with_two_links(s);
}

std::string ip_instance_name(const std::string& subject_name) { return subject_name + " (IP process)"; }

bool of_subject(const TraceEvent& ev, std::string_view dll) {
    return ev.dll == dll || ev.dll == ip_instance_name(std::string(dll));
}

std::string address_callouts_elsewhere(const Trace& trace, std::string_view subject) {
    std::vector<std::string> takers;
    const std::string ip_suffix = ip_instance_name("");
    for (const TraceEvent& ev : trace) {
        if (of_subject(ev, subject) ||
            (ev.callout != Callout::GetIpAddressForUser && ev.callout != Callout::GetIpv6AddressForUser))
            continue;
        std::string dll = ev.dll;
        if (dll.ends_with(ip_suffix)) dll.resize(dll.size() - ip_suffix.size());
        if (std::find(takers.begin(), takers.end(), dll) == takers.end()) takers.push_back(dll);
    }
    if (takers.empty()) return {};
    return fmt::format("{} gets no address callouts in this chain: {} takes them, as the first DLL in registry "
                       "order exporting a Get/Release pair [MULTI-4, MULTI-5, IPV6-7]",
                       subject, fmt::join(takers, " and "));
}

const TraceEvent* first_fault(const Trace& trace, std::string_view dll) {
    for (const TraceEvent& ev : trace)
        if (of_subject(ev, dll) && !ev.outcome.returned()) return &ev;
    return nullptr;
}

namespace {

// A finding about the IP instance, with what that instance was when it was
// not the subject's own file.
std::string with_ip_note(const ScenarioOutcome& o, std::string text) {
    if (!o.ip_instance_note.empty() && text.find(ip_instance_name("")) != std::string::npos)
        text += " (note: " + o.ip_instance_note + ")";
    return text;
}

}  // namespace

CaseResult conclude(const CaseInfo& c, const ScenarioOutcome& o, const std::string& failure,
                    const std::string& pass_message) {
    CaseResult r = !failure.empty()      ? result_for(c, Status::fail, with_ip_note(o, failure))
                   : !o.start.started ? not_started(c, o)
                                      : result_for(c, Status::pass, pass_message);
    r.trace = o.trace;
    return r;
}

std::string hex(std::uint64_t v) { return fmt::format("0x{:x}", v); }

std::string call_name(const TraceEvent& ev) {
    std::string where = ev.connection ? fmt::format(" (connection {}", hex(ev.connection)) : std::string();
    if (ev.link) where += fmt::format(", link {}", hex(ev.link));
    if (!where.empty()) where += ")";
    return fmt::format("{}: {}{}", ev.dll, info(ev.callout).name, where);
}

std::string fault_message(const TraceEvent& ev) {
    const bool hang = ev.outcome.kind == CallOutcome::Kind::timeout;
    return fmt::format("{} did not return: {} [{}]", call_name(ev), describe(ev.outcome), hang ? "ROBUST-2" : "ROBUST-1");
}

CaseResult not_started(const CaseInfo& c, const ScenarioOutcome& o) {
    if (!o.loaded) return result_for(c, Status::error, "could not load the DLL: " + o.load_error);
    std::string rules;
    for (const auto& r : o.start.rules) rules += (rules.empty() ? "" : ", ") + r;
    return result_for(c, Status::error,
                      with_ip_note(o, fmt::format("the service did not start, so this case could not run: {} [{}]",
                                                  o.start.reason, rules)));
}

}  // namespace rasconform::conformance
