// Scenario files (core/src/scenario_file.cpp): every shipped example loads,
// the values of one land in the data model as written, and each kind of
// mistake is reported as one line "FILE:LINE: what is wrong".
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>

#include "rasconform/scenario.hpp"

using namespace rasconform;
using Act = ScenarioStep::Action;

namespace {

std::filesystem::path scenario_dir() {
    const char* dir = std::getenv("RASCONFORM_SCENARIO_DIR");
    BOOST_TEST_REQUIRE(dir != nullptr, "RASCONFORM_SCENARIO_DIR is not set (examples/scenarios)");
    return dir;
}

Scenario parsed(std::string_view text) {
    ScenarioLoad l = parse_scenario(text, "t.toml");
    BOOST_TEST_REQUIRE(l.scenario.has_value(), "unexpected error: " << l.error);
    BOOST_TEST(l.error.empty());
    return *l.scenario;
}

// The error for `text`, after checking that it is one and only one line.
std::string error_of(std::string_view text) {
    ScenarioLoad l = parse_scenario(text, "t.toml");
    BOOST_TEST(!l.scenario.has_value());
    BOOST_TEST(l.error.find('\n') == std::string::npos);
    return l.error;
}

// Two connections and the connect steps most error cases build on.
constexpr std::string_view two_connections = R"(name = "t"
[[connection]]
id = "a"
user = "alice"
[[connection]]
id = "b"
user = "bob"
)";

std::string with_steps(std::string_view steps) { return std::string(two_connections) + std::string(steps); }

}  // namespace

BOOST_AUTO_TEST_SUITE(scenario_file)

BOOST_AUTO_TEST_CASE(every_shipped_example_loads) {
    std::filesystem::path dir = scenario_dir();
    std::set<std::string> expected{"multilink-bundle.toml", "nap-probation.toml", "rejected-user.toml",
                                   "admin-disconnect.toml", "service-restart.toml"};
    std::set<std::string> seen;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        if (e.path().extension() != ".toml") continue;
        seen.insert(e.path().filename().string());
        ScenarioLoad l = load_scenario(e.path());
        BOOST_TEST(l.scenario.has_value(), e.path().string() << ": " << l.error);
        BOOST_TEST(l.error.empty(), l.error);
        if (l.scenario) {
            BOOST_TEST(l.scenario->name == e.path().stem().string());
            BOOST_TEST(!l.scenario->description.empty());
            BOOST_TEST(!l.scenario->steps.empty());
            BOOST_TEST(std::is_sorted(l.scenario->steps.begin(), l.scenario->steps.end(),
                                      [](const ScenarioStep& a, const ScenarioStep& b) { return a.at_ms < b.at_ms; }));
        }
    }
    for (const std::string& name : expected) BOOST_TEST(seen.count(name) == 1u, name << " is missing in " << dir);
}

BOOST_AUTO_TEST_CASE(multilink_bundle_in_detail) {
    ScenarioLoad l = load_scenario(scenario_dir() / "multilink-bundle.toml");
    BOOST_TEST_REQUIRE(l.scenario.has_value(), l.error);
    const Scenario& s = *l.scenario;
    BOOST_TEST(s.name == "multilink-bundle");
    BOOST_TEST(s.description == "One connection grows to 3 links, drops one mid-connection, then hangs up");

    BOOST_TEST_REQUIRE(s.connections.size() == 1u);
    const ScenarioConnection& c = s.connections[0];
    BOOST_TEST(c.id == "alice");
    BOOST_TEST(c.line == 9);
    BOOST_TEST((c.model.user == u"alice"));
    BOOST_TEST((c.model.interface_name == u"alice"));
    BOOST_TEST((c.model.domain == u"CONTOSO"));
    BOOST_TEST((c.model.remote_computer == u"ALICE-PC"));
    BOOST_TEST((c.model.tunnel == TunnelType::l2tp));
    BOOST_TEST((c.model.quarantine == winabi::RAS_QUAR_STATE_NORMAL));
    BOOST_TEST((c.model.client_ipv4 == std::array<std::uint8_t, 4>{10, 1, 2, 3}));
    BOOST_TEST(c.model.handle == 0u);  // the engine assigns handles (Q-27)
    BOOST_TEST_REQUIRE(c.model.links.size() == 1u);
    BOOST_TEST((c.model.links[0].port_name == u"VPN1-0"));
    BOOST_TEST((c.model.links[0].device_name == u"WAN Miniport (L2TP)"));
    BOOST_TEST(c.model.links[0].port_handle == 0u);

    BOOST_TEST_REQUIRE(s.steps.size() == 5u);
    BOOST_TEST((s.steps[0].action == Act::connect));
    BOOST_TEST(s.steps[0].connection == "alice");
    BOOST_TEST(s.steps[0].at_ms == 0u);
    BOOST_TEST(s.steps[0].line == 17);

    BOOST_TEST((s.steps[1].action == Act::add_link));
    BOOST_TEST(s.steps[1].at_ms == 200u);
    BOOST_TEST((s.steps[1].link.port_name == u"VPN1-1"));
    BOOST_TEST((s.steps[1].link.device_name == u"WAN Miniport (L2TP)"));

    BOOST_TEST((s.steps[2].action == Act::add_link));
    BOOST_TEST(s.steps[2].at_ms == 400u);
    BOOST_TEST((s.steps[2].link.port_name == u"VPN2-7"));

    BOOST_TEST((s.steps[3].action == Act::drop_link));
    BOOST_TEST(s.steps[3].at_ms == 1500u);
    BOOST_TEST(s.steps[3].link_index == 1u);
    BOOST_TEST(s.steps[3].line == 35);

    BOOST_TEST((s.steps[4].action == Act::hang_up));
    BOOST_TEST(s.steps[4].at_ms == 3000u);
    BOOST_TEST((s.steps[4].cause == HangupCause::user));
    BOOST_TEST(s.steps[4].connection == "alice");
}

