// The fuzz loop (mock/fuzz_scenario.hpp) against an in-process double that
// faults on some documented values: it finds the fault, minimises it to the
// field to blame, does the same from the same seed, survives the trip to a
// host process, and the scenario file it leads to replays the same calls.
#include <boost/test/unit_test.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "mock/scenario_player.hpp"
#include "mock/whole_scenario.hpp"
#include "tests/mock/scripted_admin_dll.hpp"

using namespace rasconform;
using namespace rasconform::mock;

namespace {

// Exports the plain set; every BOOL callout admits, and the accept faults
// when `breaks` holds for the connection it is handed.
class PickyDll final : public AdminDllBackend {
public:
    explicit PickyDll(std::function<bool(const winabi::host::RAS_CONNECTION_0&)> breaks) : breaks_(std::move(breaks)) {}
    const std::string& name() const override { return name_; }
    void* resolve(std::string_view n) const override {
        auto it = test::plain_exports.find(std::string(n));
        return it == test::plain_exports.end() ? nullptr : const_cast<std::string*>(&*it);
    }
    CallOutcome call(const CalloutInfo& c, void*, std::span<void* const> args) override {
        CallOutcome o;
        if (c.id == Callout::AcceptNewConnection && breaks_(*static_cast<winabi::host::RAS_CONNECTION_0*>(args[0]))) {
            o.kind = CallOutcome::Kind::fault;
            o.exception_code = 0xC0000005;
            o.where = "picky.dll+0x1010";
            return o;
        }
        o.value = c.returns == Returns::boolean ? 1u : 0u;
        return o;
    }

private:
    std::string name_ = "picky.dll";
    std::function<bool(const winabi::host::RAS_CONNECTION_0&)> breaks_;
};

// Hangs in the accept on an interface type >= 3; afterwards, like the Win32
// backend after a hang, it is not called again.
class HangingDll final : public AdminDllBackend {
public:
    const std::string& name() const override { return name_; }
    void* resolve(std::string_view n) const override {
        auto it = test::plain_exports.find(std::string(n));
        return it == test::plain_exports.end() ? nullptr : const_cast<std::string*>(&*it);
    }
    CallOutcome call(const CalloutInfo& c, void*, std::span<void* const> args) override {
        CallOutcome o;
        if (poisoned_) {
            o.kind = CallOutcome::Kind::not_called;
            return o;
        }
        if (c.id == Callout::AcceptNewConnection &&
            static_cast<winabi::host::RAS_CONNECTION_0*>(args[0])->dwInterfaceType >= 3) {
            poisoned_ = true;
            o.kind = CallOutcome::Kind::timeout;
            return o;
        }
        o.value = c.returns == Returns::boolean ? 1u : 0u;
        return o;
    }

private:
    std::string name_ = "hangs.dll";
    bool poisoned_ = false;
};

bool type_3_or_more(const winabi::host::RAS_CONNECTION_0& c) { return c.dwInterfaceType >= 3; }

std::vector<std::string> trial_calls(const Trace& t) {
    std::vector<std::string> out;
    for (const TraceEvent& e : t)
        out.push_back(std::string(info(e.callout).name) + " " + e.args + " " + std::string(to_string(e.outcome.kind)));
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fuzz_scenario_loop)

BOOST_AUTO_TEST_CASE(finds_and_minimises_to_the_field_to_blame) {
    PickyDll dll(type_3_or_more);
    const FuzzScenario r = fuzz_scenario(dll, Options{}, FuzzPlan{1, 500});
    BOOST_TEST(r.start.started);
    BOOST_TEST_REQUIRE(r.finding.has_value());
    const FuzzFinding& f = *r.finding;
    BOOST_TEST(r.iterations == f.iteration + 1);
    BOOST_TEST((f.drawn == fuzz_input(1, f.iteration)));
    BOOST_TEST_REQUIRE(f.minimal.size() == 1u);
    BOOST_TEST(fuzz_fields().at(f.minimal[0].field).name == "RAS_CONNECTION_0.dwInterfaceType");
    BOOST_TEST(f.minimal[0].value.number >= 3u);
    BOOST_TEST((f.fault.callout == Callout::AcceptNewConnection));
    BOOST_TEST((f.fault.outcome.kind == CallOutcome::Kind::fault));
    BOOST_TEST(f.not_minimised.empty());

    // The same seed: the same iteration, input and minimum.
    PickyDll again(type_3_or_more);
    const FuzzScenario r2 = fuzz_scenario(again, Options{}, FuzzPlan{1, 500});
    BOOST_TEST_REQUIRE(r2.finding.has_value());
    BOOST_TEST(r2.finding->iteration == f.iteration);
    BOOST_TEST((r2.finding->drawn == f.drawn));
    BOOST_TEST((r2.finding->minimal == f.minimal));
}

// ROBUST-2: a hang is a finding too; with the DLL no longer callable, an
// input of several fields stays as drawn and the report says why.
BOOST_AUTO_TEST_CASE(a_hang_is_found_and_not_minimised_when_the_dll_is_gone) {
    HangingDll dll;
    const FuzzScenario r = fuzz_scenario(dll, Options{}, FuzzPlan{1, 500});
    BOOST_TEST_REQUIRE(r.finding.has_value());
    BOOST_TEST((r.finding->fault.outcome.kind == CallOutcome::Kind::timeout));
    BOOST_TEST((r.finding->fault.callout == Callout::AcceptNewConnection));
    if (r.finding->drawn.size() > 1) {
        BOOST_TEST((r.finding->minimal == r.finding->drawn));
        BOOST_TEST(!r.finding->not_minimised.empty());
    } else {
        BOOST_TEST(r.finding->not_minimised.empty());
    }
}

BOOST_AUTO_TEST_CASE(a_tolerant_dll_runs_every_iteration) {
    PickyDll dll([](const auto&) { return false; });
    const FuzzScenario r = fuzz_scenario(dll, Options{}, FuzzPlan{7, 300});
    BOOST_TEST(r.start.started);
    BOOST_TEST(!r.finding.has_value());
    BOOST_TEST(r.iterations == 300u);
}

// A DLL failing on the ordinary connection fails for no input.
BOOST_AUTO_TEST_CASE(a_dll_failing_the_ordinary_connection_blames_no_field) {
    PickyDll dll([](const auto&) { return true; });
    const FuzzScenario r = fuzz_scenario(dll, Options{}, FuzzPlan{7, 300});
    BOOST_TEST_REQUIRE(r.finding.has_value());
    BOOST_TEST(r.finding->minimal.empty());
    BOOST_TEST(r.iterations == 0u);
}

BOOST_AUTO_TEST_CASE(request_and_reply_survive_json) {
    PickyDll dll(type_3_or_more);
    const nlohmann::json request = fuzz_request(Options{}, FuzzPlan{1, 500});
    const nlohmann::json reply =
        nlohmann::json::parse(run_whole_scenario(dll, nlohmann::json::parse(request.dump())).dump());
    const FuzzScenario r = fuzz_reply(reply);
    PickyDll direct_dll(type_3_or_more);
    const FuzzScenario direct = fuzz_scenario(direct_dll, Options{}, FuzzPlan{1, 500});
    BOOST_TEST_REQUIRE(r.finding.has_value());
    BOOST_TEST(r.iterations == direct.iterations);
    BOOST_TEST((r.finding->minimal == direct.finding->minimal));
    BOOST_TEST((r.finding->drawn == direct.finding->drawn));
    BOOST_TEST((r.finding->fault.callout == Callout::AcceptNewConnection));
    BOOST_TEST(r.finding->fault.outcome.where == "picky.dll+0x1010");
    BOOST_CHECK_THROW(fuzz_reply(nlohmann::json{{"started", true}}), std::runtime_error);
}

// The scenario file of the minimal input, played by the scenario player,
// makes the calls the trial made, the fault included.
BOOST_AUTO_TEST_CASE(the_written_scenario_replays_the_trial) {
    PickyDll dll(type_3_or_more);
    const FuzzScenario r = fuzz_scenario(dll, Options{}, FuzzPlan{1, 500});
    BOOST_TEST_REQUIRE(r.finding.has_value());
    for (const FuzzInput& input : {r.finding->minimal, r.finding->drawn, fuzz_input(1, 0), fuzz_input(2, 3)}) {
        const ConnectionModel m = fuzz_model(input);
        ScenarioLoad l = parse_scenario(fuzz_trial_toml(m, "t", "d", {}), "t.toml");
        BOOST_TEST_REQUIRE(l.scenario.has_value(), l.error);
        PickyDll a(type_3_or_more), b(type_3_or_more);
        const Trace trial = fuzz_trial(a, Options{}, m);
        Service service({&b}, Options{});
        play(service, *l.scenario);
        BOOST_TEST(trial_calls(service.trace()) == trial_calls(trial), boost::test_tools::per_element());
    }
}

BOOST_AUTO_TEST_SUITE_END()
