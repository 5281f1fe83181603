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

// Takes a NULL hConnection for a free slot (tests/subjects/subject.c,
// SUBJECT_BUG_NULL_CONNECTION_HANDLE): its link accept faults on one.
// Records the handles every callout is handed, to show they agree (ORDER-8).
class NullHandleDll final : public AdminDllBackend {
public:
    struct Seen {
        Callout callout;
        std::uint64_t connection, interface_or_port;
    };
    const std::string& name() const override { return name_; }
    void* resolve(std::string_view n) const override {
        auto it = test::plain_exports.find(std::string(n));
        return it == test::plain_exports.end() ? nullptr : const_cast<std::string*>(&*it);
    }
    CallOutcome call(const CalloutInfo& c, void*, std::span<void* const> args) override {
        CallOutcome o;
        if (c.id == Callout::AcceptNewConnection || c.id == Callout::ConnectionHangupNotification) {
            const auto* c0 = static_cast<winabi::host::RAS_CONNECTION_0*>(args[0]);
            seen.push_back({c.id, static_cast<std::uint64_t>(c0->hConnection),
                            static_cast<std::uint64_t>(c0->hInterface)});
        }
        if (c.id == Callout::AcceptNewLink || c.id == Callout::LinkHangupNotification) {
            const auto* p0 = static_cast<winabi::host::RAS_PORT_0*>(args[0]);
            seen.push_back({c.id, static_cast<std::uint64_t>(p0->hConnection),
                            static_cast<std::uint64_t>(p0->hPort)});
            if (c.id == Callout::AcceptNewLink && !p0->hConnection) {
                o.kind = CallOutcome::Kind::fault;
                o.exception_code = 0xC0000005;
                o.where = "nullhandle.dll+0x2020";
                return o;
            }
        }
        o.value = c.returns == Returns::boolean ? 1u : 0u;
        return o;
    }
    std::vector<Seen> seen;

private:
    std::string name_ = "nullhandle.dll";
};

// Records the GUID of every RAS_CONNECTION_2 it is handed (variant 2).
class GuidDll final : public AdminDllBackend {
public:
    const std::string& name() const override { return name_; }
    void* resolve(std::string_view n) const override {
        auto it = exports_.find(std::string(n));
        return it == exports_.end() ? nullptr : const_cast<std::string*>(&*it);
    }
    CallOutcome call(const CalloutInfo& c, void*, std::span<void* const> args) override {
        if (c.id == Callout::AcceptNewConnection2 || c.id == Callout::ConnectionHangupNotification2)
            guids.push_back(static_cast<winabi::host::RAS_CONNECTION_2*>(args[2])->guid);
        CallOutcome o;
        o.value = c.returns == Returns::boolean ? 1u : 0u;
        return o;
    }
    std::vector<winabi::GUID> guids;

private:
    std::string name_ = "guid.dll";
    std::set<std::string> exports_ = [] {
        std::set<std::string> e = test::plain_exports;
        e.insert({"MprAdminAcceptNewConnection2", "MprAdminConnectionHangupNotification2"});
        return e;
    }();
};

std::size_t field_named(const std::string& name) {
    const auto& f = fuzz_fields();
    for (std::size_t i = 0; i < f.size(); ++i)
        if (f[i].name == name) return i;
    BOOST_FAIL("no fuzz field " + name);
    return 0;
}

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
    BOOST_TEST(fuzz_request(Options{}, FuzzPlan{1, 5, FuzzHandles::engine}).at("handles") == "engine");
    BOOST_TEST(run_whole_scenario(dll, [] {
                   nlohmann::json j = fuzz_request(Options{}, FuzzPlan{1, 5});
                   j["handles"] = "sometimes";
                   return j;
               }()).contains("error"));
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

