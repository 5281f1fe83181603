// ROBUST-4's soak loop (mock/soak.hpp), against an in-process test double:
// where it measures, how a fault stops it, and that its request and result
// survive the trip to a host process and back unchanged.
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include <algorithm>

#include "mock/whole_scenario.hpp"
#include "tests/mock/scripted_admin_dll.hpp"

using namespace rasconform;
using namespace rasconform::mock;

namespace {

const std::set<std::string>& soak_exports = test::plain_exports;

Options soak_options() {
    Options o;
    o.record_every_call = false;
    return o;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(soak)

BOOST_AUTO_TEST_CASE(measures_after_warm_up_a_tenth_and_all) {
    test::ScriptedAdminDll dll("a.dll", soak_exports);
    dll.resources.available = true;
    SoakPlan plan{1000};
    BOOST_TEST(plan.warm_up() == 50);
    BOOST_TEST(plan.first() == 100);
    SoakScenario s = soak_scenario(dll, soak_options(), plan);
    BOOST_REQUIRE(s.start.started);
    BOOST_TEST(plan.middle() == 550);
    BOOST_REQUIRE(s.run.samples.size() == 4u);
    BOOST_TEST(s.run.samples[0].connections == 50);
    BOOST_TEST(s.run.samples[1].connections == 100);
    BOOST_TEST(s.run.samples[2].connections == 550);
    BOOST_TEST(s.run.samples[3].connections == 1000);
    BOOST_TEST(s.run.stopped_at == 0);
    // Init + 1,000 x (Get, accept, link, link hang-up, hang-up, release) + Terminate.
    BOOST_TEST(dll.calls.size() == 2u + 1000u * 6u);
}

BOOST_AUTO_TEST_CASE(a_fault_stops_it_at_that_lifecycle) {
    test::ScriptedAdminDll dll("a.dll", soak_exports);
    dll.resources.available = true;
    dll.fault_after(Callout::AcceptNewLink, 6);
    SoakScenario s = soak_scenario(dll, soak_options(), SoakPlan{1000});
    BOOST_TEST(s.run.stopped_at == 7);
    BOOST_REQUIRE(s.trace.size() == 1u);  // only the call that did not return
    BOOST_TEST((s.trace[0].callout == Callout::AcceptNewLink));
    BOOST_TEST(s.run.samples.empty());  // stopped before the first measurement
}

BOOST_AUTO_TEST_CASE(an_unavailable_measurement_ends_it) {
    test::ScriptedAdminDll dll("a.dll", soak_exports);
    dll.resources.available = false;
    dll.resources.not_available = "no figures here";
    SoakScenario s = soak_scenario(dll, soak_options(), SoakPlan{1000});
    BOOST_REQUIRE(s.run.samples.size() == 1u);
    BOOST_TEST(s.run.samples[0].use.not_available == "no figures here");
    BOOST_TEST(dll.calls.size() == 2u + 50u * 6u);
}

// The same request answered through JSON (as a host answers it) and
// directly give the same result; every option survives the trip.
BOOST_AUTO_TEST_CASE(request_and_result_cross_the_host_boundary_unchanged) {
    test::ScriptedAdminDll direct_dll("a.dll", soak_exports), remote_dll("a.dll", soak_exports);
    for (auto* d : {&direct_dll, &remote_dll}) {
        d->resources.available = true;
        d->resources.private_bytes = 12345;
        d->fault_after(Callout::AcceptNewLink, 150);
    }
    const SoakScenario direct = soak_scenario(direct_dll, soak_options(), SoakPlan{1000});
    const nlohmann::json request = soak_request(soak_options(), SoakPlan{1000});
    const SoakScenario r =
        soak_reply(nlohmann::json::parse(run_whole_scenario(remote_dll, nlohmann::json::parse(request.dump())).dump()));
    BOOST_TEST(r.start.started == direct.start.started);
    BOOST_TEST(r.run.stopped_at == 151);
    BOOST_TEST(direct.run.stopped_at == 151);
    BOOST_REQUIRE(r.run.samples.size() == 2u);
    BOOST_TEST(r.run.samples[1].connections == 100);
    BOOST_TEST(r.run.samples[1].use.private_bytes == 12345u);
    BOOST_REQUIRE(r.trace.size() == 1u);
    BOOST_TEST((r.trace[0].outcome.kind == direct.trace[0].outcome.kind));
    BOOST_TEST(r.trace[0].connection == direct.trace[0].connection);
    BOOST_TEST(remote_dll.calls == direct_dll.calls);

    // Options that change the engine's behaviour travel too: under Windows
    // 2000 (variant 2 only) the DLL's variant-1 accept is not called.
    Options w2000 = soak_options();
    w2000.profile = find_profile("w2000");
    test::ScriptedAdminDll v2("a.dll", [] {
        auto e = soak_exports;
        e.insert({"MprAdminAcceptNewConnection2", "MprAdminConnectionHangupNotification2"});
        return e;
    }());
    v2.resources.available = true;
    soak_reply(run_whole_scenario(v2, soak_request(w2000, SoakPlan{10})));
    BOOST_TEST(std::count(v2.calls.begin(), v2.calls.end(), "MprAdminAcceptNewConnection2") == 10);

    nlohmann::json bad = request;
    bad["profile"] = "ws1995";
    BOOST_TEST(run_whole_scenario(remote_dll, bad).at("error").get<std::string>().find("ws1995") != std::string::npos);
    bad = request;
    bad.erase("lifecycles");
    BOOST_TEST(run_whole_scenario(remote_dll, bad).contains("error"));
    BOOST_CHECK_THROW(soak_reply(nlohmann::json{{"started", true}}), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
