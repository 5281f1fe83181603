// Cross-check of rasconform/abi.hpp against mingw-w64 10's <mprapi.h>.
//
// Hand-written. Compiled only in the MinGW builds (x86_64-w64-mingw32 and
// i686-w64-mingw32); it contains only static_asserts and defines no symbol.
//
// core/src/abi_layout_check.cpp (generated from the spec's section 4.4 tables)
// checks abi.hpp against the spec's numbers for both layouts on every compiler.
// This file adds an independent witness: for every structure that mingw-w64's
// <mprapi.h> also defines, the compiler's layout of mingw's struct must equal
// that of winabi::host (the layout of the target being compiled: winabi::x64 for
// x86_64, winabi::x86 for i686), or of the plain winabi:: struct for structures
// without pointer-sized fields: same sizeof, same alignof, and the same offset
// and size of every field.
//
// Not in mingw-w64 10's headers, so checked against the spec only (in
// abi_layout_check.cpp): RAS_PORT_2, RAS_CONNECTION_4, PPP_PROJECTION_INFO2,
// IKEV2_PROJECTION_INFO2, PROJECTION_INFO2.
//
// Where mingw differs from the spec: only in MPRAPI_ADMIN_DLL_CALLBACKS (see
// the end of this file), where abi.hpp follows the spec and the difference
// itself is asserted. Every other structure below matches the spec on both
// targets, field by field.
//
// Build notes (mingw-w64 10.0.0):
// * No define is needed. _mingw.h defaults _WIN32_WINNT to 0x0A00, which
//   enables the `_WIN32_WINNT >= 0x0600` part of <mprapi.h> (PPP_IPV6_CP_INFO,
//   PPP_INFO_3, RAS_CONNECTION_3) and the `>= 0x0601` part (MPRAPI_OBJECT_HEADER,
//   AUTH_VALIDATION_EX, the projection structures, RAS_CONNECTION_EX,
//   MPRAPI_ADMIN_DLL_CALLBACKS); the #error below catches a build that lowers it.
// * WIN32_LEAN_AND_MEAN makes no difference: <mprapi.h> includes <lmcons.h>,
//   <ras.h>, <in6addr.h> and <wincrypt.h> itself. Both compile.
// * rasconform/abi.hpp must be included BEFORE <windows.h>. The Windows headers
//   define as macros 29 names that abi.hpp declares as constants: NO_ERROR
//   (winerror.h), UNLEN, DNLEN, NETBIOS_NAME_LEN (lmcons.h), and from
//   <mprapi.h> MAX_INTERFACE_NAME_LEN, MAX_MEDIA_NAME, MAX_PORT_NAME,
//   MAX_DEVICE_NAME, MAX_DEVICETYPE_NAME, IPADDRESSLEN, IPXADDRESSLEN,
//   ATADDRESSLEN, MAXIPADRESSLEN, the RAS_FLAGS_*, PPP_IPCP_VJ, PPP_CCP_*,
//   PPP_LCP_*, RASCCPCA_* and MPRAPI_RAS_CONNECTION_OBJECT_REVISION_1.
//   Included after them, abi.hpp fails to parse ("expected unqualified-id
//   before numeric constant"). For the same reason this file names none of
//   abi.hpp's constants after <windows.h>.

#include <cstddef>

#include "rasconform/abi.hpp"  // before <windows.h>: see above

#include <windows.h>
#include <mprapi.h>

#if !defined(_WIN32_WINNT) || _WIN32_WINNT < 0x0601
#error "mprapi_header_check.cpp needs _WIN32_WINNT >= 0x0601 (mingw-w64 defaults to 0x0A00)"
#endif

#if defined(_WIN64)
#define RASCONFORM_TARGET "x64"
#else
#define RASCONFORM_TARGET "x86"
#endif

