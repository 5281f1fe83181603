// The callout catalog (spec section 2): every function RRAS may call in an
// admin DLL, described as data so that the engine, the binder and the static
// cases share one source of truth for names, prototypes, pairing, minimum
// version, requirement and serialization group.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "rasconform/windows_version.hpp"

namespace rasconform {

enum class Callout : std::uint8_t {
    InitializeDll,
    InitializeDllEx,
    TerminateDll,
    AcceptNewConnection,
    AcceptNewConnection2,
    AcceptNewConnection3,
    AcceptNewConnectionEx,
    AcceptNewLink,
    LinkHangupNotification,
    ConnectionHangupNotification,
    ConnectionHangupNotification2,
    ConnectionHangupNotification3,
    ConnectionHangupNotificationEx,
    GetIpAddressForUser,
    ReleaseIpAddress,
    GetIpv6AddressForUser,
    ReleaseIpv6AddressForUser,
    AcceptReauthentication,
    AcceptReauthenticationEx,
    AcceptTunnelEndpointChangeEx,           // table slot only, undocumented (2.3.20)
    ValidatePreAuthenticatedConnectionEx,   // table slot only, undocumented (2.3.20)
    LegacyAcceptNewConnection,              // NT 4.0 RasAdmin* (2.4)
    LegacyConnectionHangupNotification,
    LegacyGetIpAddressForUser,
    LegacyReleaseIpAddress,
};
inline constexpr std::size_t callout_count = 25;

// What one argument is; the engine builds it from the connection model.
enum class Param : std::uint8_t {
    RasConnection0,
    RasConnection1,
    RasConnection2,
    RasConnection3,
    RasConnectionEx,
    RasPort0,
    RasPort1,
    UserName,           // WCHAR* [in]
    PortName,           // WCHAR* [in]
    Ipv4Address,        // DWORD* [in,out] (Get) / [in] (Release)
    Ipv6Address,        // IN6_ADDR* [in,out] (Get) / [in] (Release)
    NotifyRelease,      // BOOL* [out]
    CallbackTable,      // MPRAPI_ADMIN_DLL_CALLBACKS* [in,out]
    AuthValidationEx,   // AUTH_VALIDATION_EX*
    LegacyPort1,        // rassapi.h RAS_PORT_1*
    LegacyPortStatistics,
    LegacyParameters,
};

enum class Returns : std::uint8_t { dword, boolean, none };

// x86 only: every callout is __stdcall except the exported IPv6 release,
// which the SDK declares without APIENTRY (HDR-2, Q-28).
enum class CallingConvention : std::uint8_t { winapi, cdecl_ };

enum class Requirement : std::uint8_t {
    required,         // EXPORT-1
    required_either,  // one of two alternatives is required (Init/InitEx, EXPORT-3 reauth)
    pair,             // member of an accept/hang-up pair; one complete pair is required (EXPORT-2)
    optional_pair,    // optional, all-or-nothing with its partner (EXPORT-5)
    table_only,       // reachable only through the callback table (2.3.20)
    legacy,           // NT 4.0 interface (LEGACY-1)
};

// Calls in one group never overlap (SERIAL-1..3); other callouts may.
enum class SerialGroup : std::uint8_t {
    lifecycle,   // Init/Terminate: the engine never overlaps them with anything
    connection,  // accept + hang-up of the same variant (SERIAL-3)
    ipv4,        // Get + Release IPv4 (SERIAL-2)
    ipv6,        // Get + Release IPv6 (IPV6-7, Q-13)
    own,         // only with itself (SERIAL-1)
};

struct CalloutInfo {
    Callout id;
    std::string_view name;       // exact export name
    std::string_view prototype;  // C prototype as in the SDK header
    Returns returns;
    CallingConvention convention;
    std::array<Param, 4> params;
    std::uint8_t param_count;
    WindowsVersion since;        // minimum server version
    Requirement requirement;
    std::optional<Callout> partner;  // the other member of its pair or alternative
    SerialGroup group;
    int table_slot;              // index of the pointer in MPRAPI_ADMIN_DLL_CALLBACKS (0-based after revision), -1 if none
    std::string_view spec_section;

    std::span<const Param> parameters() const { return {params.data(), param_count}; }
};

std::span<const CalloutInfo> callout_catalog();
// Calls that may not overlap share a key: per DLL (its index in the chain),
// the group, or the function itself for callouts serialized only with
// themselves (SERIAL-1..3).
std::uint64_t serialization_key(std::size_t dll, Callout c);
const CalloutInfo& info(Callout c);
// The callout as reached through the MPRAPI_ADMIN_DLL_CALLBACKS table: its
// typedef is APIENTRY for every slot, the IPv6 release's included (HDR-2).
const CalloutInfo& table_info(Callout c);
// Exact, case-sensitive match on the export name.
std::optional<Callout> find_callout(std::string_view export_name);

// Accept/hang-up variants (VARIANT-1): 1, 2, 3, Ex.
enum class Variant : std::uint8_t { v1, v2, v3, ex };
inline constexpr std::array<Variant, 4> all_variants{Variant::v1, Variant::v2, Variant::v3, Variant::ex};
Callout accept_callout(Variant v);
Callout hangup_callout(Variant v);
std::string_view to_string(Variant v);
// Any variant of the accept-connection / connection hang-up callouts.
bool is_accept(Callout c);
bool is_connection_hangup(Callout c);

}  // namespace rasconform
