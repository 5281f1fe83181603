// The engine-side rules, checked from a trace alone. The checker replays the
// trace in seq order (the order the calls started) and keeps, per DLL, its
// lifecycle state and, per connection and link, who was asked what and how
// they answered; every rule below is a question about that history. Timing
// rules (SERIAL-*) are checked separately on start_ns/duration_ns, since a
// concurrent engine may start a call before an earlier one has returned.
//
// Not checked here, because the trace does not carry what they are about:
//  - ORDER-8 (hConnection/hInterface consistent across the structures of one
//    call and between link and connection callouts): the trace records the
//    handles the engine meant to pass, not the structure contents the DLL
//    saw. The structure builder tests and the case DLLs cover it.
//  - ORDER-2 (accept only after authentication): authentication is not a
//    callout, so it never appears in a trace.
//  - IPADDR-7's address half (Release carries the address Get produced): the
//    Get summary is taken before the call, so it shows RRAS's proposal, not
//    the DLL's answer. Only the user and port strings are compared.
//  - Whether a hang-up that is due was actually delivered (HANGUP-5 default,
//    TERM-4): a trace may legitimately end with connections still up.
#include "rasconform/trace_checker.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <string_view>

namespace rasconform {
namespace {

constexpr std::size_t none = static_cast<std::size_t>(-1);

std::string hex(std::uint64_t v) {
    char buf[2 + 16] = {'0', 'x'};
    auto r = std::to_chars(buf + 2, buf + sizeof buf, v, 16);
    return std::string(buf, r.ptr);
}

std::string name_of(Callout c) { return std::string(info(c).name); }

bool is_init(Callout c) { return c == Callout::InitializeDll || c == Callout::InitializeDllEx; }

bool is_reauth(Callout c) { return c == Callout::AcceptReauthentication || c == Callout::AcceptReauthenticationEx; }

// An accept, link or reauthentication answer that does not admit: FALSE, or
// no normal return at all, which the engine counts as a refusal.
bool refused(const CallOutcome& o) { return !o.returned() || o.value == 0; }

// Init and Get-address calls succeed only with NO_ERROR (INIT-3, IPADDR-4).
bool failed(const CallOutcome& o) { return !o.returned() || o.value != 0; }

std::string verdict(const CallOutcome& o) {
    if (o.returned()) return o.value == 0 ? "returned FALSE" : "returned " + std::to_string(o.value);
    std::string d = describe(o);
    return d.empty() ? std::string(to_string(o.kind)) : d;
}

// The value of `key=` in an argument summary ("user=alice port=VPN1-0
// ip=10.1.2.3"). A value runs up to the blank before the next `word=`, so a
// user name with blanks still compares whole.
std::optional<std::string> token(std::string_view args, std::string_view key) {
    auto key_at = [&](std::size_t pos) -> std::size_t {  // length of "word=" at pos, 0 if none
        std::size_t i = pos;
        while (i < args.size() && ((args[i] >= 'a' && args[i] <= 'z') || (args[i] >= '0' && args[i] <= '9') ||
                                   args[i] == '_'))
            ++i;
        return i > pos && i < args.size() && args[i] == '=' ? i + 1 - pos : 0;
    };
    for (std::size_t pos = 0; pos < args.size();) {
        std::size_t klen = key_at(pos);
        std::size_t end = pos + klen;
        // The value ends at the next " word=".
        while (end < args.size() && !(args[end] == ' ' && key_at(end + 1) != 0)) ++end;
        if (klen != 0 && args.substr(pos, klen - 1) == key) return std::string(args.substr(pos + klen, end - pos - klen));
        pos = end + 1;
    }
    return std::nullopt;
}

std::string shown(const std::optional<std::string>& v) { return v ? *v : std::string("(none)"); }

struct DllLife {
    enum class State : std::uint8_t { fresh, up, failed, terminated };
    State state = State::fresh;
    std::uint64_t init_seq = 0;   // last successful Init
    std::uint64_t since_seq = 0;  // the event that entered `state`
    std::string why;              // failed: what the Init answered
    bool reported = false;        // one report per state: the first offending call
};

// One round of asking the chain, in registry order, to admit something (a
// connection, a link): who was asked and when, how far the round got, and
// its first refusal (ACCEPT-2/3, LINK-2, MULTI-3).
struct Round {
    explicit Round(std::size_t n) : asked(n, false), asked_seq(n, 0) {}
    std::vector<bool> asked;
    std::vector<std::uint64_t> asked_seq;
    std::size_t last = none;  // highest registry index asked so far
    std::size_t count = 0;
    const TraceEvent* last_event = nullptr;
    std::optional<std::uint64_t> refusal_seq;
    std::string refused_by;  // "b.dll returned FALSE"