// S: the structure's name, as mingw's ::S; OURS: the abi.hpp type to compare.
#define RASCONFORM_SAME_SIZE(S, OURS)                                                     \
    static_assert(sizeof(::S) == sizeof(OURS),                                            \
                  #S " sizeof: mingw-w64 <mprapi.h> vs abi.hpp (" RASCONFORM_TARGET ")"); \
    static_assert(alignof(::S) == alignof(OURS),                                          \
                  #S " alignof: mingw-w64 <mprapi.h> vs abi.hpp (" RASCONFORM_TARGET ")")
#define RASCONFORM_SAME_FIELD(S, OURS, F)                                                       \
    static_assert(offsetof(::S, F) == offsetof(OURS, F),                                        \
                  #S "." #F " offset: mingw-w64 <mprapi.h> vs abi.hpp (" RASCONFORM_TARGET ")"); \
    static_assert(sizeof(::S::F) == sizeof(OURS::F),                                            \
                  #S "." #F " size: mingw-w64 <mprapi.h> vs abi.hpp (" RASCONFORM_TARGET ")")

namespace rasconform {

// winabi::host is the layout of this target.
static_assert(sizeof(winabi::host::handle) == sizeof(void*), "winabi::host handle width (" RASCONFORM_TARGET ")");
static_assert(sizeof(::HANDLE) == sizeof(winabi::host::handle), "HANDLE width (" RASCONFORM_TARGET ")");
static_assert(sizeof(::WCHAR) == sizeof(winabi::WCHAR), "WCHAR width");
static_assert(sizeof(::GUID) == sizeof(winabi::GUID) && alignof(::GUID) == alignof(winabi::GUID), "GUID layout");
static_assert(sizeof(::FILETIME) == sizeof(winabi::FILETIME) && alignof(::FILETIME) == alignof(winabi::FILETIME),
              "FILETIME layout");
static_assert(sizeof(::IN6_ADDR) == sizeof(winabi::IN6_ADDR), "IN6_ADDR size");
static_assert(sizeof(::ROUTER_INTERFACE_TYPE) == sizeof(winabi::ROUTER_INTERFACE_TYPE), "enum size");
static_assert(sizeof(::RAS_PORT_CONDITION) == sizeof(winabi::RAS_PORT_CONDITION), "enum size");
static_assert(sizeof(::RAS_HARDWARE_CONDITION) == sizeof(winabi::RAS_HARDWARE_CONDITION), "enum size");
static_assert(sizeof(::RAS_QUARANTINE_STATE) == sizeof(winabi::RAS_QUARANTINE_STATE), "enum size");

// RAS_PORT_0 (spec 4.4: x64 392, x86 380)
RASCONFORM_SAME_SIZE(RAS_PORT_0, winabi::host::RAS_PORT_0);
RASCONFORM_SAME_FIELD(RAS_PORT_0, winabi::host::RAS_PORT_0, hPort);
RASCONFORM_SAME_FIELD(RAS_PORT_0, winabi::host::RAS_PORT_0, hConnection);
RASCONFORM_SAME_FIELD(RAS_PORT_0, winabi::host::RAS_PORT_0, dwPortCondition);
RASCONFORM_SAME_FIELD(RAS_PORT_0, winabi::host::RAS_PORT_0, dwTotalNumberOfCalls);
RASCONFORM_SAME_FIELD(RAS_PORT_0, winabi::host::RAS_PORT_0, dwConnectDuration);
RASCONFORM_SAME_FIELD(RAS_PORT_0, winabi::host::RAS_PORT_0, wszPortName);
RASCONFORM_SAME_FIELD(RAS_PORT_0, winabi::host::RAS_PORT_0, wszMediaName);
RASCONFORM_SAME_FIELD(RAS_PORT_0, winabi::host::RAS_PORT_0, wszDeviceName);
RASCONFORM_SAME_FIELD(RAS_PORT_0, winabi::host::RAS_PORT_0, wszDeviceType);

// RAS_PORT_1 (spec 4.4: x64 72, x86 64)
RASCONFORM_SAME_SIZE(RAS_PORT_1, winabi::host::RAS_PORT_1);
RASCONFORM_SAME_FIELD(RAS_PORT_1, winabi::host::RAS_PORT_1, hPort);
RASCONFORM_SAME_FIELD(RAS_PORT_1, winabi::host::RAS_PORT_1, hConnection);
RASCONFORM_SAME_FIELD(RAS_PORT_1, winabi::host::RAS_PORT_1, dwHardwareCondition);
RASCONFORM_SAME_FIELD(RAS_PORT_1, winabi::host::RAS_PORT_1, dwLineSpeed);
RASCONFORM_SAME_FIELD(RAS_PORT_1, winabi::host::RAS_PORT_1, dwBytesXmited);
RASCONFORM_SAME_FIELD(RAS_PORT_1, winabi::host::RAS_PORT_1, dwBytesRcved);
RASCONFORM_SAME_FIELD(RAS_PORT_1, winabi::host::RAS_PORT_1, dwFramesXmited);
RASCONFORM_SAME_FIELD(RAS_PORT_1, winabi::host::RAS_PORT_1, dwFramesRcved);
RASCONFORM_SAME_FIELD(RAS_PORT_1, winabi::host::RAS_PORT_1, dwCrcErr);
RASCONFORM_SAME_FIELD(RAS_PORT_1, winabi::host::RAS_PORT_1, dwTimeoutErr);
RASCONFORM_SAME_FIELD(RAS_PORT_1, winabi::host::RAS_PORT_1, dwAlignmentErr);
RASCONFORM_SAME_FIELD(RAS_PORT_1, winabi::host::RAS_PORT_1, dwHardwareOverrunErr);
RASCONFORM_SAME_FIELD(RAS_PORT_1, winabi::host::RAS_PORT_1, dwFramingErr);
RASCONFORM_SAME_FIELD(RAS_PORT_1, winabi::host::RAS_PORT_1, dwBufferOverrunErr);
RASCONFORM_SAME_FIELD(RAS_PORT_1, winabi::host::RAS_PORT_1, dwCompressionRatioIn);
RASCONFORM_SAME_FIELD(RAS_PORT_1, winabi::host::RAS_PORT_1, dwCompressionRatioOut);

// PPP_NBFCP_INFO (spec 4.4: x64 40, x86 40)
RASCONFORM_SAME_SIZE(PPP_NBFCP_INFO, winabi::PPP_NBFCP_INFO);
RASCONFORM_SAME_FIELD(PPP_NBFCP_INFO, winabi::PPP_NBFCP_INFO, dwError);
RASCONFORM_SAME_FIELD(PPP_NBFCP_INFO, winabi::PPP_NBFCP_INFO, wszWksta);

// PPP_IPCP_INFO (spec 4.4: x64 68, x86 68)
RASCONFORM_SAME_SIZE(PPP_IPCP_INFO, winabi::PPP_IPCP_INFO);
RASCONFORM_SAME_FIELD(PPP_IPCP_INFO, winabi::PPP_IPCP_INFO, dwError);
RASCONFORM_SAME_FIELD(PPP_IPCP_INFO, winabi::PPP_IPCP_INFO, wszAddress);
RASCONFORM_SAME_FIELD(PPP_IPCP_INFO, winabi::PPP_IPCP_INFO, wszRemoteAddress);

// PPP_IPCP_INFO2 (spec 4.4: x64 76, x86 76)
RASCONFORM_SAME_SIZE(PPP_IPCP_INFO2, winabi::PPP_IPCP_INFO2);
RASCONFORM_SAME_FIELD(PPP_IPCP_INFO2, winabi::PPP_IPCP_INFO2, dwError);
RASCONFORM_SAME_FIELD(PPP_IPCP_INFO2, winabi::PPP_IPCP_INFO2, wszAddress);
RASCONFORM_SAME_FIELD(PPP_IPCP_INFO2, winabi::PPP_IPCP_INFO2, wszRemoteAddress);
RASCONFORM_SAME_FIELD(PPP_IPCP_INFO2, winabi::PPP_IPCP_INFO2, dwOptions);
RASCONFORM_SAME_FIELD(PPP_IPCP_INFO2, winabi::PPP_IPCP_INFO2, dwRemoteOptions);

// PPP_IPXCP_INFO (spec 4.4: x64 52, x86 52)
RASCONFORM_SAME_SIZE(PPP_IPXCP_INFO, winabi::PPP_IPXCP_INFO);
RASCONFORM_SAME_FIELD(PPP_IPXCP_INFO, winabi::PPP_IPXCP_INFO, dwError);
RASCONFORM_SAME_FIELD(PPP_IPXCP_INFO, winabi::PPP_IPXCP_INFO, wszAddress);

// PPP_ATCP_INFO (spec 4.4: x64 72, x86 72)
RASCONFORM_SAME_SIZE(PPP_ATCP_INFO, winabi::PPP_ATCP_INFO);
RASCONFORM_SAME_FIELD(PPP_ATCP_INFO, winabi::PPP_ATCP_INFO, dwError);
RASCONFORM_SAME_FIELD(PPP_ATCP_INFO, winabi::PPP_ATCP_INFO, wszAddress);

// PPP_IPV6_CP_INFO (spec 4.4: x64 48, x86 48)
RASCONFORM_SAME_SIZE(PPP_IPV6_CP_INFO, winabi::PPP_IPV6_CP_INFO);
RASCONFORM_SAME_FIELD(PPP_IPV6_CP_INFO, winabi::PPP_IPV6_CP_INFO, dwVersion);
RASCONFORM_SAME_FIELD(PPP_IPV6_CP_INFO, winabi::PPP_IPV6_CP_INFO, dwSize);
RASCONFORM_SAME_FIELD(PPP_IPV6_CP_INFO, winabi::PPP_IPV6_CP_INFO, dwError);
RASCONFORM_SAME_FIELD(PPP_IPV6_CP_INFO, winabi::PPP_IPV6_CP_INFO, bInterfaceIdentifier);
RASCONFORM_SAME_FIELD(PPP_IPV6_CP_INFO, winabi::PPP_IPV6_CP_INFO, bRemoteInterfaceIdentifier);
RASCONFORM_SAME_FIELD(PPP_IPV6_CP_INFO, winabi::PPP_IPV6_CP_INFO, dwOptions);
RASCONFORM_SAME_FIELD(PPP_IPV6_CP_INFO, winabi::PPP_IPV6_CP_INFO, dwRemoteOptions);
RASCONFORM_SAME_FIELD(PPP_IPV6_CP_INFO, winabi::PPP_IPV6_CP_INFO, bPrefix);
RASCONFORM_SAME_FIELD(PPP_IPV6_CP_INFO, winabi::PPP_IPV6_CP_INFO, dwPrefixLength);

// PPP_CCP_INFO (spec 4.4: x64 20, x86 20)
RASCONFORM_SAME_SIZE(PPP_CCP_INFO, winabi::PPP_CCP_INFO);
RASCONFORM_SAME_FIELD(PPP_CCP_INFO, winabi::PPP_CCP_INFO, dwError);
RASCONFORM_SAME_FIELD(PPP_CCP_INFO, winabi::PPP_CCP_INFO, dwCompressionAlgorithm);
RASCONFORM_SAME_FIELD(PPP_CCP_INFO, winabi::PPP_CCP_INFO, dwOptions);
RASCONFORM_SAME_FIELD(PPP_CCP_INFO, winabi::PPP_CCP_INFO, dwRemoteCompressionAlgorithm);
RASCONFORM_SAME_FIELD(PPP_CCP_INFO, winabi::PPP_CCP_INFO, dwRemoteOptions);

// PPP_LCP_INFO (spec 4.4: x64 44, x86 44)
RASCONFORM_SAME_SIZE(PPP_LCP_INFO, winabi::PPP_LCP_INFO);
RASCONFORM_SAME_FIELD(PPP_LCP_INFO, winabi::PPP_LCP_INFO, dwError);
RASCONFORM_SAME_FIELD(PPP_LCP_INFO, winabi::PPP_LCP_INFO, dwAuthenticationProtocol);
RASCONFORM_SAME_FIELD(PPP_LCP_INFO, winabi::PPP_LCP_INFO, dwAuthenticationData);
RASCONFORM_SAME_FIELD(PPP_LCP_INFO, winabi::PPP_LCP_INFO, dwRemoteAuthenticationProtocol);
RASCONFORM_SAME_FIELD(PPP_LCP_INFO, winabi::PPP_LCP_INFO, dwRemoteAuthenticationData);
RASCONFORM_SAME_FIELD(PPP_LCP_INFO, winabi::PPP_LCP_INFO, dwTerminateReason);
RASCONFORM_SAME_FIELD(PPP_LCP_INFO, winabi::PPP_LCP_INFO, dwRemoteTerminateReason);
RASCONFORM_SAME_FIELD(PPP_LCP_INFO, winabi::PPP_LCP_INFO, dwOptions);
RASCONFORM_SAME_FIELD(PPP_LCP_INFO, winabi::PPP_LCP_INFO, dwRemoteOptions);
RASCONFORM_SAME_FIELD(PPP_LCP_INFO, winabi::PPP_LCP_INFO, dwEapTypeId);
RASCONFORM_SAME_FIELD(PPP_LCP_INFO, winabi::PPP_LCP_INFO, dwRemoteEapTypeId);

// PPP_INFO (spec 4.4: x64 232, x86 232)
RASCONFORM_SAME_SIZE(PPP_INFO, winabi::PPP_INFO);
RASCONFORM_SAME_FIELD(PPP_INFO, winabi::PPP_INFO, nbf);
RASCONFORM_SAME_FIELD(PPP_INFO, winabi::PPP_INFO, ip);
RASCONFORM_SAME_FIELD(PPP_INFO, winabi::PPP_INFO, ipx);
RASCONFORM_SAME_FIELD(PPP_INFO, winabi::PPP_INFO, at);

// PPP_INFO_2 (spec 4.4: x64 304, x86 304)
RASCONFORM_SAME_SIZE(PPP_INFO_2, winabi::PPP_INFO_2);
RASCONFORM_SAME_FIELD(PPP_INFO_2, winabi::PPP_INFO_2, nbf);
RASCONFORM_SAME_FIELD(PPP_INFO_2, winabi::PPP_INFO_2, ip);
RASCONFORM_SAME_FIELD(PPP_INFO_2, winabi::PPP_INFO_2, ipx);
RASCONFORM_SAME_FIELD(PPP_INFO_2, winabi::PPP_INFO_2, at);
RASCONFORM_SAME_FIELD(PPP_INFO_2, winabi::PPP_INFO_2, ccp);
RASCONFORM_SAME_FIELD(PPP_INFO_2, winabi::PPP_INFO_2, lcp);

// PPP_INFO_3 (spec 4.4: x64 228, x86 228)
RASCONFORM_SAME_SIZE(PPP_INFO_3, winabi::PPP_INFO_3);
RASCONFORM_SAME_FIELD(PPP_INFO_3, winabi::PPP_INFO_3, nbf);
RASCONFORM_SAME_FIELD(PPP_INFO_3, winabi::PPP_INFO_3, ip);
RASCONFORM_SAME_FIELD(PPP_INFO_3, winabi::PPP_INFO_3, ipv6);
RASCONFORM_SAME_FIELD(PPP_INFO_3, winabi::PPP_INFO_3, ccp);
RASCONFORM_SAME_FIELD(PPP_INFO_3, winabi::PPP_INFO_3, lcp);

// RAS_CONNECTION_0 (spec 4.4: x64 1128, x86 1116)
RASCONFORM_SAME_SIZE(RAS_CONNECTION_0, winabi::host::RAS_CONNECTION_0);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_0, winabi::host::RAS_CONNECTION_0, hConnection);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_0, winabi::host::RAS_CONNECTION_0, hInterface);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_0, winabi::host::RAS_CONNECTION_0, dwConnectDuration);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_0, winabi::host::RAS_CONNECTION_0, dwInterfaceType);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_0, winabi::host::RAS_CONNECTION_0, dwConnectionFlags);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_0, winabi::host::RAS_CONNECTION_0, wszInterfaceName);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_0, winabi::host::RAS_CONNECTION_0, wszUserName);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_0, winabi::host::RAS_CONNECTION_0, wszLogonDomain);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_0, winabi::host::RAS_CONNECTION_0, wszRemoteComputer);

