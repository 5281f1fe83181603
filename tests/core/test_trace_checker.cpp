// The trace checker: for every engine rule it checks, one hand-built trace
// that keeps the rule and one that breaks it (and nothing else), then the
// real engine driving a chain of in-process DLLs under ws2022 and w2000,
// whose traces must come out clean.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "mock/service.hpp"
#include "rasconform/abi.hpp"
#include "rasconform/rules.hpp"
#include "rasconform/trace_checker.hpp"
#include "tests/mock/scripted_admin_dll.hpp"

using namespace rasconform;

namespace {

constexpr std::uint64_t C1 = 0xDEAD000000000004ull, C2 = 0xDEAD000000000008ull;
constexpr std::uint64_t P1 = 0xDEAD000000000104ull, P2 = 0xDEAD000000000108ull, P3 = 0xDEAD00000000010Cull;
const std::string A = "a.dll", B = "b.dll", C = "c.dll";
const std::string alice = "user=alice port=VPN1-0 ip=10.1.2.3";

// Builds a trace the way the engine records one. Each call starts 100 ns
// after the previous one and lasts 10 ns, so nothing overlaps unless a test
// moves it with at().
class TraceBuilder {
public:
    Trace trace;

    TraceBuilder& call(const std::string& dll, Callout c, std::uint64_t conn = 0, std::uint64_t link = 0,
                       std::string args = "") {
        TraceEvent e;
        e.seq = trace.size() + 1;
        e.callout = c;
        e.dll = dll;
        e.connection = conn;
        e.link = link;
        e.args = std::move(args);
        e.outcome.value = info(c).returns == Returns::boolean ? 1u : 0u;  // TRUE / NO_ERROR
        e.start_ns = clock_;
        e.duration_ns = 10;
        clock_ += 100;
        trace.push_back(e);
        return *this;
    }
    TraceBuilder& init(const std::string& dll) { return call(dll, Callout::InitializeDll); }
    TraceBuilder& term(const std::string& dll) { return call(dll, Callout::TerminateDll); }
    TraceBuilder& accept(const std::string& dll, std::uint64_t conn, bool ok = true, Variant v = Variant::v1) {
        return call(dll, accept_callout(v), conn, 0, "user=alice").answer(ok);
    }
    TraceBuilder& hangup(const std::string& dll, std::uint64_t conn, Variant v = Variant::v1) {
        return call(dll, hangup_callout(v), conn, 0, "user=alice cause=user");
    }
    TraceBuilder& link(const std::string& dll, std::uint64_t conn, std::uint64_t port, bool ok = true) {
        return call(dll, Callout::AcceptNewLink, conn, port, "port=VPN1-0").answer(ok);
    }
    TraceBuilder& link_hangup(const std::string& dll, std::uint64_t conn, std::uint64_t port) {
        return call(dll, Callout::LinkHangupNotification, conn, port, "port=VPN1-0");
    }
    TraceBuilder& reauth(const std::string& dll, std::uint64_t conn, bool ok = true) {
        return call(dll, Callout::AcceptReauthentication, conn, 0, "user=alice").answer(ok);
    }
    TraceBuilder& get_ip(const std::string& dll, std::uint64_t conn, const std::string& args = alice) {
        return call(dll, Callout::GetIpAddressForUser, conn, 0, args);
    }
    TraceBuilder& release_ip(const std::string& dll, std::uint64_t conn, const std::string& args = alice) {
        return call(dll, Callout::ReleaseIpAddress, conn, 0, args);
    }
    TraceBuilder& get_ipv6(const std::string& dll, std::uint64_t conn, const std::string& args = alice) {
        return call(dll, Callout::GetIpv6AddressForUser, conn, 0, args);
    }
    TraceBuilder& release_ipv6(const std::string& dll, std::uint64_t conn, const std::string& args = alice) {
        return call(dll, Callout::ReleaseIpv6AddressForUser, conn, 0, args);
    }
    // The last call returned FALSE (ok == false) / TRUE.
    TraceBuilder& answer(bool ok) {
        trace.back().outcome.value = ok ? 1u : 0u;
        return *this;
    }
    // The last call returned this DWORD (Init, Get IP).
    TraceBuilder& returns(std::uint32_t v) {
        trace.back().outcome.value = v;
        return *this;
    }
    // The last call faulted (access violation, contained by the backend).
    TraceBuilder& fault() {
        CallOutcome& o = trace.back().outcome;
        o.kind = CallOutcome::Kind::fault;
        o.exception_code = 0xC0000005;
        o.value = 0;
        return *this;
    }
    TraceBuilder& at(std::uint64_t start_ns, std::uint64_t duration_ns) {
        trace.back().start_ns = start_ns;
        trace.back().duration_ns = duration_ns;
        return *this;
    }