    void ask(const TraceEvent& e, std::size_t d) {
        if (!asked[d]) {
            asked[d] = true;
            asked_seq[d] = e.seq;
            ++count;
        }
        last = last == none ? d : std::max(last, d);
        last_event = &e;
        if (refused(e.outcome) && !refusal_seq) {
            refusal_seq = e.seq;
            refused_by = e.dll + " " + verdict(e.outcome);
        }
    }
    // Who should have been asked and was not: everyone when asking
    // every DLL or when nobody refused, else everyone before the last asked.
    std::vector<std::size_t> missing(bool ask_every_dll) const {
        std::vector<std::size_t> out;
        const bool all = ask_every_dll || !refusal_seq;
        for (std::size_t d = 0; d < asked.size(); ++d)
            if (!asked[d] && (all || d < last)) out.push_back(d);
        return out;
    }
};

struct Port {
    explicit Port(std::size_t n) : round(n), hung(n, false), hung_seq(n, 0) {}
    Round round;                    // AcceptNewLink
    std::vector<bool> hung;         // LinkHangupNotification delivered, per DLL
    std::vector<std::uint64_t> hung_seq;
    std::size_t last_hung = none;  // highest registry index so far
};

// One address family of one connection.
struct Address {
    bool got = false, ok = false, released = false;
    std::uint64_t get_seq = 0, release_seq = 0;
    std::string get_verdict;
    std::optional<std::string> user, port;
};

struct Conn {
    explicit Conn(std::size_t n) : round(n), accept(n), hung(n, false), hung_seq(n, 0) {}
    Round round;                                 // the accept-connection callouts
    std::vector<std::optional<Callout>> accept;  // the accept variant each DLL got
    std::vector<bool> hung;                      // connection hang-up delivered
    std::vector<std::uint64_t> hung_seq;
    std::size_t last_hangup = none;
    std::optional<std::uint64_t> first_link_seq, first_port, hangup_seq;
    bool ever_up = false;  // some link was admitted by every DLL
    std::map<std::uint64_t, Port> ports;
    std::vector<std::pair<std::size_t, const TraceEvent*>> reauths;
    Address v4, v6;
};

class Checker {
public:
    Checker(const Trace& trace, const TraceExpectations& x)
        : trace_(trace), x_(x), profile_(x.emulated()), n_(x.registry_order.size()), life_(n_) {}

    std::vector<TraceViolation> run() {
        std::vector<const TraceEvent*> ordered;
        ordered.reserve(trace_.size());
        for (const TraceEvent& e : trace_) ordered.push_back(&e);
        std::stable_sort(ordered.begin(), ordered.end(),
                         [](const TraceEvent* a, const TraceEvent* b) { return a->seq < b->seq; });
        for (const TraceEvent* e : ordered) event(*e);
        finish();
        serialization();
        std::stable_sort(out_.begin(), out_.end(),
                         [](const TraceViolation& a, const TraceViolation& b) { return a.seq < b.seq; });
        return std::move(out_);
    }

private:
    const Trace& trace_;
    const TraceExpectations& x_;
    const Profile& profile_;
    std::size_t n_;
    std::vector<DllLife> life_;
    std::map<std::uint64_t, Conn> conns_;
    std::vector<std::string> unknown_reported_, single_reported_;
    std::string single_dll_;
    std::uint64_t last_failed_init_ = 0;
    std::string failed_init_dll_;
    std::optional<std::pair<std::string, std::uint64_t>> ipv4_owner_, ipv6_owner_;
    std::vector<TraceViolation> out_;

