// The public API (rasconform/server.hpp, suite.hpp, trace_assertions.hpp,
// boost_test.hpp): scripting a server connection by connection, the trace
// questions firing on crafted traces and not on faithful ones, and the
// suite's case selection and unusable input.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "rasconform/boost_test.hpp"
#include "rasconform/server.hpp"
#include "rasconform/suite.hpp"
#include "rasconform/trace_assertions.hpp"
#include "tests/core/pe_builder.hpp"
#include "tests/mock/scripted_admin_dll.hpp"

namespace api_test {

using namespace rasconform;

const std::set<std::string> basic_exports{"MprAdminInitializeDll",        "MprAdminTerminateDll",
                                          "MprAdminAcceptNewConnection2", "MprAdminConnectionHangupNotification2",
                                          "MprAdminAcceptNewLink",        "MprAdminLinkHangupNotification",
                                          "MprAdminGetIpAddressForUser",  "MprAdminReleaseIpAddress",
                                          "MprAdminAcceptReauthentication"};

// Callout names of one connection's events, in trace order.
std::vector<std::string> callouts_of(const Trace& trace, std::uint64_t connection) {
    std::vector<std::string> v;
    for (const TraceEvent& e : events(trace, for_connection(connection))) v.emplace_back(info(e.callout).name);
    return v;
}

TraceEvent event(std::uint64_t seq, Callout c, std::uint64_t connection, std::string dll = "a.dll",
                 std::uint32_t value = 1) {
    TraceEvent e;
    e.seq = seq;
    e.callout = c;
    e.connection = connection;
    e.dll = std::move(dll);
    e.outcome.value = value;
    return e;
}

}  // namespace api_test

using namespace api_test;
using rasconform::Callout;

BOOST_AUTO_TEST_SUITE(server)

BOOST_AUTO_TEST_CASE(scripted_connection_lands_in_the_trace_in_order) {
    test::ScriptedAdminDll dll("a.dll", basic_exports);
    rasconform::Server s("ws2022", std::vector<rasconform::AdminDllBackend*>{&dll});
    rasconform::Connection bob = s.connect("bob");
    BOOST_REQUIRE(bob.admitted);
    BOOST_TEST(s.running());
    BOOST_TEST(bob.handle != 0u);
    std::optional<std::uint64_t> second = s.add_link(bob);
    BOOST_REQUIRE(second.has_value());
    BOOST_TEST(s.links(bob).size() == 2u);
    BOOST_TEST((s.links(bob).back() == *second));
    BOOST_TEST(s.reauthenticate(bob, rasconform::winabi::RAS_QUAR_STATE_NORMAL));
    s.drop_link(bob, *second);
    BOOST_TEST(s.links(bob).size() == 1u);
    s.admin_disconnect(bob);
    s.stop();
    BOOST_TEST(!s.running());
    const std::vector<std::string> expected{"MprAdminGetIpAddressForUser",    "MprAdminAcceptNewConnection2",
                                            "MprAdminAcceptNewLink",          "MprAdminAcceptNewLink",
                                            "MprAdminAcceptReauthentication", "MprAdminLinkHangupNotification",
                                            "MprAdminLinkHangupNotification", "MprAdminConnectionHangupNotification2",
                                            "MprAdminReleaseIpAddress"};
    BOOST_TEST(callouts_of(s.trace(), bob.handle) == expected, boost::test_tools::per_element());
    // The user's name reached the DLL's structures, and the dropped link's hang-up named its port.
    BOOST_TEST(dll.accept_connections.size() == 1u);
    auto drops = rasconform::events(s.trace(), rasconform::for_connection(bob.handle).on(*second));
    BOOST_TEST(drops.size() == 2u);  // accepted, then hung up
    BOOST_TEST((s.trace().front().callout == Callout::InitializeDll));
    BOOST_TEST((s.trace().back().callout == Callout::TerminateDll));
    BOOST_TEST(s.check_engine().empty());
    BOOST_TEST(rasconform::boost_test::no_callout_after_hangup(s.trace(), bob));
    BOOST_TEST(rasconform::boost_test::connection_accepted(s.trace(), bob));
    BOOST_TEST(rasconform::boost_test::called_times(s.trace(), Callout::AcceptNewLink, 2, rasconform::for_connection(bob.handle)));
    BOOST_TEST(rasconform::boost_test::every_callout_returned(s.trace()));
}