    // Shorthands for a whole chain, in registry order.
    TraceBuilder& init_all(const std::vector<std::string>& dlls) {
        for (const auto& d : dlls) init(d);
        return *this;
    }
    TraceBuilder& term_all(const std::vector<std::string>& dlls) {
        for (const auto& d : dlls) term(d);
        return *this;
    }
    TraceBuilder& accept_all(const std::vector<std::string>& dlls, std::uint64_t conn) {
        for (const auto& d : dlls) accept(d, conn);
        return *this;
    }
    TraceBuilder& link_all(const std::vector<std::string>& dlls, std::uint64_t conn, std::uint64_t port) {
        for (const auto& d : dlls) link(d, conn, port);
        return *this;
    }
    TraceBuilder& link_hangup_all(const std::vector<std::string>& dlls, std::uint64_t conn, std::uint64_t port) {
        for (const auto& d : dlls) link_hangup(d, conn, port);
        return *this;
    }
    TraceBuilder& hangup_all(const std::vector<std::string>& dlls, std::uint64_t conn) {
        for (const auto& d : dlls) hangup(d, conn);
        return *this;
    }
    TraceBuilder& reauth_all(const std::vector<std::string>& dlls, std::uint64_t conn) {
        for (const auto& d : dlls) reauth(d, conn);
        return *this;
    }

private:
    std::uint64_t clock_ = 0;
};

const std::vector<std::string> one{"a.dll"}, two{"a.dll", "b.dll"};

TraceExpectations expect(const std::vector<std::string>& dlls, std::string_view profile = "ws2022") {
    TraceExpectations x;
    x.profile = find_profile(profile);
    x.registry_order = dlls;
    return x;
}

TraceExpectations short_circuit(const std::vector<std::string>& dlls) {
    TraceExpectations x = expect(dlls);
    x.ask_every_dll = false;
    return x;
}

// Two DLLs, connection C1 accepted and its link P1 admitted by both.
TraceBuilder chain_up() {
    TraceBuilder b;
    b.init_all(two).accept_all(two, C1).link_all(two, C1, P1);
    return b;
}

// The rest of chain_up's life: link hang-up, connection hang-up, Terminate.
TraceBuilder& chain_down(TraceBuilder& b) {
    return b.link_hangup_all(two, C1, P1).hangup_all(two, C1).term_all(two);
}

std::string dump(const std::vector<TraceViolation>& v) {
    std::ostringstream s;
    if (v.empty()) s << " (none)";
    for (const TraceViolation& x : v) s << "\n  " << x.rule << " @" << x.seq << ": " << x.message;
    return s.str();
}

boost::test_tools::predicate_result clean(const Trace& t, const TraceExpectations& x) {
    auto v = check_trace(t, x);
    boost::test_tools::predicate_result r(v.empty());
    if (!v.empty()) r.message() << "expected no violation, got:" << dump(v);
    return r;
}

// At least one violation, all of them `rule`, which the spec defines.
boost::test_tools::predicate_result only(std::string_view rule, const Trace& t, const TraceExpectations& x) {
    auto v = check_trace(t, x);
    bool ok = !v.empty() && find_rule(rule) != nullptr &&
              std::all_of(v.begin(), v.end(), [&](const TraceViolation& e) { return e.rule == rule; });
    boost::test_tools::predicate_result r(ok);
    if (!ok) r.message() << "expected only " << rule << " (a rule of the catalog), got:" << dump(v);
    return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(trace_checker)

BOOST_AUTO_TEST_CASE(full_connection_life_is_clean) {  // ORDER-7
    TraceBuilder b;
    b.init_all(two).get_ip(B, C1).accept_all(two, C1).link_all(two, C1, P1).link_all(two, C1, P2);
    b.reauth_all(two, C1).link_hangup_all(two, C1, P2).link_hangup_all(two, C1, P1).hangup_all(two, C1);
    b.release_ip(B, C1).term_all(two);
    BOOST_TEST(clean(b.trace, expect(two)));
    BOOST_TEST(clean(Trace{}, expect(two)));
}

BOOST_AUTO_TEST_CASE(violation_message_names_dll_callout_connection_and_expectation) {
    TraceBuilder b;
    b.init(A).accept(A, C1, false).link(A, C1, P1);
    auto v = check_trace(b.trace, expect(one));
    BOOST_REQUIRE_EQUAL(v.size(), 1u);
    BOOST_TEST(v[0].rule == "ACCEPT-4");
    BOOST_TEST(v[0].seq == 3u);
    BOOST_TEST(v[0].message.find("a.dll") != std::string::npos, v[0].message);
    BOOST_TEST(v[0].message.find("MprAdminAcceptNewLink") != std::string::npos, v[0].message);
    BOOST_TEST(v[0].message.find("0xdead000000000004") != std::string::npos, v[0].message);
    BOOST_TEST(v[0].message.find("returned FALSE") != std::string::npos, v[0].message);
    BOOST_TEST(v[0].message.find("expected") != std::string::npos, v[0].message);
}

BOOST_AUTO_TEST_CASE(violations_come_out_in_seq_order) {
    TraceBuilder b;
    b.init(A).accept(A, C1, false).link(A, C1, P1).hangup(A, C1).hangup(A, C1);
    auto v = check_trace(b.trace, expect(one, "w2000"));
    BOOST_REQUIRE(v.size() >= 2u);
    BOOST_TEST(std::is_sorted(v.begin(), v.end(), [](auto& l, auto& r) { return l.seq < r.seq; }), dump(v));
}

// --- lifecycle ---------------------------------------------------------------

BOOST_AUTO_TEST_CASE(init_comes_first) {  // INIT-1
    TraceBuilder ok;
    ok.init(A).accept(A, C1).hangup(A, C1).term(A);
    BOOST_TEST(clean(ok.trace, expect(one)));

    TraceBuilder bad;
    bad.accept(A, C1).hangup(A, C1).init(A).term(A);
    BOOST_TEST(only("INIT-1", bad.trace, expect(one)));

    TraceBuilder term_first;
    term_first.term(A);
    BOOST_TEST(only("INIT-1", term_first.trace, expect(one)));
}

BOOST_AUTO_TEST_CASE(nothing_after_terminate_until_restart) {  // ORDER-1, TERM-4
    TraceBuilder ok;  // a service restart: Terminate, Init again, carry on
    ok.init(A).accept(A, C1).hangup(A, C1).term(A).init(A).accept(A, C2).hangup(A, C2).term(A);
    BOOST_TEST(clean(ok.trace, expect(one)));

    TraceBuilder after;
    after.init(A).term(A).accept(A, C1);
    BOOST_TEST(only("ORDER-1", after.trace, expect(one)));

    TraceBuilder twice;
    twice.init(A).init(A);
    BOOST_TEST(only("ORDER-1", twice.trace, expect(one)));

    TraceBuilder term_twice;
    term_twice.init(A).term(A).term(A);
    BOOST_TEST(only("ORDER-1", term_twice.trace, expect(one)));
}

BOOST_AUTO_TEST_CASE(init_in_registry_order) {  // INIT-2
    TraceBuilder ok;
    ok.init(A).init(B).term(A).term(B).init(A).init(B);
    BOOST_TEST(clean(ok.trace, expect(two)));

    TraceBuilder bad;
    bad.init(B).init(A);
    BOOST_TEST(only("INIT-2", bad.trace, expect(two)));
}

BOOST_AUTO_TEST_CASE(no_callouts_after_a_failed_init) {  // INIT-3, INIT-4
    TraceBuilder ok;  // b fails: a is terminated (Q-6); a later restart works
    ok.init(A).init(B).returns(5).term(A).init(A).init(B).accept_all(two, C1);
    BOOST_TEST(clean(ok.trace, expect(two)));

    TraceBuilder other;  // b's failure means the service did not start, a included
    other.init(A).init(B).returns(5).accept_all(two, C1);
    BOOST_TEST(only("INIT-3", other.trace, expect(two)));

    TraceBuilder own;
    own.init(A).fault().accept(A, C1);
    BOOST_TEST(only("INIT-3", own.trace, expect(one)));
}

BOOST_AUTO_TEST_CASE(single_dll_profile_calls_one_dll) {  // MULTI-1, LOAD-6
    TraceBuilder ok;
    ok.init(A).term(A);
    BOOST_TEST(clean(ok.trace, expect(one, "w2000")));

    TraceBuilder bad;
    bad.init(A).init(B);
    BOOST_TEST(clean(bad.trace, expect(two, "ws2003")));
    BOOST_TEST(only("MULTI-1", bad.trace, expect(two, "w2000")));
}

BOOST_AUTO_TEST_CASE(only_registered_dlls_are_called) {  // LOAD-1
    TraceBuilder b;
    b.init(A).init("x.dll");
    BOOST_TEST(clean(b.trace, expect({A, "x.dll"})));
    BOOST_TEST(only("LOAD-1", b.trace, expect(one)));
}

// --- what the profile offers ---------------------------------------------------

BOOST_AUTO_TEST_CASE(only_callouts_of_the_emulated_os) {  // VARIANT-2, VERSION-2
    TraceBuilder ex;
    ex.init(A).accept(A, C1, true, Variant::ex).hangup(A, C1, Variant::ex);
    BOOST_TEST(clean(ex.trace, expect(one, "ws2008r2")));
    BOOST_TEST(only("VARIANT-2", ex.trace, expect(one, "ws2008")));

    TraceBuilder v3;
    v3.init(A).accept(A, C1, true, Variant::v3);
    BOOST_TEST(clean(v3.trace, expect(one, "ws2008")));
    BOOST_TEST(only("VARIANT-2", v3.trace, expect(one, "w2000")));

    TraceBuilder legacy;
    legacy.init(A).call(A, Callout::LegacyAcceptNewConnection, C1);
    BOOST_TEST(only("VARIANT-2", legacy.trace, expect(one)));
}

// --- connection admission --------------------------------------------------------

BOOST_AUTO_TEST_CASE(accept_in_registry_order) {  // ACCEPT-2, MULTI-2
    TraceBuilder ok;
    ok.init_all(two).accept(A, C1).accept(B, C1);
    BOOST_TEST(clean(ok.trace, expect(two)));

    TraceBuilder swapped;
    swapped.init_all(two).accept(B, C1).accept(A, C1);
    BOOST_TEST(only("ACCEPT-2", swapped.trace, expect(two)));

    TraceBuilder twice;
    twice.init_all(two).accept(A, C1).accept(A, C1).accept(B, C1);
    BOOST_TEST(only("ACCEPT-2", twice.trace, expect(two)));
}

BOOST_AUTO_TEST_CASE(ask_every_dll_or_short_circuit_as_configured) {  // ACCEPT-3, Q-8
    TraceBuilder every;  // a says FALSE, b is still asked
    every.init_all(two).accept(A, C1, false).accept(B, C1);
    BOOST_TEST(clean(every.trace, expect(two)));
    BOOST_TEST(only("ACCEPT-3", every.trace, short_circuit(two)));

    TraceBuilder stopped;  // a says FALSE, b is not asked
    stopped.init_all(two).accept(A, C1, false);
    BOOST_TEST(clean(stopped.trace, short_circuit(two)));
    BOOST_TEST(only("ACCEPT-3", stopped.trace, expect(two)));

    TraceBuilder skipped;  // short-circuit still asks everyone up to the refusal
    skipped.init_all(two).accept(B, C1, false);
    BOOST_TEST(only("ACCEPT-3", skipped.trace, short_circuit(two)));

    TraceBuilder link_every;  // the same for links
    link_every.init_all(two).accept_all(two, C1).link(A, C1, P1, false).link(B, C1, P1);
    BOOST_TEST(clean(link_every.trace, expect(two)));
    BOOST_TEST(only("ACCEPT-3", link_every.trace, short_circuit(two)));

    TraceBuilder link_stopped;
    link_stopped.init_all(two).accept_all(two, C1).link(A, C1, P1, false);
    BOOST_TEST(clean(link_stopped.trace, short_circuit(two)));
    BOOST_TEST(only("ACCEPT-3", link_stopped.trace, expect(two)));
}

BOOST_AUTO_TEST_CASE(admission_asks_every_dll) {  // MULTI-3
    TraceBuilder conn;
    conn.init_all(two).accept(A, C1);
    BOOST_TEST(only("MULTI-3", conn.trace, expect(two)));
    BOOST_TEST(only("MULTI-3", conn.trace, short_circuit(two)));  // no refusal: nothing to stop at

    TraceBuilder link;
    link.init_all(two).accept_all(two, C1).link(A, C1, P1);
    BOOST_TEST(only("MULTI-3", link.trace, expect(two)));

    TraceBuilder ok = chain_up();
    BOOST_TEST(clean(ok.trace, expect(two)));
}

BOOST_AUTO_TEST_CASE(links_only_after_the_accept_round) {  // ORDER-3
    TraceBuilder ok;
    ok.init_all(two).accept_all(two, C1).link_all(two, C1, P1);
    BOOST_TEST(clean(ok.trace, expect(two)));

    TraceBuilder no_accept;
    no_accept.init(A).link(A, C1, P1);
    BOOST_TEST(only("ORDER-3", no_accept.trace, expect(one)));

    TraceBuilder interleaved;  // b is asked to accept after a already had the link
    interleaved.init_all(two).accept(A, C1).link(A, C1, P1).accept(B, C1).link(B, C1, P1);
    BOOST_TEST(only("ORDER-3", interleaved.trace, expect(two)));
}

BOOST_AUTO_TEST_CASE(no_link_for_a_rejected_connection) {  // ACCEPT-4, ORDER-3
    TraceBuilder ok;
    ok.init_all(two).accept(A, C1).accept(B, C1, false).hangup_all(two, C1);
    BOOST_TEST(clean(ok.trace, expect(two)));

    TraceBuilder refused;
    refused.init(A).accept(A, C1, false).link(A, C1, P1);
    BOOST_TEST(only("ACCEPT-4", refused.trace, expect(one)));

    TraceBuilder by_other;  // b's FALSE rejects it for a too
    by_other.init_all(two).accept(A, C1).accept(B, C1, false).link_all(two, C1, P1);
    BOOST_TEST(only("ACCEPT-4", by_other.trace, expect(two)));

    TraceBuilder faulted;  // a fault counts as a refusal (Q-24)
    faulted.init(A).accept(A, C1).fault().link(A, C1, P1);
    BOOST_TEST(only("ACCEPT-4", faulted.trace, expect(one)));
}

// --- links -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(links_offered_in_registry_order) {  // LINK-2, MULTI-2
    TraceBuilder swapped;
    swapped.init_all(two).accept_all(two, C1).link(B, C1, P1).link(A, C1, P1);
    BOOST_TEST(only("LINK-2", swapped.trace, expect(two)));

    TraceBuilder twice;
    twice.init_all(two).accept_all(two, C1).link_all(two, C1, P1).link(B, C1, P1);
    BOOST_TEST(only("LINK-2", twice.trace, expect(two)));

    TraceBuilder ok = chain_up();  // a second link is a new round
    ok.link_all(two, C1, P2);
    BOOST_TEST(clean(ok.trace, expect(two)));
}

BOOST_AUTO_TEST_CASE(refused_first_link_ends_the_connection) {  // LINK-3
    TraceBuilder ok;  // a refused extra link does not
    ok.init(A).accept(A, C1).link(A, C1, P1).link(A, C1, P2, false).link(A, C1, P3);
    BOOST_TEST(clean(ok.trace, expect(one)));

    TraceBuilder bad;
    bad.init(A).accept(A, C1).link(A, C1, P1, false).link(A, C1, P2);
    BOOST_TEST(only("LINK-3", bad.trace, expect(one)));
}

BOOST_AUTO_TEST_CASE(link_hangup_after_refused_link_per_profile) {  // LINK-4, VERSION-3
    TraceBuilder b;
    b.init(A).accept(A, C1).link(A, C1, P1).link(A, C1, P2, false).link_hangup(A, C1, P2);
    BOOST_TEST(clean(b.trace, expect(one, "ws2003")));
    BOOST_TEST(only("LINK-4", b.trace, expect(one, "w2000")));
    TraceExpectations x = expect(one);
    x.link_hangup_after_refused_link = false;
    BOOST_TEST(only("LINK-4", b.trace, x));

    TraceBuilder w2k;  // Windows 2000 leaves the refused link alone
    w2k.init(A).accept(A, C1).link(A, C1, P1).link(A, C1, P2, false);
    BOOST_TEST(clean(w2k.trace, expect(one, "w2000")));
}

BOOST_AUTO_TEST_CASE(refused_link_hangup_goes_to_the_dlls_asked) {  // LINK-4, Q-9
    TraceBuilder ok;  // short-circuit: a refused, b never heard of the link
    ok.init_all(two).accept_all(two, C1).link_all(two, C1, P1).link(A, C1, P2, false).link_hangup(A, C1, P2);
    BOOST_TEST(clean(ok.trace, short_circuit(two)));

    TraceBuilder bad = ok;
    bad.link_hangup(B, C1, P2);
    BOOST_TEST(only("LINK-4", bad.trace, short_circuit(two)));
}

BOOST_AUTO_TEST_CASE(link_hangup_only_for_announced_links) {  // ORDER-5
    TraceBuilder ok = chain_up();  // one link of a bundle drops mid-connection
    ok.link_all(two, C1, P2).link_hangup_all(two, C1, P2);
    BOOST_TEST(clean(ok.trace, expect(two)));

    TraceBuilder bad = chain_up();
    bad.link_hangup_all(two, C1, P2);
    BOOST_TEST(only("ORDER-5", bad.trace, expect(two)));
}

BOOST_AUTO_TEST_CASE(link_hangups_in_registry_order) {  // LINK-6, MULTI-2
    TraceBuilder ok = chain_up();
    chain_down(ok);
    BOOST_TEST(clean(ok.trace, expect(two)));

    TraceBuilder swapped = chain_up();
    swapped.link_hangup(B, C1, P1).link_hangup(A, C1, P1);
    BOOST_TEST(only("LINK-6", swapped.trace, expect(two)));

    TraceBuilder twice = chain_up();
    twice.link_hangup_all(two, C1, P1).link_hangup(B, C1, P1);
    BOOST_TEST(only("LINK-6", twice.trace, expect(two)));
}

// --- connection teardown ------------------------------------------------------------

BOOST_AUTO_TEST_CASE(no_link_hangup_after_the_connection_hangup) {  // ORDER-6
    TraceBuilder ok;  // first link refused (ws2022): link hang-up, then connection hang-up
    ok.init(A).accept(A, C1).link(A, C1, P1, false).link_hangup(A, C1, P1).hangup(A, C1);
    BOOST_TEST(clean(ok.trace, expect(one)));

    TraceBuilder bad;
    bad.init(A).accept(A, C1).link(A, C1, P1, false).hangup(A, C1).link_hangup(A, C1, P1);
    BOOST_TEST(only("ORDER-6", bad.trace, expect(one)));
}

BOOST_AUTO_TEST_CASE(connection_hangup_after_the_last_link) {  // HANGUP-1
    TraceBuilder ok = chain_up();
    ok.link_all(two, C1, P2).link_hangup_all(two, C1, P1).link_hangup_all(two, C1, P2).hangup_all(two, C1);
    BOOST_TEST(clean(ok.trace, expect(two)));

    TraceBuilder early = chain_up();  // P2 is still up at a
    early.link_all(two, C1, P2).link_hangup_all(two, C1, P1).hangup(A, C1);
    BOOST_TEST(only("HANGUP-1", early.trace, expect(two)));

    TraceBuilder late_link;  // a link after the hang-up
    late_link.init(A).accept(A, C1).link(A, C1, P1).link_hangup(A, C1, P1).hangup(A, C1).link(A, C1, P2);
    BOOST_TEST(only("HANGUP-1", late_link.trace, expect(one)));
}

BOOST_AUTO_TEST_CASE(connection_hangups_in_registry_order) {  // HANGUP-2, MULTI-2
    TraceBuilder swapped = chain_up();
    swapped.link_hangup_all(two, C1, P1).hangup(B, C1).hangup(A, C1);
    BOOST_TEST(only("HANGUP-2", swapped.trace, expect(two)));
}

BOOST_AUTO_TEST_CASE(no_hangup_after_rejection_on_windows_2000) {  // HANGUP-3, HANGUP-4
    TraceBuilder b;
    b.init(A).accept(A, C1, false).hangup(A, C1);
    BOOST_TEST(clean(b.trace, expect(one, "ws2022")));
    BOOST_TEST(only("HANGUP-3", b.trace, expect(one, "w2000")));
    TraceExpectations x = expect(one);
    x.hangup_after_reject = false;
    BOOST_TEST(only("HANGUP-3", b.trace, x));

    TraceBuilder w2k;
    w2k.init(A).accept(A, C1, false).accept(A, C2).link(A, C2, P1).link_hangup(A, C2, P1).hangup(A, C2);
    BOOST_TEST(clean(w2k.trace, expect(one, "w2000")));
}

BOOST_AUTO_TEST_CASE(hangup_only_to_dlls_asked_to_accept) {  // HANGUP-5, Q-9
    TraceBuilder ok;  // short-circuit: only a was asked, only a hears the hang-up
    ok.init_all(two).accept(A, C1, false).hangup(A, C1);
    BOOST_TEST(clean(ok.trace, short_circuit(two)));

    TraceBuilder bad = ok;
    bad.hangup(B, C1);
    BOOST_TEST(only("HANGUP-5", bad.trace, short_circuit(two)));
}

BOOST_AUTO_TEST_CASE(one_connection_hangup_per_dll) {  // HANGUP-7
    TraceBuilder bad = chain_up();
    bad.link_hangup_all(two, C1, P1).hangup_all(two, C1).hangup(B, C1);
    BOOST_TEST(only("HANGUP-7", bad.trace, expect(two)));
}

BOOST_AUTO_TEST_CASE(hangup_variant_partners_the_accept_variant) {  // VARIANT-4, VARIANT-6
    TraceBuilder ok;  // variants may differ between DLLs, not within one
    ok.init_all(two).accept(A, C1, true, Variant::ex).accept(B, C1, true, Variant::v2);
    ok.hangup(A, C1, Variant::ex).hangup(B, C1, Variant::v2);
    BOOST_TEST(clean(ok.trace, expect(two)));

    TraceBuilder mixed;
    mixed.init(A).accept(A, C1, true, Variant::v3).hangup(A, C1, Variant::v2);
    BOOST_TEST(only("VARIANT-4", mixed.trace, expect(one)));
}

// --- reauthentication -------------------------------------------------------------

BOOST_AUTO_TEST_CASE(reauthentication_only_while_up) {  // ORDER-9
    TraceBuilder ok = chain_up();
    ok.reauth_all(two, C1).reauth_all(two, C1);
    chain_down(ok);
    BOOST_TEST(clean(ok.trace, expect(two)));

    TraceBuilder before_link;
    before_link.init(A).accept(A, C1).reauth(A, C1);
    BOOST_TEST(only("ORDER-9", before_link.trace, expect(one)));

    TraceBuilder never_accepted;
    never_accepted.init(A).reauth(A, C1);
    BOOST_TEST(only("ORDER-9", never_accepted.trace, expect(one)));

    TraceBuilder rejected;
    rejected.init(A).accept(A, C1, false).reauth(A, C1);
    BOOST_TEST(only("ORDER-9", rejected.trace, expect(one)));

    TraceBuilder after_hangup;
    after_hangup.init(A).accept(A, C1).link(A, C1, P1).link_hangup(A, C1, P1).hangup(A, C1).reauth(A, C1);
    BOOST_TEST(only("ORDER-9", after_hangup.trace, expect(one)));
}

BOOST_AUTO_TEST_CASE(reauthentication_rounds_in_registry_order) {  // MULTI-6
    TraceBuilder swapped = chain_up();
    swapped.reauth(B, C1).reauth(A, C1);
    BOOST_TEST(only("MULTI-6", swapped.trace, expect(two)));

    TraceBuilder stopped = chain_up();  // a refuses; short-circuit stops there
    stopped.reauth_all(two, C1).reauth(A, C1, false);
    BOOST_TEST(clean(stopped.trace, short_circuit(two)));
    BOOST_TEST(only("MULTI-6", stopped.trace, expect(two)));
}

// --- addresses ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(ipv4_callouts_in_one_dll) {  // MULTI-4, MULTI-5
    TraceBuilder ok;
    ok.init_all(two).get_ip(B, C1).get_ip(B, C2).release_ip(B, C1).release_ip(B, C2);
    BOOST_TEST(clean(ok.trace, expect(two)));