    // --- helpers -----------------------------------------------------------

    std::string subject(const TraceEvent& e) const {
        std::string s = e.dll + ": " + name_of(e.callout);
        if (e.connection) s += " for connection " + hex(e.connection);
        if (e.link) s += " port " + hex(e.link);
        return s;
    }

    void report(std::string_view rule, const TraceEvent& e, const std::string& what) {
        out_.push_back({std::string(rule), e.seq, subject(e) + " (seq " + std::to_string(e.seq) + "): " + what});
    }

    std::size_t index_of(const std::string& dll) const {
        auto it = std::find(x_.registry_order.begin(), x_.registry_order.end(), dll);
        return it == x_.registry_order.end() ? none : static_cast<std::size_t>(it - x_.registry_order.begin());
    }

    const std::string& dll(std::size_t i) const { return x_.registry_order[i]; }

    std::string registry() const {
        std::string s;
        for (const std::string& d : x_.registry_order) s += (s.empty() ? "" : ", ") + d;
        return s;
    }

    std::string list(const std::vector<std::size_t>& idx) const {
        std::string s;
        for (std::size_t i : idx) s += (s.empty() ? "" : ", ") + dll(i);
        return s;
    }

    Conn& conn(std::uint64_t h) { return conns_.try_emplace(h, n_).first->second; }

    Port& port(Conn& c, std::uint64_t h) { return c.ports.try_emplace(h, n_).first->second; }

    static bool up(const Port& p, std::size_t n) { return !p.round.refusal_seq && p.round.count == n; }

    // ACCEPT-3, Q-8: in short-circuit mode nobody is asked after a FALSE.
    void asked_after_refusal(const TraceEvent& e, const Round& r, std::string_view what) {
        if (!x_.ask_every_dll && r.refusal_seq)
            report("ACCEPT-3", e, "asked although " + r.refused_by + " at seq " + std::to_string(*r.refusal_seq) +
                                      "; expected no further DLL to be asked (short-circuit mode, Q-8" +
                                      std::string(what) + ")");
    }

    // One round of per-DLL calls for one connection or link must follow the
    // registry (INIT-2, MULTI-2, ACCEPT-2, LINK-2, LINK-6, HANGUP-2): each
    // DLL once, in rising registry position. `last` is the highest position
    // called so far in this round.
    void in_order(std::string_view rule, const TraceEvent& e, std::size_t d, bool seen, std::uint64_t seen_seq,
                  std::size_t last) {
        if (seen) {
            report(rule, e, "the DLL already had this call at seq " + std::to_string(seen_seq) +
                                "; expected it once per DLL");
        } else if (last != none && d < last) {
            report(rule, e, "called after " + dll(last) + ", which comes later in registry order; expected order " +
                                registry());
        }
    }

    // --- per event -----------------------------------------------------------