// RAS_CONNECTION_1 (spec 4.4: x64 296, x86 288)
RASCONFORM_SAME_SIZE(RAS_CONNECTION_1, winabi::host::RAS_CONNECTION_1);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_1, winabi::host::RAS_CONNECTION_1, hConnection);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_1, winabi::host::RAS_CONNECTION_1, hInterface);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_1, winabi::host::RAS_CONNECTION_1, PppInfo);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_1, winabi::host::RAS_CONNECTION_1, dwBytesXmited);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_1, winabi::host::RAS_CONNECTION_1, dwBytesRcved);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_1, winabi::host::RAS_CONNECTION_1, dwFramesXmited);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_1, winabi::host::RAS_CONNECTION_1, dwFramesRcved);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_1, winabi::host::RAS_CONNECTION_1, dwCrcErr);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_1, winabi::host::RAS_CONNECTION_1, dwTimeoutErr);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_1, winabi::host::RAS_CONNECTION_1, dwAlignmentErr);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_1, winabi::host::RAS_CONNECTION_1, dwHardwareOverrunErr);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_1, winabi::host::RAS_CONNECTION_1, dwFramingErr);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_1, winabi::host::RAS_CONNECTION_1, dwBufferOverrunErr);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_1, winabi::host::RAS_CONNECTION_1, dwCompressionRatioIn);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_1, winabi::host::RAS_CONNECTION_1, dwCompressionRatioOut);

