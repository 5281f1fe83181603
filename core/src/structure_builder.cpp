#include <cstring>

#include "rasconform/connection.hpp"

namespace rasconform {
namespace {

bool is_ikev2(const ConnectionModel& c) { return c.tunnel == TunnelType::ikev2; }

template <class T>
void zero(T& t) {
    std::memset(static_cast<void*>(&t), 0, sizeof t);
}

template <class H>
H handle(std::uint64_t v) {
    return static_cast<H>(v);
}

// Link counters summed over the connection's links, as RRAS reports a bundle.
struct Totals {
    std::uint32_t bytes_xmited, bytes_rcved, frames_xmited, frames_rcved;
};
Totals totals(const ConnectionModel& c) {
    Totals t{c.bytes_xmited, c.bytes_rcved, c.frames_xmited, c.frames_rcved};
    for (const LinkModel& l : c.links) {
        t.bytes_xmited += l.bytes_xmited;
        t.bytes_rcved += l.bytes_rcved;
        t.frames_xmited += l.frames_xmited;
        t.frames_rcved += l.frames_rcved;
    }
    return t;
}

// The identity block RAS_CONNECTION_0 and RAS_CONNECTION_EX share.
template <class S>
void fill_identity(const ConnectionModel& c, S& out) {
    out.dwConnectDuration = c.connect_duration;
    out.dwInterfaceType = c.interface_type;
    out.dwConnectionFlags = c.connection_flags();
    copy_wide(out.wszInterfaceName, c.interface_name);
    copy_wide(out.wszUserName, c.user);
    copy_wide(out.wszLogonDomain, c.domain);
    copy_wide(out.wszRemoteComputer, c.remote_computer);
}

// The bundle counters RAS_CONNECTION_1 and RAS_CONNECTION_EX share.
template <class S>
void fill_counters(const ConnectionModel& c, S& out) {
    Totals t = totals(c);
    out.dwBytesXmited = t.bytes_xmited;
    out.dwBytesRcved = t.bytes_rcved;
    out.dwFramesXmited = t.frames_xmited;
    out.dwFramesRcved = t.frames_rcved;
    out.dwCompressionRatioIn = c.compression_in;
    out.dwCompressionRatioOut = c.compression_out;
}

// members for protocols the emulated RRAS no longer has (NBF, IPX,
// AppleTalk) stay zero-filled with dwError 0 and empty strings.
void fill_ipcp(const ConnectionModel& c, winabi::PPP_IPCP_INFO& ip) {
    ip.dwError = 0;
    copy_wide(ip.wszAddress, dotted(c.server_ipv4));  // STRUCT-5: server's view
    copy_wide(ip.wszRemoteAddress, dotted(c.client_ipv4));
}
void fill_ipcp(const ConnectionModel& c, winabi::PPP_IPCP_INFO2& ip) {
    ip.dwError = 0;
    copy_wide(ip.wszAddress, dotted(c.server_ipv4));
    copy_wide(ip.wszRemoteAddress, dotted(c.client_ipv4));
    ip.dwOptions = winabi::PPP_IPCP_VJ;
    ip.dwRemoteOptions = winabi::PPP_IPCP_VJ;
}
template <class Info>
void fill_obsolete(const ConnectionModel& c, Info& info) {
    info.nbf.dwError = c.obsolete_protocol_error;
    info.ipx.dwError = c.obsolete_protocol_error;
    info.at.dwError = c.obsolete_protocol_error;
}

void fill_ccp(winabi::PPP_CCP_INFO& ccp) {
    ccp.dwCompressionAlgorithm = winabi::RASCCPCA_MPPC;
    ccp.dwOptions = winabi::PPP_CCP_ENCRYPTION128BIT;
    ccp.dwRemoteCompressionAlgorithm = winabi::RASCCPCA_MPPC;
    ccp.dwRemoteOptions = winabi::PPP_CCP_ENCRYPTION128BIT;
}
void fill_lcp(winabi::PPP_LCP_INFO& lcp) {
    // STRUCT-7: terminate reasons are always 0; STRUCT-9: EAP type only with EAP.
    lcp.dwAuthenticationProtocol = winabi::PPP_LCP_CHAP;
    lcp.dwAuthenticationData = winabi::PPP_LCP_CHAP_MSV2;
    lcp.dwRemoteAuthenticationProtocol = winabi::PPP_LCP_CHAP;
    lcp.dwRemoteAuthenticationData = winabi::PPP_LCP_CHAP_MSV2;
    lcp.dwOptions = winabi::PPP_LCP_MULTILINK_FRAMING;
    lcp.dwRemoteOptions = winabi::PPP_LCP_MULTILINK_FRAMING;
}
void fill_ipv6cp(const ConnectionModel& c, winabi::PPP_IPV6_CP_INFO& v6) {
    v6.dwVersion = 0;
    v6.dwSize = sizeof(winabi::PPP_IPV6_CP_INFO);  // STRUCT-14
    std::memcpy(v6.bInterfaceIdentifier, c.server_interface_id.data(), 8);
    std::memcpy(v6.bRemoteInterfaceIdentifier, c.client_interface_id.data(), 8);
    std::memcpy(v6.bPrefix, c.ipv6_prefix.data(), 8);
    v6.dwPrefixLength = c.ipv6_prefix_length;
}

template <class P>
void fill_projection_common(const ConnectionModel& c, P& p) {
    copy_wide(p.wszAddress, dotted(c.server_ipv4));  // HDR-13: server perspective
    copy_wide(p.wszRemoteAddress, dotted(c.client_ipv4));
    p.IPv4SubInterfaceIndex = 1000 + (c.handle & 0xffff);
    std::memcpy(p.bInterfaceIdentifier, c.client_interface_id.data(), 8);
    std::memcpy(p.bRemoteInterfaceIdentifier, c.server_interface_id.data(), 8);
    std::memcpy(p.bPrefix, c.ipv6_prefix.data(), 8);
    p.dwPrefixLength = c.ipv6_prefix_length;
    p.IPv6SubInterfaceIndex = 2000 + (c.handle & 0xffff);
}

}  // namespace

std::uint32_t ConnectionModel::connection_flags() const {
    // STRUCT-1: at least one documented bit, chosen by the tunnel (HDR-5: IKEv2 is 0x10).
    std::uint32_t base = tunnel == TunnelType::ikev2 ? winabi::RAS_FLAGS_IKEV2_CONNECTION : winabi::RAS_FLAGS_PPP_CONNECTION;
    std::uint32_t flags = base | extra_flags;
    if (quarantine == winabi::RAS_QUAR_STATE_QUARANTINE || quarantine == winabi::RAS_QUAR_STATE_PROBATION)
        flags |= winabi::RAS_FLAGS_QUARANTINE_PRESENT;  // STRUCT-17
    return flags;
}

std::uint32_t ConnectionModel::ipv4_address_dword() const {
    std::uint32_t v;
    std::memcpy(&v, client_ipv4.data(), 4);
    return v;
}

winabi::IN6_ADDR ConnectionModel::ipv6_address() const {
    winabi::IN6_ADDR a{};
    std::memcpy(a.Byte, ipv6_prefix.data(), 8);
    std::memcpy(a.Byte + 8, client_interface_id.data(), 8);
    return a;
}

template <class H>
void build(const ConnectionModel& c, winabi::RAS_CONNECTION_0<H>& out) {
    zero(out);
    out.hConnection = handle<H>(c.handle);
    out.hInterface = handle<H>(c.interface_handle);
    fill_identity(c, out);
}

template <class H>
void build(const ConnectionModel& c, winabi::RAS_CONNECTION_1<H>& out) {
    zero(out);
    out.hConnection = handle<H>(c.handle);
    out.hInterface = handle<H>(c.interface_handle);
    if (!is_ikev2(c)) fill_ipcp(c, out.PppInfo.ip);
    fill_obsolete(c, out.PppInfo);
    fill_counters(c, out);
}

template <class H>
void build(const ConnectionModel& c, winabi::RAS_CONNECTION_2<H>& out) {
    zero(out);
    out.hConnection = handle<H>(c.handle);
    copy_wide(out.wszUserName, c.user);
    out.dwInterfaceType = c.interface_type;
    out.guid = c.guid;
    if (!is_ikev2(c)) {
        fill_ipcp(c, out.PppInfo2.ip);
        fill_obsolete(c, out.PppInfo2);
        fill_ccp(out.PppInfo2.ccp);
        fill_lcp(out.PppInfo2.lcp);
    }
}

template <class H>
void build(const ConnectionModel& c, winabi::RAS_CONNECTION_3<H>& out) {
    zero(out);
    out.dwVersion = 0;
    out.dwSize = sizeof out;  // STRUCT-14
    out.hConnection = handle<H>(c.handle);
    copy_wide(out.wszUserName, c.user);
    out.dwInterfaceType = c.interface_type;
    out.guid = c.guid;
    if (!is_ikev2(c)) {
        fill_ipcp(c, out.PppInfo3.ip);
        out.PppInfo3.nbf.dwError = c.obsolete_protocol_error;
        fill_ipv6cp(c, out.PppInfo3.ipv6);
        fill_ccp(out.PppInfo3.ccp);
        fill_lcp(out.PppInfo3.lcp);
    }
    out.rasQuarState = c.quarantine;
    if (c.quarantine == winabi::RAS_QUAR_STATE_PROBATION) out.timer = c.probation_deadline;  // REAUTH-4
}

template <class H>
void build(const ConnectionModel& c, winabi::RAS_CONNECTION_EX<H>& out) {
    zero(out);
    out.Header.revision = winabi::MPRAPI_RAS_CONNECTION_OBJECT_REVISION_1;  // STRUCT-2
    out.Header.type = winabi::MPRAPI_OBJECT_TYPE_RAS_CONNECTION_OBJECT;
    out.Header.size = static_cast<std::uint16_t>(sizeof out);
    fill_identity(c, out);
    out.guid = c.guid;
    out.rasQuarState = c.quarantine;
    if (c.quarantine == winabi::RAS_QUAR_STATE_PROBATION) out.probationTime = c.probation_deadline;
    fill_counters(c, out);
    if (is_ikev2(c)) out.dwNumSwitchOvers = c.switch_overs;  // STRUCT-10
    copy_wide(out.wszRemoteEndpointAddress, c.remote_endpoint);
    copy_wide(out.wszLocalEndpointAddress, c.local_endpoint);
    // STRUCT-11: the union member matches the connection type.
    if (is_ikev2(c)) {
        out.ProjectionInfo.projectionInfoType = winabi::MPRAPI_IKEV2_PROJECTION_INFO_TYPE;
        auto& p = out.ProjectionInfo.Ikev2ProjectionInfo;
        fill_projection_common(c, p);
        p.dwAuthenticationProtocol = winabi::MPRAPI_IKEV2_AUTH_USING_CERT;
        p.dwEncryptionMethod = winabi::IPSEC_CIPHER_TYPE_AES_256;
    } else {
        out.ProjectionInfo.projectionInfoType = winabi::MPRAPI_PPP_PROJECTION_INFO_TYPE;
        auto& p = out.ProjectionInfo.PppProjectionInfo;
        fill_projection_common(c, p);
        p.dwIPv4Options = winabi::PPP_IPCP_VJ;
        p.dwIPv4RemoteOptions = winabi::PPP_IPCP_VJ;
        p.dwAuthenticationProtocol = winabi::PPP_LCP_CHAP;
        p.dwAuthenticationData = winabi::PPP_LCP_CHAP_MSV2;
        p.dwRemoteAuthenticationProtocol = winabi::PPP_LCP_CHAP;
        p.dwRemoteAuthenticationData = winabi::PPP_LCP_CHAP_MSV2;
        p.dwLcpOptions = winabi::PPP_LCP_MULTILINK_FRAMING;
        p.dwLcpRemoteOptions = winabi::PPP_LCP_MULTILINK_FRAMING;
        p.dwCompressionAlgorithm = winabi::RASCCPCA_MPPC;
        p.dwCcpOptions = winabi::PPP_CCP_ENCRYPTION128BIT;
        p.dwRemoteCompressionAlgorithm = winabi::RASCCPCA_MPPC;
        p.dwCcpRemoteOptions = winabi::PPP_CCP_ENCRYPTION128BIT;
    }
    out.hConnection = handle<H>(c.handle);
    out.hInterface = handle<H>(c.interface_handle);
}

template <class H>
void build(const ConnectionModel& c, const LinkModel& l, winabi::RAS_PORT_0<H>& out) {
    zero(out);
    out.hPort = handle<H>(l.port_handle);
    out.hConnection = handle<H>(c.handle);  // ORDER-8
    out.dwPortCondition = l.condition;
    out.dwTotalNumberOfCalls = l.total_calls;
    out.dwConnectDuration = l.connect_duration;
    copy_wide(out.wszPortName, l.port_name);
    copy_wide(out.wszMediaName, l.media_name);
    copy_wide(out.wszDeviceName, l.device_name);
    copy_wide(out.wszDeviceType, l.device_type);
}

template <class H>
void build(const ConnectionModel& c, const LinkModel& l, winabi::RAS_PORT_1<H>& out) {
    zero(out);
    out.hPort = handle<H>(l.port_handle);
    out.hConnection = handle<H>(c.handle);
    out.dwHardwareCondition = l.hardware;
    out.dwLineSpeed = l.line_speed;
    out.dwBytesXmited = l.bytes_xmited;  // STRUCT-13: compressed bytes
    out.dwBytesRcved = l.bytes_rcved;
    out.dwFramesXmited = l.frames_xmited;
    out.dwFramesRcved = l.frames_rcved;
    out.dwCompressionRatioIn = l.compression_in;
    out.dwCompressionRatioOut = l.compression_out;
}

std::u16string dotted(const std::array<std::uint8_t, 4>& a) {
    std::u16string s;
    for (std::size_t i = 0; i < 4; ++i) {
        if (i) s += u'.';
        for (char ch : std::to_string(a[i])) s += static_cast<char16_t>(ch);
    }
    return s;
}

#define RASCONFORM_INSTANTIATE(H)                                                                  \
    template void build(const ConnectionModel&, winabi::RAS_CONNECTION_0<H>&);                        \
    template void build(const ConnectionModel&, winabi::RAS_CONNECTION_1<H>&);                        \
    template void build(const ConnectionModel&, winabi::RAS_CONNECTION_2<H>&);                        \
    template void build(const ConnectionModel&, winabi::RAS_CONNECTION_3<H>&);                        \
    template void build(const ConnectionModel&, winabi::RAS_CONNECTION_EX<H>&);                       \
    template void build(const ConnectionModel&, const LinkModel&, winabi::RAS_PORT_0<H>&);            \
    template void build(const ConnectionModel&, const LinkModel&, winabi::RAS_PORT_1<H>&);
RASCONFORM_INSTANTIATE(std::uint64_t)
RASCONFORM_INSTANTIATE(std::uint32_t)
#undef RASCONFORM_INSTANTIATE

}  // namespace rasconform