    void event(const TraceEvent& e) {
        // VARIANT-2 / VERSION-2: the emulated OS never calls what it does not have.
        if (!offers(profile_, e.callout)) {
            const CalloutInfo& i = info(e.callout);
            report("VARIANT-2", e,
                   i.requirement == Requirement::legacy
                       ? "the NT 4.0 interface is never driven by " + std::string(to_string(profile_.version)) +
                             " (VERSION-2); expected no such callout"
                       : "not offered by " + std::string(to_string(profile_.version)) + " (available since " +
                             std::string(to_string(i.since)) + "); expected only callouts of the emulated OS");
        }
        // MULTI-1 / LOAD-6: a single-DLL profile talks to one DLL only.
        if (!profile_.multiple_dlls) {
            if (single_dll_.empty()) {
                single_dll_ = e.dll;
            } else if (e.dll != single_dll_ && std::find(single_reported_.begin(), single_reported_.end(), e.dll) ==
                                                   single_reported_.end()) {
                single_reported_.push_back(e.dll);
                report("MULTI-1", e,
                       std::string(to_string(profile_.version)) + " supports a single admin DLL, but " + single_dll_ +
                           " was called before; expected calls to one DLL only");
            }
        }
        std::size_t d = index_of(e.dll);
        if (d == none) {
            // LOAD-1: only DLLs of the AdminDll key are ever called.
            if (std::find(unknown_reported_.begin(), unknown_reported_.end(), e.dll) == unknown_reported_.end()) {
                unknown_reported_.push_back(e.dll);
                report("LOAD-1", e, "DLL is not in the registry list (" + registry() +
                                        "); expected callouts only to registered DLLs");
            }
            return;
        }
        lifecycle(e, d);
        const Callout c = e.callout;
        if (is_init(c) || c == Callout::TerminateDll || info(c).requirement == Requirement::legacy) return;
        Conn& cn = conn(e.connection);
        if (is_accept(c)) {
            accept(e, d, cn);
        } else if (c == Callout::AcceptNewLink) {
            accept_link(e, d, cn);
        } else if (c == Callout::LinkHangupNotification) {
            link_hangup(e, d, cn);
        } else if (is_connection_hangup(c)) {
            connection_hangup(e, d, cn);
        } else if (is_reauth(c)) {
            reauth(e, d, cn);
        } else if (c == Callout::GetIpAddressForUser || c == Callout::ReleaseIpAddress) {
            address(e, cn, false);
        } else if (c == Callout::GetIpv6AddressForUser || c == Callout::ReleaseIpv6AddressForUser) {
            address(e, cn, true);
        }
    }

    // INIT-1, ORDER-1, INIT-2, INIT-3: per DLL, Init first, nothing after
    // Terminate until the next Init (a service restart), nothing at all once
    // an Init failed (the service did not start).
    void lifecycle(const TraceEvent& e, std::size_t d) {
        using S = DllLife::State;
        DllLife& l = life_[d];
        auto enter = [&](S s) {
            l.state = s;
            l.since_seq = e.seq;
            l.reported = false;
        };
        if (is_init(e.callout)) {
            if (l.state == S::up)
                report("ORDER-1", e, "Init again without MprAdminTerminateDll since the Init at seq " +
                                         std::to_string(l.init_seq) + "; expected one Init per service run");
            init_order(e, d);
            if (failed(e.outcome)) {
                enter(S::failed);
                l.why = verdict(e.outcome);
                last_failed_init_ = e.seq;
                failed_init_dll_ = e.dll;
            } else {
                enter(S::up);
                l.init_seq = e.seq;
            }
            return;
        }
        if (e.callout == Callout::TerminateDll) {
            if (l.state == S::fresh)
                report("INIT-1", e, "first callout to the DLL; expected MprAdminInitializeDll(Ex) before any other");
            else if (l.state == S::terminated)
                report("ORDER-1", e, "Terminate again after the Terminate at seq " + std::to_string(l.since_seq) +
                                         "; expected one Terminate per Init");
            // After a failed Init, terminating the DLL or not is open (INIT-4, Q-6).
            enter(S::terminated);
            return;
        }
        if (l.reported) return;
        switch (l.state) {
        case S::fresh:
            l.reported = true;
            report("INIT-1", e, "first callout to the DLL; expected MprAdminInitializeDll(Ex) before any other");
            break;
        case S::terminated:
            l.reported = true;
            report("ORDER-1", e, "callout after MprAdminTerminateDll at seq " + std::to_string(l.since_seq) +
                                     "; expected none until the DLL is initialized again (TERM-4)");
            break;
        case S::failed:
            l.reported = true;
            report("INIT-3", e, "the DLL's Init at seq " + std::to_string(l.since_seq) + " " + l.why +
                                    "; expected no callouts, the service does not start");
            break;
        case S::up:
            if (last_failed_init_ > l.init_seq) {
                l.reported = true;
                report("INIT-3", e, failed_init_dll_ + "'s Init failed at seq " + std::to_string(last_failed_init_) +
                                        "; expected no callouts, the service does not start");
            }
            break;
        }
    }