BOOST_AUTO_TEST_CASE(nap_probation_carries_state_and_deadline) {
    ScenarioLoad l = load_scenario(scenario_dir() / "nap-probation.toml");
    BOOST_TEST_REQUIRE(l.scenario.has_value(), l.error);
    const Scenario& s = *l.scenario;
    BOOST_TEST((s.connections.at(0).model.quarantine == winabi::RAS_QUAR_STATE_QUARANTINE));
    BOOST_TEST((s.connections.at(0).model.client_ipv4 == std::array<std::uint8_t, 4>{10, 1, 7, 42}));
    BOOST_TEST_REQUIRE(s.steps.size() == 4u);
    BOOST_TEST((s.steps[1].action == Act::reauthenticate));
    BOOST_TEST((s.steps[1].quarantine == winabi::RAS_QUAR_STATE_PROBATION));
    BOOST_TEST(s.steps[1].probation_seconds == 3600u);
    BOOST_TEST((s.steps[2].quarantine == winabi::RAS_QUAR_STATE_NORMAL));
    BOOST_TEST(s.steps[2].probation_seconds == 0u);
}

BOOST_AUTO_TEST_CASE(defaults_order_and_port_names) {
    // Steps out of time order play sorted, ties in file order; at_ms
    // defaults to the previous step's in the file.
    Scenario s = parsed(R"([[connection]]
id = "a"
user = "J\u00fcrgen"
links = 2
[[connection]]
id = "b"
user = "b"
tunnel = "ikev2"
port_names = ["X-1"]
[[step]]
at_ms = 50
action = "connect"
connection = "b"
[[step]]
action = "add-link"
connection = "b"
[[step]]
at_ms = 10
action = "connect"
connection = "a"
[[step]]
at_ms = 60
action = "hang-up"
connection = "a"
cause = "service-stop"
)");
    BOOST_TEST(s.name == "t");  // from the source name "t.toml"
    BOOST_TEST(s.description.empty());
    BOOST_TEST_REQUIRE(s.steps.size() == 4u);
    BOOST_TEST(s.steps[0].line == 17);  // a's connect, at 10
    BOOST_TEST(s.steps[1].line == 10);  // b's connect, at 50
    BOOST_TEST(s.steps[2].line == 14);  // b's add-link, at 50 by default, after the connect
    BOOST_TEST(s.steps[2].at_ms == 50u);
    BOOST_TEST(s.steps[3].line == 21);
    BOOST_TEST((s.steps[3].cause == HangupCause::service_stop));

    const ConnectionModel& a = s.connections.at(0).model;
    const ConnectionModel& b = s.connections.at(1).model;
    BOOST_TEST((a.user == u"J\u00fcrgen"));
    BOOST_TEST((a.domain == u"CONTOSO"));
    BOOST_TEST((a.tunnel == TunnelType::sstp));
    BOOST_TEST((a.client_ipv4 == std::array<std::uint8_t, 4>{10, 1, 2, 3}));
    BOOST_TEST((b.client_ipv4 == std::array<std::uint8_t, 4>{10, 1, 2, 4}));  // distinct by default
    // Ports are named server-wide in play order: a connects first.
    BOOST_TEST_REQUIRE(a.links.size() == 2u);
    BOOST_TEST((a.links[0].port_name == u"VPN1-0"));
    BOOST_TEST((a.links[1].port_name == u"VPN1-1"));
    BOOST_TEST((a.links[0].device_name == u"WAN Miniport (SSTP)"));
    BOOST_TEST_REQUIRE(b.links.size() == 1u);
    BOOST_TEST((b.links[0].port_name == u"X-1"));
    BOOST_TEST((b.links[0].device_name == u"WAN Miniport (IKEv2)"));
    BOOST_TEST((s.steps[2].link.port_name == u"VPN1-2"));
}

