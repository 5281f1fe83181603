// Public API, header-only: rasconform in a vendor's own Boost.Test binary.
//
// 1. Every conformance case as a Boost.Test case. At namespace scope of one
//    test file:
//
//      static const auto* suite = rasconform::boost_test::register_suite("conformance", [] {
//          rasconform::SuiteRequest r;
//          r.dll = std::getenv("MY_ADMIN_DLL");
//          r.options.profile = "ws2022";
//          return r;
//      });
//
//    adds a test suite "conformance" to the master suite with one test case
//    per case id (rasconform::case_ids(), or the ids given). The suite runs
//    once, when its first case runs (so --list_content and --run_test
//    filters cost nothing), and each test case reports its own result:
//    pass and not-applicable pass (the reason is logged), fail and error are
//    errors carrying the case's message, a warning passes and is logged as
//    a warning. Unusable input (no such DLL, unknown profile) fails every case.
//
// 2. The trace questions of rasconform/trace_assertions.hpp as Boost.Test
//    predicates, so a failed check prints the offending events:
//
//      BOOST_TEST(rasconform::boost_test::no_callout_after_hangup(server.trace(), alice));
//      BOOST_TEST(rasconform::boost_test::called_times(server.trace(), rasconform::Callout::AcceptNewLink, 2,
//                                                      rasconform::for_connection(alice.handle)));
//      BOOST_TEST(rasconform::boost_test::connection_accepted(server.trace(), alice));
//
// Include after the Boost.Test framework's own header where that matters
// (<boost/test/included/unit_test.hpp> in a header-only build).
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "rasconform/server.hpp"
#include "rasconform/suite.hpp"
#include "rasconform/trace_assertions.hpp"

namespace rasconform {

// What register_suite runs: the DLL and how.
struct SuiteRequest {
    std::filesystem::path dll;
    SuiteOptions options;
};

namespace boost_test {

inline boost::test_tools::assertion_result to_assertion(const TraceCheck& check) {
    boost::test_tools::assertion_result r(check.holds);
    if (!check.holds) r.message() << check.message;
    return r;
}

inline boost::test_tools::assertion_result no_callout_after_hangup(const Trace& trace, std::uint64_t connection) {
    return to_assertion(rasconform::no_callout_after_hangup(trace, connection));
}
inline boost::test_tools::assertion_result no_callout_after_hangup(const Trace& trace, const Connection& c) {
    return boost_test::no_callout_after_hangup(trace, c.handle);
}
inline boost::test_tools::assertion_result called_times(const Trace& trace, Callout callout, std::size_t times,
                                                        const TraceFilter& filter = {}) {
    return to_assertion(rasconform::called_times(trace, callout, times, filter));
}
inline boost::test_tools::assertion_result connection_accepted(const Trace& trace, std::uint64_t connection) {
    return to_assertion(rasconform::connection_accepted(trace, connection));
}
inline boost::test_tools::assertion_result connection_accepted(const Trace& trace, const Connection& c) {
    return boost_test::connection_accepted(trace, c.handle);
}
inline boost::test_tools::assertion_result every_callout_returned(const Trace& trace) {
    return to_assertion(rasconform::every_callout_returned(trace));
}

// Reports one case's result in the running Boost.Test case.
inline void report(const CaseResult& r) {
    const std::string line = r.id + ": " + std::string(to_string(r.status)) + (r.message.empty() ? "" : ": " + r.message);
    switch (r.status) {
    case Status::pass:
    case Status::not_applicable:
        BOOST_TEST_MESSAGE(line);
        BOOST_CHECK_MESSAGE(true, line);
        break;
    case Status::warning:
        BOOST_WARN_MESSAGE(false, line);
        break;
    case Status::fail:
    case Status::error:
        BOOST_ERROR(line);
        break;
    }
}

namespace detail {

// The suite's one run, made by whichever case comes first.
struct LazySuite {
    std::function<SuiteRequest()> request;
    std::vector<std::string> case_ids;
    std::once_flag once;
    std::optional<SuiteRun> run;
    std::string problem;  // unusable input, or what the run threw

    const SuiteRun* get() {
        std::call_once(once, [this] {
            try {
                SuiteRequest r = request();
                r.options.cases = case_ids;
                run = run_suite(r.dll, r.options);
            } catch (const std::exception& e) {
                problem = e.what();
            }
        });
        return run ? &*run : nullptr;
    }
};

}  // namespace detail

// Registers test suite `name` in the master test suite with one test case
// per conformance case (`case_ids`, or every case when empty); see above.
// Returns the suite (owned by Boost.Test).
inline boost::unit_test::test_suite* register_suite(const std::string& name, std::function<SuiteRequest()> request,
                                                    std::vector<std::string> case_ids = {}) {
    auto state = std::make_shared<detail::LazySuite>();
    state->request = std::move(request);
    state->case_ids = case_ids;
    if (case_ids.empty()) case_ids = rasconform::case_ids();
    auto* suite = BOOST_TEST_SUITE(name);
    for (const std::string& id : case_ids) {
        suite->add(boost::unit_test::make_test_case(
            [state, id] {
                const SuiteRun* run = state->get();
                if (!run) {
                    BOOST_ERROR("the conformance suite could not run: " + state->problem);
                    return;
                }
                if (!run->fatal.empty()) BOOST_TEST_MESSAGE("environment: " + run->fatal);
                const CaseResult* r = run->find(id);
                if (!r) {
                    BOOST_ERROR(id + ": no result (the case was not run)");
                    return;
                }
                report(*r);
            },
            id, __FILE__, __LINE__));
    }
    boost::unit_test::framework::master_test_suite().add(suite);
    return suite;
}

}  // namespace boost_test
}  // namespace rasconform