    // INIT-2: DLL i is initialized only once every DLL before it is up and
    // none after it is.
    void init_order(const TraceEvent& e, std::size_t d) {
        std::vector<std::size_t> before, after;
        for (std::size_t j = 0; j < n_; ++j) {
            if (j < d && life_[j].state != DllLife::State::up) before.push_back(j);
            if (j > d && life_[j].state == DllLife::State::up) after.push_back(j);
        }
        if (before.empty() && after.empty()) return;
        std::string seen;
        if (!before.empty()) seen = list(before) + " (earlier in registry order) not initialized yet";
        if (!after.empty()) seen += (seen.empty() ? "" : ", and ") + list(after) + " (later) already initialized";
        report("INIT-2", e, seen + "; expected Init in registry order " + registry());
    }


    void accept(const TraceEvent& e, std::size_t d, Conn& c) {
        // ORDER-3: the whole accept round comes before the first link.
        if (c.first_link_seq)
            report("ORDER-3", e, "accept after MprAdminAcceptNewLink at seq " + std::to_string(*c.first_link_seq) +
                                     "; expected every accept before the first link is offered");
        in_order("ACCEPT-2", e, d, c.round.asked[d], c.round.asked_seq[d], c.round.last);
        asked_after_refusal(e, c.round, "");
        if (!c.accept[d]) c.accept[d] = e.callout;
        c.round.ask(e, d);
    }

    void accept_link(const TraceEvent& e, std::size_t d, Conn& c) {
        if (c.round.count == 0) {
            // ORDER-3: a link is offered only for a connection that was accepted.
            report("ORDER-3", e, "no accept-connection callout for this connection before; expected the first "
                                 "link only after the connection was accepted");
        } else if (c.round.refusal_seq) {
            // ACCEPT-4 (ORDER-3): one FALSE or fault anywhere in the chain rejects the connection.
            report("ACCEPT-4", e, "the connection was rejected at seq " + std::to_string(*c.round.refusal_seq) + " (" +
                                      c.round.refused_by + "); expected no MprAdminAcceptNewLink for a rejected connection");
        }
        // HANGUP-1: the connection hang-up means its last link is gone.
        if (c.hung[d])
            report("HANGUP-1", e, "link offered after the DLL's connection hang-up at seq " +
                                      std::to_string(c.hung_seq[d]) + "; expected no link after the connection hang-up");
        // LINK-3: a refused first link ends the connection.
        if (c.first_port && *c.first_port != e.link) {
            const Port& first = c.ports.at(*c.first_port);
            if (first.round.refusal_seq)
                report("LINK-3", e, "the connection's first link " + hex(*c.first_port) + " was refused at seq " +
                                        std::to_string(*first.round.refusal_seq) + " (" + first.round.refused_by +
                                        "); expected no further link, the connection does not come up");
        }
        if (!c.first_port) c.first_port = e.link;
        if (!c.first_link_seq) c.first_link_seq = e.seq;
        Port& p = port(c, e.link);
        in_order("LINK-2", e, d, p.round.asked[d], p.round.asked_seq[d], p.round.last);
        asked_after_refusal(e, p.round, " covers links too");
        p.round.ask(e, d);
        if (up(p, n_)) c.ever_up = true;
    }

    void link_hangup(const TraceEvent& e, std::size_t d, Conn& c) {
        auto it = c.ports.find(e.link);
        if (it == c.ports.end() || it->second.round.count == 0) {
            // ORDER-5: link hang-ups are for links that were set up.
            report("ORDER-5", e, "link never offered with MprAdminAcceptNewLink; expected hang-ups only for "
                                 "links the engine announced");
        } else {
            const Port& p = it->second;
            // LINK-4, Q-9: a refused link's hang-up goes to the DLLs that were asked, and only
            // where the profile sends one at all.
            if (!p.round.asked[d])
                report("LINK-4", e, "the DLL was never offered this link; expected a link hang-up only for DLLs "
                                    "that were asked to accept it (Q-9)");
            if (p.round.refusal_seq && !x_.expects_link_hangup_after_refused_link())
                report("LINK-4", e, "the link was refused at seq " + std::to_string(*p.round.refusal_seq) + " (" +
                                        p.round.refused_by + "); expected no link hang-up for a refused link on " +
                                        std::string(to_string(profile_.version)));
        }
        // ORDER-6: every link hang-up precedes the connection hang-up.
        if (c.hung[d])
            report("ORDER-6", e, "after the DLL's connection hang-up at seq " + std::to_string(c.hung_seq[d]) +
                                     "; expected every link hang-up before the connection hang-up");
        Port& p = port(c, e.link);
        in_order("LINK-6", e, d, p.hung[d], p.hung_seq[d], p.last_hung);
        if (!p.hung[d]) {
            p.hung[d] = true;
            p.hung_seq[d] = e.seq;
        }
        p.last_hung = p.last_hung == none ? d : std::max(p.last_hung, d);
    }