BOOST_AUTO_TEST_CASE(lifecycle_that_is_allowed) {
    // Restart ends a and b; a new connection c works after it. Dropping the
    // last link ends a connection; an empty file is an empty scenario.
    Scenario s = parsed(with_steps(R"([[connection]]
id = "c"
user = "carol"
links = 2
[[step]]
action = "connect"
connection = "a"
[[step]]
action = "connect"
connection = "b"
[[step]]
at_ms = 5
action = "restart-service"
[[step]]
action = "connect"
connection = "c"
[[step]]
action = "drop-link"
connection = "c"
link = 1
[[step]]
action = "drop-link"
connection = "c"
link = 0
)"));
    BOOST_TEST(s.steps.size() == 6u);
    BOOST_TEST((s.steps[2].action == Act::restart_service));
    BOOST_TEST(s.steps[2].connection.empty());
    BOOST_TEST(parsed("").steps.empty());
}

BOOST_AUTO_TEST_CASE(toml_syntax_error) {
    std::string e = error_of("name = \"x\"\nlinks = \n");
    BOOST_TEST(e.rfind("t.toml:2: ", 0) == 0u, e);
    BOOST_TEST(e.find("expected value") != std::string::npos, e);
    e = error_of("a = 1\n\n\na = 2\n");
    BOOST_TEST(e.rfind("t.toml:4: ", 0) == 0u, e);
}

// Edge values of the connection a file can ask for (ROBUST-6): every
// interface type and extra RAS_FLAGS_* bits reach the model.
BOOST_AUTO_TEST_CASE(interface_type_and_flags) {
    ScenarioLoad l = parse_scenario("[[connection]]\nid = \"r\"\nuser = \"branch\"\ninterface_type = \"full-router\"\n"
                                    "flags = 0x22\n",
                                    "t.toml");
    BOOST_TEST_REQUIRE(l.scenario.has_value(), l.error);
    const ConnectionModel& m = l.scenario->connections.at(0).model;
    BOOST_TEST((m.interface_type == winabi::ROUTER_IF_TYPE_FULL_ROUTER));
    BOOST_TEST(m.extra_flags == 0x22u);
    BOOST_TEST(m.connection_flags() == (winabi::RAS_FLAGS_PPP_CONNECTION | 0x22u));  // sstp: the PPP bit, then the file's
    ScenarioLoad d = parse_scenario("[[connection]]\nid = \"c\"\nuser = \"c\"\n", "t.toml");
    BOOST_TEST_REQUIRE(d.scenario.has_value(), d.error);
    BOOST_TEST((d.scenario->connections.at(0).model.interface_type == winabi::ROUTER_IF_TYPE_CLIENT));
    BOOST_TEST(d.scenario->connections.at(0).model.extra_flags == 0u);
    BOOST_TEST(error_of("[[connection]]\nid = \"a\"\nuser = \"a\"\ninterface_type = \"router\"\n").find(
                   "t.toml:4:") == 0u);
    BOOST_TEST(error_of("[[connection]]\nid = \"a\"\nuser = \"a\"\nflags = -1\n").find("t.toml:4:") == 0u);
}

// The rest of what the callouts are handed (ROBUST-6 replays): each key
// lands in the model as written, port fields on every link (add-link's
// too), and each kind of bad value is FILE:LINE.
BOOST_AUTO_TEST_CASE(every_input_field_can_be_set) {
    Scenario sc = parsed(R"([[connection]]
id = "x"
user = "u"
interface_name = ""
tunnel = "ikev2"
quarantine = "probation"
probation_deadline = 9223372036854775807
connect_duration = 4294967295
bytes_xmited = 1
bytes_rcved = 2
frames_xmited = 3
frames_rcved = 4
compression_in = 0
compression_out = 5
switch_overs = 6
guid = "01234567-89AB-CDEF-0011-2233445566FF"
server_ipv4 = "255.255.255.255"
ipv6_prefix = "fe80:0:0:1"
ipv6_prefix_length = 128
client_interface_id = "ffff:ffff:ffff:ffff"
server_interface_id = "0:0:0:1"
remote_endpoint = ""
local_endpoint = "::1"
port_names = ["P"]

[connection.port]
media_name = ""
device_type = "modem"
condition = "calling-back"
hardware = "failure"
total_calls = 0
connect_duration = 7
line_speed = 0
bytes_xmited = 8
bytes_rcved = 9
frames_xmited = 10
frames_rcved = 11
compression_in = 12
compression_out = 13

[[step]]
action = "connect"
connection = "x"
[[step]]
action = "add-link"
connection = "x"
)");
    const ScenarioConnection& c = sc.connections.at(0);
    const ConnectionModel& m = c.model;
    BOOST_TEST(m.interface_name.empty());
    BOOST_TEST(c.probation_deadline_given);
    BOOST_TEST(m.probation_deadline.dwHighDateTime == 0x7FFFFFFFu);
    BOOST_TEST(m.probation_deadline.dwLowDateTime == 0xFFFFFFFFu);
    BOOST_TEST(m.connect_duration == 0xFFFFFFFFu);
    BOOST_TEST(m.bytes_xmited == 1u);
    BOOST_TEST(m.bytes_rcved == 2u);
    BOOST_TEST(m.frames_xmited == 3u);
    BOOST_TEST(m.frames_rcved == 4u);
    BOOST_TEST(m.compression_in == 0u);
    BOOST_TEST(m.compression_out == 5u);
    BOOST_TEST(m.switch_overs == 6u);
    BOOST_TEST(m.guid.Data1 == 0x01234567u);
    BOOST_TEST(m.guid.Data2 == 0x89ABu);
    BOOST_TEST(m.guid.Data3 == 0xCDEFu);
    BOOST_TEST(m.guid.Data4[0] == 0x00u);
    BOOST_TEST(m.guid.Data4[7] == 0xFFu);
    BOOST_TEST((m.server_ipv4 == std::array<std::uint8_t, 4>{255, 255, 255, 255}));
    BOOST_TEST((m.ipv6_prefix == std::array<std::uint8_t, 8>{0xfe, 0x80, 0, 0, 0, 0, 0, 1}));
    BOOST_TEST(m.ipv6_prefix_length == 128u);
    BOOST_TEST((m.client_interface_id == std::array<std::uint8_t, 8>{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}));
    BOOST_TEST((m.server_interface_id == std::array<std::uint8_t, 8>{0, 0, 0, 0, 0, 0, 0, 1}));
    BOOST_TEST(m.remote_endpoint.empty());
    BOOST_TEST((m.local_endpoint == u"::1"));
    for (const LinkModel* l : std::initializer_list<const LinkModel*>{&m.links.at(0), &sc.steps.at(1).link}) {
        BOOST_TEST(l->media_name.empty());
        BOOST_TEST((l->device_name == u"WAN Miniport (IKEv2)"));  // the tunnel's, none named
        BOOST_TEST((l->device_type == u"modem"));
        BOOST_TEST((l->condition == winabi::RAS_PORT_CALLING_BACK));
        BOOST_TEST((l->hardware == winabi::RAS_HARDWARE_FAILURE));
        BOOST_TEST(l->total_calls == 0u);
        BOOST_TEST(l->connect_duration == 7u);
        BOOST_TEST(l->line_speed == 0u);
        BOOST_TEST(l->bytes_xmited == 8u);
        BOOST_TEST(l->bytes_rcved == 9u);
        BOOST_TEST(l->frames_xmited == 10u);
        BOOST_TEST(l->frames_rcved == 11u);
        BOOST_TEST(l->compression_in == 12u);
        BOOST_TEST(l->compression_out == 13u);
    }
    BOOST_TEST((sc.steps.at(1).link.port_name != u"P"));

    // Without the new keys, the ordinary connection's values.
    const ConnectionModel d = parsed("[[connection]]\nid = \"c\"\nuser = \"c\"\n").connections.at(0).model;
    const ConnectionModel o;
    BOOST_TEST((d.interface_name == u"c"));
    BOOST_TEST((d.server_ipv4 == o.server_ipv4));
    BOOST_TEST((d.ipv6_prefix == o.ipv6_prefix));
    BOOST_TEST(d.ipv6_prefix_length == o.ipv6_prefix_length);
    BOOST_TEST((d.links.at(0).media_name == LinkModel{}.media_name));
    BOOST_TEST(!parsed("[[connection]]\nid = \"c\"\nuser = \"c\"\nquarantine = \"probation\"\n")
                    .connections.at(0)
                    .probation_deadline_given);

    const std::string head = "[[connection]]\nid = \"a\"\nuser = \"a\"\n";
    BOOST_TEST(error_of(head + "probation_deadline = 5\n") ==
               "t.toml:4: probation_deadline applies only with quarantine = \"probation\" (STRUCT-4)");
    BOOST_TEST(error_of(head + "quarantine = \"probation\"\nprobation_deadline = -1\n") ==
               "t.toml:5: probation_deadline = -1 is negative");
    BOOST_TEST(error_of(head + "guid = \"{01234567-89AB-CDEF-0011-2233445566FF}\"\n") ==
               "t.toml:4: guid \"{01234567-89AB-CDEF-0011-2233445566FF}\" is not a GUID "
               "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX (hex digits)");
    BOOST_TEST(error_of(head + "ipv6_prefix = \"2001:db8::\"\n") ==
               "t.toml:4: ipv6_prefix \"2001:db8::\" is not 64 bits written as four groups of hex digits h:h:h:h");
    BOOST_TEST(error_of(head + "client_interface_id = \"1:2:3:12345\"\n").find("t.toml:4: client_interface_id") == 0u);
    BOOST_TEST(error_of(head + "server_ipv4 = \"10.1.0\"\n") ==
               "t.toml:4: server_ipv4 \"10.1.0\" is not an IPv4 address a.b.c.d");
    BOOST_TEST(error_of(head + "ipv6_prefix_length = 129\n") ==
               "t.toml:4: ipv6_prefix_length = 129 is out of range 0..128");
    BOOST_TEST(error_of(head + "compression_in = 4294967296\n") ==
               "t.toml:4: compression_in = 4294967296 is out of range 0..4294967295");
    BOOST_TEST(error_of(head + "interface_name = \"" + std::string(257, 'i') + "\"\n") ==
               "t.toml:4: interface_name is 257 UTF-16 units long; at most 256 (MAX_INTERFACE_NAME_LEN)");
    BOOST_TEST(error_of(head + "local_endpoint = \"" + std::string(65, '1') + "\"\n") ==
               "t.toml:4: local_endpoint is 65 UTF-16 units long; at most 64 (MAXIPADRESSLEN)");
    BOOST_TEST(error_of(head + "port = 3\n") == "t.toml:4: 'port' must be a table ([connection.port]), not an integer");
    BOOST_TEST(error_of(head + "[connection.port]\ncondition = \"up\"\n") ==
               "t.toml:5: unknown condition \"up\" (expected one of \"non-operational\", \"disconnected\", "
               "\"calling-back\", \"listening\", \"authenticating\", \"authenticated\", \"initializing\")");
    BOOST_TEST(error_of(head + "[connection.port]\nhardware = \"broken\"\n").find("t.toml:5: unknown hardware") == 0u);
    BOOST_TEST(error_of(head + "[connection.port]\nport_name = \"x\"\n").find(
                   "t.toml:5: unknown key 'port_name' in [connection.port]") == 0u);
    BOOST_TEST(error_of(head + "[connection.port]\ndevice_name = \"" + std::string(129, 'd') + "\"\n") ==
               "t.toml:5: device_name is 129 UTF-16 units long; at most 128 (MAX_DEVICE_NAME)");
    BOOST_TEST(error_of(head + "[connection.port]\nline_speed = -2\n") == "t.toml:5: line_speed = -2 is negative");
}

// ROBUST-6 handles: given values (0 and all ones included) reach the model
// as given and mark it so, port_handles one per link of the connect; left
// out, the engine assigns them (Q-27). Bad values are FILE:LINE.
BOOST_AUTO_TEST_CASE(handles_can_be_given) {
    Scenario sc = parsed(R"([[connection]]
id = "x"
user = "u"
handle = "0x0"
interface_handle = "0xFFFFFFFFFFFFFFFF"
links = 2
port_handles = [0, "0x7fffffffffffffff"]

[[step]]
action = "connect"
connection = "x"
[[step]]
action = "add-link"
connection = "x"
)");
    const ConnectionModel& m = sc.connections.at(0).model;
    BOOST_TEST(m.handle == 0u);
    BOOST_TEST(m.handle_given);
    BOOST_TEST(m.interface_handle == ~std::uint64_t{0});
    BOOST_TEST(m.interface_handle_given);
    BOOST_TEST_REQUIRE(m.links.size() == 2u);
    BOOST_TEST(m.links[0].port_handle == 0u);
    BOOST_TEST(m.links[0].port_handle_given);
    BOOST_TEST(m.links[1].port_handle == 0x7fffffffffffffffu);
    BOOST_TEST(m.links[1].port_handle_given);
    BOOST_TEST(!sc.steps.at(1).link.port_handle_given);  // add-link: an engine handle

    // add-link's port_handle: hPort of that link as given.
    const Scenario added = parsed(R"([[connection]]
id = "y"
user = "u"
[[step]]
action = "connect"
connection = "y"
[[step]]
action = "add-link"
connection = "y"
port_handle = "0x0"
)");
    BOOST_TEST(added.steps.at(1).link.port_handle == 0u);
    BOOST_TEST(added.steps.at(1).link.port_handle_given);
    BOOST_TEST(error_of("[[connection]]\nid = \"y\"\nuser = \"u\"\n[[step]]\naction = \"connect\"\n"
                        "connection = \"y\"\n[[step]]\naction = \"add-link\"\nconnection = \"y\"\n"
                        "port_handle = \"zero\"\n") ==
               "t.toml:10: port_handle \"zero\" is not a handle \"0x\" + 1..16 hex digits");
    BOOST_TEST(error_of("[[connection]]\nid = \"y\"\nuser = \"u\"\n[[step]]\naction = \"connect\"\n"
                        "connection = \"y\"\nport_handle = 1\n")
                   .find("port_handle") != std::string::npos);  // only add-link takes it

    const ConnectionModel d = parsed("[[connection]]\nid = \"c\"\nuser = \"c\"\n").connections.at(0).model;
    BOOST_TEST(!d.handle_given);
    BOOST_TEST(!d.interface_handle_given);
    BOOST_TEST(!d.links.at(0).port_handle_given);

    const std::string head = "[[connection]]\nid = \"a\"\nuser = \"a\"\n";
    BOOST_TEST(error_of(head + "handle = -1\n") == "t.toml:4: handle = -1 is negative");
    BOOST_TEST(error_of(head + "handle = \"0x10000000000000000\"\n") ==
               "t.toml:4: handle \"0x10000000000000000\" is not a handle \"0x\" + 1..16 hex digits");
    BOOST_TEST(error_of(head + "interface_handle = \"12\"\n") ==
               "t.toml:4: interface_handle \"12\" is not a handle \"0x\" + 1..16 hex digits");
    BOOST_TEST(error_of(head + "handle = true\n") ==
               "t.toml:4: 'handle' must be an integer or a string \"0x...\", not a boolean");
    BOOST_TEST(error_of(head + "port_handles = [1, 2]\n") == "t.toml:4: port_handles has 2 handles for 1 link");
    BOOST_TEST(error_of(head + "links = 2\nport_handles = [\"0x1\", 1]\n") ==
               "t.toml:5: port_handles holds handle \"1\" twice");
    BOOST_TEST(error_of(head + "port_handles = []\n") ==
               "t.toml:4: port_handles is empty; leave it out for engine handles");
}

BOOST_AUTO_TEST_CASE(unknown_keys_are_named) {
    BOOST_TEST(error_of("name = \"x\"\ntitle = \"y\"\n") ==
               "t.toml:2: unknown key 'title' in the top level (allowed: name, description, connection, step)");
    BOOST_TEST(error_of("[[connection]]\nid = \"a\"\nuser = \"a\"\nusr = \"b\"\n") ==
               "t.toml:4: unknown key 'usr' in [[connection]] (allowed: id, user, interface_name, domain, "
               "remote_computer, tunnel, links, port_names, quarantine, probation_deadline, client_ipv4, server_ipv4, "
               "interface_type, flags, connect_duration, bytes_xmited, bytes_rcved, frames_xmited, frames_rcved, "
               "compression_in, compression_out, switch_overs, guid, ipv6_prefix, ipv6_prefix_length, "
               "client_interface_id, server_interface_id, remote_endpoint, local_endpoint, handle, interface_handle, "
               "port_handles, port)");
    BOOST_TEST(error_of(with_steps("[[step]]\naction = \"connect\"\nconnection = \"a\"\nwhen = 3\n")) ==
               "t.toml:11: unknown key 'when' in [[step]] (allowed for action \"connect\": at_ms, action, "
               "connection)");
    BOOST_TEST(error_of(with_steps("[[step]]\naction = \"connect\"\nconnection = \"a\"\ncause = \"idle\"\n")) ==
               "t.toml:11: key 'cause' does not apply to action \"connect\" (allowed: at_ms, action, connection)");
    BOOST_TEST(error_of(with_steps("[[step]]\naction = \"restart-service\"\nconnection = \"a\"\n")) ==
               "t.toml:10: key 'connection' does not apply to action \"restart-service\" (allowed: at_ms, action)");
}

BOOST_AUTO_TEST_CASE(missing_required_keys) {
    BOOST_TEST(error_of("\n[[connection]]\nid = \"a\"\n") ==
               "t.toml:2: [[connection]] lacks the required key 'user'");
    BOOST_TEST(error_of(with_steps("[[step]]\nconnection = \"a\"\n")) ==
               "t.toml:8: [[step]] lacks the required key 'action'");
    BOOST_TEST(error_of(with_steps("[[step]]\naction = \"hang-up\"\n")) ==
               "t.toml:8: [[step]] lacks the required key 'connection'");
    BOOST_TEST(error_of(with_steps("[[step]]\naction = \"connect\"\nconnection = \"a\"\n"
                                   "[[step]]\naction = \"drop-link\"\nconnection = \"a\"\n")) ==
               "t.toml:11: [[step]] lacks the required key 'link'");
}

BOOST_AUTO_TEST_CASE(wrong_types) {
    BOOST_TEST(error_of("[[connection]]\nid = \"a\"\nuser = \"a\"\nlinks = \"2\"\n") ==
               "t.toml:4: 'links' must be an integer, not a string");
    BOOST_TEST(error_of("[[connection]]\nid = \"a\"\nuser = 7\n") ==
               "t.toml:3: 'user' must be a string, not an integer");
    BOOST_TEST(error_of(with_steps("[[step]]\nat_ms = 1.5\naction = \"connect\"\nconnection = \"a\"\n")) ==
               "t.toml:9: 'at_ms' must be an integer, not a floating-point number");
    BOOST_TEST(error_of("name = true\n") == "t.toml:1: 'name' must be a string, not a boolean");
    BOOST_TEST(error_of("\n[connection]\nid = \"a\"\n") ==
               "t.toml:2: 'connection' must be an array of tables ([[connection]]), not a table");
    BOOST_TEST(error_of("step = [1]\n") == "t.toml:1: each 'step' must be a table, not an integer");
    BOOST_TEST(error_of("[[connection]]\nid = \"a\"\nuser = \"a\"\nport_names = \"VPN1-0\"\n") ==
               "t.toml:4: 'port_names' must be an array of strings, not a string");
}

BOOST_AUTO_TEST_CASE(unknown_enum_strings_list_the_allowed_ones) {
    BOOST_TEST(error_of("[[connection]]\nid = \"a\"\nuser = \"a\"\ntunnel = \"gre\"\n") ==
               "t.toml:4: unknown tunnel \"gre\" (expected one of \"pptp\", \"l2tp\", \"sstp\", \"ikev2\")");
    BOOST_TEST(error_of("[[connection]]\nid = \"a\"\nuser = \"a\"\nquarantine = \"sick\"\n") ==
               "t.toml:4: unknown quarantine \"sick\" (expected one of \"normal\", \"quarantine\", \"probation\", "
               "\"not-capable\")");
    BOOST_TEST(error_of(with_steps("[[step]]\naction = \"disconnect\"\n")) ==
               "t.toml:9: unknown action \"disconnect\" (expected one of \"connect\", \"add-link\", \"drop-link\", "
               "\"reauthenticate\", \"hang-up\", \"restart-service\")");
    BOOST_TEST(error_of(with_steps("[[step]]\naction = \"connect\"\nconnection = \"a\"\n"
                                   "[[step]]\naction = \"hang-up\"\nconnection = \"a\"\ncause = \"crash\"\n")) ==
               "t.toml:14: unknown cause \"crash\" (expected one of \"user\", \"idle\", \"admin\", \"link-failure\", "
               "\"service-stop\")");
}

BOOST_AUTO_TEST_CASE(duplicate_connection_ids) {
    BOOST_TEST(error_of(std::string(two_connections) + "[[connection]]\nid = \"a\"\nuser = \"again\"\n") ==
               "t.toml:8: duplicate connection id \"a\" (first defined at line 2)");
}

BOOST_AUTO_TEST_CASE(step_naming_an_unknown_connection) {
    BOOST_TEST(error_of(with_steps("[[step]]\naction = \"connect\"\nconnection = \"carol\"\n")) ==
               "t.toml:8: connect names unknown connection \"carol\" (defined: \"a\", \"b\")");
    BOOST_TEST(error_of("[[step]]\naction = \"connect\"\nconnection = \"x\"\n") ==
               "t.toml:1: connect names unknown connection \"x\" (no [[connection]] is defined)");
}

BOOST_AUTO_TEST_CASE(steps_before_connect_or_after_the_end) {
    // Connect written first but timed later: the played order decides.
    BOOST_TEST(error_of(with_steps("[[step]]\nat_ms = 100\naction = \"connect\"\nconnection = \"a\"\n"
                                   "[[step]]\nat_ms = 50\naction = \"add-link\"\nconnection = \"a\"\n")) ==
               "t.toml:12: add-link for \"a\" before it is connected: its connect (line 8, at_ms 100) plays later; "
               "steps play in at_ms order, ties in file order");
    BOOST_TEST(error_of(with_steps("[[step]]\naction = \"hang-up\"\nconnection = \"b\"\n")) ==
               "t.toml:8: hang-up for \"b\" before it is connected: there is no connect step for it");
    BOOST_TEST(error_of(with_steps("[[step]]\naction = \"connect\"\nconnection = \"a\"\n"
                                   "[[step]]\naction = \"hang-up\"\nconnection = \"a\"\n"
                                   "[[step]]\naction = \"reauthenticate\"\nconnection = \"a\"\n"
                                   "quarantine = \"quarantine\"\n")) ==
               "t.toml:14: reauthenticate for \"a\" after it ended (hang-up at line 11)");
    BOOST_TEST(error_of(with_steps("[[step]]\naction = \"connect\"\nconnection = \"a\"\n"
                                   "[[step]]\naction = \"restart-service\"\n"
                                   "[[step]]\naction = \"add-link\"\nconnection = \"a\"\n")) ==
               "t.toml:13: add-link for \"a\" after it ended (restart-service at line 11)");
    BOOST_TEST(error_of(with_steps("[[step]]\naction = \"connect\"\nconnection = \"a\"\n"
                                   "[[step]]\naction = \"connect\"\nconnection = \"b\"\n"
                                   "[[step]]\naction = \"hang-up\"\nconnection = \"b\"\ncause = \"service-stop\"\n"
                                   "[[step]]\naction = \"hang-up\"\nconnection = \"a\"\n")) ==
               "t.toml:18: hang-up for \"a\" after it ended (service-stop hang-up of \"b\" at line 14)");
    BOOST_TEST(error_of(with_steps("[[step]]\naction = \"connect\"\nconnection = \"a\"\n"
                                   "[[step]]\naction = \"drop-link\"\nconnection = \"a\"\nlink = 0\n"
                                   "[[step]]\naction = \"hang-up\"\nconnection = \"a\"\n")) ==
               "t.toml:15: hang-up for \"a\" after it ended (its last link dropped at line 11)");
    BOOST_TEST(error_of(with_steps("[[step]]\naction = \"connect\"\nconnection = \"a\"\n"
                                   "[[step]]\naction = \"connect\"\nconnection = \"a\"\n")) ==
               "t.toml:11: \"a\" is already connected (connect at line 8)");
    BOOST_TEST(error_of(with_steps("[[step]]\naction = \"connect\"\nconnection = \"a\"\n"
                                   "[[step]]\naction = \"hang-up\"\nconnection = \"a\"\n"
                                   "[[step]]\naction = \"connect\"\nconnection = \"a\"\n")) ==
               "t.toml:14: \"a\" connects again after it ended (hang-up at line 11); a [[connection]] is one "
               "connection, define another for a new one");
}

BOOST_AUTO_TEST_CASE(drop_link_index_follows_adds_and_drops) {
    // a: 1 link at connect, +1 = 2 links, -1 = 1 link: index 1 is gone.
    std::string base = with_steps("[[step]]\naction = \"connect\"\nconnection = \"a\"\n"
                                  "[[step]]\naction = \"add-link\"\nconnection = \"a\"\n"
                                  "[[step]]\naction = \"drop-link\"\nconnection = \"a\"\nlink = 0\n");
    BOOST_TEST(error_of(base + "[[step]]\naction = \"drop-link\"\nconnection = \"a\"\nlink = 1\n") ==
               "t.toml:18: link = 1 is out of range: \"a\" has 1 link up here (0..0, counted in the order they "
               "joined)");
    BOOST_TEST(error_of(base + "[[step]]\naction = \"drop-link\"\nconnection = \"a\"\nlink = -1\n") ==
               "t.toml:21: link = -1 is negative");
    parsed(base + "[[step]]\naction = \"drop-link\"\nconnection = \"a\"\nlink = 0\n");
}

BOOST_AUTO_TEST_CASE(string_lengths_in_utf16_units) {
    // U+1F600 is two UTF-16 units: 128 of them fill UNLEN exactly.
    std::string emoji = "\xF0\x9F\x98\x80";
    std::string ok, too_long;
    for (int i = 0; i < 128; ++i) ok += emoji;
    too_long = ok + "x";
    Scenario s = parsed("[[connection]]\nid = \"a\"\nuser = \"" + ok + "\"\n");
    BOOST_TEST(s.connections.at(0).model.user.size() == 256u);
    BOOST_TEST(error_of("[[connection]]\nid = \"a\"\n\nuser = \"" + too_long + "\"\n") ==
               "t.toml:4: user is 257 UTF-16 units long; at most 256 (UNLEN)");
    BOOST_TEST(error_of("[[connection]]\nid = \"a\"\nuser = \"a\"\ndomain = \"SIXTEEN-CHARS-XY\"\n") ==
               "t.toml:4: domain is 16 UTF-16 units long; at most 15 (DNLEN)");
    BOOST_TEST(error_of("[[connection]]\nid = \"a\"\nuser = \"a\\u0000b\"\n") ==
               "t.toml:3: user contains U+0000, which would end the WCHAR string early");
}

BOOST_AUTO_TEST_CASE(link_count_limits) {
    BOOST_TEST(error_of("[[connection]]\nid = \"a\"\nuser = \"a\"\nlinks = 0\n") ==
               "t.toml:4: links = 0 is out of range 1..64");
    BOOST_TEST(error_of("[[connection]]\nid = \"a\"\nuser = \"a\"\nlinks = 65\n") ==
               "t.toml:4: links = 65 is out of range 1..64");
    parsed("[[connection]]\nid = \"a\"\nuser = \"a\"\nlinks = 64\n");
    BOOST_TEST(error_of("[[connection]]\nid = \"a\"\nuser = \"a\"\nlinks = 64\n"
                        "[[step]]\naction = \"connect\"\nconnection = \"a\"\n"
                        "[[step]]\naction = \"add-link\"\nconnection = \"a\"\n") ==
               "t.toml:8: add-link would give \"a\" 65 links; at most 64");
    BOOST_TEST(error_of("[[connection]]\nid = \"a\"\nuser = \"a\"\nlinks = 2\nport_names = [\"P1\"]\n") ==
               "t.toml:5: port_names has 1 names for links = 2");
}

BOOST_AUTO_TEST_CASE(at_ms_range) {
    BOOST_TEST(error_of(with_steps("[[step]]\nat_ms = -5\naction = \"connect\"\nconnection = \"a\"\n")) ==
               "t.toml:9: at_ms = -5 is negative");
    BOOST_TEST(error_of(with_steps("[[step]]\nat_ms = 4294967296\naction = \"connect\"\nconnection = \"a\"\n")) ==
               "t.toml:9: at_ms = 4294967296 is out of range 0..4294967295");
}

BOOST_AUTO_TEST_CASE(reauthentication_rules) {
    std::string up = with_steps("[[step]]\naction = \"connect\"\nconnection = \"a\"\n[[step]]\n"
                                "action = \"reauthenticate\"\nconnection = \"a\"\n");
    BOOST_TEST(error_of(up + "quarantine = \"probation\"\n") ==
               "t.toml:11: reauthenticate to \"probation\" needs probation_seconds, the time left to leave "
               "quarantine (REAUTH-4)");
    BOOST_TEST(error_of(up + "quarantine = \"quarantine\"\nprobation_seconds = 60\n") ==
               "t.toml:15: probation_seconds applies only with quarantine = \"probation\" (REAUTH-4)");
    BOOST_TEST(error_of(up + "quarantine = \"normal\"\n") ==
               "t.toml:11: \"a\" is already in state \"normal\"; reauthentication reports a change of state "
               "(REAUTH-1)");
    Scenario s = parsed(up + "quarantine = \"probation\"\nprobation_seconds = 0\n");
    BOOST_TEST(s.steps.at(1).probation_seconds == 0u);
}

BOOST_AUTO_TEST_CASE(ports_and_addresses) {
    // An explicit name may not take a port that carries a live link...
    std::string explicit_port = "[[connection]]\nid = \"a\"\nuser = \"a\"\nport_names = [\"P\"]\n"
                                "[[connection]]\nid = \"b\"\nuser = \"b\"\n"
                                "[[step]]\naction = \"connect\"\nconnection = \"a\"\n"
                                "[[step]]\naction = \"connect\"\nconnection = \"b\"\n"
                                "[[step]]\naction = \"add-link\"\nconnection = \"b\"\nport_name = \"P\"\n";
    BOOST_TEST(error_of(explicit_port) == "t.toml:17: port \"P\" already carries a link of \"a\"");
    // ...but may once that link is gone; and automatic names avoid every
    // name the file gives explicitly.
    Scenario s = parsed(explicit_port.substr(0, explicit_port.rfind("[[step]]")) +
                        "[[step]]\naction = \"hang-up\"\nconnection = \"a\"\n"
                        "[[step]]\naction = \"add-link\"\nconnection = \"b\"\nport_name = \"VPN1-1\"\n");
    BOOST_TEST((s.connections.at(0).model.links.at(0).port_name == u"P"));
    BOOST_TEST((s.connections.at(1).model.links.at(0).port_name == u"VPN1-0"));
    BOOST_TEST((s.steps.at(3).link.port_name == u"VPN1-1"));
    s = parsed(std::string(two_connections) + "[[step]]\naction = \"connect\"\nconnection = \"a\"\n"
               "[[step]]\naction = \"add-link\"\nconnection = \"a\"\n"
               "[[step]]\naction = \"add-link\"\nconnection = \"a\"\nport_name = \"VPN1-0\"\n");
    BOOST_TEST((s.connections.at(0).model.links.at(0).port_name == u"VPN1-1"));
    BOOST_TEST((s.steps.at(1).link.port_name == u"VPN1-2"));
    BOOST_TEST((s.steps.at(2).link.port_name == u"VPN1-0"));
    BOOST_TEST(error_of("[[connection]]\nid = \"a\"\nuser = \"a\"\nclient_ipv4 = \"10.1.2\"\n") ==
               "t.toml:4: client_ipv4 \"10.1.2\" is not an IPv4 address a.b.c.d");
    BOOST_TEST(error_of("[[connection]]\nid = \"a\"\nuser = \"a\"\nclient_ipv4 = \"10.1.2.256\"\n") ==
               "t.toml:4: client_ipv4 \"10.1.2.256\" is not an IPv4 address a.b.c.d");
    s = parsed("[[connection]]\nid = \"a\"\nuser = \"a\"\nclient_ipv4 = \"192.168.0.1\"\n");
    BOOST_TEST((s.connections.at(0).model.client_ipv4 == std::array<std::uint8_t, 4>{192, 168, 0, 1}));
}

BOOST_AUTO_TEST_CASE(errors_stay_on_one_line) {
    std::string e = error_of(with_steps("[[step]]\naction = \"connect\"\nconnection = \"x\\ny\"\n"));
    BOOST_TEST(e.rfind("t.toml:8: connect names unknown connection \"x\\ny\"", 0) == 0u, e);
}

BOOST_AUTO_TEST_CASE(unreadable_file) {
    ScenarioLoad l = load_scenario("/nonexistent/dir/none.toml");
    BOOST_TEST(!l.scenario.has_value());
    BOOST_TEST(l.error == "/nonexistent/dir/none.toml: cannot read: No such file or directory");
    l = load_scenario(std::filesystem::temp_directory_path());
    BOOST_TEST(!l.scenario.has_value());
    BOOST_TEST(l.error.find(": cannot read: is a directory") != std::string::npos, l.error);
}

BOOST_AUTO_TEST_CASE(spellings) {
    BOOST_TEST(to_string(Act::connect) == "connect");
    BOOST_TEST(to_string(Act::add_link) == "add-link");
    BOOST_TEST(to_string(Act::drop_link) == "drop-link");
    BOOST_TEST(to_string(Act::reauthenticate) == "reauthenticate");
    BOOST_TEST(to_string(Act::hang_up) == "hang-up");
    BOOST_TEST(to_string(Act::restart_service) == "restart-service");
    BOOST_TEST(to_string(HangupCause::user) == "user");
    BOOST_TEST(to_string(HangupCause::idle) == "idle");
    BOOST_TEST(to_string(HangupCause::admin) == "admin");
    BOOST_TEST(to_string(HangupCause::link_failure) == "link-failure");
    BOOST_TEST(to_string(HangupCause::service_stop) == "service-stop");
}

BOOST_AUTO_TEST_SUITE_END()