// RAS_CONNECTION_2 (spec 4.4: x64 848, x86 844)
RASCONFORM_SAME_SIZE(RAS_CONNECTION_2, winabi::host::RAS_CONNECTION_2);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_2, winabi::host::RAS_CONNECTION_2, hConnection);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_2, winabi::host::RAS_CONNECTION_2, wszUserName);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_2, winabi::host::RAS_CONNECTION_2, dwInterfaceType);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_2, winabi::host::RAS_CONNECTION_2, guid);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_2, winabi::host::RAS_CONNECTION_2, PppInfo2);

// RAS_CONNECTION_3 (spec 4.4: x64 792, x86 788)
RASCONFORM_SAME_SIZE(RAS_CONNECTION_3, winabi::host::RAS_CONNECTION_3);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_3, winabi::host::RAS_CONNECTION_3, dwVersion);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_3, winabi::host::RAS_CONNECTION_3, dwSize);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_3, winabi::host::RAS_CONNECTION_3, hConnection);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_3, winabi::host::RAS_CONNECTION_3, wszUserName);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_3, winabi::host::RAS_CONNECTION_3, dwInterfaceType);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_3, winabi::host::RAS_CONNECTION_3, guid);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_3, winabi::host::RAS_CONNECTION_3, PppInfo3);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_3, winabi::host::RAS_CONNECTION_3, rasQuarState);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_3, winabi::host::RAS_CONNECTION_3, timer);

