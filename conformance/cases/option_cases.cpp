// "Works under every option": where the spec leaves RRAS's behaviour open
// (the Q-* questions) and the mock picked a default, a DLL must not depend on
// that pick. Each case plays the same workload once per plausible answer of
// one question and compares what the subject decided, call by call: it must
// survive every option and give the same answers under each. Refusing users
// is policy; answering differently because of the option is the bug.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "conformance/scenario.hpp"
#include "conformance/suite.hpp"
#include "mock/stub_admin_dll.hpp"
#include "rasconform/utf16.hpp"

namespace rasconform::conformance {
namespace {

// One plausible RRAS behaviour: how it sets up the scenario.
struct Option {
    std::string_view label;
    std::function<void(ScenarioSpec&, Profile&)> apply;
};

struct OptionQuestion {
    std::string_view id;
    std::vector<std::string_view> rules;
    std::string_view summary;
    std::string_view question;  // the spec's open question, for messages
    std::vector<Option> options;
    // The question needs a second DLL in the chain (not on single-DLL profiles).
    bool needs_chain = false;
    // Applies only when the subject's trace shows one of these callouts.
    std::vector<Callout> needs{};
    // What is played under each option (empty: the common workload).
    std::function<void(mock::Service&)> body{};
};

// Users with a second link each when admitted, hung up afterwards or (the
// shutdown question) left up for the service's stop.
void users_with_two_links(mock::Service& s, std::initializer_list<const char16_t*> users, bool hang_up) {
    for (const char16_t* user : users) {
        ConnectionModel m;
        m.user = user;
        m.links.push_back(LinkModel{});
        mock::ConnectResult r = s.connect(m);
        if (!r.admitted) continue;
        LinkModel second;
        second.port_name = u"VPN1-1";
        s.add_link(r.connection, second);
        if (hang_up) s.hang_up(r.connection);
    }
}

// Several users, each with a second link when admitted; a chain peer may
// refuse some of them, so the workload also yields refused connections.
void workload(mock::Service& s) {
    users_with_two_links(s, {u"alice", u"guest", u"Administrator", u"bob", u"carol", u"dave"}, true);
}

bool is_answer(Callout c) {
    return is_accept(c) || c == Callout::AcceptNewLink || c == Callout::AcceptReauthentication ||
           c == Callout::AcceptReauthenticationEx || c == Callout::GetIpAddressForUser ||
           c == Callout::GetIpv6AddressForUser;
}

// What was asked: the two reauthentication forms ask the same.
std::string_view question_of(Callout c) {
    return c == Callout::AcceptReauthentication || c == Callout::AcceptReauthenticationEx
               ? "MprAdminAcceptReauthentication(Ex)"
               : info(c).name;
}

// The subject's decisions, keyed by what was asked: handles are assigned in
// connect order, so the same workload gives the same keys under every option.
std::map<std::string, std::uint64_t> answers(const Trace& t, std::string_view dll) {
    std::map<std::string, std::uint64_t> out;
    for (const TraceEvent& e : t)
        if (of_subject(e, dll) && is_answer(e.callout) && e.outcome.returned())
            out.emplace(fmt::format("{} for connection {}{}", question_of(e.callout), hex(e.connection),
                                    e.link ? ", link " + hex(e.link) : std::string()),
                        e.outcome.value);
    return out;
}

CaseInfo make_case(OptionQuestion q) {
    CaseInfo c{q.id, q.rules, q.summary, CaseKind::dynamic, {}, {}};
    if (q.needs_chain) c.applies = [](const Profile& p) { return p.multiple_dlls; };
    c.run_dynamic = [c, q](DynamicContext& ctx) {
        if (!applies_under(c, ctx.profile))
            return result_for(c, Status::not_applicable,
                              fmt::format("{} loads a single admin DLL, so no other DLL can refuse [MULTI-1]",
                                          ctx.profile.name));
        struct Played {
            std::string_view label;
            ScenarioOutcome outcome;
            std::map<std::string, std::uint64_t> answers;
        };
        std::vector<Played> played;
        for (const Option& option : q.options) {
            Profile profile = ctx.profile;  // an option may change what the profile would do
            ScenarioSpec spec;
            option.apply(spec, profile);
            DynamicContext run_ctx(profile, ctx.subject_name, ctx.open_subject);
            run_ctx.open_before = ctx.open_before;
            run_ctx.open_after = ctx.open_after;
            run_ctx.open_ip_instance = ctx.open_ip_instance;
            run_ctx.split_processes = ctx.split_processes;
            run_ctx.reentry = ctx.reentry;
            run_ctx.ip_instance_note = ctx.ip_instance_note;
            run_ctx.keep_going = ctx.keep_going;
            run_ctx.rras_would_not_start = ctx.rras_would_not_start;
            spec.body = q.body ? q.body : workload;
            ScenarioOutcome o = run_scenario(run_ctx, std::move(spec));
            if (!o.start.started) return not_started(c, o);
            auto a = answers(o.trace, ctx.subject_name);
            played.push_back({option.label, std::move(o), std::move(a)});
        }
        CaseResult r;
        r.trace = played.front().outcome.trace;
        const bool asked = std::any_of(r.trace.begin(), r.trace.end(), [&](const TraceEvent& e) {
            return of_subject(e, ctx.subject_name) &&
                   (q.needs.empty() || std::find(q.needs.begin(), q.needs.end(), e.callout) != q.needs.end());
        });
        if (!asked) {
            const bool about_addresses =
                std::find(q.needs.begin(), q.needs.end(), Callout::GetIpAddressForUser) != q.needs.end();
            const std::string elsewhere =
                about_addresses ? address_callouts_elsewhere(r.trace, ctx.subject_name) : std::string();
            r = result_for(c, Status::not_applicable,
                           !elsewhere.empty() ? elsewhere
                                              : fmt::format("{} does not get the callouts this question is about",
                                                            ctx.subject_name));
            return r;
        }
        // A fault under some options and not under others is this case's
        // finding; one under every option does not depend on the question
        // (robust.no-fault reports it), and the answers after it are not
        // comparable.
        std::string failure;
        std::vector<const Played*> faulted;
        const Played* clean = nullptr;
        for (const Played& p : played) {
            if (first_fault(p.outcome.trace, ctx.subject_name)) faulted.push_back(&p);
            else clean = &p;
        }
        if (!faulted.empty() && clean) {
            const Played& p = *faulted.front();
            const TraceEvent& fault = *first_fault(p.outcome.trace, ctx.subject_name);
            // Only a callout the DLL also took cleanly under the other option
            // shows the option made the difference; one the other option never
            // makes (the shutdown hang-ups, say) faulting is robust.no-fault's.
            const bool taken_cleanly = std::any_of(
                clean->outcome.trace.begin(), clean->outcome.trace.end(), [&](const TraceEvent& e) {
                    return of_subject(e, ctx.subject_name) && e.callout == fault.callout && e.outcome.returned();
                });
            if (!taken_cleanly) {
                r = result_for(c, Status::pass,
                               fmt::format("{} faults in {} with {}, a callout it never got (cleanly) with {}: the "
                                           "fault does not show a dependence on {} (robust.no-fault reports it)",
                                           ctx.subject_name, info(fault.callout).name, p.label, clean->label,
                                           q.question));
                r.trace = p.outcome.trace;
                return r;
            }
            failure = fmt::format("with {}: {}; with {} it does not fault; {} is undocumented, so the DLL must work "
                                  "either way",
                                  p.label, fault_message(fault),
                                  clean->label, q.question);
            r.trace = p.outcome.trace;
        }
        if (!faulted.empty() && !clean) {
            Trace keep = std::move(r.trace);
            r = result_for(c, Status::pass,
                           fmt::format("{} faults under every option (robust.no-fault reports it), so the fault "
                                       "does not depend on {}",
                                       ctx.subject_name, q.question));
            r.trace = std::move(keep);
            return r;
        }
        const Played& first = played.front();
        std::size_t compared = 0;
        for (const Played& p : played) {
            if (!failure.empty()) break;
            for (const auto& [key, value] : p.answers) {
                auto it = first.answers.find(key);
                if (it == first.answers.end()) continue;
                ++compared;
                if (it->second == value) continue;
                failure = fmt::format("{}: {} returned {} with {} but {} with {}; {} is undocumented, so the "
                                      "answer must not depend on it",
                                      ctx.subject_name, key, first.answers.at(key), first.label, value, p.label,
                                      q.question);
                r.trace = p.outcome.trace;
                break;
            }
        }
        if (!failure.empty()) {
            Trace keep = std::move(r.trace);
            r = result_for(c, Status::fail, failure + fmt::format(" [{}]", q.rules.front()));
            r.trace = std::move(keep);
            return r;
        }
        std::vector<std::string_view> labels;
        for (const Played& p : played) labels.push_back(p.label);
        Trace keep = std::move(r.trace);
        r = result_for(c, Status::pass,
                       fmt::format("{}: no fault and the same {} answers with {}", ctx.subject_name, compared,
                                   fmt::join(labels, " and with ")));
        r.trace = std::move(keep);
        return r;
    };
    return c;
}

// Users still connected, each with two links, when the service stops.
void connected_at_shutdown(mock::Service& s) { users_with_two_links(s, {u"alice", u"bob", u"carol"}, false); }

// Users admitted in quarantine, then healthy again (REAUTH-1): each is
// reauthenticated once, and hung up if still connected.
void quarantined_then_healthy(mock::Service& s) {
    for (const char16_t* user : {u"alice", u"guest", u"bob"}) {
        ConnectionModel m;
        m.user = user;
        m.quarantine = winabi::RAS_QUAR_STATE_QUARANTINE;
        m.links.push_back(LinkModel{});
        mock::ConnectResult r = s.connect(m);
        if (r.admitted && s.reauthenticate(r.connection, winabi::RAS_QUAR_STATE_NORMAL)) s.hang_up(r.connection);
    }
}

// Refuses every other connection and, when asked, every other link. Before
// the subject it refuses connections only: refusing links there would decide
// which links the subject sees at all, and a DLL must be judged on the same
// calls under both options.
std::unique_ptr<AdminDllBackend> refusing_peer(bool links = true) {
    return std::make_unique<mock::StubAdminDll>(links ? mock::StubAdminDll::Policy::reject_every_other
                                                      : mock::StubAdminDll::Policy::reject_every_other_connection);
}

const std::vector<Callout> address_callouts{Callout::GetIpAddressForUser, Callout::GetIpv6AddressForUser};

std::vector<CaseInfo> cases() {
    std::vector<OptionQuestion> questions{
        {"options.address-before-or-after-accept",
         {"IPADDR-11", "ORDER-7"},
         "the DLL works whether RRAS asks for the address before or after the accept callout",
         "the order of MprAdminGetIpAddressForUser and the accept callout (Q-10)",
         {{"Get before accept", [](ScenarioSpec& s, Profile&) { s.options.ip_before_accept = true; }},
          {"Get after accept", [](ScenarioSpec& s, Profile&) { s.options.ip_before_accept = false; }}},
         {},
         address_callouts},
        {"options.release-before-or-after-hangup",
         {"IPADDR-12"},
         "the DLL works whether the address is released before or after the connection hang-up",
         "the order of the Release and the connection hang-up (Q-10)",
         {{"Release after the hang-up", [](ScenarioSpec& s, Profile&) { s.options.release_after_hangup = true; }},
          {"Release before the hang-up", [](ScenarioSpec& s, Profile&) { s.options.release_after_hangup = false; }}},
         {},
         address_callouts},
        {"options.release-after-refusal",
         {"IPADDR-14"},
         "the DLL works whether or not an address is released for a connection refused after the Get",
         "whether RRAS releases the address of a refused connection (Q-12)",
         {{"a Release after a refusal",
           [](ScenarioSpec& s, Profile&) {
               s.options.release_after_refusal = true;
               s.after.push_back(refusing_peer());
           }},
          {"no Release after a refusal",
           [](ScenarioSpec& s, Profile&) {
               s.options.release_after_refusal = false;
               s.after.push_back(refusing_peer());
           }}},
         true,
         address_callouts},
        {"options.short-circuit",
         {"ACCEPT-3", "MULTI-3"},
         "the DLL works whether or not RRAS still asks it after an earlier DLL refused",
         "whether RRAS asks the remaining DLLs after a refusal (Q-8)",
         {{"every DLL asked",
           [](ScenarioSpec& s, Profile&) {
               s.options.ask_every_dll = true;
               s.before.push_back(refusing_peer(false));
           }},
          {"no DLL asked after a refusal",
           [](ScenarioSpec& s, Profile&) {
               s.options.ask_every_dll = false;
               s.before.push_back(refusing_peer(false));
           }}},
         true},
        {"options.hangup-after-refusal",
         {"HANGUP-3", "LINK-4", "VERSION-3"},
         "the DLL works whether or not RRAS sends hang-ups for connections and links refused in the chain",
         "whether hang-ups follow a refused connection or link after Windows 2000 (Q-9)",
         {{"hang-ups after refusals",
           [](ScenarioSpec& s, Profile& p) {
               s.options.hangup_after_reject = true;
               p.link_hangup_after_refused_link = true;
               s.after.push_back(refusing_peer());
           }},
          {"no hang-up after a refusal",
           [](ScenarioSpec& s, Profile& p) {
               s.options.hangup_after_reject = false;
               p.link_hangup_after_refused_link = false;
               s.after.push_back(refusing_peer());
           }}},
         true},
        {"options.calling-thread",
         {"SERIAL-7"},
         "the DLL works whether RRAS makes every callout on one thread or each on a different thread",
         "which thread RRAS calls the DLL on (Q-1)",
         {{"every call on one thread", [](ScenarioSpec& s, Profile&) { s.options.calling_threads = CallingThreads::reuse; }},
          {"each call on a new thread",
           [](ScenarioSpec& s, Profile&) { s.options.calling_threads = CallingThreads::fresh; }}}},
        {"options.hangups-at-shutdown",
         {"TERM-4"},
         "the DLL works whether or not RRAS hangs up the connections still up when the service stops, before "
         "Terminate",
         "whether RRAS sends hang-ups for connections still up at shutdown (Q-7)",
         {{"hang-ups before Terminate", [](ScenarioSpec& s, Profile&) { s.options.hang_up_live_at_stop = true; }},
          {"Terminate with connections up",
           [](ScenarioSpec& s, Profile&) { s.options.hang_up_live_at_stop = false; }}},
         false,
         {},
         connected_at_shutdown},
        {"options.reauthentication-form",
         {"REAUTH-6"},
         "a DLL exporting both reauthentication callouts answers the same whichever RRAS calls",
         "which of MprAdminAcceptReauthentication and MprAdminAcceptReauthenticationEx RRAS calls when a DLL exports "
         "both (Q-25)",
         {{"the plain form",
           [](ScenarioSpec& s, Profile&) { s.options.reauth_form = Callout::AcceptReauthentication; }},
          {"the Ex form", [](ScenarioSpec& s, Profile&) { s.options.reauth_form = Callout::AcceptReauthenticationEx; }}},
         false,
         {Callout::AcceptReauthentication, Callout::AcceptReauthenticationEx},
         quarantined_then_healthy},
        {"options.obsolete-protocol-results",
         {"VERSION-5"},
         "the DLL works whatever RRAS reports for the NetBEUI, IPX and AppleTalk results it no longer negotiates",
         "what modern RRAS puts in the obsolete PPP_INFO members (Q-26)",
         {{"obsolete results zero", [](ScenarioSpec& s, Profile&) { s.options.obsolete_protocols_failed = false; }},
          {"obsolete results failed (733)",
           [](ScenarioSpec& s, Profile&) { s.options.obsolete_protocols_failed = true; }}}},
    };
    std::vector<CaseInfo> out;
    for (OptionQuestion& q : questions) out.push_back(make_case(std::move(q)));
    return out;
}

}  // namespace

std::vector<CaseInfo> option_cases() { return cases(); }

}  // namespace rasconform::conformance