    void connection_hangup(const TraceEvent& e, std::size_t d, Conn& c) {
        // HANGUP-7: one connection hang-up per connection per DLL.
        if (c.hung[d]) {
            report("HANGUP-7", e, "second connection hang-up (first at seq " + std::to_string(c.hung_seq[d]) +
                                      "); expected at most one per connection per DLL");
            return;
        }
        if (c.last_hangup != none && d < c.last_hangup)
            report("HANGUP-2", e, "called after " + dll(c.last_hangup) +
                                      ", which comes later in registry order; expected order " + registry());
        if (!c.accept[d]) {
            // HANGUP-5, Q-9: the hang-up goes to the DLLs that were asked to accept.
            report("HANGUP-5", e, "the DLL was never asked to accept this connection; expected a connection "
                                  "hang-up only for DLLs that were asked (Q-9)");
        } else if (info(*c.accept[d]).partner != e.callout) {
            // VARIANT-4: the partner of the accept variant, never a mix.
            report("VARIANT-4", e, "accepted with " + name_of(*c.accept[d]) + " at seq " +
                                       std::to_string(c.round.asked_seq[d]) + "; expected its partner " +
                                       name_of(*info(*c.accept[d]).partner));
        }
        // HANGUP-3: Windows 2000 and earlier send no hang-up after a rejected accept.
        if (c.round.refusal_seq && !x_.expects_hangup_after_reject())
            report("HANGUP-3", e, "the connection was rejected at seq " + std::to_string(*c.round.refusal_seq) + " (" +
                                      c.round.refused_by + "); expected no connection hang-up after a rejected accept on " +
                                      std::string(to_string(profile_.version)));
        // HANGUP-1 (ORDER-6): every link that came up has been hung up at this DLL.
        for (const auto& [h, p] : c.ports)
            if (up(p, n_) && !p.hung[d])
                report("HANGUP-1", e, "link " + hex(h) + " admitted at seq " + std::to_string(p.round.last_event->seq) +
                                          " has had no MprAdminLinkHangupNotification at " + e.dll +
                                          "; expected the connection hang-up after the last link's");
        c.hung[d] = true;
        c.hung_seq[d] = e.seq;
        c.last_hangup = c.last_hangup == none ? d : std::max(c.last_hangup, d);
        if (!c.hangup_seq) c.hangup_seq = e.seq;
    }

    // ORDER-9: reauthentication only while the connection is up.
    void reauth(const TraceEvent& e, std::size_t d, Conn& c) {
        std::string why;
        if (c.round.count == 0)
            why = "the connection was never accepted";
        else if (c.round.refusal_seq)
            why = "the connection was rejected at seq " + std::to_string(*c.round.refusal_seq) + " (" + c.round.refused_by + ")";
        else if (!c.ever_up)
            why = "no link of the connection has been admitted yet";
        else if (c.hangup_seq)
            why = "the connection was hung up at seq " + std::to_string(*c.hangup_seq);
        if (!why.empty())
            report("ORDER-9", e, why + "; expected reauthentication only after the accept and first link and "
                                       "before the connection hang-up");
        c.reauths.emplace_back(d, &e);
    }

