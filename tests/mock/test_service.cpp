// The mock RRAS engine against in-process test doubles: callout order,
// variant choice, chains, address assignment, Init failure and the callback
// table, each tied to the rule it implements.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "mock/service.hpp"
#include "mock/stub_admin_dll.hpp"
#include "tests/mock/scripted_admin_dll.hpp"

using namespace rasconform;
using namespace rasconform::mock;

namespace {

using FakeDll = test::ScriptedAdminDll;

const std::set<std::string> required{"MprAdminInitializeDll", "MprAdminTerminateDll", "MprAdminAcceptNewLink",
                                     "MprAdminLinkHangupNotification"};

std::set<std::string> with_more(std::set<std::string> base, std::initializer_list<std::string> more) {
    base.insert(more.begin(), more.end());
    return base;
}

const std::set<std::string> v1 = with_more(required, {"MprAdminAcceptNewConnection", "MprAdminConnectionHangupNotification"});
const std::set<std::string> all_variants_and_ip =
    with_more(v1, {"MprAdminAcceptNewConnection2", "MprAdminConnectionHangupNotification2", "MprAdminAcceptNewConnection3",
              "MprAdminConnectionHangupNotification3", "MprAdminAcceptNewConnectionEx",
              "MprAdminConnectionHangupNotificationEx", "MprAdminGetIpAddressForUser", "MprAdminReleaseIpAddress"});

ConnectionModel one_link() {
    ConnectionModel m;
    m.links.push_back(LinkModel{});
    return m;
}

Options on(std::string_view profile) {
    Options o;
    o.profile = find_profile(profile);
    return o;
}

std::vector<std::string> names(const Trace& t, const std::string& dll) {
    std::vector<std::string> v;
    for (const TraceEvent& e : t)
        if (e.dll == dll) v.push_back(std::string(info(e.callout).name));
    return v;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(service)

BOOST_AUTO_TEST_CASE(accepted_connection_runs_in_documented_order) {  // ORDER-7
    FakeDll dll("a.dll", all_variants_and_ip);
    Service s({&dll});
    BOOST_REQUIRE(s.start().started);
    ConnectResult r = s.connect(one_link());
    BOOST_TEST(r.admitted);
    s.hang_up(r.connection);
    s.stop();
    std::vector<std::string> expected{"MprAdminInitializeDll",
                                      "MprAdminGetIpAddressForUser",
                                      "MprAdminAcceptNewConnectionEx",
                                      "MprAdminAcceptNewLink",
                                      "MprAdminLinkHangupNotification",
                                      "MprAdminConnectionHangupNotificationEx",
                                      "MprAdminReleaseIpAddress",
                                      "MprAdminTerminateDll"};
    BOOST_TEST(names(s.trace(), "a.dll") == expected, boost::test_tools::per_element());
}

// Q-1, SERIAL-7: a backend that calls on the caller's thread gets a thread
// of its own from the engine for each call when fresh threads are asked for.
BOOST_AUTO_TEST_CASE(fresh_calling_threads_give_every_call_a_new_thread) {
    for (const CallingThreads threads : {CallingThreads::reuse, CallingThreads::fresh}) {
        FakeDll dll("a.dll", all_variants_and_ip);
        Options o;
        o.calling_threads = threads;
        Service s({&dll}, o);
        BOOST_REQUIRE(s.start().started);
        ConnectResult r = s.connect(one_link());
        s.hang_up(r.connection);
        s.stop();
        BOOST_REQUIRE(dll.threads.size() == 8u);
        const std::set<std::thread::id> distinct(dll.threads.begin(), dll.threads.end());
        const bool on_caller = distinct.count(std::this_thread::get_id()) > 0;
        if (threads == CallingThreads::reuse) {
            BOOST_TEST(distinct.size() == 1u);
            BOOST_TEST(on_caller);
        } else {
            // Joined threads may hand their id on, so distinctness is only
            // guaranteed from the caller's: none ran on the caller's thread.
            BOOST_TEST(!on_caller);
        }
    }
}

BOOST_AUTO_TEST_CASE(soak_mode_keeps_only_calls_that_did_not_return) {  // ROBUST-4
    FakeDll dll("a.dll", all_variants_and_ip);
    Options o;
    o.record_every_call = false;
    Service s({&dll}, o);
    BOOST_REQUIRE(s.start().started);
    for (int i = 0; i < 50; ++i) {
        ConnectResult r = s.connect(one_link());
        BOOST_TEST(r.admitted);
        s.hang_up(r.connection);
    }
    s.stop();
    BOOST_TEST(s.trace().empty());  // the engine does not grow with connections
    BOOST_TEST(dll.calls.size() == 2u + 50u * 6u);  // yet every callout was made
}

BOOST_AUTO_TEST_CASE(rejected_connection_gets_hangup_but_no_link) {  // ORDER-3, HANGUP-4
    FakeDll dll("a.dll", v1);
    dll.answers[Callout::AcceptNewConnection] = 0;
    Service s({&dll});
    BOOST_REQUIRE(s.start().started);
    BOOST_TEST(!s.connect(one_link()).admitted);
    s.stop();
    std::vector<std::string> expected{"MprAdminInitializeDll", "MprAdminAcceptNewConnection",
                                      "MprAdminConnectionHangupNotification", "MprAdminTerminateDll"};
    BOOST_TEST(dll.calls == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(windows_2000_sends_no_hangup_after_rejection) {  // HANGUP-3
    FakeDll dll("a.dll", with_more(v1, {"MprAdminGetIpAddressForUser", "MprAdminReleaseIpAddress"}));
    dll.answers[Callout::AcceptNewConnection] = 0;
    Service s({&dll}, on("w2000"));
    BOOST_REQUIRE(s.start().started);
    s.connect(one_link());
    s.stop();
    BOOST_TEST(std::count(dll.calls.begin(), dll.calls.end(), "MprAdminConnectionHangupNotification") == 0);
}

BOOST_AUTO_TEST_CASE(newest_complete_variant_per_profile) {  // VARIANT-2, VARIANT-3
    std::set<std::string> exports = all_variants_and_ip;
    exports.erase("MprAdminConnectionHangupNotificationEx");  // Ex incomplete: ignored
    for (auto [profile, expected] : {std::pair{"ws2022", Variant::v3}, std::pair{"ws2008", Variant::v3},
                                     std::pair{"ws2003", Variant::v2}}) {
        FakeDll dll("a.dll", exports);
        Service s({&dll}, on(profile));
        BOOST_REQUIRE(s.start().started);
        BOOST_TEST((s.variant_of(0) == expected), profile);
    }
    FakeDll dll("a.dll", exports);
    Options forced = on("ws2022");
    forced.forced_variant = Variant::v1;
    Service s({&dll}, forced);
    BOOST_REQUIRE(s.start().started);
    BOOST_TEST((s.variant_of(0) == Variant::v1));
}

BOOST_AUTO_TEST_CASE(chain_is_asked_in_registry_order_and_answers_are_anded) {  // MULTI-2, ACCEPT-2, ACCEPT-3
    FakeDll a("a.dll", v1), b("b.dll", v1), c("c.dll", v1);
    b.answers[Callout::AcceptNewConnection] = 0;
    Service s({&a, &b, &c});
    BOOST_REQUIRE(s.start().started);
    ConnectResult r = s.connect(one_link());
    BOOST_TEST(!r.admitted);
    BOOST_TEST(r.refused_by == "b.dll: MprAdminAcceptNewConnection returned FALSE");
    std::vector<std::string> order;
    for (const TraceEvent& e : s.trace())
        if (e.callout == Callout::AcceptNewConnection) order.push_back(e.dll);
    BOOST_TEST(order == (std::vector<std::string>{"a.dll", "b.dll", "c.dll"}), boost::test_tools::per_element());
    for (FakeDll* d : {&a, &b, &c})  // ACCEPT-4 and HANGUP-5: no link, everyone asked gets the hang-up
        BOOST_TEST(std::count(d->calls.begin(), d->calls.end(), "MprAdminAcceptNewLink") == 0);
    BOOST_TEST(std::count(c.calls.begin(), c.calls.end(), "MprAdminConnectionHangupNotification") == 1);
    s.stop();

    Options short_circuit;
    short_circuit.ask_every_dll = false;
    FakeDll a2("a.dll", v1), b2("b.dll", v1), c2("c.dll", v1);
    b2.answers[Callout::AcceptNewConnection] = 0;
    Service s2({&a2, &b2, &c2}, short_circuit);
    BOOST_REQUIRE(s2.start().started);
    s2.connect(one_link());
    BOOST_TEST(std::count(c2.calls.begin(), c2.calls.end(), "MprAdminAcceptNewConnection") == 0);
}

BOOST_AUTO_TEST_CASE(ip_callouts_go_to_the_first_dll_with_the_pair) {  // MULTI-4
    FakeDll a("a.dll", v1);
    FakeDll b("b.dll", with_more(v1, {"MprAdminGetIpAddressForUser", "MprAdminReleaseIpAddress"}));
    FakeDll c("c.dll", with_more(v1, {"MprAdminGetIpAddressForUser", "MprAdminReleaseIpAddress"}));
    Service s({&a, &b, &c});
    BOOST_REQUIRE(s.start().started);
    ConnectResult r = s.connect(one_link());
    s.hang_up(r.connection);
    BOOST_TEST(std::count(b.calls.begin(), b.calls.end(), "MprAdminGetIpAddressForUser") == 1);
    BOOST_TEST(std::count(b.calls.begin(), b.calls.end(), "MprAdminReleaseIpAddress") == 1);
    BOOST_TEST(std::count(c.calls.begin(), c.calls.end(), "MprAdminGetIpAddressForUser") == 0);
}

BOOST_AUTO_TEST_CASE(init_failure_stops_start_and_terminates_earlier_dlls) {  // INIT-3, INIT-4
    FakeDll a("a.dll", v1), b("b.dll", v1), c("c.dll", v1);
    b.answers[Callout::InitializeDll] = 5;
    Service s({&a, &b, &c});
    StartResult r = s.start();
    BOOST_TEST(!r.started);
    BOOST_TEST(r.reason == "b.dll: MprAdminInitializeDll returned 5");
    BOOST_TEST((r.rules == std::vector<std::string>{"INIT-3"}));
    BOOST_TEST((a.calls == std::vector<std::string>{"MprAdminInitializeDll", "MprAdminTerminateDll"}));
    BOOST_TEST(c.calls.empty());
}

BOOST_AUTO_TEST_CASE(missing_required_export_refuses_to_start) {  // EXPORT-1, EXPORT-4
    std::set<std::string> exports = v1;
    exports.erase("MprAdminLinkHangupNotification");
    FakeDll a("a.dll", exports);
    Service s({&a});
    StartResult r = s.start();
    BOOST_TEST(!r.started);
    BOOST_TEST(r.reason == "a.dll: required export MprAdminLinkHangupNotification missing");
    BOOST_TEST(a.calls.empty());  // found before any code of the DLL runs
}

// check --keep-going: the start RRAS would refuse goes on, and says why.
BOOST_AUTO_TEST_CASE(keep_going_starts_past_a_failed_init) {
    FakeDll a("a.dll", v1), b("b.dll", v1);
    a.answers[Callout::InitializeDll] = 5;
    Options o;
    o.keep_going = true;
    Service s({&a, &b}, o);
    StartResult r = s.start();
    BOOST_TEST(r.started);
    BOOST_TEST(r.despite_refusal);
    BOOST_TEST(r.refused());
    BOOST_TEST(r.reason == "a.dll: MprAdminInitializeDll returned 5");
    BOOST_TEST((r.rules == std::vector<std::string>{"INIT-3"}));
    ConnectResult c = s.connect(one_link());
    BOOST_TEST(c.admitted);
    s.hang_up(c.connection);
    s.stop();
    BOOST_TEST((a.calls == std::vector<std::string>{"MprAdminInitializeDll", "MprAdminAcceptNewConnection",
                                                    "MprAdminAcceptNewLink", "MprAdminLinkHangupNotification",
                                                    "MprAdminConnectionHangupNotification", "MprAdminTerminateDll"}),
               boost::test_tools::per_element());
    BOOST_TEST(b.calls.front() == "MprAdminInitializeDll");
}

BOOST_AUTO_TEST_CASE(keep_going_treats_missing_callouts_as_absent) {
    std::set<std::string> exports = v1;
    exports.erase("MprAdminInitializeDll");
    exports.erase("MprAdminAcceptNewLink");
    FakeDll a("a.dll", exports);
    Options o;
    o.keep_going = true;
    Service s({&a}, o);
    StartResult r = s.start();
    BOOST_TEST(r.started);
    BOOST_TEST(r.despite_refusal);
    BOOST_TEST(r.reason == "a.dll: required exports MprAdminInitializeDll, MprAdminAcceptNewLink missing");
    ConnectResult c = s.connect(one_link());
    BOOST_TEST(c.admitted);  // an absent link callout does not refuse
    s.hang_up(c.connection);
    s.stop();
    BOOST_TEST((a.calls == std::vector<std::string>{"MprAdminAcceptNewConnection", "MprAdminLinkHangupNotification",
                                                    "MprAdminConnectionHangupNotification", "MprAdminTerminateDll"}),
               boost::test_tools::per_element());
    // Without the option nothing changes.
    FakeDll plain("a.dll", exports);
    Service refused({&plain});
    BOOST_TEST(!refused.start().started);
    BOOST_TEST(plain.calls.empty());
}

BOOST_AUTO_TEST_CASE(keep_going_still_stops_at_a_fault_in_init) {
    FakeDll a("a.dll", v1);
    a.faults[Callout::InitializeDll] = 0xC0000005;
    Options o;
    o.keep_going = true;
    Service s({&a}, o);
    StartResult r = s.start();
    BOOST_TEST(!r.started);
    BOOST_TEST(!r.despite_refusal);
    BOOST_TEST((r.rules == std::vector<std::string>{"INIT-3"}), boost::test_tools::per_element());
    // Past a missing export too: the fault is what stopped the start, and the reason names it.
    std::set<std::string> exports = v1;
    exports.erase("MprAdminAcceptNewLink");
    FakeDll b("b.dll", exports);
    b.faults[Callout::InitializeDll] = 0xC0000005;
    Service t({&b}, o);
    StartResult u = t.start();
    BOOST_TEST(!u.started);
    BOOST_TEST(!u.despite_refusal);
    BOOST_TEST(u.reason.find("MprAdminAcceptNewLink") == std::string::npos, u.reason);
    BOOST_TEST((u.rules == std::vector<std::string>{"INIT-3"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(callback_table_supplies_ex_roles) {  // EX-1, EX-2, EX-6, EX-7
    static int accept_ex_fn, hangup_ex_fn;
    for (std::uint8_t revision : {std::uint8_t{1}, std::uint8_t{2}}) {
        FakeDll a("a.dll", with_more(required, {"MprAdminInitializeDllEx", "MprAdminAcceptNewConnection",
                                           "MprAdminConnectionHangupNotification"}));
        a.fill_table = [revision](winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS& table) {
            auto* t = &table;
            BOOST_TEST(t->revision == 0u);  // handed over zeroed
            t->revision = revision;
            t->lpfnRasAdminAcceptNewConnectionEx = reinterpret_cast<std::uintptr_t>(&accept_ex_fn);
            t->lpfnRasAdminConnectionHangupNotificationEx = reinterpret_cast<std::uintptr_t>(&hangup_ex_fn);
        };
        Service s({&a});
        BOOST_REQUIRE(s.start().started);
        BOOST_TEST(a.calls.front() == "MprAdminInitializeDllEx");  // not MprAdminInitializeDll
        s.connect(one_link());
        if (revision == 2) {
            BOOST_TEST((s.variant_of(0) == Variant::ex));
            auto it = std::find(a.calls.begin(), a.calls.end(), "MprAdminAcceptNewConnectionEx");
            BOOST_REQUIRE(it != a.calls.end());
            BOOST_TEST(a.fns[std::size_t(it - a.calls.begin())] == static_cast<void*>(&accept_ex_fn));
        } else {
            BOOST_TEST((s.variant_of(0) == Variant::v1));  // EX-2: revision 1 ignores the Ex slots
        }
    }
    FakeDll lazy("lazy.dll", with_more(v1, {"MprAdminInitializeDllEx"}));
    Service s({&lazy});
    BOOST_REQUIRE(s.start().started);
    BOOST_REQUIRE(s.diagnostics().size() == 1u);
    BOOST_TEST(s.diagnostics()[0].rule == "EX-6");
}

BOOST_AUTO_TEST_CASE(fault_in_accept_counts_as_refusal) {
    FakeDll a("a.dll", v1);
    a.faults[Callout::AcceptNewConnection] = 0xC0000005;
    Service s({&a});
    BOOST_REQUIRE(s.start().started);
    ConnectResult r = s.connect(one_link());
    BOOST_TEST(!r.admitted);
    BOOST_TEST(r.refused_by.find("access violation") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(handles_are_unique_and_consistent) {  // ORDER-8, Q-27
    FakeDll a("a.dll", v1);
    Service s({&a});
    BOOST_REQUIRE(s.start().started);
    for (int i = 0; i < 3; ++i) {
        ConnectResult r = s.connect(one_link());
        s.hang_up(r.connection);
    }
    BOOST_TEST(a.accept_connections.size() == 3u);
    BOOST_TEST(a.link_connections == a.accept_connections, boost::test_tools::per_element());
    std::set<std::uint64_t> unique(a.accept_connections.begin(), a.accept_connections.end());
    BOOST_TEST(unique.size() == 3u);
    BOOST_TEST(unique.count(0) == 0u);
}

BOOST_AUTO_TEST_CASE(multilink_and_link_drop) {  // ORDER-4, ORDER-5, ORDER-6
    FakeDll a("a.dll", v1);
    Service s({&a});
    BOOST_REQUIRE(s.start().started);
    ConnectResult r = s.connect(one_link());
    BOOST_TEST(s.add_link(r.connection, LinkModel{}));
    BOOST_TEST(s.add_link(r.connection, LinkModel{}));
    s.hang_up(r.connection);
    std::vector<std::string> expected{"MprAdminInitializeDll",         "MprAdminAcceptNewConnection",
                                      "MprAdminAcceptNewLink",          "MprAdminAcceptNewLink",
                                      "MprAdminAcceptNewLink",          "MprAdminLinkHangupNotification",
                                      "MprAdminLinkHangupNotification", "MprAdminLinkHangupNotification",
                                      "MprAdminConnectionHangupNotification"};
    BOOST_TEST(a.calls == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(stub_dll_is_called_through_real_function_pointers) {
    StubAdminDll stub(StubAdminDll::Policy::reject_connections);
    FakeDll a("a.dll", v1);
    Service s({&a, &stub});
    BOOST_REQUIRE(s.start().started);
    ConnectResult r = s.connect(one_link());
    BOOST_TEST(!r.admitted);
    BOOST_TEST(r.refused_by == "stub-reject-connections: MprAdminAcceptNewConnection returned FALSE");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(service_options)

BOOST_AUTO_TEST_CASE(release_before_or_after_the_hangup) {  // IPADDR-12, Q-10
    for (bool after : {true, false}) {
        FakeDll a("a.dll", with_more(v1, {"MprAdminGetIpAddressForUser", "MprAdminReleaseIpAddress"}));
        Options o;
        o.release_after_hangup = after;
        Service s({&a}, o);
        BOOST_REQUIRE(s.start().started);
        s.hang_up(s.connect(one_link()).connection);
        auto at = [&](const char* n) { return std::find(a.calls.begin(), a.calls.end(), n) - a.calls.begin(); };
        BOOST_TEST((at("MprAdminReleaseIpAddress") > at("MprAdminConnectionHangupNotification")) == after);
    }
}

BOOST_AUTO_TEST_CASE(terminate_order_is_switchable) {  // TERM-3, Q-7
    for (bool reverse : {false, true}) {
        FakeDll a("a.dll", v1), b("b.dll", v1);
        Options o;
        o.terminate_in_reverse = reverse;
        Service s({&a, &b}, o);
        BOOST_REQUIRE(s.start().started);
        s.stop();
        std::vector<std::string> order;
        for (const TraceEvent& e : s.trace())
            if (e.callout == Callout::TerminateDll) order.push_back(e.dll);
        BOOST_TEST(order == (reverse ? std::vector<std::string>{"b.dll", "a.dll"}
                                     : std::vector<std::string>{"a.dll", "b.dll"}),
                   boost::test_tools::per_element());
    }
}

BOOST_AUTO_TEST_CASE(live_connections_are_torn_down_before_terminate) {  // TERM-4
    FakeDll a("a.dll", v1);
    Service s({&a});
    BOOST_REQUIRE(s.start().started);
    s.connect(one_link());
    s.stop();
    std::vector<std::string> tail(a.calls.end() - 3, a.calls.end());
    BOOST_TEST(tail == (std::vector<std::string>{"MprAdminLinkHangupNotification",
                                                 "MprAdminConnectionHangupNotification", "MprAdminTerminateDll"}),
               boost::test_tools::per_element());
}

// Q-7's other answer: the service ends under live connections.
BOOST_AUTO_TEST_CASE(terminate_may_come_with_connections_still_up) {  // TERM-4, Q-7
    FakeDll a("a.dll", v1);
    Options o;
    o.hang_up_live_at_stop = false;
    Service s({&a}, o);
    BOOST_REQUIRE(s.start().started);
    s.connect(one_link());
    s.stop();
    std::vector<std::string> tail(a.calls.end() - 3, a.calls.end());
    BOOST_TEST(tail == (std::vector<std::string>{"MprAdminAcceptNewConnection", "MprAdminAcceptNewLink",
                                                 "MprAdminTerminateDll"}),
               boost::test_tools::per_element());
    BOOST_TEST(s.live_connections() == 0u);
}

BOOST_AUTO_TEST_CASE(refused_reauthentication_disconnects) {  // REAUTH-1, REAUTH-5, Q-25
    FakeDll a("a.dll", with_more(v1, {"MprAdminAcceptReauthentication"}));
    a.answers[Callout::AcceptReauthentication] = 0;
    Service s({&a});
    BOOST_REQUIRE(s.start().started);
    ConnectResult r = s.connect(one_link());
    BOOST_TEST(!s.reauthenticate(r.connection, winabi::RAS_QUAR_STATE_QUARANTINE));
    BOOST_TEST(s.live_connections() == 0u);
    BOOST_TEST(a.calls.back() == "MprAdminConnectionHangupNotification");
    std::string last_args = s.trace().back().args;
    BOOST_TEST(last_args.find("cause=admin") != std::string::npos, last_args);
}

BOOST_AUTO_TEST_CASE(strict_mode_refuses_half_pairs) {  // EXPORT-5, EXPORT-7, Q-5
    FakeDll lenient_dll("a.dll", with_more(v1, {"MprAdminGetIpAddressForUser"}));
    Service lenient({&lenient_dll});
    BOOST_TEST(lenient.start().started);
    BOOST_TEST(lenient.diagnostics().at(0).rule == "EXPORT-7");
    FakeDll strict_dll("a.dll", with_more(v1, {"MprAdminGetIpAddressForUser"}));
    Options o;
    o.strict_exports = true;
    Service strict({&strict_dll}, o);
    StartResult r = strict.start();
    BOOST_TEST(!r.started);
    BOOST_TEST((r.rules == std::vector<std::string>{"EXPORT-5", "EXPORT-7"}));
}

// IPADDR-3: an unwritten bNotifyRelease is flagged; what it means is an
// option (the spec leaves it open), by default a BOOL's non-zero = TRUE.
BOOST_AUTO_TEST_CASE(unwritten_notify_release_is_flagged_and_its_meaning_switchable) {
    for (bool requests : {true, false}) {
        FakeDll dll("a.dll", with_more(v1, {"MprAdminGetIpAddressForUser", "MprAdminReleaseIpAddress"}));
        dll.writes_notify = false;
        Options o;
        o.unwritten_notify_requests_release = requests;
        Service s({&dll}, o);
        BOOST_REQUIRE(s.start().started);
        ConnectResult r = s.connect(one_link());
        s.hang_up(r.connection);
        s.stop();
        BOOST_REQUIRE(s.diagnostics().size() == 1u);
        BOOST_TEST(s.diagnostics()[0].rule == "IPADDR-3");
        BOOST_TEST(s.diagnostics()[0].dll == "a.dll");
        BOOST_TEST(s.diagnostics()[0].message.find("MprAdminGetIpAddressForUser") != std::string::npos);
        const bool released = std::count(dll.calls.begin(), dll.calls.end(), "MprAdminReleaseIpAddress") == 1;
        BOOST_TEST(released == requests);
    }
    FakeDll good("a.dll", with_more(v1, {"MprAdminGetIpAddressForUser", "MprAdminReleaseIpAddress"}));
    Service s({&good});
    BOOST_REQUIRE(s.start().started);
    s.connect(one_link());
    s.stop();
    BOOST_TEST(s.diagnostics().empty());
}

// IPV6-1: given no address (all zero), the IPv6 Get must store one; a
// NO_ERROR that leaves zero is flagged and the user is not admitted. With
// RRAS's own choice on entry, the same DLL (which keeps what it is given)
// is fine.
BOOST_AUTO_TEST_CASE(ipv6_get_leaving_zero_is_flagged) {
    const auto exports = with_more(v1, {"MprAdminGetIpv6AddressForUser", "MprAdminReleaseIpv6AddressForUser"});
    FakeDll dll("a.dll", exports);
    Service s({&dll});
    BOOST_REQUIRE(s.start().started);
    ConnectionModel offered = one_link();
    BOOST_TEST(s.connect(offered).admitted);
    BOOST_TEST(s.diagnostics().empty());
    ConnectionModel none = one_link();
    none.ipv6_offered = false;
    BOOST_TEST(!s.connect(none).admitted);
    s.stop();
    BOOST_REQUIRE(s.diagnostics().size() == 1u);
    BOOST_TEST(s.diagnostics()[0].rule == "IPV6-1");
    BOOST_TEST(s.diagnostics()[0].message.find("got zero on entry") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
