// ROBUST-6 fuzzing (core/src/fuzz_inputs.cpp, fuzz_trial_toml.cpp): inputs
// are a function of the seed, reach every documented value the spec lists,
// ddmin finds the smallest failing set of changes, and the scenario file of
// a trial hands the DLL exactly the structures the trial does.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstring>
#include <set>
#include <string>

#include "rasconform/fuzz_inputs.hpp"
#include "rasconform/scenario.hpp"
#include "tests/core/structures_handed.hpp"

using namespace rasconform;

namespace {

std::size_t field_named(const std::string& name) {
    const auto& f = fuzz_fields();
    for (std::size_t i = 0; i < f.size(); ++i)
        if (f[i].name == name) return i;
    BOOST_FAIL("no fuzz field " + name);
    return 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fuzz_inputs)

BOOST_AUTO_TEST_CASE(same_seed_same_inputs) {
    bool differs = false;
    for (std::uint64_t i = 0; i < 200; ++i) {
        BOOST_TEST((fuzz_input(42, i) == fuzz_input(42, i)));
        differs = differs || !(fuzz_input(42, i) == fuzz_input(43, i));
    }
    BOOST_TEST(differs, "seeds 42 and 43 drew the same 200 inputs");
    FuzzRng a(7), b(7);
    for (int i = 0; i < 100; ++i) BOOST_TEST(a.next() == b.next());
}

// One change per field, in field order, and never nothing.
BOOST_AUTO_TEST_CASE(inputs_are_well_formed) {
    for (std::uint64_t i = 0; i < 500; ++i) {
        const FuzzInput in = fuzz_input(3, i);
        BOOST_TEST_REQUIRE(!in.empty());
        BOOST_TEST(in.size() <= 6u);
        for (std::size_t k = 1; k < in.size(); ++k) BOOST_TEST(in[k - 1].field < in[k].field);
        for (const FuzzChange& c : in) BOOST_TEST(c.field < fuzz_fields().size());
    }
}

// ROBUST-6 and spec 4.1-4.3: every interface type, quarantine state, port
// condition and tunnel, every RAS_FLAGS_* bit, strings empty and filling
// their arrays (UNLEN, DNLEN, ...) are all drawn from one seed.
BOOST_AUTO_TEST_CASE(the_documented_edges_are_drawn) {
    std::set<std::uint32_t> types, states, conditions, bits;
    std::set<std::size_t> user_lengths, domain_lengths, fields;
    bool zero_duration = false, max_duration = false, ipv4_zero = false, ipv4_ones = false, prefix_128 = false;
    for (std::uint64_t i = 0; i < 20000; ++i) {
        const FuzzInput in = fuzz_input(1, i);
        const ConnectionModel m = fuzz_model(in);
        for (const FuzzChange& c : in) fields.insert(c.field);
        types.insert(static_cast<std::uint32_t>(m.interface_type));
        states.insert(static_cast<std::uint32_t>(m.quarantine));
        conditions.insert(static_cast<std::uint32_t>(m.links.front().condition));
        for (std::uint32_t b = 1; b <= 0x20; b <<= 1)
            if (m.extra_flags & b) bits.insert(b);
        user_lengths.insert(m.user.size());
        domain_lengths.insert(m.domain.size());
        zero_duration = zero_duration || m.links.front().connect_duration == 0;
        max_duration = max_duration || m.connect_duration == 0xFFFFFFFFu;
        ipv4_zero = ipv4_zero || m.client_ipv4 == std::array<std::uint8_t, 4>{0, 0, 0, 0};
        ipv4_ones = ipv4_ones || m.client_ipv4 == std::array<std::uint8_t, 4>{255, 255, 255, 255};
        prefix_128 = prefix_128 || m.ipv6_prefix_length == 128;
    }
    BOOST_TEST(fields.size() == fuzz_fields().size());
    BOOST_TEST(types.size() == 8u);       // ROUTER_IF_TYPE_CLIENT..DIALOUT
    BOOST_TEST(states.size() == 4u);      // RAS_QUAR_STATE_NORMAL..NOT_CAPABLE
    BOOST_TEST(conditions.size() == 7u);  // RAS_PORT_NON_OPERATIONAL..INITIALIZING
    BOOST_TEST(bits.size() == 6u);        // 0x1..0x20
    BOOST_TEST(user_lengths.count(0) == 1u);
    BOOST_TEST(user_lengths.count(winabi::UNLEN) == 1u);
    BOOST_TEST(domain_lengths.count(winabi::DNLEN) == 1u);
    BOOST_TEST(zero_duration);
    BOOST_TEST(max_duration);
    BOOST_TEST(ipv4_zero);
    BOOST_TEST(ipv4_ones);
    BOOST_TEST(prefix_128);
}

// ROBUST-6 "zero handles": by default hConnection, hInterface and hPort are
// drawn too, 0 and all ones included, and the model says they are given;
// FuzzHandles::engine (Q-27's default) never draws them and otherwise draws
// exactly what it did before handle fields existed (the fields before them).
BOOST_AUTO_TEST_CASE(zero_handles_are_drawn_unless_switched_off) {
    const std::size_t conn = field_named("RAS_CONNECTION_0.hConnection");
    const std::size_t intf = field_named("RAS_CONNECTION_0.hInterface");
    const std::size_t port = field_named("RAS_PORT_0.hPort");
    BOOST_TEST(fuzz_field_count(FuzzHandles::drawn) == fuzz_fields().size());
    BOOST_TEST(fuzz_field_count(FuzzHandles::engine) == fuzz_fields().size() - 3);
    BOOST_TEST(std::min({conn, intf, port}) == fuzz_field_count(FuzzHandles::engine));
    bool zero_conn = false, zero_intf = false, zero_port = false, ones_conn = false;
    for (std::uint64_t i = 0; i < 3000; ++i) {
        const ConnectionModel m = fuzz_model(fuzz_input(1, i));
        zero_conn = zero_conn || (m.handle_given && m.handle == 0);
        zero_intf = zero_intf || (m.interface_handle_given && m.interface_handle == 0);
        zero_port = zero_port || (m.links.front().port_handle_given && m.links.front().port_handle == 0);
        ones_conn = ones_conn || (m.handle_given && m.handle == ~std::uint64_t{0});
        BOOST_TEST(!fuzz_second_link(m).port_handle_given);  // the second port: an engine handle
    }
    BOOST_TEST(zero_conn);
    BOOST_TEST(zero_intf);
    BOOST_TEST(zero_port);
    BOOST_TEST(ones_conn);

    for (std::uint64_t i = 0; i < 3000; ++i) {
        const FuzzInput in = fuzz_input(1, i, FuzzHandles::engine);
        for (const FuzzChange& c : in) BOOST_TEST_REQUIRE(c.field < fuzz_field_count(FuzzHandles::engine));
        const ConnectionModel m = fuzz_model(in);
        BOOST_TEST_REQUIRE(!m.handle_given);
        BOOST_TEST_REQUIRE(!m.interface_handle_given);
        BOOST_TEST_REQUIRE(!m.links.front().port_handle_given);
    }
    BOOST_TEST(describe({conn, {0, 0, {}}}) == "RAS_CONNECTION_0.hConnection = 0x0000000000000000 (NULL)");
    BOOST_TEST(to_string(FuzzHandles::engine) == "engine");
}

// A given handle is in every structure of the connection (ORDER-8): the
// RAS_CONNECTION_* of the connection callouts and both links' RAS_PORT_0/1.
BOOST_AUTO_TEST_CASE(a_drawn_handle_is_in_every_structure) {
    const ConnectionModel m = fuzz_model({{field_named("RAS_CONNECTION_0.hConnection"), {0, 0, {}}},
                                          {field_named("RAS_CONNECTION_0.hInterface"), {0, 0, {}}},
                                          {field_named("RAS_PORT_0.hPort"), {0, 0, {}}}});
    using H = winabi::host;
    H::RAS_CONNECTION_0 c0;
    H::RAS_CONNECTION_EX ex;
    H::RAS_PORT_0 p0, second;
    std::memset(static_cast<void*>(&c0), 0xAB, sizeof c0);
    std::memset(static_cast<void*>(&ex), 0xAB, sizeof ex);
    std::memset(static_cast<void*>(&p0), 0xAB, sizeof p0);
    std::memset(static_cast<void*>(&second), 0xAB, sizeof second);
    build(m, c0);
    build(m, ex);
    build(m, m.links.front(), p0);
    LinkModel l2 = fuzz_second_link(m);
    l2.port_handle = 0x1234;  // what the engine would assign
    build(m, l2, second);
    BOOST_TEST(c0.hConnection == 0u);
    BOOST_TEST(c0.hInterface == 0u);
    BOOST_TEST(ex.hConnection == 0u);
    BOOST_TEST(ex.hInterface == 0u);
    BOOST_TEST(p0.hConnection == 0u);
    BOOST_TEST(p0.hPort == 0u);
    BOOST_TEST(second.hConnection == 0u);
    BOOST_TEST(second.hPort == 0x1234u);
}

// Strings fit their arrays, so the DLL sees them whole (STRUCT-16).
BOOST_AUTO_TEST_CASE(strings_fit_their_arrays) {
    for (std::uint64_t i = 0; i < 3000; ++i) {
        const ConnectionModel m = fuzz_model(fuzz_input(9, i));
        BOOST_TEST(m.user.size() <= std::size_t(winabi::UNLEN));
        BOOST_TEST(m.domain.size() <= std::size_t(winabi::DNLEN));
        BOOST_TEST(m.remote_computer.size() <= std::size_t(winabi::NETBIOS_NAME_LEN));
        BOOST_TEST(m.interface_name.size() <= std::size_t(winabi::MAX_INTERFACE_NAME_LEN));
        BOOST_TEST(m.remote_endpoint.size() <= std::size_t(winabi::MAXIPADRESSLEN));
        BOOST_TEST(m.links.front().port_name.size() <= std::size_t(winabi::MAX_PORT_NAME));
        BOOST_TEST(!m.links.front().port_name.empty());
        BOOST_TEST(m.links.front().device_name.size() <= std::size_t(winabi::MAX_DEVICE_NAME));
    }
}

BOOST_AUTO_TEST_CASE(ddmin_finds_the_one_field) {
    std::size_t asked = 0;
    auto keep = ddmin(9, [&](const std::vector<std::size_t>& s) {
        ++asked;
        BOOST_TEST(!s.empty());
        return std::find(s.begin(), s.end(), 5u) != s.end();
    });
    BOOST_TEST((keep == std::vector<std::size_t>{5}));
    BOOST_TEST(asked < 30u);
    BOOST_TEST((ddmin(1, [](const std::vector<std::size_t>&) { return true; }) == std::vector<std::size_t>{0}));
}

// Two fields that fail only together stay together, and nothing else: 1-minimal.
BOOST_AUTO_TEST_CASE(ddmin_keeps_a_pair_that_fails_only_together) {
    auto fails = [](const std::vector<std::size_t>& s) {
        return std::find(s.begin(), s.end(), 2u) != s.end() && std::find(s.begin(), s.end(), 6u) != s.end();
    };
    const auto keep = ddmin(7, fails);
    BOOST_TEST((keep == std::vector<std::size_t>{2, 6}));
    for (std::size_t k = 0; k < keep.size(); ++k) {
        auto less = keep;
        less.erase(less.begin() + static_cast<std::ptrdiff_t>(k));
        BOOST_TEST(!fails(less));
    }
}

// A synthetic DLL that faults on an interface type >= 3: among drawn
// inputs, ddmin over the changed fields ends at the interface type alone.
BOOST_AUTO_TEST_CASE(ddmin_reduces_a_drawn_input_to_the_field_to_blame) {
    const std::size_t type_field = field_named("RAS_CONNECTION_0.dwInterfaceType");
    auto faults = [](const ConnectionModel& m) { return m.interface_type >= winabi::ROUTER_IF_TYPE_DEDICATED; };
    int minimised = 0;
    for (std::uint64_t i = 0; i < 2000 && minimised < 5; ++i) {
        const FuzzInput in = fuzz_input(11, i);
        if (in.size() < 3 || !faults(fuzz_model(in))) continue;
        const auto keep = ddmin(in.size(), [&](const std::vector<std::size_t>& s) {
            FuzzInput sub;
            for (std::size_t k : s) sub.push_back(in[k]);
            return faults(fuzz_model(sub));
        });
        BOOST_TEST_REQUIRE(keep.size() == 1u);
        BOOST_TEST(in[keep[0]].field == type_field);
        BOOST_TEST(describe(in[keep[0]]).rfind("RAS_CONNECTION_0.dwInterfaceType = ", 0) == 0u);
        ++minimised;
    }
    BOOST_TEST(minimised == 5);
}

// The scenario file of a trial parses, and what it makes the player hand
// the DLL (connection, first link, the add-link's link) is byte for byte
// what the trial hands it; the steps are the trial's.
BOOST_AUTO_TEST_CASE(trial_scenario_round_trips) {
    for (std::uint64_t i = 0; i < 400; ++i) {
        const FuzzInput in = fuzz_input(5, i);
        const ConnectionModel m = fuzz_model(in);
        const std::string toml = fuzz_trial_toml(m, "t", "d", {"a comment", "another"});
        ScenarioLoad l = parse_scenario(toml, "fuzz.toml");
        BOOST_TEST_REQUIRE(l.scenario.has_value(), "iteration " << i << ": " << l.error << "\n" << toml);
        const Scenario& sc = *l.scenario;
        BOOST_TEST_REQUIRE(sc.connections.size() == 1u);
        const ScenarioConnection& c = sc.connections[0];
        BOOST_TEST(c.probation_deadline_given == (m.quarantine == winabi::RAS_QUAR_STATE_PROBATION));
        BOOST_TEST_REQUIRE(c.model.links.size() == 1u);
        // Handles: given ones with their values, the rest left to the engine.
        BOOST_TEST(c.model.handle_given == m.handle_given);
        BOOST_TEST(c.model.interface_handle_given == m.interface_handle_given);
        BOOST_TEST(c.model.links[0].port_handle_given == m.links.front().port_handle_given);
        if (m.handle_given) BOOST_TEST(c.model.handle == m.handle);
        if (m.interface_handle_given) BOOST_TEST(c.model.interface_handle == m.interface_handle);
        if (m.links.front().port_handle_given) BOOST_TEST(c.model.links[0].port_handle == m.links.front().port_handle);
        BOOST_TEST(!sc.steps.at(1).link.port_handle_given);
        BOOST_TEST(test::structures_handed(c.model, c.model.links[0]) == test::structures_handed(m, m.links.front()), "iteration "
                                                                                                            << i << "\n"
                                                                                                            << toml);
        const bool reauth = m.quarantine != winabi::RAS_QUAR_STATE_NORMAL;
        BOOST_TEST_REQUIRE(sc.steps.size() == (reauth ? 4u : 3u));
        BOOST_TEST((sc.steps[0].action == ScenarioStep::Action::connect));
        BOOST_TEST((sc.steps[1].action == ScenarioStep::Action::add_link));
        BOOST_TEST(test::structures_handed(c.model, sc.steps[1].link) == test::structures_handed(m, fuzz_second_link(m)),
                   "iteration " << i);
        if (reauth) {
            BOOST_TEST((sc.steps[2].action == ScenarioStep::Action::reauthenticate));
            BOOST_TEST((sc.steps[2].quarantine == winabi::RAS_QUAR_STATE_NORMAL));
        }
        BOOST_TEST((sc.steps.back().action == ScenarioStep::Action::hang_up));
        BOOST_TEST((sc.steps.back().cause == HangupCause::user));
    }
}

BOOST_AUTO_TEST_SUITE_END()
