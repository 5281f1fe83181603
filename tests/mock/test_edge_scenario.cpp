// ROBUST-6's edge-input scenario (mock/edge_scenario.hpp) against an
// in-process test double: every entry reaches the DLL as its own connection,
// changes what the DLL is handed, faults are tied to the entry's connection,
// and request and result survive the trip to a host process and back.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstring>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "mock/whole_scenario.hpp"
#include "rasconform/edge_inputs.hpp"
#include "tests/core/structures_handed.hpp"
#include "tests/mock/scripted_admin_dll.hpp"

using namespace rasconform;
using namespace rasconform::mock;

namespace {

const std::set<std::string> exports = [] {
    std::set<std::string> e = test::plain_exports;
    e.insert("MprAdminAcceptReauthentication");
    return e;
}();

}  // namespace

BOOST_AUTO_TEST_SUITE(edge_inputs_scenario)

// An entry that changed nothing the DLL sees would test nothing.
BOOST_AUTO_TEST_CASE(every_entry_changes_what_the_dll_is_handed) {
    ConnectionModel ordinary;
    ordinary.links.push_back(LinkModel{});
    const std::string base = test::structures_handed(ordinary, ordinary.links.front());
    std::set<std::string> seen;
    for (const EdgeInput& e : edge_inputs()) {
        ConnectionModel m = ordinary;
        e.apply(m);
        const std::string handed = test::structures_handed(m, m.links.front());
        BOOST_TEST((handed != base), e.field << " = " << e.value);
        BOOST_TEST(seen.insert(e.field + " = " + e.value).second, "listed twice: " << e.field << " = " << e.value);
    }
    BOOST_TEST(edge_inputs().size() >= 45u);
}

BOOST_AUTO_TEST_CASE(each_entry_is_a_connection_of_its_own) {
    test::ScriptedAdminDll dll("a.dll", exports);
    EdgeScenario s = edge_scenario(dll, Options{}, every_edge_input());
    BOOST_REQUIRE(s.start.started);
    BOOST_TEST(s.connections.size() == edge_inputs().size() + 1);
    // Given 0.0.0.0 the DLL must pick the address (IPADDR-2); this double
    // does not, so RRAS refuses that client before the accept.
    std::size_t admitted = 0;
    for (std::size_t i = 0; i < s.connections.size(); ++i) {
        const std::string name = i ? edge_inputs()[i - 1].field + " = " + edge_inputs()[i - 1].value : "ordinary";
        const bool unaddressed = name.rfind("client IPv4", 0) == 0 && name.ends_with("= 0.0.0.0");
        const auto accepts = std::count(dll.accept_connections.begin(), dll.accept_connections.end(), s.connections[i]);
        BOOST_TEST(accepts == (unaddressed ? 0 : 1), name);
        admitted += static_cast<std::size_t>(accepts);
    }
    BOOST_TEST(admitted == s.connections.size() - 1);
    BOOST_TEST(std::set<std::uint64_t>(s.connections.begin(), s.connections.end()).size() == s.connections.size());
    BOOST_TEST(dll.link_connections.size() == 2 * admitted);  // two links each
    BOOST_TEST(s.faults.empty());
}

BOOST_AUTO_TEST_CASE(a_fault_belongs_to_the_connection_of_its_entry) {
    test::ScriptedAdminDll dll("a.dll", exports);
    dll.fault_after(Callout::AcceptNewConnection, 5);  // the sixth accept: the fifth entry
    EdgeScenario s = edge_scenario(dll, Options{}, every_edge_input());
    BOOST_REQUIRE(s.faults.size() == 1u);
    BOOST_TEST(s.faults[0].connection == s.connections.at(5));
}

BOOST_AUTO_TEST_CASE(the_json_path_gives_the_same_result) {
    test::ScriptedAdminDll direct("a.dll", exports), hosted("a.dll", exports);
    direct.fault_after(Callout::AcceptNewLink, 9);
    hosted.fault_after(Callout::AcceptNewLink, 9);
    EdgePlan plan{{0, 3, 7, 11}};
    EdgeScenario a = edge_scenario(direct, Options{}, plan);
    EdgeScenario b = edge_reply(run_whole_scenario(hosted, edge_request(Options{}, plan)));
    BOOST_TEST(a.connections == b.connections, boost::test_tools::per_element());
    BOOST_TEST(a.connections.size() == 5u);
    BOOST_REQUIRE(b.faults.size() == 1u);
    BOOST_TEST(b.faults[0].connection == a.faults.at(0).connection);
    BOOST_TEST(direct.calls == hosted.calls, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_unknown_entry_is_an_error) {
    test::ScriptedAdminDll dll("a.dll", exports);
    const nlohmann::json reply = run_whole_scenario(dll, edge_request(Options{}, EdgePlan{{edge_inputs().size()}}));
    BOOST_TEST(reply.contains("error"));
    BOOST_TEST(dll.calls.empty());
}

BOOST_AUTO_TEST_SUITE_END()
