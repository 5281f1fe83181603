#include "rasconform/param_layout.hpp"

#include "rasconform/abi.hpp"

namespace rasconform {

namespace L = winabi;
using H = winabi::host;

std::size_t param_bytes(Param p, const void* arg) {
    if (!arg) return 0;
    switch (p) {
    case Param::RasConnection0: return sizeof(H::RAS_CONNECTION_0);
    case Param::RasConnection1: return sizeof(H::RAS_CONNECTION_1);
    case Param::RasConnection2: return sizeof(H::RAS_CONNECTION_2);
    case Param::RasConnection3: return sizeof(H::RAS_CONNECTION_3);
    case Param::RasConnectionEx: return sizeof(H::RAS_CONNECTION_EX);
    case Param::RasPort0: return sizeof(H::RAS_PORT_0);
    case Param::RasPort1: return sizeof(H::RAS_PORT_1);
    case Param::UserName:
    case Param::PortName: {
        const auto* s = static_cast<const char16_t*>(arg);
        std::size_t n = 0;
        while (s[n]) ++n;
        return (n + 1) * sizeof(char16_t);
    }
    case Param::Ipv4Address: return sizeof(std::uint32_t);
    case Param::Ipv6Address: return sizeof(L::IN6_ADDR);
    case Param::NotifyRelease: return sizeof(std::int32_t);
    case Param::CallbackTable: return sizeof(H::MPRAPI_ADMIN_DLL_CALLBACKS);
    case Param::AuthValidationEx: {
        // STRUCT-15: AuthInfoSize bytes follow in place of the 1-byte array.
        const auto* v = static_cast<const H::AUTH_VALIDATION_EX*>(arg);
        return offsetof(H::AUTH_VALIDATION_EX, AuthInfo) + v->AuthInfoSize;
    }
    case Param::LegacyPort1:
    case Param::LegacyPortStatistics:
    case Param::LegacyParameters: return 0;
    }
    return 0;
}

bool param_is_output(Param p, Callout callout) {
    switch (p) {
    case Param::NotifyRelease:
    case Param::CallbackTable: return true;
    case Param::Ipv4Address:
    case Param::Ipv6Address:
        return callout == Callout::GetIpAddressForUser || callout == Callout::GetIpv6AddressForUser ||
               callout == Callout::LegacyGetIpAddressForUser;
    default: return false;
    }
}

}  // namespace rasconform
