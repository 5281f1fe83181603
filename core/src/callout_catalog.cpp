#include "rasconform/callouts.hpp"

#include <algorithm>

namespace rasconform {
namespace {

using enum Callout;
using P = Param;
using W = WindowsVersion;
using R = Requirement;
using G = SerialGroup;
constexpr auto stdcall_ = CallingConvention::winapi;

// Order must follow the Callout enumerators: info() indexes by value.
constexpr std::array<CalloutInfo, callout_count> catalog{{
    {InitializeDll, "MprAdminInitializeDll", "DWORD APIENTRY MprAdminInitializeDll(VOID)",
     Returns::dword, stdcall_, {}, 0, W::w2000, R::required_either, InitializeDllEx, G::lifecycle, -1, "2.3.1"},
    {InitializeDllEx, "MprAdminInitializeDllEx",
     "DWORD APIENTRY MprAdminInitializeDllEx(PMPRAPI_ADMIN_DLL_CALLBACKS pAdminCallbacks)",
     Returns::dword, stdcall_, {P::CallbackTable}, 1, W::ws2008r2, R::required_either, InitializeDll, G::lifecycle, -1, "2.3.2"},
    {TerminateDll, "MprAdminTerminateDll", "DWORD APIENTRY MprAdminTerminateDll(VOID)",
     Returns::dword, stdcall_, {}, 0, W::w2000, R::required, std::nullopt, G::lifecycle, 6, "2.3.3"},
    {AcceptNewConnection, "MprAdminAcceptNewConnection",
     "BOOL APIENTRY MprAdminAcceptNewConnection(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *)",
     Returns::boolean, stdcall_, {P::RasConnection0, P::RasConnection1}, 2, W::w2000, R::pair,
     ConnectionHangupNotification, G::connection, -1, "2.3.4"},
    {AcceptNewConnection2, "MprAdminAcceptNewConnection2",
     "BOOL APIENTRY MprAdminAcceptNewConnection2(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *, RAS_CONNECTION_2 *)",
     Returns::boolean, stdcall_, {P::RasConnection0, P::RasConnection1, P::RasConnection2}, 3, W::w2000, R::pair,
     ConnectionHangupNotification2, G::connection, -1, "2.3.5"},
    {AcceptNewConnection3, "MprAdminAcceptNewConnection3",
     "BOOL APIENTRY MprAdminAcceptNewConnection3(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *, RAS_CONNECTION_2 *, "
     "RAS_CONNECTION_3 *)",
     Returns::boolean, stdcall_, {P::RasConnection0, P::RasConnection1, P::RasConnection2, P::RasConnection3}, 4,
     W::ws2008, R::pair, ConnectionHangupNotification3, G::connection, -1, "2.3.6"},
    {AcceptNewConnectionEx, "MprAdminAcceptNewConnectionEx",
     "BOOL APIENTRY MprAdminAcceptNewConnectionEx(RAS_CONNECTION_EX *)",
     Returns::boolean, stdcall_, {P::RasConnectionEx}, 1, W::ws2008r2, R::pair, ConnectionHangupNotificationEx,
     G::connection, 7, "2.3.7"},
    {AcceptNewLink, "MprAdminAcceptNewLink", "BOOL APIENTRY MprAdminAcceptNewLink(RAS_PORT_0 *, RAS_PORT_1 *)",
     Returns::boolean, stdcall_, {P::RasPort0, P::RasPort1}, 2, W::w2000, R::required, LinkHangupNotification,
     G::own, 4, "2.3.8"},
    {LinkHangupNotification, "MprAdminLinkHangupNotification",
     "VOID APIENTRY MprAdminLinkHangupNotification(RAS_PORT_0 *, RAS_PORT_1 *)",
     Returns::none, stdcall_, {P::RasPort0, P::RasPort1}, 2, W::w2000, R::required, AcceptNewLink, G::own, 5,
     "2.3.9"},
    {ConnectionHangupNotification, "MprAdminConnectionHangupNotification",
     "VOID APIENTRY MprAdminConnectionHangupNotification(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *)",
     Returns::none, stdcall_, {P::RasConnection0, P::RasConnection1}, 2, W::w2000, R::pair, AcceptNewConnection,
     G::connection, -1, "2.3.10"},
    {ConnectionHangupNotification2, "MprAdminConnectionHangupNotification2",
     "VOID APIENTRY MprAdminConnectionHangupNotification2(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *, "
     "RAS_CONNECTION_2 *)",
     Returns::none, stdcall_, {P::RasConnection0, P::RasConnection1, P::RasConnection2}, 3, W::w2000, R::pair,
     AcceptNewConnection2, G::connection, -1, "2.3.11"},
    {ConnectionHangupNotification3, "MprAdminConnectionHangupNotification3",
     "VOID APIENTRY MprAdminConnectionHangupNotification3(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *, "
     "RAS_CONNECTION_2 *, RAS_CONNECTION_3 *)",
     Returns::none, stdcall_, {P::RasConnection0, P::RasConnection1, P::RasConnection2, P::RasConnection3}, 4,
     W::ws2008, R::pair, AcceptNewConnection3, G::connection, -1, "2.3.12"},
    {ConnectionHangupNotificationEx, "MprAdminConnectionHangupNotificationEx",
     "void APIENTRY MprAdminConnectionHangupNotificationEx(RAS_CONNECTION_EX *)",
     Returns::none, stdcall_, {P::RasConnectionEx}, 1, W::ws2008r2, R::pair, AcceptNewConnectionEx, G::connection,
     10, "2.3.13"},
    {GetIpAddressForUser, "MprAdminGetIpAddressForUser",
     "DWORD APIENTRY MprAdminGetIpAddressForUser(WCHAR *, WCHAR *, DWORD *, BOOL *)",
     Returns::dword, stdcall_, {P::UserName, P::PortName, P::Ipv4Address, P::NotifyRelease}, 4, W::w2000,
     R::optional_pair, ReleaseIpAddress, G::ipv4, 0, "2.3.14"},
    {ReleaseIpAddress, "MprAdminReleaseIpAddress",
     "VOID APIENTRY MprAdminReleaseIpAddress(WCHAR *, WCHAR *, DWORD *)",
     Returns::none, stdcall_, {P::UserName, P::PortName, P::Ipv4Address}, 3, W::w2000, R::optional_pair,
     GetIpAddressForUser, G::ipv4, 1, "2.3.15"},
    {GetIpv6AddressForUser, "MprAdminGetIpv6AddressForUser",
     "DWORD APIENTRY MprAdminGetIpv6AddressForUser(WCHAR *, WCHAR *, IN6_ADDR *, BOOL *)",
     Returns::dword, stdcall_, {P::UserName, P::PortName, P::Ipv6Address, P::NotifyRelease}, 4, W::ws2008,
     R::optional_pair, ReleaseIpv6AddressForUser, G::ipv6, 2, "2.3.16"},
    {ReleaseIpv6AddressForUser, "MprAdminReleaseIpv6AddressForUser",
     "VOID MprAdminReleaseIpv6AddressForUser(WCHAR *, WCHAR *, IN6_ADDR *)",
     Returns::none, CallingConvention::cdecl_, {P::UserName, P::PortName, P::Ipv6Address}, 3, W::ws2008,
     R::optional_pair, GetIpv6AddressForUser, G::ipv6, 3, "2.3.17"},
    {AcceptReauthentication, "MprAdminAcceptReauthentication",
     "BOOL APIENTRY MprAdminAcceptReauthentication(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *, RAS_CONNECTION_2 *, "
     "RAS_CONNECTION_3 *)",
     Returns::boolean, stdcall_, {P::RasConnection0, P::RasConnection1, P::RasConnection2, P::RasConnection3}, 4,
     W::ws2008, R::required_either, AcceptReauthenticationEx, G::own, -1, "2.3.18"},
    {AcceptReauthenticationEx, "MprAdminAcceptReauthenticationEx",
     "BOOL APIENTRY MprAdminAcceptReauthenticationEx(RAS_CONNECTION_EX *)",
     Returns::boolean, stdcall_, {P::RasConnectionEx}, 1, W::ws2008r2, R::required_either, AcceptReauthentication,
     G::own, 9, "2.3.19"},
    {AcceptTunnelEndpointChangeEx, "lpfnRasAdminAcceptEndpointChangeEx",
     "BOOL (APIENTRY *PMPRADMINACCEPTTUNNELENDPOINTCHANGEEX)(RAS_CONNECTION_EX *)",
     Returns::boolean, stdcall_, {P::RasConnectionEx}, 1, W::ws2008r2, R::table_only, std::nullopt, G::own, 8,
     "2.3.20"},
    {ValidatePreAuthenticatedConnectionEx, "lpfnRASValidatePreAuthenticatedConnectionEx",
     "DWORD (APIENTRY *PMPRADMINRASVALIDATEPREAUTHENTICATEDCONNECTIONEX)(AUTH_VALIDATION_EX *)",
     Returns::dword, stdcall_, {P::AuthValidationEx}, 1, W::ws2008r2, R::table_only, std::nullopt, G::own, 11,
     "2.3.20"},
    {LegacyAcceptNewConnection, "RasAdminAcceptNewConnection",
     "BOOL WINAPI RasAdminAcceptNewConnection(RAS_PORT_1 *, RAS_PORT_STATISTICS *, RAS_PARAMETERS *)",
     Returns::boolean, stdcall_, {P::LegacyPort1, P::LegacyPortStatistics, P::LegacyParameters}, 3, W::nt4,
     R::legacy, LegacyConnectionHangupNotification, G::connection, -1, "2.4"},
    {LegacyConnectionHangupNotification, "RasAdminConnectionHangupNotification",
     "VOID WINAPI RasAdminConnectionHangupNotification(RAS_PORT_1 *, RAS_PORT_STATISTICS *, RAS_PARAMETERS *)",
     Returns::none, stdcall_, {P::LegacyPort1, P::LegacyPortStatistics, P::LegacyParameters}, 3, W::nt4,
     R::legacy, LegacyAcceptNewConnection, G::connection, -1, "2.4"},
    {LegacyGetIpAddressForUser, "RasAdminGetIpAddressForUser",
     "DWORD WINAPI RasAdminGetIpAddressForUser(WCHAR *, WCHAR *, IPADDR *, BOOL *)",
     Returns::dword, stdcall_, {P::UserName, P::PortName, P::Ipv4Address, P::NotifyRelease}, 4, W::nt4, R::legacy,
     LegacyReleaseIpAddress, G::ipv4, -1, "2.4"},
    {LegacyReleaseIpAddress, "RasAdminReleaseIpAddress",
     "void CALLBACK RasAdminReleaseIpAddress(WCHAR *, WCHAR *, IPADDR *)",
     Returns::none, stdcall_, {P::UserName, P::PortName, P::Ipv4Address}, 3, W::nt4, R::legacy,
     LegacyGetIpAddressForUser, G::ipv4, -1, "2.4"},
}};

constexpr bool catalog_is_indexed() {
    for (std::size_t i = 0; i < catalog.size(); ++i)
        if (static_cast<std::size_t>(catalog[i].id) != i) return false;
    return true;
}
static_assert(catalog_is_indexed(), "catalog entries must follow the Callout enumerators");

}  // namespace

std::span<const CalloutInfo> callout_catalog() { return catalog; }

const CalloutInfo& info(Callout c) { return catalog[static_cast<std::size_t>(c)]; }

const CalloutInfo& table_info(Callout c) {
    static const auto table = [] {
        auto t = catalog;
        for (CalloutInfo& i : t) i.convention = CallingConvention::winapi;
        return t;
    }();
    return table[static_cast<std::size_t>(c)];
}

std::optional<Callout> find_callout(std::string_view export_name) {
    auto it = std::find_if(catalog.begin(), catalog.end(),
                           [&](const CalloutInfo& i) { return i.name == export_name; });
    if (it == catalog.end()) return std::nullopt;
    return it->id;
}

std::uint64_t serialization_key(std::size_t dll, Callout c) {
    const CalloutInfo& i = info(c);
    const std::uint64_t what = i.group == SerialGroup::own ? 0x100u + static_cast<std::uint64_t>(c)
                                                           : static_cast<std::uint64_t>(i.group);
    return (static_cast<std::uint64_t>(dll) << 16) | what;
}

Callout accept_callout(Variant v) {
    constexpr std::array map{AcceptNewConnection, AcceptNewConnection2, AcceptNewConnection3, AcceptNewConnectionEx};
    return map[static_cast<std::size_t>(v)];
}

Callout hangup_callout(Variant v) {
    constexpr std::array map{ConnectionHangupNotification, ConnectionHangupNotification2,
                             ConnectionHangupNotification3, ConnectionHangupNotificationEx};
    return map[static_cast<std::size_t>(v)];
}

bool is_accept(Callout c) {
    for (Variant v : all_variants)
        if (accept_callout(v) == c) return true;
    return false;
}

bool is_connection_hangup(Callout c) {
    for (Variant v : all_variants)
        if (hangup_callout(v) == c) return true;
    return false;
}

std::string_view to_string(Variant v) {
    constexpr std::array<std::string_view, 4> names{"1", "2", "3", "Ex"};
    return names[static_cast<std::size_t>(v)];
}

}  // namespace rasconform