    // MULTI-4, MULTI-5, IPV6-7: one DLL per address family. IPADDR-1/IPV6-1:
    // one Get per connection. IPADDR-3/IPV6-3, Q-12: a Release only after a
    // Get that succeeded, once. IPADDR-7: the Release names the Get's user and port.
    void address(const TraceEvent& e, Conn& c, bool v6) {
        const bool get = e.callout == Callout::GetIpAddressForUser || e.callout == Callout::GetIpv6AddressForUser;
        const std::string family = v6 ? "IPv6" : "IPv4";
        auto& owner = v6 ? ipv6_owner_ : ipv4_owner_;
        if (!owner)
            owner.emplace(e.dll, e.seq);
        else if (owner->first != e.dll)
            report(v6 ? "IPV6-7" : "MULTI-4", e,
                   family + " address callouts went to " + owner->first + " since seq " +
                       std::to_string(owner->second) + "; expected all of them in that one DLL, the first in "
                       "registry order that exports the pair");
        Address& a = v6 ? c.v6 : c.v4;
        if (get) {
            if (a.got) {
                report(v6 ? "IPV6-1" : "IPADDR-1", e, "second " + family + " Get for the connection (first at seq " +
                                                          std::to_string(a.get_seq) + "); expected one per connection");
                return;
            }
            a.got = true;
            a.ok = !failed(e.outcome);
            a.get_seq = e.seq;
            a.get_verdict = verdict(e.outcome);
            a.user = token(e.args, "user");
            a.port = token(e.args, "port");
            return;
        }
        const char* rule = v6 ? "IPV6-3" : "IPADDR-3";
        if (!a.got) {
            report(rule, e, "no " + family + " Get for the connection before; expected a Release only after a Get "
                            "that asked for it (bNotifyRelease)");
        } else if (!a.ok) {
            report(rule, e, "the Get at seq " + std::to_string(a.get_seq) + " failed (" + a.get_verdict +
                                "); expected no Release after a failed Get (Q-12)");
        } else if (a.released) {
            report(rule, e, "second Release (first at seq " + std::to_string(a.release_seq) +
                                "); expected one Release per Get");
        } else {
            auto user = token(e.args, "user");
            auto port = token(e.args, "port");
            if (user != a.user || port != a.port)
                report("IPADDR-7", e, "Release has user=" + shown(user) + " port=" + shown(port) + ", the Get at seq " +
                                          std::to_string(a.get_seq) + " had user=" + shown(a.user) +
                                          " port=" + shown(a.port) + "; expected the same user and port");
        }
        if (!a.released) {
            a.released = true;
            a.release_seq = e.seq;
        }
    }

    // --- at the end of the trace ---------------------------------------------

    // A round of admission questions (one connection, or one link) must have
    // reached every DLL (MULTI-3: admission is the AND of all answers), or,
    // after a refusal, what Q-8 says: everyone (ask every DLL) or every DLL
    // up to the one that refused (short-circuit) (ACCEPT-3).
    void completeness(const TraceEvent& at, const std::vector<std::size_t>& missing, bool was_refused,
                      const std::string& what) {
        if (missing.empty()) return;
        if (!was_refused)
            report("MULTI-3", at, list(missing) + " never asked about this " + what +
                                      "; expected every DLL to be asked, admission is the AND of all answers");
        else
            report("ACCEPT-3", at, list(missing) + " never asked about this refused " + what + "; expected " +
                                       (x_.ask_every_dll ? "every DLL to be asked (ask-every mode, Q-8)"
                                                         : "every DLL up to the refusing one (short-circuit, Q-8)"));
    }

    // The connection's accept round, then each of its links' rounds.
    static std::vector<const Round*> rounds_of(const Conn& c) {
        std::vector<const Round*> out{&c.round};
        for (const auto& [handle, p] : c.ports) out.push_back(&p.round);
        return out;
    }

    void finish() {
        for (auto& [h, c] : conns_) {
            for (const Round* r : rounds_of(c))
                if (r->count > 0)
                    completeness(*r->last_event, r->missing(x_.ask_every_dll), r->refusal_seq.has_value(),
                                 r == &c.round ? "connection" : "link");
            reauth_rounds(c);
        }
    }