BOOST_AUTO_TEST_CASE(refused_connection_and_link_are_reported) {
    test::ScriptedAdminDll dll("a.dll", basic_exports);
    dll.next(Callout::AcceptNewConnection2, 0);  // FALSE: refused
    rasconform::Server s("ws2022", std::vector<rasconform::AdminDllBackend*>{&dll});
    rasconform::Connection carol = s.connect("carol");
    BOOST_TEST(!carol.admitted);
    BOOST_TEST(!carol);
    BOOST_TEST(carol.refused_by.find("MprAdminAcceptNewConnection2") != std::string::npos, carol.refused_by);
    BOOST_TEST(!rasconform::connection_accepted(s.trace(), carol.handle));

    rasconform::Connection dave = s.connect("dave");
    BOOST_REQUIRE(dave.admitted);
    dll.next(Callout::AcceptNewLink, 0);
    BOOST_TEST(!s.add_link(dave).has_value());
    BOOST_TEST(s.links(dave).size() == 1u);
    s.hang_up(dave);
    BOOST_TEST(s.links(dave).empty());
    s.stop();
    BOOST_TEST(rasconform::no_callout_after_hangup(s.trace(), dave.handle).holds);
}

BOOST_AUTO_TEST_CASE(stop_tears_down_live_connections_and_start_restarts) {
    test::ScriptedAdminDll dll("a.dll", basic_exports);
    rasconform::Server s("ws2022", std::vector<rasconform::AdminDllBackend*>{&dll});
    BOOST_TEST(s.start().started);
    rasconform::Connection eve = s.connect("eve");
    BOOST_REQUIRE(eve.admitted);
    s.stop();  // TERM-4: hang-up before Terminate
    BOOST_TEST(rasconform::called_times(s.trace(), Callout::ConnectionHangupNotification2, 1,
                                        rasconform::for_connection(eve.handle)).holds);
    BOOST_TEST(s.start().started);
    s.stop();
    BOOST_TEST(rasconform::called_times(s.trace(), Callout::InitializeDll, 2).holds);
    BOOST_TEST(rasconform::called_times(s.trace(), Callout::TerminateDll, 2).holds);
}

BOOST_AUTO_TEST_CASE(unknown_profile_and_missing_dll_are_errors) {
    test::ScriptedAdminDll dll("a.dll", basic_exports);
    BOOST_CHECK_THROW(rasconform::Server("ws1999", std::vector<rasconform::AdminDllBackend*>{&dll}),
                      rasconform::ServerError);
    BOOST_CHECK_THROW(rasconform::Server("ws2022", std::vector<std::filesystem::path>{"no-such-admin.dll"}),
                      rasconform::ServerError);
}

BOOST_AUTO_TEST_CASE(missing_required_export_keeps_the_service_down) {
    std::set<std::string> without_link = basic_exports;
    without_link.erase("MprAdminAcceptNewLink");
    test::ScriptedAdminDll dll("a.dll", without_link);
    rasconform::Server s("ws2022", std::vector<rasconform::AdminDllBackend*>{&dll});
    rasconform::mock::StartResult r = s.start();
    BOOST_TEST(!r.started);
    BOOST_TEST((std::find(r.rules.begin(), r.rules.end(), "EXPORT-1") != r.rules.end()));
    BOOST_CHECK_THROW(s.connect("frank"), rasconform::ServerError);
}

#ifndef _WIN32
// A Linux shared object opened by path (the dlopen backend).
BOOST_AUTO_TEST_CASE(opens_a_shared_object_by_path) {
    const char* so = std::getenv("RASCONFORM_NATIVE_SUBJECT");
    BOOST_REQUIRE_MESSAGE(so, "RASCONFORM_NATIVE_SUBJECT not set");
    rasconform::Server s("ws2022", std::vector<std::filesystem::path>{so});
    rasconform::Connection c = s.connect("grace");
    BOOST_REQUIRE(c.admitted);
    BOOST_TEST(s.add_link(c).has_value());
    s.hang_up(c);
    s.stop();
    BOOST_TEST(s.dll_names() == std::vector<std::string>{"libnative_admin_so.so"}, boost::test_tools::per_element());
    BOOST_TEST(rasconform::called_times(s.trace(), Callout::AcceptNewLink, 2, rasconform::in_dll("libnative_admin_so.so")).holds);
    BOOST_TEST(rasconform::no_callout_after_hangup(s.trace(), c.handle).holds);
}
#endif

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(trace_assertions)

// Link hang-up, connection hang-up, release: a faithful ending (ORDER-6, IPADDR-12).
rasconform::Trace good_ending() {
    return {event(1, Callout::AcceptNewConnection2, 7), event(2, Callout::AcceptNewLink, 7),
            event(3, Callout::LinkHangupNotification, 7), event(4, Callout::ConnectionHangupNotification2, 7),
            event(5, Callout::ReleaseIpAddress, 7)};
}

