// The structures built from one connection model agree with each other and
// carry the invariants a DLL may rely on (ORDER-8, STRUCT-1, STRUCT-2,
// STRUCT-14, STRUCT-16), in both the x64 and the x86 layout.
#include <boost/test/unit_test.hpp>
#include <boost/mpl/list.hpp>

#include <cstring>

#include "rasconform/connection.hpp"

using namespace rasconform;

namespace {

ConnectionModel model() {
    ConnectionModel m;
    m.handle = 0x1234;
    m.interface_handle = 0x5678;
    LinkModel l;
    l.port_handle = 0x9abc;
    l.bytes_xmited = 10;
    m.links.push_back(l);
    m.bytes_xmited = 5;
    return m;
}

template <std::size_t N>
bool terminated_and_zero_padded(const char16_t (&s)[N]) {
    std::size_t len = 0;
    while (len < N && s[len]) ++len;
    if (len == N) return false;
    for (std::size_t i = len; i < N; ++i)
        if (s[i]) return false;
    return true;
}

}  // namespace

using layouts = boost::mpl::list<winabi::x64, winabi::x86>;

BOOST_AUTO_TEST_SUITE(structure_builder)

BOOST_AUTO_TEST_CASE_TEMPLATE(handles_agree_across_structures, L, layouts) {
    ConnectionModel m = model();
    typename L::RAS_CONNECTION_0 c0;
    typename L::RAS_CONNECTION_1 c1;
    typename L::RAS_CONNECTION_2 c2;
    typename L::RAS_CONNECTION_3 c3;
    typename L::RAS_CONNECTION_EX cex;
    typename L::RAS_PORT_0 p0;
    typename L::RAS_PORT_1 p1;
    build(m, c0), build(m, c1), build(m, c2), build(m, c3), build(m, cex);
    build(m, m.links[0], p0), build(m, m.links[0], p1);
    BOOST_TEST(c0.hConnection == 0x1234u);
    BOOST_TEST(c1.hConnection == c0.hConnection);
    BOOST_TEST(c2.hConnection == c0.hConnection);
    BOOST_TEST(c3.hConnection == c0.hConnection);
    BOOST_TEST(cex.hConnection == c0.hConnection);
    BOOST_TEST(p0.hConnection == c0.hConnection);  // ORDER-8
    BOOST_TEST(p1.hConnection == c0.hConnection);
    BOOST_TEST(p0.hPort == p1.hPort);
    BOOST_TEST(c0.hInterface == cex.hInterface);
    BOOST_TEST(c1.dwBytesXmited == 15u);  // connection + link counters
    BOOST_TEST(cex.dwBytesXmited == c1.dwBytesXmited);
    BOOST_TEST(std::memcmp(&c2.guid, &cex.guid, sizeof c2.guid) == 0);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(headers_sizes_and_flags, L, layouts) {
    ConnectionModel m = model();
    typename L::RAS_CONNECTION_0 c0;
    typename L::RAS_CONNECTION_3 c3;
    typename L::RAS_CONNECTION_EX cex;
    build(m, c0), build(m, c3), build(m, cex);
    BOOST_TEST(c0.dwConnectionFlags != 0u);  // STRUCT-1
    BOOST_TEST(c3.dwSize == sizeof c3);      // STRUCT-14
    BOOST_TEST(c3.PppInfo3.ipv6.dwSize == sizeof(winabi::PPP_IPV6_CP_INFO));
    BOOST_TEST(cex.Header.revision == 1u);   // STRUCT-2
    BOOST_TEST(cex.Header.type == 1u);
    BOOST_TEST(cex.Header.size == sizeof cex);
    BOOST_TEST(cex.ProjectionInfo.projectionInfoType == winabi::MPRAPI_PPP_PROJECTION_INFO_TYPE);  // STRUCT-11
    m.tunnel = TunnelType::ikev2;
    build(m, cex);
    BOOST_TEST(cex.ProjectionInfo.projectionInfoType == winabi::MPRAPI_IKEV2_PROJECTION_INFO_TYPE);
    BOOST_TEST((cex.dwConnectionFlags & winabi::RAS_FLAGS_IKEV2_CONNECTION) != 0u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(strings_are_terminated_truncated_and_padded, L, layouts) {
    ConnectionModel m = model();
    m.user = std::u16string(400, u'x');  // longer than UNLEN
    m.domain.clear();
    typename L::RAS_CONNECTION_0 c0;
    std::memset(static_cast<void*>(&c0), 0xAB, sizeof c0);
    build(m, c0);
    BOOST_TEST(terminated_and_zero_padded(c0.wszUserName));  // STRUCT-16
    BOOST_TEST(std::u16string(c0.wszUserName).size() == std::size_t(winabi::UNLEN));
    BOOST_TEST(terminated_and_zero_padded(c0.wszLogonDomain));
    BOOST_TEST((c0.wszLogonDomain[0] == u'\0'));
    BOOST_TEST(terminated_and_zero_padded(c0.wszRemoteComputer));
}

BOOST_AUTO_TEST_CASE(ipv4_is_network_order_and_ipcp_is_server_side) {
    ConnectionModel m = model();
    std::uint32_t dw = m.ipv4_address_dword();
    const auto* b = reinterpret_cast<const std::uint8_t*>(&dw);
    BOOST_TEST(b[0] == 10);  // IPADDR-13: a.b.c.d with a in the lowest byte
    BOOST_TEST(b[3] == 3);
    winabi::x64::RAS_CONNECTION_1 c1;
    build(m, c1);
    BOOST_TEST((std::u16string(c1.PppInfo.ip.wszRemoteAddress) == u"10.1.2.3"));  // STRUCT-5
    BOOST_TEST((std::u16string(c1.PppInfo.ip.wszAddress) == u"10.1.0.1"));
    winabi::IN6_ADDR a = m.ipv6_address();
    BOOST_TEST(std::memcmp(a.Byte + 8, m.client_interface_id.data(), 8) == 0);  // IPV6-2, Q-11
}

BOOST_AUTO_TEST_CASE(utf16_round_trip) {
    std::string s = "J\xC3\xBCrgen \xE2\x82\xAC \xF0\x9F\x98\x80";
    BOOST_TEST(to_utf8(to_utf16(s)) == s);
    BOOST_TEST(to_utf8(std::u16string(1, char16_t(0xD800))) == "\xEF\xBF\xBD");
}

BOOST_AUTO_TEST_SUITE_END()