// MPRAPI_OBJECT_HEADER (spec 4.4: x64 4, x86 4)
RASCONFORM_SAME_SIZE(MPRAPI_OBJECT_HEADER, winabi::MPRAPI_OBJECT_HEADER);
RASCONFORM_SAME_FIELD(MPRAPI_OBJECT_HEADER, winabi::MPRAPI_OBJECT_HEADER, revision);
RASCONFORM_SAME_FIELD(MPRAPI_OBJECT_HEADER, winabi::MPRAPI_OBJECT_HEADER, type);
RASCONFORM_SAME_FIELD(MPRAPI_OBJECT_HEADER, winabi::MPRAPI_OBJECT_HEADER, size);

// PPP_PROJECTION_INFO (spec 4.4: x64 192, x86 192)
RASCONFORM_SAME_SIZE(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwIPv4NegotiationError);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, wszAddress);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, wszRemoteAddress);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwIPv4Options);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwIPv4RemoteOptions);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, IPv4SubInterfaceIndex);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwIPv6NegotiationError);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, bInterfaceIdentifier);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, bRemoteInterfaceIdentifier);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, bPrefix);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwPrefixLength);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, IPv6SubInterfaceIndex);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwLcpError);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwAuthenticationProtocol);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwAuthenticationData);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwRemoteAuthenticationProtocol);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwRemoteAuthenticationData);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwLcpTerminateReason);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwLcpRemoteTerminateReason);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwLcpOptions);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwLcpRemoteOptions);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwEapTypeId);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwRemoteEapTypeId);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwCcpError);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwCompressionAlgorithm);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwCcpOptions);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwRemoteCompressionAlgorithm);
RASCONFORM_SAME_FIELD(PPP_PROJECTION_INFO, winabi::PPP_PROJECTION_INFO, dwCcpRemoteOptions);