    TraceBuilder bad;
    bad.init_all(two).get_ip(B, C1).get_ip(A, C2);
    BOOST_TEST(only("MULTI-4", bad.trace, expect(two)));
}

BOOST_AUTO_TEST_CASE(ipv6_callouts_in_one_dll_chosen_on_their_own) {  // IPV6-7, MULTI-5
    TraceBuilder ok;  // IPv4 in a, IPv6 in b: independent choices (Q-13)
    ok.init_all(two).get_ip(A, C1).get_ipv6(B, C1).release_ip(A, C1).release_ipv6(B, C1);
    BOOST_TEST(clean(ok.trace, expect(two)));

    TraceBuilder bad;
    bad.init_all(two).get_ipv6(B, C1).release_ipv6(A, C1);
    BOOST_TEST(only("IPV6-7", bad.trace, expect(two)));
}

BOOST_AUTO_TEST_CASE(one_get_per_connection) {  // IPADDR-1, IPV6-1
    TraceBuilder v4;
    v4.init(A).get_ip(A, C1).get_ip(A, C1);
    BOOST_TEST(only("IPADDR-1", v4.trace, expect(one)));

    TraceBuilder v6;
    v6.init(A).get_ipv6(A, C1).get_ipv6(A, C1);
    BOOST_TEST(only("IPV6-1", v6.trace, expect(one)));

    TraceBuilder ok;  // one of each family is fine
    ok.init(A).get_ip(A, C1).get_ipv6(A, C1).get_ip(A, C2);
    BOOST_TEST(clean(ok.trace, expect(one)));
}

