// The connection model: one description of a remote-access connection and its
// links, from which every structure variant a callout takes is built on
// demand. Building all variants from one model is what keeps them consistent
// across variants and across DLLs of a chain (ORDER-8, VARIANT-6): the same
// handles, user, addresses and counters everywhere.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "rasconform/abi.hpp"
#include "rasconform/utf16.hpp"

namespace rasconform {

enum class TunnelType : std::uint8_t { pptp, l2tp, sstp, ikev2 };

struct LinkModel {
    std::uint64_t port_handle = 0;
    // ROBUST-6 against Q-27's default: the DLL gets port_handle as it is,
    // 0 included, instead of a handle the engine assigns when it is 0.
    bool port_handle_given = false;
    std::u16string port_name = u"VPN1-0";
    std::u16string media_name = u"rastapi";
    std::u16string device_name = u"WAN Miniport (SSTP)";
    std::u16string device_type = u"vpn";
    winabi::RAS_PORT_CONDITION condition = winabi::RAS_PORT_AUTHENTICATED;
    winabi::RAS_HARDWARE_CONDITION hardware = winabi::RAS_HARDWARE_OPERATIONAL;
    std::uint32_t total_calls = 1;
    std::uint32_t connect_duration = 0;
    std::uint32_t line_speed = 100000000;
    std::uint32_t bytes_xmited = 0, bytes_rcved = 0, frames_xmited = 0, frames_rcved = 0;
    std::uint32_t compression_in = 100, compression_out = 100;
};

struct ConnectionModel {
    // unique, never reused, non-NULL and not dereferenceable; 0 here
    // means "the engine assigns one".
    std::uint64_t handle = 0;
    std::uint64_t interface_handle = 0;
    // ROBUST-6 (zero handles) switches Q-27's default off per handle: the
    // value above is what every structure of the connection carries, 0 and
    // all ones included (`rasconform fuzz`, scenario keys handle and
    // interface_handle).
    bool handle_given = false;
    bool interface_handle_given = false;
    std::u16string user = u"alice";
    std::u16string domain = u"CONTOSO";
    std::u16string interface_name = u"alice";
    std::u16string remote_computer = u"ALICE-PC";
    winabi::ROUTER_INTERFACE_TYPE interface_type = winabi::ROUTER_IF_TYPE_CLIENT;  // 4.6
    TunnelType tunnel = TunnelType::sstp;
    std::uint32_t extra_flags = 0;  // on top of the PPP/IKEv2 bit chosen by the tunnel (STRUCT-1)
    std::uint32_t connect_duration = 0;
    // STRUCT-3: the engine makes the GUID unique per connection (Data1 from
    // the handle) unless it is given (scenario key guid, `rasconform fuzz`):
    // a given GUID, all zero included, reaches the DLL as written.
    winabi::GUID guid{};
    bool guid_given = false;
    winabi::RAS_QUARANTINE_STATE quarantine = winabi::RAS_QUAR_STATE_NORMAL;
    winabi::FILETIME probation_deadline{};  // meaningful only in probation (REAUTH-4, STRUCT-4)

    // IPADDR-13 / Q-11: IPv4 in network order as it sits in memory (a.b.c.d,
    // a in the lowest byte); asymmetric defaults expose byte-order bugs.
    std::array<std::uint8_t, 4> client_ipv4{10, 1, 2, 3};
    std::array<std::uint8_t, 4> server_ipv4{10, 1, 0, 1};
    // IPV6-2 / Q-11: prefix in bytes 0..7, interface identifier in bytes 8..15.
    std::array<std::uint8_t, 8> ipv6_prefix{0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x02};
    std::array<std::uint8_t, 8> client_interface_id{0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55};
    std::array<std::uint8_t, 8> server_interface_id{0x02, 0xaa, 0xbb, 0xff, 0xfe, 0xcc, 0xdd, 0x01};
    std::uint32_t ipv6_prefix_length = 64;

    std::u16string remote_endpoint = u"203.0.113.7";
    std::u16string local_endpoint = u"198.51.100.1";
    std::uint32_t switch_overs = 0;  // STRUCT-10: IKEv2 only

    std::uint32_t bytes_xmited = 0, bytes_rcved = 0, frames_xmited = 0, frames_rcved = 0;
    std::uint32_t compression_in = 100, compression_out = 100;

    std::vector<LinkModel> links;

    // Q-26, VERSION-5: dwError of the NBF, IPX and AppleTalk results, which a
    // modern RRAS no longer negotiates: 0 (zero-filled) by default, or e.g.
    // ERROR_PPP_CP_REJECTED (733) to say "not negotiated".
    std::uint32_t obsolete_protocol_error = 0;

    // IPV6-1: whether RRAS has an IPv6 address to offer the Get callout;
    // false passes all zero (the DLL must allocate). Only the callout's
    // argument changes: the structures keep their interface identifiers.
    bool ipv6_offered = true;

    std::uint32_t connection_flags() const;
    std::uint32_t ipv4_address_dword() const;  // the DWORD a Get/Release IP callout sees
    winabi::IN6_ADDR ipv6_address() const;        // prefix + client interface identifier
};

// Builders: each zero-fills the structure, then writes every field the
// documentation gives a meaning to. Strings are truncated to their array,
// NUL-terminated and zero-padded (STRUCT-16); dwSize/Header carry the size
// of the structure (STRUCT-2, STRUCT-14).
template <class H> void build(const ConnectionModel& c, winabi::RAS_CONNECTION_0<H>& out);
template <class H> void build(const ConnectionModel& c, winabi::RAS_CONNECTION_1<H>& out);
template <class H> void build(const ConnectionModel& c, winabi::RAS_CONNECTION_2<H>& out);
template <class H> void build(const ConnectionModel& c, winabi::RAS_CONNECTION_3<H>& out);
template <class H> void build(const ConnectionModel& c, winabi::RAS_CONNECTION_EX<H>& out);
template <class H> void build(const ConnectionModel& c, const LinkModel& l, winabi::RAS_PORT_0<H>& out);
template <class H> void build(const ConnectionModel& c, const LinkModel& l, winabi::RAS_PORT_1<H>& out);

// Copies `s` into a fixed WCHAR array: truncated to N-1 units, NUL-terminated,
// tail zeroed.
template <std::size_t N>
void copy_wide(char16_t (&dst)[N], const std::u16string& s) {
    std::size_t n = s.size() < N - 1 ? s.size() : N - 1;
    for (std::size_t i = 0; i < N; ++i) dst[i] = i < n ? s[i] : u'\0';
}

std::u16string dotted(const std::array<std::uint8_t, 4>& a);

}  // namespace rasconform