BOOST_AUTO_TEST_CASE(after_hangup_holds_on_a_faithful_trace) {
    rasconform::Trace t = good_ending();
    BOOST_TEST(rasconform::no_callout_after_hangup(t, 7).holds);
    // Another DLL's hang-up after this one's is its own, not a late callout.
    t.push_back(event(6, Callout::ConnectionHangupNotification2, 7, "b.dll"));
    BOOST_TEST(rasconform::no_callout_after_hangup(t, 7).holds);
    // Another connection's callouts do not count.
    t.push_back(event(7, Callout::AcceptNewLink, 8));
    BOOST_TEST(rasconform::no_callout_after_hangup(t, 7).holds);
}

BOOST_AUTO_TEST_CASE(after_hangup_fires_on_a_late_callout) {
    rasconform::Trace t = good_ending();
    t.push_back(event(6, Callout::AcceptNewLink, 7));
    rasconform::TraceCheck c = rasconform::no_callout_after_hangup(t, 7);
    BOOST_TEST(!c.holds);
    BOOST_TEST(c.message.find("#6 a.dll MprAdminAcceptNewLink") != std::string::npos, c.message);
    BOOST_TEST(c.message.find("HANGUP-1") != std::string::npos, c.message);
    // A second hang-up is late too.
    rasconform::Trace twice = good_ending();
    twice.push_back(event(6, Callout::ConnectionHangupNotification2, 7));
    BOOST_TEST(!rasconform::no_callout_after_hangup(twice, 7).holds);
    // And the Boost.Test form carries the message.
    boost::test_tools::assertion_result r = rasconform::boost_test::no_callout_after_hangup(t, 7);
    BOOST_TEST(!r);
    const boost::test_tools::assertion_result& cr = r;
    // message() makes its string anew on each call: read it within one expression.
    const std::string message = [](boost::unit_test::const_string m) { return std::string(m.begin(), m.end()); }(cr.message());
    BOOST_TEST(message.find("MprAdminAcceptNewLink") != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(called_times_counts_within_the_filter) {
    rasconform::Trace t = good_ending();
    t.push_back(event(6, Callout::AcceptNewLink, 8, "b.dll"));
    BOOST_TEST(rasconform::called_times(t, Callout::AcceptNewLink, 2).holds);
    BOOST_TEST(rasconform::called_times(t, Callout::AcceptNewLink, 1, rasconform::in_dll("b.dll")).holds);
    BOOST_TEST(rasconform::called_times(t, Callout::AcceptNewLink, 1, rasconform::for_connection(7)).holds);
    rasconform::TraceCheck c = rasconform::called_times(t, Callout::AcceptNewLink, 3, rasconform::for_connection(7));
    BOOST_TEST(!c.holds);
    BOOST_TEST(c.message.find("called 1 time for connection 0x7, expected 3") != std::string::npos, c.message);
    BOOST_TEST(!rasconform::called_times(t, Callout::TerminateDll, 1).holds);
}

BOOST_AUTO_TEST_CASE(connection_accepted_needs_every_accept_true) {
    rasconform::Trace t = good_ending();
    BOOST_TEST(rasconform::connection_accepted(t, 7).holds);
    BOOST_TEST(!rasconform::connection_accepted(t, 9).holds);  // never asked
    t.insert(t.begin() + 1, event(10, Callout::AcceptNewConnection2, 7, "b.dll", 0));
    rasconform::TraceCheck c = rasconform::connection_accepted(t, 7);
    BOOST_TEST(!c.holds);
    BOOST_TEST(c.message.find("b.dll MprAdminAcceptNewConnection2") != std::string::npos, c.message);
    rasconform::Trace link_refused = good_ending();
    link_refused[1].outcome.value = 0;
    BOOST_TEST(!rasconform::connection_accepted(link_refused, 7).holds);
}

BOOST_AUTO_TEST_CASE(every_callout_returned_names_a_fault) {
    rasconform::Trace t = good_ending();
    BOOST_TEST(rasconform::every_callout_returned(t).holds);
    t[2].outcome.kind = rasconform::CallOutcome::Kind::fault;
    t[2].outcome.exception_code = 0xC0000005;
    rasconform::TraceCheck c = rasconform::every_callout_returned(t);
    BOOST_TEST(!c.holds);
    BOOST_TEST(c.message.find("#3 a.dll MprAdminLinkHangupNotification") != std::string::npos, c.message);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(suite_api)

BOOST_AUTO_TEST_CASE(case_ids_are_the_catalogue) {
    std::vector<std::string> ids = rasconform::case_ids();
    BOOST_TEST(ids.size() > 30u);
    BOOST_TEST(ids.front() == "export.required");
    BOOST_TEST((std::find(ids.begin(), ids.end(), "robust.no-fault") != ids.end()));
}

BOOST_AUTO_TEST_CASE(unusable_input_throws) {
    BOOST_CHECK_THROW(rasconform::run_suite("no-such-admin.dll"), rasconform::SuiteError);
    const std::filesystem::path text = std::filesystem::temp_directory_path() / "rasconform-api-not-a-dll.txt";
    std::ofstream(text) << "not a PE file";
    try {
        rasconform::run_suite(text);
        BOOST_ERROR("a text file was accepted");
    } catch (const rasconform::SuiteError& e) {
        BOOST_TEST(e.file == text.string());
        BOOST_TEST(!e.problem.empty());
    }
    std::filesystem::remove(text);
}

// A PE DLL exporting no callout, static cases only: the chosen ones, in
// suite order, failing where they must, with progress told.
BOOST_AUTO_TEST_CASE(chosen_static_cases_on_a_dll_without_callouts) {
    const std::filesystem::path file = std::filesystem::temp_directory_path() / "rasconform-api-no-callouts.dll";
    {
        const auto pe = rasconform::pe_test::build_test_pe();
        std::ofstream out(file, std::ios::binary);
        out.write(reinterpret_cast<const char*>(pe.bytes.data()), static_cast<std::streamsize>(pe.bytes.size()));
    }
    rasconform::SuiteOptions o;
    o.cases = {"export.undecorated-names", "export.required", "lifecycle.accepted-connection"};
    o.dynamic_cases = false;
    std::vector<std::string> progress;
    o.on_progress = [&](std::size_t index, std::size_t count, std::string_view what) {
        progress.push_back(std::to_string(index) + "+" + std::to_string(count) + " " + std::string(what));
    };
    rasconform::SuiteRun run = rasconform::run_suite(file, o);
    std::filesystem::remove(file);
    BOOST_REQUIRE(run.results.size() == 2u);
    BOOST_TEST(run.results[0].id == "export.required");  // suite order, not the order asked
    BOOST_TEST(run.results[1].id == "export.undecorated-names");
    BOOST_TEST((run.results[0].status == rasconform::Status::fail), run.results[0].message);
    BOOST_TEST(!run.conformant());
    BOOST_TEST(run.profile == "ws2022");
    BOOST_TEST(run.subject.file_name == "rasconform-api-no-callouts.dll");
    BOOST_TEST(!run.find("lifecycle.accepted-connection"));
    BOOST_TEST(progress == std::vector<std::string>{"0+2 static cases"}, boost::test_tools::per_element());
}

#ifdef _WIN32
// The reference DLL (RASCONFORM_SAMPLE_DLL): a chosen case alone, static ones only, an unknown id.
BOOST_AUTO_TEST_CASE(chosen_cases_run_alone) {
    const char* dll = std::getenv("RASCONFORM_SAMPLE_DLL");
    BOOST_REQUIRE_MESSAGE(dll, "RASCONFORM_SAMPLE_DLL not set");
    rasconform::SuiteOptions o;
    o.dynamic_cases = false;
    rasconform::SuiteRun statics = rasconform::run_suite(dll, o);
    BOOST_TEST(statics.results.size() > 3u);
    BOOST_TEST(statics.conformant());
    BOOST_REQUIRE(statics.find("export.required"));
    BOOST_TEST((statics.find("export.required")->status == rasconform::Status::pass));
    BOOST_TEST(!statics.find("lifecycle.accepted-connection"));

    o = {};
    o.cases = {"export.required", "lifecycle.accepted-connection"};
    o.runner.isolation = rasconform::conformance::Isolation::in_process;
    rasconform::SuiteRun two = rasconform::run_suite(dll, o);
    BOOST_REQUIRE(two.results.size() == 2u);
    BOOST_TEST(two.results[0].id == "export.required");
    BOOST_TEST(two.results[1].id == "lifecycle.accepted-connection");
    BOOST_TEST((two.results[1].status == rasconform::Status::pass), two.results[1].message);
    BOOST_TEST(!two.results[1].trace.empty());

    o.cases = {"no.such-case"};
    BOOST_CHECK_THROW(rasconform::run_suite(dll, o), rasconform::SuiteError);
    o.cases = {};
    o.profile = "ws1999";
    BOOST_CHECK_THROW(rasconform::run_suite(dll, o), rasconform::SuiteError);
}
#endif

BOOST_AUTO_TEST_SUITE_END()