BOOST_AUTO_TEST_CASE(release_only_after_a_successful_get) {  // IPADDR-3, IPV6-3, Q-12
    TraceBuilder ok;  // a failed Get is not released
    ok.init(A).get_ip(A, C1).returns(5).get_ip(A, C2).release_ip(A, C2);
    BOOST_TEST(clean(ok.trace, expect(one)));

    TraceBuilder no_get;
    no_get.init(A).release_ip(A, C1);
    BOOST_TEST(only("IPADDR-3", no_get.trace, expect(one)));

    TraceBuilder failed_get;
    failed_get.init(A).get_ip(A, C1).returns(5).release_ip(A, C1);
    BOOST_TEST(only("IPADDR-3", failed_get.trace, expect(one)));

    TraceBuilder twice;
    twice.init(A).get_ip(A, C1).release_ip(A, C1).release_ip(A, C1);
    BOOST_TEST(only("IPADDR-3", twice.trace, expect(one)));

    TraceBuilder v6;
    v6.init(A).get_ipv6(A, C1).fault().release_ipv6(A, C1);
    BOOST_TEST(only("IPV6-3", v6.trace, expect(one)));
}

BOOST_AUTO_TEST_CASE(release_names_the_user_and_port_of_the_get) {  // IPADDR-7
    TraceBuilder ok;  // the address may differ: Get's summary shows RRAS's proposal
    ok.init(A).get_ip(A, C1, "user=John Smith port=VPN1-0 ip=0.0.0.0");
    ok.release_ip(A, C1, "user=John Smith port=VPN1-0 ip=10.9.9.9");
    BOOST_TEST(clean(ok.trace, expect(one)));

    TraceBuilder port;
    port.init(A).get_ip(A, C1).release_ip(A, C1, "user=alice port=VPN1-1 ip=10.1.2.3");
    BOOST_TEST(only("IPADDR-7", port.trace, expect(one)));

    TraceBuilder user;
    user.init(A).get_ipv6(A, C1, "user=alice port=VPN1-0").release_ipv6(A, C1, "user=John Smith port=VPN1-0");
    BOOST_TEST(only("IPADDR-7", user.trace, expect(one)));
}