// ROBUST-6 "zero handles": a given hConnection of 0 is what every structure
// of the connection carries, in the connection callouts and in both links'
// RAS_PORT_0 (ORDER-8); the first link's given hPort is its own, the second
// link gets an engine handle.
BOOST_AUTO_TEST_CASE(a_given_zero_handle_reaches_every_callout_of_the_connection) {
    ConnectionModel m = fuzz_model({{field_named("RAS_CONNECTION_0.hInterface"), {~std::uint64_t{0}, 0, {}}},
                                    {field_named("RAS_PORT_0.hPort"), {0, 0, {}}}});
    m.handle = 0;
    m.handle_given = true;
    NullHandleDll dll;
    fuzz_trial(dll, Options{}, m);
    std::set<Callout> callouts;
    std::vector<std::uint64_t> ports;
    for (const auto& s : dll.seen) {
        callouts.insert(s.callout);
        BOOST_TEST(s.connection == 0u);
        if (s.callout == Callout::AcceptNewConnection || s.callout == Callout::ConnectionHangupNotification)
            BOOST_TEST(s.interface_or_port == ~std::uint64_t{0});
        else
            ports.push_back(s.interface_or_port);
    }
    // The accept, then the first link faults: the trial goes no further.
    BOOST_TEST(callouts.count(Callout::AcceptNewConnection) == 1u);
    BOOST_TEST_REQUIRE(!ports.empty());
    BOOST_TEST(ports.front() == 0u);

    // A tolerant DLL sees both links: the second on a handle of its own.
    struct Tolerant final : AdminDllBackend {
        std::string n = "tolerant.dll";
        std::vector<std::pair<std::uint64_t, std::uint64_t>> links;  // hConnection, hPort
        const std::string& name() const override { return n; }
        void* resolve(std::string_view e) const override {
            auto it = test::plain_exports.find(std::string(e));
            return it == test::plain_exports.end() ? nullptr : const_cast<std::string*>(&*it);
        }
        CallOutcome call(const CalloutInfo& c, void*, std::span<void* const> args) override {
            if (c.id == Callout::AcceptNewLink) {
                const auto* p0 = static_cast<winabi::host::RAS_PORT_0*>(args[0]);
                links.emplace_back(static_cast<std::uint64_t>(p0->hConnection),
                                   static_cast<std::uint64_t>(p0->hPort));
            }
            CallOutcome o;
            o.value = c.returns == Returns::boolean ? 1u : 0u;
            return o;
        }
    } t;
    fuzz_trial(t, Options{}, m);
    BOOST_TEST_REQUIRE(t.links.size() == 2u);
    BOOST_TEST(t.links[0].first == 0u);
    BOOST_TEST(t.links[1].first == 0u);
    BOOST_TEST(t.links[0].second == 0u);
    BOOST_TEST(t.links[1].second != 0u);
}

// The fuzz draws hConnection = 0 by default, ddmin blames that field alone,
// the scenario replays it; with the engine's handles nothing fails.
BOOST_AUTO_TEST_CASE(a_zero_connection_handle_is_found_minimised_and_replayed) {
    NullHandleDll dll;
    const FuzzScenario r = fuzz_scenario(dll, Options{}, FuzzPlan{1, 2000});
    BOOST_TEST_REQUIRE(r.finding.has_value());
    const FuzzFinding& f = *r.finding;
    BOOST_TEST_REQUIRE(f.minimal.size() == 1u);
    BOOST_TEST(f.minimal[0].field == field_named("RAS_CONNECTION_0.hConnection"));
    BOOST_TEST(f.minimal[0].value.number == 0u);
    BOOST_TEST((f.fault.callout == Callout::AcceptNewLink));
    BOOST_TEST(describe(f.minimal[0]) == "RAS_CONNECTION_0.hConnection = 0x0000000000000000 (NULL)");

    const ConnectionModel m = fuzz_model(f.minimal);
    const std::string toml = fuzz_trial_toml(m, "t", "d", {});
    BOOST_TEST(toml.find("handle = \"0x0000000000000000\"") != std::string::npos, toml);
    ScenarioLoad l = parse_scenario(toml, "t.toml");
    BOOST_TEST_REQUIRE(l.scenario.has_value(), l.error);
    NullHandleDll a, b;
    const Trace trial = fuzz_trial(a, Options{}, m);
    Service service({&b}, Options{});
    play(service, *l.scenario);
    BOOST_TEST(trial_calls(service.trace()) == trial_calls(trial), boost::test_tools::per_element());
    bool faulted = false;
    for (const TraceEvent& e : service.trace())
        faulted = faulted || (e.callout == Callout::AcceptNewLink && e.outcome.kind == CallOutcome::Kind::fault);
    BOOST_TEST(faulted);

    NullHandleDll engine_dll;
    const FuzzScenario e = fuzz_scenario(engine_dll, Options{}, FuzzPlan{1, 2000, FuzzHandles::engine});
    BOOST_TEST(!e.finding.has_value());
    BOOST_TEST(e.iterations == 2000u);
}

