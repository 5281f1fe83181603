// ABI-exact mirrors of the structures an admin DLL receives (spec section 4).
//
// No OS header is used: Linux has an 8-byte `long` and a 4-byte `wchar_t`,
// so every field uses a fixed-width type and WCHAR is `char16_t`. Each
// structure is a template over the integer type that holds a HANDLE (or a
// function pointer), which gives the x64 layout with `std::uint64_t` and the
// x86 layout with `std::uint32_t` from one definition. ULONG64 members are
// `std::uint64_t`, 8-byte aligned on every compiler we build with, which is
// what the MSVC record layout uses on x86 as well (spec 4.4).
//
// Field names are the SDK's, so vendors recognise them. Sizes and offsets are
// checked against the spec by static_assert in core/src/abi_layout_check.cpp
// and, in the MinGW builds, against mingw-w64's <mprapi.h> in
// win32/mprapi_header_check.cpp.
#pragma once

#include <cstdint>
#include <type_traits>

namespace rasconform::winabi {

// Length constants (spec 4.1).
inline constexpr int UNLEN = 256;
inline constexpr int DNLEN = 15;
inline constexpr int NETBIOS_NAME_LEN = 16;
inline constexpr int MAX_INTERFACE_NAME_LEN = 256;
inline constexpr int MAX_MEDIA_NAME = 16;
inline constexpr int MAX_PORT_NAME = 16;
inline constexpr int MAX_DEVICE_NAME = 128;
inline constexpr int MAX_DEVICETYPE_NAME = 16;
inline constexpr int IPADDRESSLEN = 15;
inline constexpr int IPXADDRESSLEN = 22;
inline constexpr int ATADDRESSLEN = 32;
inline constexpr int MAXIPADRESSLEN = 64;

// Numeric constants (spec 4.1-4.3).
inline constexpr std::uint32_t NO_ERROR = 0;
inline constexpr std::uint8_t MPRAPI_ADMIN_DLL_VERSION_1 = 1;
inline constexpr std::uint8_t MPRAPI_ADMIN_DLL_VERSION_2 = 2;
inline constexpr std::uint8_t MPRAPI_RAS_CONNECTION_OBJECT_REVISION_1 = 1;
inline constexpr std::uint8_t MPRAPI_OBJECT_TYPE_RAS_CONNECTION_OBJECT = 1;
inline constexpr std::uint8_t MPRAPI_OBJECT_TYPE_AUTH_VALIDATION_OBJECT = 4;
inline constexpr std::uint8_t MPRAPI_PPP_PROJECTION_INFO_TYPE = 1;
inline constexpr std::uint8_t MPRAPI_IKEV2_PROJECTION_INFO_TYPE = 2;
inline constexpr std::uint32_t MPRAPI_IKEV2_AUTH_USING_CERT = 1;
inline constexpr std::uint32_t MPRAPI_IKEV2_AUTH_USING_EAP = 2;

inline constexpr std::uint32_t RAS_FLAGS_PPP_CONNECTION = 0x1;
inline constexpr std::uint32_t RAS_FLAGS_MESSENGER_PRESENT = 0x2;
inline constexpr std::uint32_t RAS_FLAGS_RAS_CONNECTION = 0x4;
inline constexpr std::uint32_t RAS_FLAGS_QUARANTINE_PRESENT = 0x8;
inline constexpr std::uint32_t RAS_FLAGS_IKEV2_CONNECTION = 0x10;  // HDR-5: collides with ARAP
inline constexpr std::uint32_t RAS_FLAGS_DORMANT = 0x20;

inline constexpr std::uint32_t PPP_IPCP_VJ = 0x1;
inline constexpr std::uint32_t RASCCPCA_STAC = 5;
inline constexpr std::uint32_t RASCCPCA_MPPC = 6;
inline constexpr std::uint32_t PPP_CCP_COMPRESSION = 0x1;
inline constexpr std::uint32_t PPP_CCP_ENCRYPTION128BIT = 0x40;
inline constexpr std::uint32_t PPP_LCP_PAP = 0xC023;
inline constexpr std::uint32_t PPP_LCP_CHAP = 0xC223;
inline constexpr std::uint32_t PPP_LCP_EAP = 0xC227;
inline constexpr std::uint32_t PPP_LCP_CHAP_MSV2 = 0x81;
inline constexpr std::uint32_t PPP_LCP_MULTILINK_FRAMING = 0x1;  // HDR-6: PPP_LCP_* set, not RASLCPO_*
inline constexpr std::uint32_t IPSEC_CIPHER_TYPE_AES_256 = 5;

enum ROUTER_INTERFACE_TYPE : std::int32_t {
    ROUTER_IF_TYPE_CLIENT = 0,
    ROUTER_IF_TYPE_HOME_ROUTER = 1,
    ROUTER_IF_TYPE_FULL_ROUTER = 2,
    ROUTER_IF_TYPE_DEDICATED = 3,
    ROUTER_IF_TYPE_INTERNAL = 4,
    ROUTER_IF_TYPE_LOOPBACK = 5,
    ROUTER_IF_TYPE_TUNNEL1 = 6,
    ROUTER_IF_TYPE_DIALOUT = 7,
};
enum RAS_PORT_CONDITION : std::int32_t {
    RAS_PORT_NON_OPERATIONAL = 0,
    RAS_PORT_DISCONNECTED = 1,
    RAS_PORT_CALLING_BACK = 2,
    RAS_PORT_LISTENING = 3,
    RAS_PORT_AUTHENTICATING = 4,
    RAS_PORT_AUTHENTICATED = 5,
    RAS_PORT_INITIALIZING = 6,
};
enum RAS_HARDWARE_CONDITION : std::int32_t {
    RAS_HARDWARE_OPERATIONAL = 0,
    RAS_HARDWARE_FAILURE = 1,
};
enum RAS_QUARANTINE_STATE : std::int32_t {
    RAS_QUAR_STATE_NORMAL = 0,
    RAS_QUAR_STATE_QUARANTINE = 1,
    RAS_QUAR_STATE_PROBATION = 2,
    RAS_QUAR_STATE_NOT_CAPABLE = 3,
};

using WCHAR = char16_t;

struct GUID {
    std::uint32_t Data1;
    std::uint16_t Data2;
    std::uint16_t Data3;
    std::uint8_t Data4[8];
};
struct FILETIME {
    std::uint32_t dwLowDateTime;
    std::uint32_t dwHighDateTime;
};
struct IN6_ADDR {
    std::uint8_t Byte[16];
};

// Structures without pointer-sized members: one layout for x64 and x86.

struct PPP_NBFCP_INFO {
    std::uint32_t dwError;
    WCHAR wszWksta[NETBIOS_NAME_LEN + 1];
};
struct PPP_IPCP_INFO {
    std::uint32_t dwError;
    WCHAR wszAddress[IPADDRESSLEN + 1];
    WCHAR wszRemoteAddress[IPADDRESSLEN + 1];
};
struct PPP_IPCP_INFO2 {
    std::uint32_t dwError;
    WCHAR wszAddress[IPADDRESSLEN + 1];
    WCHAR wszRemoteAddress[IPADDRESSLEN + 1];
    std::uint32_t dwOptions;
    std::uint32_t dwRemoteOptions;
};
struct PPP_IPXCP_INFO {
    std::uint32_t dwError;
    WCHAR wszAddress[IPXADDRESSLEN + 1];
};
struct PPP_ATCP_INFO {
    std::uint32_t dwError;
    WCHAR wszAddress[ATADDRESSLEN + 1];
};
struct PPP_IPV6_CP_INFO {
    std::uint32_t dwVersion;
    std::uint32_t dwSize;
    std::uint32_t dwError;
    std::uint8_t bInterfaceIdentifier[8];
    std::uint8_t bRemoteInterfaceIdentifier[8];
    std::uint32_t dwOptions;
    std::uint32_t dwRemoteOptions;
    std::uint8_t bPrefix[8];
    std::uint32_t dwPrefixLength;
};
struct PPP_CCP_INFO {
    std::uint32_t dwError;
    std::uint32_t dwCompressionAlgorithm;
    std::uint32_t dwOptions;
    std::uint32_t dwRemoteCompressionAlgorithm;
    std::uint32_t dwRemoteOptions;
};
struct PPP_LCP_INFO {
    std::uint32_t dwError;
    std::uint32_t dwAuthenticationProtocol;
    std::uint32_t dwAuthenticationData;
    std::uint32_t dwRemoteAuthenticationProtocol;
    std::uint32_t dwRemoteAuthenticationData;
    std::uint32_t dwTerminateReason;
    std::uint32_t dwRemoteTerminateReason;
    std::uint32_t dwOptions;
    std::uint32_t dwRemoteOptions;
    std::uint32_t dwEapTypeId;
    std::uint32_t dwRemoteEapTypeId;
};
struct PPP_INFO {
    PPP_NBFCP_INFO nbf;
    PPP_IPCP_INFO ip;
    PPP_IPXCP_INFO ipx;
    PPP_ATCP_INFO at;
};
struct PPP_INFO_2 {
    PPP_NBFCP_INFO nbf;
    PPP_IPCP_INFO2 ip;
    PPP_IPXCP_INFO ipx;
    PPP_ATCP_INFO at;
    PPP_CCP_INFO ccp;
    PPP_LCP_INFO lcp;
};
struct PPP_INFO_3 {
    PPP_NBFCP_INFO nbf;
    PPP_IPCP_INFO2 ip;
    PPP_IPV6_CP_INFO ipv6;
    PPP_CCP_INFO ccp;
    PPP_LCP_INFO lcp;
};
struct MPRAPI_OBJECT_HEADER {
    std::uint8_t revision;
    std::uint8_t type;
    std::uint16_t size;
};
struct PPP_PROJECTION_INFO {
    std::uint32_t dwIPv4NegotiationError;
    WCHAR wszAddress[IPADDRESSLEN + 1];
    WCHAR wszRemoteAddress[IPADDRESSLEN + 1];
    std::uint32_t dwIPv4Options;
    std::uint32_t dwIPv4RemoteOptions;
    std::uint64_t IPv4SubInterfaceIndex;
    std::uint32_t dwIPv6NegotiationError;
    std::uint8_t bInterfaceIdentifier[8];
    std::uint8_t bRemoteInterfaceIdentifier[8];
    std::uint8_t bPrefix[8];
    std::uint32_t dwPrefixLength;
    std::uint64_t IPv6SubInterfaceIndex;
    std::uint32_t dwLcpError;
    std::uint32_t dwAuthenticationProtocol;
    std::uint32_t dwAuthenticationData;
    std::uint32_t dwRemoteAuthenticationProtocol;
    std::uint32_t dwRemoteAuthenticationData;
    std::uint32_t dwLcpTerminateReason;
    std::uint32_t dwLcpRemoteTerminateReason;
    std::uint32_t dwLcpOptions;
    std::uint32_t dwLcpRemoteOptions;
    std::uint32_t dwEapTypeId;
    std::uint32_t dwRemoteEapTypeId;
    std::uint32_t dwCcpError;
    std::uint32_t dwCompressionAlgorithm;
    std::uint32_t dwCcpOptions;
    std::uint32_t dwRemoteCompressionAlgorithm;
    std::uint32_t dwCcpRemoteOptions;
};
struct PPP_PROJECTION_INFO2 {
    std::uint32_t dwIPv4NegotiationError;
    WCHAR wszAddress[IPADDRESSLEN + 1];
    WCHAR wszRemoteAddress[IPADDRESSLEN + 1];
    std::uint32_t dwIPv4Options;
    std::uint32_t dwIPv4RemoteOptions;
    std::uint64_t IPv4SubInterfaceIndex;
    std::uint32_t dwIPv6NegotiationError;
    std::uint8_t bInterfaceIdentifier[8];
    std::uint8_t bRemoteInterfaceIdentifier[8];
    std::uint8_t bPrefix[8];
    std::uint32_t dwPrefixLength;
    std::uint64_t IPv6SubInterfaceIndex;
    std::uint32_t dwLcpError;
    std::uint32_t dwAuthenticationProtocol;
    std::uint32_t dwAuthenticationData;
    std::uint32_t dwRemoteAuthenticationProtocol;
    std::uint32_t dwRemoteAuthenticationData;
    std::uint32_t dwLcpTerminateReason;
    std::uint32_t dwLcpRemoteTerminateReason;
    std::uint32_t dwLcpOptions;
    std::uint32_t dwLcpRemoteOptions;
    std::uint32_t dwEapTypeId;
    std::uint32_t dwEmbeddedEAPTypeId;
    std::uint32_t dwRemoteEapTypeId;
    std::uint32_t dwCcpError;
    std::uint32_t dwCompressionAlgorithm;
    std::uint32_t dwCcpOptions;
    std::uint32_t dwRemoteCompressionAlgorithm;
    std::uint32_t dwCcpRemoteOptions;
};
struct IKEV2_PROJECTION_INFO {
    std::uint32_t dwIPv4NegotiationError;
    WCHAR wszAddress[IPADDRESSLEN + 1];
    WCHAR wszRemoteAddress[IPADDRESSLEN + 1];
    std::uint64_t IPv4SubInterfaceIndex;
    std::uint32_t dwIPv6NegotiationError;
    std::uint8_t bInterfaceIdentifier[8];
    std::uint8_t bRemoteInterfaceIdentifier[8];
    std::uint8_t bPrefix[8];
    std::uint32_t dwPrefixLength;
    std::uint64_t IPv6SubInterfaceIndex;
    std::uint32_t dwOptions;
    std::uint32_t dwAuthenticationProtocol;
    std::uint32_t dwEapTypeId;
    std::uint32_t dwCompressionAlgorithm;
    std::uint32_t dwEncryptionMethod;
};
struct IKEV2_PROJECTION_INFO2 {
    std::uint32_t dwIPv4NegotiationError;
    WCHAR wszAddress[IPADDRESSLEN + 1];
    WCHAR wszRemoteAddress[IPADDRESSLEN + 1];
    std::uint64_t IPv4SubInterfaceIndex;
    std::uint32_t dwIPv6NegotiationError;
    std::uint8_t bInterfaceIdentifier[8];
    std::uint8_t bRemoteInterfaceIdentifier[8];
    std::uint8_t bPrefix[8];
    std::uint32_t dwPrefixLength;
    std::uint64_t IPv6SubInterfaceIndex;
    std::uint32_t dwOptions;
    std::uint32_t dwAuthenticationProtocol;
    std::uint32_t dwEapTypeId;
    std::uint32_t dwEmbeddedEAPTypeId;
    std::uint32_t dwCompressionAlgorithm;
    std::uint32_t dwEncryptionMethod;
};
// STRUCT-11: projectionInfoType selects the union member.
struct PROJECTION_INFO {
    std::uint8_t projectionInfoType;
    union {
        PPP_PROJECTION_INFO PppProjectionInfo;
        IKEV2_PROJECTION_INFO Ikev2ProjectionInfo;
    };
};
struct PROJECTION_INFO2 {
    std::uint8_t projectionInfoType;
    union {
        PPP_PROJECTION_INFO2 PppProjectionInfo;
        IKEV2_PROJECTION_INFO2 Ikev2ProjectionInfo;
    };
};

// Structures with HANDLE members: H is std::uint64_t (x64) or std::uint32_t (x86).

template <class H>
struct RAS_PORT_0 {
    H hPort;
    H hConnection;
    RAS_PORT_CONDITION dwPortCondition;
    std::uint32_t dwTotalNumberOfCalls;
    std::uint32_t dwConnectDuration;
    WCHAR wszPortName[MAX_PORT_NAME + 1];
    WCHAR wszMediaName[MAX_MEDIA_NAME + 1];
    WCHAR wszDeviceName[MAX_DEVICE_NAME + 1];
    WCHAR wszDeviceType[MAX_DEVICETYPE_NAME + 1];
};
template <class H>
struct RAS_PORT_1 {
    H hPort;
    H hConnection;
    RAS_HARDWARE_CONDITION dwHardwareCondition;
    std::uint32_t dwLineSpeed;
    std::uint32_t dwBytesXmited;
    std::uint32_t dwBytesRcved;
    std::uint32_t dwFramesXmited;
    std::uint32_t dwFramesRcved;
    std::uint32_t dwCrcErr;
    std::uint32_t dwTimeoutErr;
    std::uint32_t dwAlignmentErr;
    std::uint32_t dwHardwareOverrunErr;
    std::uint32_t dwFramingErr;
    std::uint32_t dwBufferOverrunErr;
    std::uint32_t dwCompressionRatioIn;
    std::uint32_t dwCompressionRatioOut;
};
template <class H>
struct RAS_PORT_2 {
    H hPort;
    H hConnection;
    std::uint32_t dwConn_State;
    WCHAR wszPortName[MAX_PORT_NAME + 1];
    WCHAR wszMediaName[MAX_MEDIA_NAME + 1];
    WCHAR wszDeviceName[MAX_DEVICE_NAME + 1];
    WCHAR wszDeviceType[MAX_DEVICETYPE_NAME + 1];
    RAS_HARDWARE_CONDITION dwHardwareCondition;
    std::uint32_t dwLineSpeed;
    std::uint32_t dwCrcErr;
    std::uint32_t dwSerialOverRunErrs;
    std::uint32_t dwTimeoutErr;
    std::uint32_t dwAlignmentErr;
    std::uint32_t dwHardwareOverrunErr;
    std::uint32_t dwFramingErr;
    std::uint32_t dwBufferOverrunErr;
    std::uint32_t dwCompressionRatioIn;
    std::uint32_t dwCompressionRatioOut;
    std::uint32_t dwTotalErrors;
    std::uint64_t ullBytesXmited;
    std::uint64_t ullBytesRcved;
    std::uint64_t ullFramesXmited;
    std::uint64_t ullFramesRcved;
    std::uint64_t ullBytesTxUncompressed;
    std::uint64_t ullBytesTxCompressed;
    std::uint64_t ullBytesRcvUncompressed;
    std::uint64_t ullBytesRcvCompressed;
};
template <class H>
struct RAS_CONNECTION_0 {
    H hConnection;
    H hInterface;
    std::uint32_t dwConnectDuration;
    ROUTER_INTERFACE_TYPE dwInterfaceType;
    std::uint32_t dwConnectionFlags;
    WCHAR wszInterfaceName[MAX_INTERFACE_NAME_LEN + 1];
    WCHAR wszUserName[UNLEN + 1];
    WCHAR wszLogonDomain[DNLEN + 1];
    WCHAR wszRemoteComputer[NETBIOS_NAME_LEN + 1];
};
template <class H>
struct RAS_CONNECTION_1 {
    H hConnection;
    H hInterface;
    PPP_INFO PppInfo;
    std::uint32_t dwBytesXmited;
    std::uint32_t dwBytesRcved;
    std::uint32_t dwFramesXmited;
    std::uint32_t dwFramesRcved;
    std::uint32_t dwCrcErr;
    std::uint32_t dwTimeoutErr;
    std::uint32_t dwAlignmentErr;
    std::uint32_t dwHardwareOverrunErr;
    std::uint32_t dwFramingErr;
    std::uint32_t dwBufferOverrunErr;
    std::uint32_t dwCompressionRatioIn;
    std::uint32_t dwCompressionRatioOut;
};
template <class H>
struct RAS_CONNECTION_2 {
    H hConnection;
    WCHAR wszUserName[UNLEN + 1];
    ROUTER_INTERFACE_TYPE dwInterfaceType;
    GUID guid;
    PPP_INFO_2 PppInfo2;
};
template <class H>
struct RAS_CONNECTION_3 {
    std::uint32_t dwVersion;
    std::uint32_t dwSize;
    H hConnection;
    WCHAR wszUserName[UNLEN + 1];
    ROUTER_INTERFACE_TYPE dwInterfaceType;
    GUID guid;
    PPP_INFO_3 PppInfo3;
    RAS_QUARANTINE_STATE rasQuarState;
    FILETIME timer;
};
template <class H>
struct RAS_CONNECTION_EX {
    MPRAPI_OBJECT_HEADER Header;
    std::uint32_t dwConnectDuration;
    ROUTER_INTERFACE_TYPE dwInterfaceType;
    std::uint32_t dwConnectionFlags;
    WCHAR wszInterfaceName[MAX_INTERFACE_NAME_LEN + 1];
    WCHAR wszUserName[UNLEN + 1];
    WCHAR wszLogonDomain[DNLEN + 1];
    WCHAR wszRemoteComputer[NETBIOS_NAME_LEN + 1];
    GUID guid;
    RAS_QUARANTINE_STATE rasQuarState;
    FILETIME probationTime;
    std::uint32_t dwBytesXmited;
    std::uint32_t dwBytesRcved;
    std::uint32_t dwFramesXmited;
    std::uint32_t dwFramesRcved;
    std::uint32_t dwCrcErr;
    std::uint32_t dwTimeoutErr;
    std::uint32_t dwAlignmentErr;
    std::uint32_t dwHardwareOverrunErr;
    std::uint32_t dwFramingErr;
    std::uint32_t dwBufferOverrunErr;
    std::uint32_t dwCompressionRatioIn;
    std::uint32_t dwCompressionRatioOut;
    std::uint32_t dwNumSwitchOvers;
    WCHAR wszRemoteEndpointAddress[MAXIPADRESSLEN + 1];
    WCHAR wszLocalEndpointAddress[MAXIPADRESSLEN + 1];
    PROJECTION_INFO ProjectionInfo;
    H hConnection;
    H hInterface;
};
template <class H>
struct RAS_CONNECTION_4 {
    std::uint32_t dwConnectDuration;
    ROUTER_INTERFACE_TYPE dwInterfaceType;
    std::uint32_t dwConnectionFlags;
    WCHAR wszInterfaceName[MAX_INTERFACE_NAME_LEN + 1];
    WCHAR wszUserName[UNLEN + 1];
    WCHAR wszLogonDomain[DNLEN + 1];
    WCHAR wszRemoteComputer[NETBIOS_NAME_LEN + 1];
    GUID guid;
    RAS_QUARANTINE_STATE rasQuarState;
    FILETIME probationTime;
    FILETIME connectionStartTime;
    std::uint64_t ullBytesXmited;
    std::uint64_t ullBytesRcved;
    std::uint32_t dwFramesXmited;
    std::uint32_t dwFramesRcved;
    std::uint32_t dwCrcErr;
    std::uint32_t dwTimeoutErr;
    std::uint32_t dwAlignmentErr;
    std::uint32_t dwHardwareOverrunErr;
    std::uint32_t dwFramingErr;
    std::uint32_t dwBufferOverrunErr;
    std::uint32_t dwCompressionRatioIn;
    std::uint32_t dwCompressionRatioOut;
    std::uint32_t dwNumSwitchOvers;
    WCHAR wszRemoteEndpointAddress[MAXIPADRESSLEN + 1];
    WCHAR wszLocalEndpointAddress[MAXIPADRESSLEN + 1];
    PROJECTION_INFO2 ProjectionInfo;
    H hConnection;
    H hInterface;
    std::uint32_t dwDeviceType;
};
// STRUCT-15: AuthInfo is a variable-length trailing array of AuthInfoSize bytes.
template <class H>
struct AUTH_VALIDATION_EX {
    MPRAPI_OBJECT_HEADER Header;
    H hRasConnection;
    WCHAR wszUserName[UNLEN + 1];
    WCHAR wszLogonDomain[DNLEN + 1];
    std::uint32_t AuthInfoSize;
    std::uint8_t AuthInfo[1];
};
template <class H>
struct MPR_INTERFACE_0 {
    WCHAR wszInterfaceName[MAX_INTERFACE_NAME_LEN + 1];
    H hInterface;
    std::int32_t fEnabled;
    ROUTER_INTERFACE_TYPE dwIfType;
    std::int32_t dwConnectionState;
    std::uint32_t fUnReachabilityReasons;
    std::uint32_t dwLastError;
};
// The SDK's 13-slot table. mingw-w64 10's <mprapi.h> has only 11 slots (no
// endpoint-change slot 10, no pre-authenticated-validation slot 13), which
// shifts ReauthenticationEx and ConnectionHangupNotificationEx by one slot.
template <class H>
struct MPRAPI_ADMIN_DLL_CALLBACKS {
    std::uint8_t revision;
    H lpfnMprAdminGetIpAddressForUser;
    H lpfnMprAdminReleaseIpAddress;
    H lpfnMprAdminGetIpv6AddressForUser;
    H lpfnMprAdminReleaseIpV6AddressForUser;  // HDR-11: capital V
    H lpfnRasAdminAcceptNewLink;
    H lpfnRasAdminLinkHangupNotification;
    H lpfnRasAdminTerminateDll;
    H lpfnRasAdminAcceptNewConnectionEx;
    H lpfnRasAdminAcceptEndpointChangeEx;
    H lpfnRasAdminAcceptReauthenticationEx;
    H lpfnRasAdminConnectionHangupNotificationEx;
    H lpfnRASValidatePreAuthenticatedConnectionEx;
};

// One layout per Windows architecture.
template <class H>
struct Layout {
    using handle = H;
    using RAS_PORT_0 = winabi::RAS_PORT_0<H>;
    using RAS_PORT_1 = winabi::RAS_PORT_1<H>;
    using RAS_PORT_2 = winabi::RAS_PORT_2<H>;
    using RAS_CONNECTION_0 = winabi::RAS_CONNECTION_0<H>;
    using RAS_CONNECTION_1 = winabi::RAS_CONNECTION_1<H>;
    using RAS_CONNECTION_2 = winabi::RAS_CONNECTION_2<H>;
    using RAS_CONNECTION_3 = winabi::RAS_CONNECTION_3<H>;
    using RAS_CONNECTION_4 = winabi::RAS_CONNECTION_4<H>;
    using RAS_CONNECTION_EX = winabi::RAS_CONNECTION_EX<H>;
    using AUTH_VALIDATION_EX = winabi::AUTH_VALIDATION_EX<H>;
    using MPR_INTERFACE_0 = winabi::MPR_INTERFACE_0<H>;
    using MPRAPI_ADMIN_DLL_CALLBACKS = winabi::MPRAPI_ADMIN_DLL_CALLBACKS<H>;
};
using x64 = Layout<std::uint64_t>;
using x86 = Layout<std::uint32_t>;
// The layout of the process we run in: a DLL can only be called by a host of
// its own bitness.
using host = std::conditional_t<sizeof(void*) == 8, x64, x86>;

}  // namespace rasconform::winabi