// --- timing --------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(same_function_never_overlaps_in_one_dll) {  // SERIAL-1
    TraceBuilder bad;
    bad.init(A).accept(A, C1).accept(A, C2);
    bad.link(A, C1, P1).at(1000, 500).link(A, C2, P2).at(1200, 100);
    BOOST_TEST(only("SERIAL-1", bad.trace, expect(one)));

    TraceBuilder other_dll;  // SERIAL-5: different DLLs may overlap
    other_dll.init_all(two).accept_all(two, C1);
    other_dll.link(A, C1, P1).at(1000, 500).link(B, C1, P1).at(1200, 100);
    BOOST_TEST(clean(other_dll.trace, expect(two)));

    TraceBuilder other_function;  // SERIAL-4: ungrouped callouts may overlap
    other_function.init(A).accept(A, C1).accept(A, C2).link(A, C1, P1);
    other_function.link(A, C2, P2).at(1000, 500).link_hangup(A, C1, P1).at(1200, 100);
    BOOST_TEST(clean(other_function.trace, expect(one)));

    TraceBuilder back_to_back;  // returning at t and starting at t is no overlap
    back_to_back.init(A).accept(A, C1).accept(A, C2);
    back_to_back.link(A, C1, P1).at(1000, 200).link(A, C2, P2).at(1200, 100);
    BOOST_TEST(clean(back_to_back.trace, expect(one)));
}