// A handle given twice while live would merge two connections: refused.
BOOST_AUTO_TEST_CASE(a_given_handle_that_is_live_is_refused) {
    PickyDll dll([](const auto&) { return false; });
    Service service({&dll}, Options{});
    BOOST_TEST_REQUIRE(service.start().started);
    ConnectionModel m;
    m.links.push_back(LinkModel{});
    m.handle_given = true;  // hConnection 0
    const ConnectResult first = service.connect(m);
    BOOST_TEST_REQUIRE(first.admitted);
    BOOST_TEST(first.connection == 0u);
    const ConnectResult again = service.connect(m);
    BOOST_TEST(!again.admitted);
    BOOST_TEST(again.refused_by.find("already live") != std::string::npos, again.refused_by);
    ConnectionModel other;
    other.links.push_back(LinkModel{});
    other.links.front().port_handle = service.links_of(0).front();
    other.links.front().port_handle_given = true;
    const ConnectResult third = service.connect(other);
    BOOST_TEST(!third.admitted);
    BOOST_TEST(third.refused_by.find("already carries a link") != std::string::npos, third.refused_by);
    BOOST_TEST(!service.add_link(0, other.links.front()));  // the same port again
    LinkModel fresh;
    fresh.port_name = u"VPN1-9";
    fresh.port_handle_given = true;  // hPort 0: no link is on it yet
    BOOST_TEST(service.add_link(0, fresh));
    BOOST_TEST(service.links_of(0).size() == 2u);
    BOOST_TEST(service.live_connections() == 1u);
    service.stop();
}

// STRUCT-3 makes the engine's GUIDs unique per connection, but a drawn
// GUID (ROBUST-6) reaches the DLL as drawn, all zero included, and its
// scenario replays it; a connection without one still gets a unique GUID.
BOOST_AUTO_TEST_CASE(a_drawn_guid_reaches_the_dll_as_drawn) {
    const std::size_t guid_field = field_named("RAS_CONNECTION_3.guid");
    for (const std::uint64_t v : {std::uint64_t{0}, ~std::uint64_t{0}}) {
        const ConnectionModel m = fuzz_model({{guid_field, {v, v, {}}}});
        GuidDll dll;
        fuzz_trial(dll, Options{}, m);
        BOOST_TEST_REQUIRE(dll.guids.size() == 2u);  // accept and hang-up
        for (const winabi::GUID& g : dll.guids) {
            BOOST_TEST(g.Data1 == static_cast<std::uint32_t>(v >> 32));
            BOOST_TEST(g.Data4[7] == static_cast<std::uint8_t>(v));
        }
        ScenarioLoad l = parse_scenario(fuzz_trial_toml(m, "t", "d", {}), "t.toml");
        BOOST_TEST_REQUIRE(l.scenario.has_value(), l.error);
        GuidDll replayed;
        Service service({&replayed}, Options{});
        play(service, *l.scenario);
        BOOST_TEST_REQUIRE(replayed.guids.size() == 2u);
        BOOST_TEST(replayed.guids.front().Data1 == static_cast<std::uint32_t>(v >> 32));
    }
    GuidDll engine;
    fuzz_trial(engine, Options{}, fuzz_model({}));
    BOOST_TEST_REQUIRE(!engine.guids.empty());
    BOOST_TEST(engine.guids.front().Data1 != 0u);  // unique per connection: from its handle
}

// An add-link step's port_handle is the hPort of the link it adds, 0
// included; one already carrying a link of the connection is refused.
BOOST_AUTO_TEST_CASE(an_added_link_carries_its_given_port_handle) {
    auto scenario = [](const std::string& handle) {
        ScenarioLoad l = parse_scenario("[[connection]]\nid = \"y\"\nuser = \"u\"\nport_handles = [\"0x5\"]\n"
                                        "[[step]]\naction = \"connect\"\nconnection = \"y\"\n"
                                        "[[step]]\naction = \"add-link\"\nconnection = \"y\"\nport_handle = \"" +
                                            handle + "\"\n",
                                        "t.toml");
        BOOST_TEST_REQUIRE(l.scenario.has_value(), l.error);
        return *l.scenario;
    };
    NullHandleDll dll;
    Service service({&dll}, Options{});
    play(service, scenario("0x0"));
    std::vector<std::uint64_t> ports;
    for (const auto& seen : dll.seen)
        if (seen.callout == Callout::AcceptNewLink) ports.push_back(seen.interface_or_port);
    BOOST_TEST(ports == (std::vector<std::uint64_t>{5, 0}), boost::test_tools::per_element());

    NullHandleDll again;
    Service refusing({&again}, Options{});
    play(refusing, scenario("0x5"));  // the first link's hPort
    std::size_t link_accepts = 0;
    for (const auto& seen : again.seen) link_accepts += seen.callout == Callout::AcceptNewLink;
    BOOST_TEST(link_accepts == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
