// A vendor's Boost.Test binary built against the installed rasconform: every
// conformance case as a test case (rasconform/boost_test.hpp), one scripted
// connection asserted over its trace (rasconform/server.hpp), and what the
// other commands of the CLI do, as library calls (every installed public
// header is included, so a header missing from the install fails the build).
#define BOOST_TEST_MODULE consumer

#include <cstdlib>
#include <filesystem>
#include <string>

// rasconform's headers before anything that includes <windows.h> (Boost.Test's
// header-only framework does): its macros (NO_ERROR, ...) would clash.
#include <rasconform/boost_test.hpp>
#include <rasconform/catalog.hpp>
#include <rasconform/fuzz.hpp>
#include <rasconform/inspect.hpp>
#include <rasconform/report.hpp>
#include <rasconform/server.hpp>
#include <rasconform/simulate.hpp>
#include <rasconform/stress.hpp>
#include <rasconform/suite.hpp>
#include <rasconform/trace_assertions.hpp>

#include <nlohmann/json.hpp>

#ifdef CONSUMER_BOOST_TEST_HEADER_ONLY
#include <boost/test/included/unit_test.hpp>
#else
#include <boost/test/unit_test.hpp>
#endif

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

// The installed agent, never one found elsewhere: on Linux rasconform.exe
// (run under Wine), on Windows the folder of rasconform-host.exe and
// reentry\mprapi.dll.
rasconform::RunnerOptions installed_agent() {
    rasconform::RunnerOptions runner;
#ifdef _WIN32
    runner.host_dir = env("CONSUMER_AGENT_DIR");
#else
    runner.agent = (std::filesystem::path(env("CONSUMER_AGENT_DIR")) / "rasconform.exe").string();
#endif
    return runner;
}

boost::unit_test::test_suite* const conformance = rasconform::boost_test::register_suite("conformance", [] {
    rasconform::SuiteRequest r;
    r.dll = env("CONSUMER_SUITE_DLL");
    r.options.profile = "ws2022";
    r.options.runner = installed_agent();
    return r;
});

}  // namespace

BOOST_AUTO_TEST_SUITE(installed)

BOOST_AUTO_TEST_CASE(agent_and_every_case_registered) {
#ifdef _WIN32
    const std::filesystem::path dir = env("CONSUMER_AGENT_DIR");
    BOOST_TEST(std::filesystem::is_regular_file(dir / "rasconform-host.exe"));
    BOOST_TEST(std::filesystem::is_regular_file(dir / "reentry" / "mprapi.dll"));
#else
    BOOST_TEST(std::filesystem::is_regular_file(installed_agent().agent), installed_agent().agent);
#endif
    BOOST_TEST(conformance->size() == rasconform::case_ids().size());
    BOOST_TEST(rasconform::case_ids().size() > 30u);
}

BOOST_AUTO_TEST_CASE(scripted_connection) {
    rasconform::Server server("ws2022", std::vector<std::filesystem::path>{env("CONSUMER_SERVER_DLL")});
    rasconform::Connection alice = server.connect("alice");
    BOOST_REQUIRE(alice.admitted);
    BOOST_TEST(server.add_link(alice).has_value());
    server.hang_up(alice);
    server.stop();
    const rasconform::Trace& trace = server.trace();
    BOOST_TEST(rasconform::boost_test::connection_accepted(trace, alice));
    BOOST_TEST(rasconform::boost_test::no_callout_after_hangup(trace, alice));
    BOOST_TEST(rasconform::boost_test::called_times(trace, rasconform::Callout::AcceptNewLink, 2,
                                                    rasconform::for_connection(alice.handle)));
    BOOST_TEST(rasconform::boost_test::called_times(trace, rasconform::Callout::LinkHangupNotification, 2,
                                                    rasconform::for_connection(alice.handle)));
    BOOST_TEST(rasconform::boost_test::every_callout_returned(trace));
    BOOST_TEST(server.check_engine().empty());
}

// `rasconform list`, `inspect` and a report in every format, without the CLI.
BOOST_AUTO_TEST_CASE(the_commands_as_library_calls) {
    const nlohmann::json catalog = rasconform::catalog_json();
    BOOST_TEST(catalog["cases"].size() == rasconform::all_cases().size());
    const rasconform::Subject dll = rasconform::load_dll(env("CONSUMER_SUITE_DLL"));
    const nlohmann::json inspection = rasconform::inspect(dll);
    BOOST_TEST(inspection.dump().find("MprAdminInitializeDll") != std::string::npos);

    rasconform::SuiteOptions options;
    options.dynamic_cases = false;
    const rasconform::Report report = rasconform::make_report(rasconform::run_suite(dll, options));
    BOOST_TEST(rasconform::conformant(report));
    for (std::string_view format : rasconform::report_formats)
        BOOST_TEST(!rasconform::render_reports({&report, 1}, format, false).empty(), format);
}

BOOST_AUTO_TEST_SUITE_END()