BOOST_AUTO_TEST_CASE(ip_get_and_release_never_overlap) {  // SERIAL-2, IPADDR-8
    TraceBuilder bad;
    bad.init(A).get_ip(A, C1).get_ip(A, C2).at(1000, 500).release_ip(A, C1).at(1200, 100);
    BOOST_TEST(only("SERIAL-2", bad.trace, expect(one)));

    TraceBuilder v4_v6;  // the IPv4 and IPv6 groups are distinct
    v4_v6.init(A).get_ip(A, C1).at(1000, 500).get_ipv6(A, C1).at(1200, 100);
    BOOST_TEST(clean(v4_v6.trace, expect(one)));
}

BOOST_AUTO_TEST_CASE(ipv6_get_and_release_never_overlap) {  // IPV6-7
    TraceBuilder bad;
    bad.init(A).get_ipv6(A, C1).get_ipv6(A, C2).at(1000, 500).release_ipv6(A, C1).at(1200, 100);
    BOOST_TEST(only("IPV6-7", bad.trace, expect(one)));
}

BOOST_AUTO_TEST_CASE(accept_and_hangup_never_overlap) {  // SERIAL-3
    TraceBuilder bad;
    bad.init(A).accept(A, C1).link(A, C1, P1).link_hangup(A, C1, P1);
    bad.accept(A, C2).at(1000, 500).hangup(A, C1).at(1200, 100);
    BOOST_TEST(only("SERIAL-3", bad.trace, expect(one)));

    TraceBuilder other_dll;
    other_dll.init_all(two).accept_all(two, C1).link_all(two, C1, P1).link_hangup_all(two, C1, P1);
    other_dll.hangup(A, C1).at(1000, 500).hangup(B, C1).at(1200, 100);
    BOOST_TEST(clean(other_dll.trace, expect(two)));
}