// IKEV2_PROJECTION_INFO (spec 4.4: x64 144, x86 144)
RASCONFORM_SAME_SIZE(IKEV2_PROJECTION_INFO, winabi::IKEV2_PROJECTION_INFO);
RASCONFORM_SAME_FIELD(IKEV2_PROJECTION_INFO, winabi::IKEV2_PROJECTION_INFO, dwIPv4NegotiationError);
RASCONFORM_SAME_FIELD(IKEV2_PROJECTION_INFO, winabi::IKEV2_PROJECTION_INFO, wszAddress);
RASCONFORM_SAME_FIELD(IKEV2_PROJECTION_INFO, winabi::IKEV2_PROJECTION_INFO, wszRemoteAddress);
RASCONFORM_SAME_FIELD(IKEV2_PROJECTION_INFO, winabi::IKEV2_PROJECTION_INFO, IPv4SubInterfaceIndex);
RASCONFORM_SAME_FIELD(IKEV2_PROJECTION_INFO, winabi::IKEV2_PROJECTION_INFO, dwIPv6NegotiationError);
RASCONFORM_SAME_FIELD(IKEV2_PROJECTION_INFO, winabi::IKEV2_PROJECTION_INFO, bInterfaceIdentifier);
RASCONFORM_SAME_FIELD(IKEV2_PROJECTION_INFO, winabi::IKEV2_PROJECTION_INFO, bRemoteInterfaceIdentifier);
RASCONFORM_SAME_FIELD(IKEV2_PROJECTION_INFO, winabi::IKEV2_PROJECTION_INFO, bPrefix);
RASCONFORM_SAME_FIELD(IKEV2_PROJECTION_INFO, winabi::IKEV2_PROJECTION_INFO, dwPrefixLength);
RASCONFORM_SAME_FIELD(IKEV2_PROJECTION_INFO, winabi::IKEV2_PROJECTION_INFO, IPv6SubInterfaceIndex);
RASCONFORM_SAME_FIELD(IKEV2_PROJECTION_INFO, winabi::IKEV2_PROJECTION_INFO, dwOptions);
RASCONFORM_SAME_FIELD(IKEV2_PROJECTION_INFO, winabi::IKEV2_PROJECTION_INFO, dwAuthenticationProtocol);
RASCONFORM_SAME_FIELD(IKEV2_PROJECTION_INFO, winabi::IKEV2_PROJECTION_INFO, dwEapTypeId);
RASCONFORM_SAME_FIELD(IKEV2_PROJECTION_INFO, winabi::IKEV2_PROJECTION_INFO, dwCompressionAlgorithm);
RASCONFORM_SAME_FIELD(IKEV2_PROJECTION_INFO, winabi::IKEV2_PROJECTION_INFO, dwEncryptionMethod);

// PROJECTION_INFO (spec 4.4: x64 200, x86 200)
RASCONFORM_SAME_SIZE(PROJECTION_INFO, winabi::PROJECTION_INFO);
RASCONFORM_SAME_FIELD(PROJECTION_INFO, winabi::PROJECTION_INFO, projectionInfoType);
RASCONFORM_SAME_FIELD(PROJECTION_INFO, winabi::PROJECTION_INFO, PppProjectionInfo);
RASCONFORM_SAME_FIELD(PROJECTION_INFO, winabi::PROJECTION_INFO, Ikev2ProjectionInfo);