    // MULTI-6: each quarantine change asks the DLLs in registry order,
    // each once; a round reaches every DLL that takes reauthentication, except
    // that a short-circuiting engine stops at the first refusal. A new round
    // starts where the registry position stops rising.
    void reauth_rounds(const Conn& c) {
        if (c.reauths.empty()) return;
        std::vector<std::vector<std::pair<std::size_t, const TraceEvent*>>> rounds;
        for (const auto& r : c.reauths) {
            if (rounds.empty() || r.first <= rounds.back().back().first) rounds.emplace_back();
            rounds.back().push_back(r);
        }
        std::vector<std::size_t> everyone;
        for (const auto& r : c.reauths) everyone.push_back(r.first);
        std::sort(everyone.begin(), everyone.end());
        everyone.erase(std::unique(everyone.begin(), everyone.end()), everyone.end());
        for (const auto& round : rounds) {
            std::vector<std::size_t> seen;
            std::optional<std::size_t> refuser;
            for (const auto& [d, e] : round) {
                seen.push_back(d);
                if (!refuser && refused(e->outcome)) refuser = d;
            }
            std::vector<std::size_t> expected;
            for (std::size_t d : everyone)
                if (x_.ask_every_dll || !refuser || d <= *refuser) expected.push_back(d);
            if (seen != expected)
                report("MULTI-6", *round.front().second,
                       "reauthentication round asked " + list(seen) + "; expected " + list(expected) +
                           ", once each in registry order");
        }
    }

    // --- timing ----------------------------------------------------------------

    // SERIAL-1..3, IPV6-7: calls of one serialization group never overlap in
    // one DLL; Init/Terminate overlap nothing of their DLL (ORDER-1, Q-2).
    // Calls into different DLLs may overlap (SERIAL-5).
    static std::optional<std::string_view> serial_rule(Callout a, Callout b) {
        const SerialGroup ga = info(a).group, gb = info(b).group;
        if (ga == SerialGroup::lifecycle || gb == SerialGroup::lifecycle) return "ORDER-1";
        if (ga != gb) return std::nullopt;
        switch (ga) {
        case SerialGroup::own: return a == b ? std::optional<std::string_view>("SERIAL-1") : std::nullopt;
        case SerialGroup::connection:  // accept and hang-up of the same variant (SERIAL-3)
            return a == b || info(a).partner == b ? std::optional<std::string_view>("SERIAL-3") : std::nullopt;
        case SerialGroup::ipv4: return "SERIAL-2";
        case SerialGroup::ipv6: return "IPV6-7";
        case SerialGroup::lifecycle: break;
        }
        return std::nullopt;
    }

    void serialization() {
        std::map<std::string, std::vector<const TraceEvent*>> by_dll;
        for (const TraceEvent& e : trace_) by_dll[e.dll].push_back(&e);
        for (auto& [name, events] : by_dll) {
            std::stable_sort(events.begin(), events.end(), [](const TraceEvent* a, const TraceEvent* b) {
                return a->start_ns != b->start_ns ? a->start_ns < b->start_ns : a->seq < b->seq;
            });
            std::vector<const TraceEvent*> running;  // started earlier, not yet returned
            for (const TraceEvent* e : events) {
                std::erase_if(running, [&](const TraceEvent* r) { return r->start_ns + r->duration_ns <= e->start_ns; });
                for (const TraceEvent* r : running) {
                    auto rule = serial_rule(r->callout, e->callout);
                    if (!rule) continue;
                    report(*rule, *e, "ran from " + std::to_string(e->start_ns) + " ns while " + name_of(r->callout) +
                                          " (seq " + std::to_string(r->seq) +
                                          (r->connection ? ", connection " + hex(r->connection) : std::string()) +
                                          ") ran from " + std::to_string(r->start_ns) + " to " +
                                          std::to_string(r->start_ns + r->duration_ns) +
                                          " ns; expected the calls not to overlap in one DLL");
                }
                running.push_back(e);
            }
        }
    }
};

}  // namespace

std::vector<TraceViolation> check_trace(const Trace& trace, const TraceExpectations& expect) {
    return Checker(trace, expect).run();
}

}  // namespace rasconform
