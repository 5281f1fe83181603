#include "rasconform/edge_inputs.hpp"

#include <string>

namespace rasconform {
namespace {

using namespace winabi;

// A string that fills a WCHAR[n + 1] array: n characters, then the only NUL.
std::u16string filling(int n) {
    std::u16string s;
    for (int i = 0; i < n; ++i) s.push_back(static_cast<char16_t>(u'A' + i % 26));
    return s;
}

constexpr std::uint32_t all_ones = 0xFFFFFFFFu;

void add_string(std::vector<EdgeInput>& out, std::string field, int capacity, std::u16string ConnectionModel::*member) {
    out.push_back({field, "empty", [member](ConnectionModel& m) { m.*member = u""; }});
    out.push_back({field, std::to_string(capacity) + " characters, no room to spare",
                   [member, capacity](ConnectionModel& m) { m.*member = filling(capacity); }});
}

void add_port_string(std::vector<EdgeInput>& out, std::string field, int capacity, std::u16string LinkModel::*member,
                     bool may_be_empty = true) {
    if (may_be_empty) out.push_back({field, "empty", [member](ConnectionModel& m) { m.links.front().*member = u""; }});
    out.push_back({field, std::to_string(capacity) + " characters, no room to spare",
                   [member, capacity](ConnectionModel& m) { m.links.front().*member = filling(capacity); }});
}

std::vector<EdgeInput> make() {
    std::vector<EdgeInput> out;
    // Strings (STRUCT-16): empty, and filling the array.
    add_string(out, "RAS_CONNECTION_0.wszUserName", UNLEN, &ConnectionModel::user);
    add_string(out, "RAS_CONNECTION_0.wszLogonDomain", DNLEN, &ConnectionModel::domain);
    add_string(out, "RAS_CONNECTION_0.wszInterfaceName", MAX_INTERFACE_NAME_LEN, &ConnectionModel::interface_name);
    add_string(out, "RAS_CONNECTION_0.wszRemoteComputer", NETBIOS_NAME_LEN, &ConnectionModel::remote_computer);
    add_string(out, "RAS_CONNECTION_3.wszRemoteEndpointAddress", MAXIPADRESSLEN, &ConnectionModel::remote_endpoint);
    add_string(out, "RAS_CONNECTION_3.wszLocalEndpointAddress", MAXIPADRESSLEN, &ConnectionModel::local_endpoint);
    out.push_back({"RAS_CONNECTION_0.wszUserName", "non-ASCII (\"J\u00fcrgen-\u6771\u4eac\")",
                   [](ConnectionModel& m) { m.user = u"J\u00fcrgen-\u6771\u4eac"; }});
    add_port_string(out, "RAS_PORT_0.wszPortName", MAX_PORT_NAME, &LinkModel::port_name, false);
    add_port_string(out, "RAS_PORT_0.wszMediaName", MAX_MEDIA_NAME, &LinkModel::media_name);
    add_port_string(out, "RAS_PORT_0.wszDeviceName", MAX_DEVICE_NAME, &LinkModel::device_name);
    add_port_string(out, "RAS_PORT_0.wszDeviceType", MAX_DEVICETYPE_NAME, &LinkModel::device_type);

    // Enumerations: every documented value besides the ordinary connection's.
    const ConnectionModel ordinary;
    const LinkModel ordinary_link;
    for (int t = ROUTER_IF_TYPE_CLIENT; t <= ROUTER_IF_TYPE_DIALOUT; ++t)
        if (t != ordinary.interface_type) out.push_back({"RAS_CONNECTION_0.dwInterfaceType", std::to_string(t), [t](ConnectionModel& m) {
                           m.interface_type = static_cast<ROUTER_INTERFACE_TYPE>(t);
                       }});
    for (int c = RAS_PORT_NON_OPERATIONAL; c <= RAS_PORT_INITIALIZING; ++c)
        if (c != ordinary_link.condition) out.push_back({"RAS_PORT_0.dwPortCondition", std::to_string(c), [c](ConnectionModel& m) {
                           m.links.front().condition = static_cast<RAS_PORT_CONDITION>(c);
                       }});
    out.push_back({"RAS_PORT_1.dwHardwareCondition", "RAS_HARDWARE_FAILURE",
                   [](ConnectionModel& m) { m.links.front().hardware = RAS_HARDWARE_FAILURE; }});
    for (int q = RAS_QUAR_STATE_NORMAL; q <= RAS_QUAR_STATE_NOT_CAPABLE; ++q)
        if (q != ordinary.quarantine) out.push_back({"RAS_CONNECTION_2.quarState", std::to_string(q), [q](ConnectionModel& m) {
                           m.quarantine = static_cast<RAS_QUARANTINE_STATE>(q);
                       }});
    out.push_back({"RAS_CONNECTION_3.timer (probation deadline)", "0, in probation", [](ConnectionModel& m) {
                       m.quarantine = RAS_QUAR_STATE_PROBATION;
                       m.probation_deadline = {};
                   }});
    out.push_back({"RAS_CONNECTION_3.timer (probation deadline)", "the largest FILETIME, in probation",
                   [](ConnectionModel& m) {
                       m.quarantine = RAS_QUAR_STATE_PROBATION;
                       m.probation_deadline = {all_ones, 0x7FFFFFFFu};
                   }});
    // PPTP, L2TP and SSTP all arrive as a PPP projection; IKEv2 differs.
    out.push_back({"RAS_CONNECTION_EX.ProjectionInfo", "IKEv2 (RAS_FLAGS_IKEV2_CONNECTION)",
                   [](ConnectionModel& m) { m.tunnel = TunnelType::ikev2; }});

    // Flags: every documented bit at once.
    out.push_back({"RAS_CONNECTION_3.dwFlags", "every RAS_FLAGS_* bit", [](ConnectionModel& m) {
                       m.extra_flags = RAS_FLAGS_PPP_CONNECTION | RAS_FLAGS_MESSENGER_PRESENT | RAS_FLAGS_RAS_CONNECTION |
                                       RAS_FLAGS_QUARANTINE_PRESENT | RAS_FLAGS_IKEV2_CONNECTION | RAS_FLAGS_DORMANT;
                   }});

    // Counters, durations and handles: zero and the largest DWORD.
    out.push_back({"RAS_CONNECTION_0.dwConnectDuration", "0xFFFFFFFF",
                   [](ConnectionModel& m) { m.connect_duration = all_ones; }});
    out.push_back({"RAS_CONNECTION_1 counters (bytes, frames, compression)", "0xFFFFFFFF each", [](ConnectionModel& m) {
                       m.bytes_xmited = m.bytes_rcved = m.frames_xmited = m.frames_rcved = all_ones;
                       m.compression_in = m.compression_out = all_ones;
                   }});
    out.push_back({"RAS_CONNECTION_1 compression ratios", "0", [](ConnectionModel& m) {
                       m.compression_in = m.compression_out = 0;
                   }});
    out.push_back({"RAS_PORT_0/1 counters (calls, duration, line speed, bytes, frames)", "0", [](ConnectionModel& m) {
                       LinkModel& l = m.links.front();
                       l.total_calls = l.connect_duration = l.line_speed = 0;
                       l.compression_in = l.compression_out = 0;
                   }});
    out.push_back({"RAS_PORT_0/1 counters (calls, duration, line speed, bytes, frames)", "0xFFFFFFFF each",
                   [](ConnectionModel& m) {
                       LinkModel& l = m.links.front();
                       l.total_calls = l.connect_duration = l.line_speed = all_ones;
                       l.bytes_xmited = l.bytes_rcved = l.frames_xmited = l.frames_rcved = all_ones;
                       l.compression_in = l.compression_out = all_ones;
                   }});
    out.push_back({"RAS_CONNECTION_EX.dwNumSwitchOvers (IKEv2)", "0xFFFFFFFF", [](ConnectionModel& m) {
                       m.tunnel = TunnelType::ikev2;
                       m.switch_overs = all_ones;
                   }});
    out.push_back({"RAS_CONNECTION_3.guid", "all bits set", [](ConnectionModel& m) {
                       m.guid = GUID{all_ones, 0xFFFF, 0xFFFF, {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}};
                   }});

    // Addresses (IPADDR-13, IPV6-2): the extremes of each part.
    out.push_back({"client IPv4 address (Get/Release, PPP_IPCP_INFO)", "0.0.0.0",
                   [](ConnectionModel& m) { m.client_ipv4 = {0, 0, 0, 0}; }});
    out.push_back({"client IPv4 address (Get/Release, PPP_IPCP_INFO)", "255.255.255.255",
                   [](ConnectionModel& m) { m.client_ipv4 = {255, 255, 255, 255}; }});
    out.push_back({"server IPv4 address (PPP_IPCP_INFO.wszAddress)", "0.0.0.0",
                   [](ConnectionModel& m) { m.server_ipv4 = {0, 0, 0, 0}; }});
    out.push_back({"IPv6 prefix (PPP_IPV6_CP_INFO, Get/Release)", "all zero, length 0", [](ConnectionModel& m) {
                       m.ipv6_prefix = {};
                       m.ipv6_prefix_length = 0;
                   }});
    out.push_back({"IPv6 prefix length", "128", [](ConnectionModel& m) { m.ipv6_prefix_length = 128; }});
    out.push_back({"IPv6 interface identifiers", "all bits set", [](ConnectionModel& m) {
                       m.client_interface_id.fill(0xFF);
                       m.server_interface_id.fill(0xFF);
                   }});
    return out;
}

}  // namespace

const std::vector<EdgeInput>& edge_inputs() {
    static const std::vector<EdgeInput> list = make();
    return list;
}

}  // namespace rasconform