// RAS_CONNECTION_EX (spec 4.4: x64 1672, x86 1664)
RASCONFORM_SAME_SIZE(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, Header);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, dwConnectDuration);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, dwInterfaceType);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, dwConnectionFlags);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, wszInterfaceName);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, wszUserName);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, wszLogonDomain);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, wszRemoteComputer);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, guid);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, rasQuarState);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, probationTime);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, dwBytesXmited);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, dwBytesRcved);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, dwFramesXmited);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, dwFramesRcved);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, dwCrcErr);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, dwTimeoutErr);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, dwAlignmentErr);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, dwHardwareOverrunErr);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, dwFramingErr);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, dwBufferOverrunErr);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, dwCompressionRatioIn);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, dwCompressionRatioOut);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, dwNumSwitchOvers);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, wszRemoteEndpointAddress);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, wszLocalEndpointAddress);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, ProjectionInfo);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, hConnection);
RASCONFORM_SAME_FIELD(RAS_CONNECTION_EX, winabi::host::RAS_CONNECTION_EX, hInterface);

// AUTH_VALIDATION_EX (spec 4.4: x64 576, x86 564)
RASCONFORM_SAME_SIZE(AUTH_VALIDATION_EX, winabi::host::AUTH_VALIDATION_EX);
RASCONFORM_SAME_FIELD(AUTH_VALIDATION_EX, winabi::host::AUTH_VALIDATION_EX, Header);
RASCONFORM_SAME_FIELD(AUTH_VALIDATION_EX, winabi::host::AUTH_VALIDATION_EX, hRasConnection);
RASCONFORM_SAME_FIELD(AUTH_VALIDATION_EX, winabi::host::AUTH_VALIDATION_EX, wszUserName);
RASCONFORM_SAME_FIELD(AUTH_VALIDATION_EX, winabi::host::AUTH_VALIDATION_EX, wszLogonDomain);
RASCONFORM_SAME_FIELD(AUTH_VALIDATION_EX, winabi::host::AUTH_VALIDATION_EX, AuthInfoSize);
RASCONFORM_SAME_FIELD(AUTH_VALIDATION_EX, winabi::host::AUTH_VALIDATION_EX, AuthInfo);

// MPR_INTERFACE_0 (spec 4.4: x64 552, x86 540)
RASCONFORM_SAME_SIZE(MPR_INTERFACE_0, winabi::host::MPR_INTERFACE_0);
RASCONFORM_SAME_FIELD(MPR_INTERFACE_0, winabi::host::MPR_INTERFACE_0, wszInterfaceName);
RASCONFORM_SAME_FIELD(MPR_INTERFACE_0, winabi::host::MPR_INTERFACE_0, hInterface);
RASCONFORM_SAME_FIELD(MPR_INTERFACE_0, winabi::host::MPR_INTERFACE_0, fEnabled);
RASCONFORM_SAME_FIELD(MPR_INTERFACE_0, winabi::host::MPR_INTERFACE_0, dwIfType);
RASCONFORM_SAME_FIELD(MPR_INTERFACE_0, winabi::host::MPR_INTERFACE_0, dwConnectionState);
RASCONFORM_SAME_FIELD(MPR_INTERFACE_0, winabi::host::MPR_INTERFACE_0, fUnReachabilityReasons);
RASCONFORM_SAME_FIELD(MPR_INTERFACE_0, winabi::host::MPR_INTERFACE_0, dwLastError);

// MPRAPI_ADMIN_DLL_CALLBACKS: mingw-w64 differs from the spec (and the SDK).
//
// mingw-w64 10 declares 11 members (revision + 10 function pointers):
// 88 bytes on x64, 44 on x86. The SDK's table, which the spec (4.4) and
// abi.hpp follow, has 13 (revision + 12 pointers): 104 / 52 bytes. mingw lacks
// lpfnRasAdminAcceptEndpointChangeEx (spec row 10, between
// AcceptNewConnectionEx and AcceptReauthenticationEx) and
// lpfnRASValidatePreAuthenticatedConnectionEx (row 13, the last). So the first
// 9 members (revision .. lpfnRasAdminAcceptNewConnectionEx) agree, and from
// there on mingw's members sit one slot early: its
// lpfnRasAdminAcceptReauthenticationEx is where the SDK has
// lpfnRasAdminAcceptEndpointChangeEx, and its
// lpfnRasAdminConnectionHangupNotificationEx where the SDK has
// lpfnRasAdminAcceptReauthenticationEx. A DLL built against mingw's table that
// fills those two slots would have RRAS call its reauthentication function as
// the endpoint-change callout and its hang-up function as reauthentication.
// We therefore assert abi.hpp against the spec and assert the difference
// itself, so that a fixed mingw header shows up here.
static_assert(sizeof(winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS) == (sizeof(void*) == 8 ? 104 : 52),
              "MPRAPI_ADMIN_DLL_CALLBACKS sizeof: abi.hpp vs spec 4.4 (" RASCONFORM_TARGET ")");