BOOST_AUTO_TEST_CASE(init_and_terminate_overlap_nothing) {  // ORDER-1, Q-2
    TraceBuilder bad;
    bad.init(A).at(0, 1000).accept(A, C1).at(500, 10);
    BOOST_TEST(only("ORDER-1", bad.trace, expect(one)));

    TraceBuilder other_dll;
    other_dll.init(A).at(0, 1000).init(B).at(500, 10);
    BOOST_TEST(clean(other_dll.trace, expect(two)));
}

BOOST_AUTO_TEST_CASE(events_are_taken_in_seq_order) {
    // A concurrent engine records a call when it returns; seq is when it started.
    TraceBuilder b;
    b.init(A).accept(A, C1).link(A, C1, P1);
    std::swap(b.trace[1], b.trace[2]);
    BOOST_TEST(clean(b.trace, expect(one)));
}

BOOST_AUTO_TEST_SUITE_END()

// --- the real engine -------------------------------------------------------------------

namespace {

using ScriptedDll = test::ScriptedAdminDll;

const std::set<std::string> base{"MprAdminTerminateDll", "MprAdminAcceptNewLink", "MprAdminLinkHangupNotification"};

std::set<std::string> with(std::set<std::string> s, std::initializer_list<std::string> more) {
    s.insert(more.begin(), more.end());
    return s;
}

ConnectionModel user(const std::u16string& name, std::size_t links = 1) {
    ConnectionModel m;
    m.user = name;
    m.interface_name = name;
    for (std::size_t i = 0; i < links; ++i) m.links.push_back(LinkModel{});
    return m;
}

LinkModel port_named(const std::u16string& n) {
    LinkModel l;
    l.port_name = n;
    return l;
}

std::vector<std::string> chain_names(const std::vector<ScriptedDll*>& dlls) {
    std::vector<std::string> v;
    for (auto* d : dlls) v.push_back(d->name());
    return v;
}

std::size_t count(const Trace& t, Callout c) {
    return static_cast<std::size_t>(std::count_if(t.begin(), t.end(), [&](const TraceEvent& e) { return e.callout == c; }));
}

// Three DLLs on ws2022: every kind of connection life the engine has, then
// a service restart. Returns the trace with the expectations matching `o`.
std::pair<Trace, TraceExpectations> drive_ws2022_chain(mock::Options o) {
    static int slot;  // any non-NULL address: ScriptedDll::call never jumps to it
    const auto fn = reinterpret_cast<std::uintptr_t>(&slot);
    // a: InitializeDllEx with a revision-2 table (Ex variant, Ex reauth).
    ScriptedDll a("a.dll", with(base, {"MprAdminInitializeDllEx"}));
    a.fill_table = [fn](winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS& t) {
        t.revision = winabi::MPRAPI_ADMIN_DLL_VERSION_2;
        t.lpfnRasAdminAcceptNewConnectionEx = fn;
        t.lpfnRasAdminConnectionHangupNotificationEx = fn;
        t.lpfnRasAdminAcceptReauthenticationEx = fn;
    };
    // b: variant 2 by export, the IPv4 pair (so b gets every IPv4 call), reauth.
    ScriptedDll b("b.dll", with(base, {"MprAdminInitializeDll", "MprAdminAcceptNewConnection2",
                                       "MprAdminConnectionHangupNotification2", "MprAdminGetIpAddressForUser",
                                       "MprAdminReleaseIpAddress", "MprAdminAcceptReauthentication"}));
    // c: variant 3, an IPv4 pair that MULTI-4 ignores, the IPv6 pair, no reauth.
    ScriptedDll c("c.dll", with(base, {"MprAdminInitializeDll", "MprAdminAcceptNewConnection3",
                                       "MprAdminConnectionHangupNotification3", "MprAdminGetIpAddressForUser",
                                       "MprAdminReleaseIpAddress", "MprAdminGetIpv6AddressForUser",
                                       "MprAdminReleaseIpv6AddressForUser"}));
    mock::Service s({&a, &b, &c}, o);
    BOOST_REQUIRE(s.start().started);

    // Two links at connect, a third joins, the second drops, NAP state changes.
    mock::ConnectResult r1 = s.connect(user(u"alice", 2));
    BOOST_REQUIRE(r1.admitted);
    BOOST_TEST(s.add_link(r1.connection, port_named(u"VPN1-2")));
    std::vector<std::uint64_t> links = s.links_of(r1.connection);
    BOOST_REQUIRE_EQUAL(links.size(), 3u);
    s.drop_link(r1.connection, links[1]);
    BOOST_TEST(s.reauthenticate(r1.connection, winabi::RAS_QUAR_STATE_PROBATION));

    b.next(Callout::AcceptNewConnection2, 0);  // rejected by b
    BOOST_TEST(!s.connect(user(u"bob")).admitted);

    c.next(Callout::AcceptNewLink, 0);  // first link refused: the connection never comes up (LINK-3)
    BOOST_TEST(!s.connect(user(u"carol")).admitted);

    mock::ConnectResult r4 = s.connect(user(u"dave"));
    BOOST_REQUIRE(r4.admitted);
    a.next(Callout::AcceptNewLink, 0);  // an extra link refused by a
    BOOST_TEST(!s.add_link(r4.connection, port_named(u"VPN1-4")));
    b.next(Callout::AcceptReauthentication, 0);  // refused reauthentication disconnects (REAUTH-5)
    BOOST_TEST(!s.reauthenticate(r4.connection, winabi::RAS_QUAR_STATE_QUARANTINE));

    c.fault_next(Callout::AcceptNewConnection3);  // a fault counts as a refusal (Q-24)
    BOOST_TEST(!s.connect(user(u"erin")).admitted);

    mock::ConnectResult r6 = s.connect(user(u"frank"));
    BOOST_REQUIRE(r6.admitted);
    s.drop_link(r6.connection, s.links_of(r6.connection).front());  // the last link takes the connection
    s.hang_up(r1.connection);
    BOOST_REQUIRE(s.connect(user(u"grace")).admitted);  // still up at stop (TERM-4)
    s.stop();

    BOOST_REQUIRE(s.start().started);  // a restart
    BOOST_REQUIRE(s.connect(user(u"heidi")).admitted);
    s.stop();

    TraceExpectations x;
    x.profile = o.profile;
    x.registry_order = chain_names({&a, &b, &c});
    x.ask_every_dll = o.ask_every_dll;
    x.hangup_after_reject = o.hangup_after_reject;
    return {s.trace(), x};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(trace_checker)

BOOST_AUTO_TEST_CASE(engine_trace_is_clean_on_ws2022_chain) {
    mock::Options o;
    o.profile = find_profile("ws2022");
    auto [t, x] = drive_ws2022_chain(o);
    // The scenario did reach what it is meant to exercise.
    BOOST_TEST(count(t, Callout::InitializeDllEx) == 2u);
    BOOST_TEST(count(t, Callout::AcceptNewConnectionEx) > 0u);
    BOOST_TEST(count(t, Callout::AcceptReauthenticationEx) > 0u);
    BOOST_TEST(count(t, Callout::ReleaseIpv6AddressForUser) > 0u);
    BOOST_TEST(count(t, Callout::ConnectionHangupNotification3) > 0u);
    BOOST_TEST(clean(t, x));
}

BOOST_AUTO_TEST_CASE(engine_trace_is_clean_under_every_address_and_hangup_option) {  // Q-9, Q-10, Q-12
    for (int mask = 0; mask < 16; ++mask) {
        mock::Options o;
        o.profile = find_profile("ws2022");
        o.ip_before_accept = mask & 1;
        o.release_after_hangup = mask & 2;
        o.release_after_refusal = mask & 4;
        if (mask & 8) o.hangup_after_reject = false;
        BOOST_TEST_CONTEXT("ip_before_accept=" << o.ip_before_accept << " release_after_hangup="
                                               << o.release_after_hangup << " release_after_refusal="
                                               << o.release_after_refusal << " hangup_after_reject="
                                               << !(mask & 8)) {
            auto [t, x] = drive_ws2022_chain(o);
            BOOST_TEST(clean(t, x));
        }
    }
}

BOOST_AUTO_TEST_CASE(engine_trace_is_clean_on_w2000_single_dll) {
    // Windows 2000: one DLL, the IPv4 pair mandatory (EXPORT-6), no hang-up
    // after a rejection (HANGUP-3) or a refused link (LINK-4).
    ScriptedDll a("a.dll", with(base, {"MprAdminInitializeDll", "MprAdminAcceptNewConnection",
                                       "MprAdminConnectionHangupNotification", "MprAdminAcceptNewConnection2",
                                       "MprAdminConnectionHangupNotification2", "MprAdminGetIpAddressForUser",
                                       "MprAdminReleaseIpAddress", "MprAdminAcceptNewConnectionEx",
                                       "MprAdminConnectionHangupNotificationEx", "MprAdminGetIpv6AddressForUser",
                                       "MprAdminReleaseIpv6AddressForUser"}));
    mock::Options o;
    o.profile = find_profile("w2000");
    mock::Service s({&a}, o);
    BOOST_REQUIRE(s.start().started);

    mock::ConnectResult r1 = s.connect(user(u"alice", 2));
    BOOST_REQUIRE(r1.admitted);
    BOOST_TEST(s.add_link(r1.connection, port_named(u"VPN1-2")));
    a.next(Callout::AcceptNewLink, 0);
    BOOST_TEST(!s.add_link(r1.connection, port_named(u"VPN1-3")));
    s.drop_link(r1.connection, s.links_of(r1.connection).back());

    a.next(Callout::AcceptNewConnection2, 0);
    BOOST_TEST(!s.connect(user(u"bob")).admitted);

    a.next(Callout::AcceptNewLink, 0);
    BOOST_TEST(!s.connect(user(u"carol")).admitted);

    a.fault_next(Callout::AcceptNewConnection2);
    BOOST_TEST(!s.connect(user(u"dave")).admitted);

    s.hang_up(r1.connection);
    BOOST_REQUIRE(s.connect(user(u"erin")).admitted);
    s.stop();

    const Trace& t = s.trace();
    BOOST_TEST(count(t, Callout::AcceptNewConnection2) == 5u);  // the newest pair Windows 2000 has
    BOOST_TEST(count(t, Callout::GetIpv6AddressForUser) == 0u);
    BOOST_TEST(count(t, Callout::ConnectionHangupNotification2) == 3u);  // alice, carol, erin

    TraceExpectations x;
    x.profile = o.profile;
    x.registry_order = {"a.dll"};
    BOOST_TEST(clean(t, x));
}

BOOST_AUTO_TEST_SUITE_END()