static_assert(offsetof(winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS, lpfnRasAdminAcceptEndpointChangeEx)
                  == 9 * sizeof(void*),
              "MPRAPI_ADMIN_DLL_CALLBACKS.lpfnRasAdminAcceptEndpointChangeEx offset: abi.hpp vs spec 4.4 ("
              RASCONFORM_TARGET ")");
static_assert(offsetof(winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS, lpfnRASValidatePreAuthenticatedConnectionEx)
                  == 12 * sizeof(void*),
              "MPRAPI_ADMIN_DLL_CALLBACKS.lpfnRASValidatePreAuthenticatedConnectionEx offset: abi.hpp vs spec 4.4 ("
              RASCONFORM_TARGET ")");
static_assert(sizeof(::MPRAPI_ADMIN_DLL_CALLBACKS) == 11 * sizeof(void*),
              "mingw-w64 MPRAPI_ADMIN_DLL_CALLBACKS: expected its 11-slot table (88/44 bytes); "
              "if mingw-w64 now has the SDK's 13 slots, compare it field by field instead (" RASCONFORM_TARGET ")");
static_assert(sizeof(::MPRAPI_ADMIN_DLL_CALLBACKS) + 2 * sizeof(void*)
                  == sizeof(winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS),
              "MPRAPI_ADMIN_DLL_CALLBACKS: mingw-w64 lacks exactly 2 of the SDK's slots (" RASCONFORM_TARGET ")");
static_assert(alignof(::MPRAPI_ADMIN_DLL_CALLBACKS) == alignof(winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS),
              "MPRAPI_ADMIN_DLL_CALLBACKS alignof: mingw-w64 <mprapi.h> vs abi.hpp (" RASCONFORM_TARGET ")");
// Slots 1-9 agree.
RASCONFORM_SAME_FIELD(MPRAPI_ADMIN_DLL_CALLBACKS, winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS, revision);
RASCONFORM_SAME_FIELD(MPRAPI_ADMIN_DLL_CALLBACKS, winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS, lpfnMprAdminGetIpAddressForUser);
RASCONFORM_SAME_FIELD(MPRAPI_ADMIN_DLL_CALLBACKS, winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS, lpfnMprAdminReleaseIpAddress);
RASCONFORM_SAME_FIELD(MPRAPI_ADMIN_DLL_CALLBACKS, winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS, lpfnMprAdminGetIpv6AddressForUser);
RASCONFORM_SAME_FIELD(MPRAPI_ADMIN_DLL_CALLBACKS, winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS, lpfnMprAdminReleaseIpV6AddressForUser);
RASCONFORM_SAME_FIELD(MPRAPI_ADMIN_DLL_CALLBACKS, winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS, lpfnRasAdminAcceptNewLink);
RASCONFORM_SAME_FIELD(MPRAPI_ADMIN_DLL_CALLBACKS, winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS, lpfnRasAdminLinkHangupNotification);
RASCONFORM_SAME_FIELD(MPRAPI_ADMIN_DLL_CALLBACKS, winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS, lpfnRasAdminTerminateDll);
RASCONFORM_SAME_FIELD(MPRAPI_ADMIN_DLL_CALLBACKS, winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS, lpfnRasAdminAcceptNewConnectionEx);
// The shift: mingw's slots 10 and 11 are the SDK's slots 11 and 12.
static_assert(offsetof(::MPRAPI_ADMIN_DLL_CALLBACKS, lpfnRasAdminAcceptReauthenticationEx)
                  == offsetof(winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS, lpfnRasAdminAcceptEndpointChangeEx),
              "mingw-w64 lpfnRasAdminAcceptReauthenticationEx sits in the SDK's "
              "lpfnRasAdminAcceptEndpointChangeEx slot (" RASCONFORM_TARGET ")");
static_assert(offsetof(::MPRAPI_ADMIN_DLL_CALLBACKS, lpfnRasAdminConnectionHangupNotificationEx)
                  == offsetof(winabi::host::MPRAPI_ADMIN_DLL_CALLBACKS, lpfnRasAdminAcceptReauthenticationEx),
              "mingw-w64 lpfnRasAdminConnectionHangupNotificationEx sits in the SDK's "
              "lpfnRasAdminAcceptReauthenticationEx slot (" RASCONFORM_TARGET ")");
static_assert(sizeof(::MPRAPI_ADMIN_DLL_CALLBACKS::lpfnRasAdminAcceptReauthenticationEx) == sizeof(void*)
                  && sizeof(::MPRAPI_ADMIN_DLL_CALLBACKS::lpfnRasAdminConnectionHangupNotificationEx) == sizeof(void*),
              "mingw-w64 MPRAPI_ADMIN_DLL_CALLBACKS slots are pointer-sized (" RASCONFORM_TARGET ")");

}  // namespace rasconform

#undef RASCONFORM_SAME_FIELD
#undef RASCONFORM_SAME_SIZE
#undef RASCONFORM_TARGET
