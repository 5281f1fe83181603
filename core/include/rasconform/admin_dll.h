/*
 * <rasconform/admin_dll.h> - the header an RRAS administration DLL is
 * written against: every callout prototype of the MprAdmin* contract with
 * its exact calling convention, the SDK's 13-slot callback table, and the
 * structures mingw-w64's <mprapi.h> lacks (spec sections 2.1 and 4).
 *
 *   #include <rasconform/admin_dll.h>   (first: it brings <windows.h> and
 *                                        <mprapi.h> on Windows)
 *
 * One header, three modes, chosen from what the compiler and the headers
 * already included define (RASCONFORM_ADMIN_DLL_MODE_* says which):
 *
 *   PORTABLE (no _WIN32): the whole contract on its own - types with the
 *     Windows sizes, constants, enumerations, structures, prototypes - laid
 *     out as the rasconform engine passes them to a Linux shared object in
 *     native mode (`rasconform check my_admin.so`, under ASan/UBSan/TSan).
 *     DWORD is 32 bits (a Linux long is 64), WCHAR a 16-bit UTF-16 unit (a
 *     Linux wchar_t is 32 bits: write wide literals as MPRAPI_TEXT("..."),
 *     never L"..."), BOOL a 32-bit int, HANDLE pointer-sized; the calling
 *     convention macros are empty (one C convention on Linux).
 *     <rasconform/mprapi_compat.h> is the older name of this mode.
 *
 *   MINGW (mingw-w64's headers: __MINGW64_VERSION_MAJOR, and an <mprapi.h>
 *     that does not define MPRAPI_ADMIN_DLL_VERSION_2; measured on
 *     mingw-w64 10.0.0, toolchain.md section 8): includes <windows.h> and
 *     <mprapi.h> unless already included, keeps every definition mingw-w64
 *     has (no redefinition clash) and adds what it lacks: RAS_PORT_2,
 *     PPP_PROJECTION_INFO2, IKEV2_PROJECTION_INFO2, PROJECTION_INFO2,
 *     RAS_CONNECTION_4, MPRAPI_ADMIN_DLL_VERSION_1/2 and the other missing
 *     constants, nine pointer typedefs and the three Ex prototypes. Needs
 *     _WIN32_WINNT >= 0x0601 (mingw-w64's default is 0x0A00).
 *
 *   SDK (an <mprapi.h> that defines MPRAPI_ADMIN_DLL_VERSION_2: the Windows
 *     SDK's defines it next to its callout typedefs, mingw-w64 10's does
 *     not; the SDK's also includes <mprapidef.h>, guard _MPRAPIDEF_, which
 *     mingw-w64 10 does not have): it already has all of the contract, as
 *     spec 2.1 quotes it, so only the rasconform names below are added.
 *     RAS_CONNECTION_4 comes from the SDK under its own NTDDI_VERSION >=
 *     NTDDI_WIN8 condition. Not compiled in rasconform's CI (no MSVC on
 *     Debian); the layout checks would be the same.
 *
 * Header defects handled (spec section 3.19, HDR-*):
 *   - HDR-1: PMPRADMINCONNECTIONHANGUPNOTIFICATION3 takes RAS_CONNECTION_3
 *     by pointer here, as the function and the documentation do; the SDK's
 *     typedef (SDK mode) keeps its by-value parameter: do not call through it.
 *   - HDR-2/HDR-4: MprAdminReleaseIpv6AddressForUser returns VOID and has
 *     no APIENTRY: __cdecl on x86, while its table slot's type
 *     PMPRADMINRELEASEIPV6ADDRESSFORUSER is APIENTRY (__stdcall on x86), so
 *     on x86 the table needs a separate APIENTRY function. mingw-w64
 *     declares it `DWORD CALLBACK`, which would make the correct definition
 *     a compile error: when this header includes <mprapi.h> it renames
 *     mingw-w64's declaration out of the way; when <mprapi.h> came first,
 *     it maps the name to rasconform_MprAdminReleaseIpv6AddressForUser,
 *     whose symbol is the export's (an asm label), so the plain definition
 *     `VOID MprAdminReleaseIpv6AddressForUser(...) { ... }` compiles in
 *     every mode and the .def file exports it under its own name.
 *   - HDR-3: MprAdminAcceptNewConnectionEx returns BOOL (the header's type).
 *   - HDR-11: the SDK spellings are kept for source compatibility
 *     (PMPRADMINRELEASEIPADRESS, lpfnMprAdminReleaseIpV6AddressForUser,
 *     the IN6_ADDR parameter named lpdwIpv6Address).
 *   - The callback table: RASCONFORM_ADMIN_DLL_CALLBACKS has the SDK's 13
 *     slots (spec 4.4). mingw-w64's MPRAPI_ADMIN_DLL_CALLBACKS has 11 and
 *     would put AcceptReauthenticationEx and ConnectionHangupNotificationEx
 *     one slot early; MprAdminInitializeDllEx keeps its header's parameter
 *     type, so view the table through RASCONFORM_ADMIN_DLL_TABLE(p).
 *
 * Every structure's size and every field's offset, the table's included, is
 * checked against the spec's x64 and x86 tables at compile time by
 * tests/header/admin_header_layout.c (ci/gen_abi_layout_check.py
 * --c-header), in each mode: natively, and with MinGW x86_64 and i686.
 *
 * C11 or later (PROJECTION_INFO has an anonymous union), or C++; no other
 * header of rasconform is needed.
 */
#ifndef RASCONFORM_ADMIN_DLL_H
#define RASCONFORM_ADMIN_DLL_H

#if !defined(_WIN32)
#define RASCONFORM_ADMIN_DLL_MODE_PORTABLE 1
#include <stddef.h>
#include <stdint.h>
#else
#include <windows.h>
#if !defined(__ROUTING_MPRADMIN_H__) && defined(__MINGW64_VERSION_MAJOR)
/* HDR-2: mingw-w64 declares the IPv6 release DWORD CALLBACK; let that
 * declaration name something else so the SDK's can be declared below. */
#define MprAdminReleaseIpv6AddressForUser rasconform_mingw_MprAdminReleaseIpv6AddressForUser
#include <mprapi.h>
#undef MprAdminReleaseIpv6AddressForUser
#define RASCONFORM_ADMIN_DLL_RENAMED_MINGW_RELEASE_IPV6 1
#else
#include <mprapi.h>
#endif
#if defined(MPRAPI_ADMIN_DLL_VERSION_2)
#define RASCONFORM_ADMIN_DLL_MODE_SDK 1
#elif defined(__MINGW64_VERSION_MAJOR)
#define RASCONFORM_ADMIN_DLL_MODE_MINGW 1
#if _WIN32_WINNT < 0x0601
#error "<rasconform/admin_dll.h> needs _WIN32_WINNT >= 0x0601: mingw-w64's <mprapi.h> hides RAS_CONNECTION_EX below Windows 7"
#endif
#else
#error "<rasconform/admin_dll.h>: this <mprapi.h> is neither the Windows SDK's (MPRAPI_ADMIN_DLL_VERSION_2) nor mingw-w64's (__MINGW64_VERSION_MAJOR); define _WIN32_WINNT >= 0x0601"
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

#if defined(RASCONFORM_ADMIN_DLL_MODE_PORTABLE)
/* ---- calling conventions and export ------------------------------------ */
#define WINAPI
#define APIENTRY
#define CALLBACK

/* ---- base types (spec 2.1: the Windows sizes) --------------------------- */
#ifndef VOID
#define VOID void
#endif
typedef uint8_t BYTE;
typedef uint8_t UCHAR;
typedef uint16_t USHORT;
typedef uint16_t WORD;
typedef uint32_t DWORD;
typedef int32_t LONG;
typedef uint32_t ULONG;
typedef int BOOL;
typedef void *HANDLE;
typedef void *PVOID;
/* MSVC aligns 64-bit members to 8 bytes on x86 too; the i386 System V ABI
 * would use 4, so ask for 8 explicitly (spec 4.4). */
#if defined(__i386__)
typedef uint64_t ULONG64 __attribute__((aligned(8)));
typedef uint64_t ULONGLONG __attribute__((aligned(8)));
#else
typedef uint64_t ULONG64;
typedef uint64_t ULONGLONG;
#endif
#ifdef __cplusplus
typedef char16_t WCHAR;
#else
typedef uint16_t WCHAR; /* the type of a C11 u"..." literal's elements */
#endif
typedef WCHAR *LPWSTR;
typedef DWORD *LPDWORD;
typedef BOOL *LPBOOL;


#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif
#define NO_ERROR 0UL
#define ERROR_NOT_SUPPORTED 50UL
#define ERROR_PPP_NOT_CONVERGING 732UL /* HDR-12: an error code, not an option bit */

typedef struct _GUID {
    DWORD Data1;
    WORD Data2;
    WORD Data3;
    BYTE Data4[8];
} GUID;
typedef struct _FILETIME {
    DWORD dwLowDateTime;
    DWORD dwHighDateTime;
} FILETIME;
typedef struct in6_addr_compat {
    union {
        BYTE Byte[16];
        WORD Word[8];
    } u;
} IN6_ADDR, *PIN6_ADDR;

/* ---- length constants (spec 4.1) ---------------------------------------- */
#define UNLEN 256
#define CNLEN 15
#define DNLEN CNLEN
#define NETBIOS_NAME_LEN 16
#define MAX_INTERFACE_NAME_LEN 256
#define MAX_TRANSPORT_NAME_LEN 40
#define MAX_MEDIA_NAME 16
#define MAX_PORT_NAME 16
#define MAX_DEVICE_NAME 128
#define MAX_DEVICETYPE_NAME 16
#define MAX_PHONE_NUMBER_LEN 128
#define IPADDRESSLEN 15
#define IPXADDRESSLEN 22
#define ATADDRESSLEN 32
#define MAXIPADRESSLEN 64 /* sic */

#define PID_IP 0x21
#define PID_IPX 0x2B
#define PID_NBF 0x3F
#define PID_ATALK 0x29

#define MPRAPI_RAS_CONNECTION_OBJECT_REVISION_1 1


/* ---- flags and codes (spec 4.3) ----------------------------------------- */
#define RAS_FLAGS_PPP_CONNECTION 0x00000001
#define RAS_FLAGS_MESSENGER_PRESENT 0x00000002
#define RAS_FLAGS_QUARANTINE_PRESENT 0x00000008
#define RAS_FLAGS_ARAP_CONNECTION 0x00000010 /* HDR-5: collides with IKEv2 */
#define RAS_FLAGS_IKEV2_CONNECTION 0x00000010
#define RAS_FLAGS_DORMANT 0x00000020

#define PPP_IPCP_VJ 0x00000001

#define RASCCPCA_STAC 5
#define RASCCPCA_MPPC 6
#define PPP_CCP_COMPRESSION 0x00000001
#define PPP_CCP_ENCRYPTION40BITOLD 0x00000010
#define PPP_CCP_ENCRYPTION40BIT 0x00000020
#define PPP_CCP_ENCRYPTION128BIT 0x00000040
#define PPP_CCP_ENCRYPTION56BIT 0x00000080
#define PPP_CCP_HISTORYLESS 0x01000000

#define PPP_LCP_PAP 0xC023
#define PPP_LCP_SPAP 0xC027
#define PPP_LCP_CHAP 0xC223
#define PPP_LCP_EAP 0xC227
#define PPP_LCP_CHAP_MD5 0x05
#define PPP_LCP_CHAP_MS 0x80
#define PPP_LCP_CHAP_MSV2 0x81
/* HDR-6: the <mprapi.h> option set, not ras.h's RASLCPO_* */
#define PPP_LCP_MULTILINK_FRAMING 0x00000001
#define PPP_LCP_PFC 0x00000002
#define PPP_LCP_ACFC 0x00000004
#define PPP_LCP_SSHF 0x00000008
#define PPP_LCP_DES_56 0x00000010
#define PPP_LCP_3_DES 0x00000020

#define IPSEC_CIPHER_TYPE_DES 1
#define IPSEC_CIPHER_TYPE_3DES 2
#define IPSEC_CIPHER_TYPE_AES_128 3
#define IPSEC_CIPHER_TYPE_AES_192 4
#define IPSEC_CIPHER_TYPE_AES_256 5


/* ---- enumerations (spec 4.2; all 4-byte ints) --------------------------- */
typedef enum _ROUTER_INTERFACE_TYPE {
    ROUTER_IF_TYPE_CLIENT = 0,
    ROUTER_IF_TYPE_HOME_ROUTER = 1,
    ROUTER_IF_TYPE_FULL_ROUTER = 2,
    ROUTER_IF_TYPE_DEDICATED = 3,
    ROUTER_IF_TYPE_INTERNAL = 4,
    ROUTER_IF_TYPE_LOOPBACK = 5,
    ROUTER_IF_TYPE_TUNNEL1 = 6,
    ROUTER_IF_TYPE_DIALOUT = 7,
    ROUTER_IF_TYPE_MAX = 8 /* sentinel: never sent */
} ROUTER_INTERFACE_TYPE;
typedef enum _ROUTER_CONNECTION_STATE {
    ROUTER_IF_STATE_UNREACHABLE = 0,
    ROUTER_IF_STATE_DISCONNECTED = 1,
    ROUTER_IF_STATE_CONNECTING = 2,
    ROUTER_IF_STATE_CONNECTED = 3
} ROUTER_CONNECTION_STATE;
typedef enum _RAS_PORT_CONDITION {
    RAS_PORT_NON_OPERATIONAL = 0,
    RAS_PORT_DISCONNECTED = 1,
    RAS_PORT_CALLING_BACK = 2,
    RAS_PORT_LISTENING = 3,
    RAS_PORT_AUTHENTICATING = 4,
    RAS_PORT_AUTHENTICATED = 5,
    RAS_PORT_INITIALIZING = 6
} RAS_PORT_CONDITION;
typedef enum _RAS_HARDWARE_CONDITION {
    RAS_HARDWARE_OPERATIONAL = 0,
    RAS_HARDWARE_FAILURE = 1
} RAS_HARDWARE_CONDITION;
typedef enum _RAS_QUARANTINE_STATE {
    RAS_QUAR_STATE_NORMAL = 0,
    RAS_QUAR_STATE_QUARANTINE = 1,
    RAS_QUAR_STATE_PROBATION = 2,
    RAS_QUAR_STATE_NOT_CAPABLE = 3
} RAS_QUARANTINE_STATE;
typedef enum _MPRAPI_OBJECT_TYPE {
    MPRAPI_OBJECT_TYPE_RAS_CONNECTION_OBJECT = 1,
    MPRAPI_OBJECT_TYPE_MPR_SERVER_OBJECT = 2,
    MPRAPI_OBJECT_TYPE_MPR_SERVER_SET_CONFIG_OBJECT = 3,
    MPRAPI_OBJECT_TYPE_AUTH_VALIDATION_OBJECT = 4,
    MPRAPI_OBJECT_TYPE_UPDATE_CONNECTION_OBJECT = 5,
    MPRAPI_OBJECT_TYPE_IF_CUSTOM_CONFIG_OBJECT = 6
} MPRAPI_OBJECT_TYPE;

/* ---- PPP projection structures (no pointer-sized members) --------------- */
typedef struct _PPP_NBFCP_INFO {
    DWORD dwError;
    WCHAR wszWksta[NETBIOS_NAME_LEN + 1];
} PPP_NBFCP_INFO;
typedef struct _PPP_IPCP_INFO {
    DWORD dwError;
    WCHAR wszAddress[IPADDRESSLEN + 1];
    WCHAR wszRemoteAddress[IPADDRESSLEN + 1];
} PPP_IPCP_INFO;
typedef struct _PPP_IPCP_INFO2 {
    DWORD dwError;
    WCHAR wszAddress[IPADDRESSLEN + 1];
    WCHAR wszRemoteAddress[IPADDRESSLEN + 1];
    DWORD dwOptions;
    DWORD dwRemoteOptions;
} PPP_IPCP_INFO2;
typedef struct _PPP_IPXCP_INFO {
    DWORD dwError;
    WCHAR wszAddress[IPXADDRESSLEN + 1];
} PPP_IPXCP_INFO;
typedef struct _PPP_ATCP_INFO {
    DWORD dwError;
    WCHAR wszAddress[ATADDRESSLEN + 1];
} PPP_ATCP_INFO;
typedef struct _PPP_IPV6_CP_INFO {
    DWORD dwVersion;
    DWORD dwSize;
    DWORD dwError;
    BYTE bInterfaceIdentifier[8];
    BYTE bRemoteInterfaceIdentifier[8];
    DWORD dwOptions;
    DWORD dwRemoteOptions;
    BYTE bPrefix[8];
    DWORD dwPrefixLength;
} PPP_IPV6_CP_INFO;
typedef struct _PPP_CCP_INFO {
    DWORD dwError;
    DWORD dwCompressionAlgorithm;
    DWORD dwOptions;
    DWORD dwRemoteCompressionAlgorithm;
    DWORD dwRemoteOptions;
} PPP_CCP_INFO;
typedef struct _PPP_LCP_INFO {
    DWORD dwError;
    DWORD dwAuthenticationProtocol;
    DWORD dwAuthenticationData;
    DWORD dwRemoteAuthenticationProtocol;
    DWORD dwRemoteAuthenticationData;
    DWORD dwTerminateReason;
    DWORD dwRemoteTerminateReason;
    DWORD dwOptions;
    DWORD dwRemoteOptions;
    DWORD dwEapTypeId;
    DWORD dwRemoteEapTypeId;
} PPP_LCP_INFO;
typedef struct _PPP_INFO {
    PPP_NBFCP_INFO nbf;
    PPP_IPCP_INFO ip;
    PPP_IPXCP_INFO ipx;
    PPP_ATCP_INFO at;
} PPP_INFO;
typedef struct _PPP_INFO_2 {
    PPP_NBFCP_INFO nbf;
    PPP_IPCP_INFO2 ip;
    PPP_IPXCP_INFO ipx;
    PPP_ATCP_INFO at;
    PPP_CCP_INFO ccp;
    PPP_LCP_INFO lcp;
} PPP_INFO_2;
typedef struct _PPP_INFO_3 {
    PPP_NBFCP_INFO nbf;
    PPP_IPCP_INFO2 ip;
    PPP_IPV6_CP_INFO ipv6;
    PPP_CCP_INFO ccp;
    PPP_LCP_INFO lcp;
} PPP_INFO_3;
typedef struct _MPRAPI_OBJECT_HEADER {
    UCHAR revision;
    UCHAR type;
    USHORT size;
} MPRAPI_OBJECT_HEADER, *PMPRAPI_OBJECT_HEADER;
typedef struct _PPP_PROJECTION_INFO {
    DWORD dwIPv4NegotiationError;
    WCHAR wszAddress[IPADDRESSLEN + 1];
    WCHAR wszRemoteAddress[IPADDRESSLEN + 1];
    DWORD dwIPv4Options;
    DWORD dwIPv4RemoteOptions;
    ULONG64 IPv4SubInterfaceIndex;
    DWORD dwIPv6NegotiationError;
    BYTE bInterfaceIdentifier[8];
    BYTE bRemoteInterfaceIdentifier[8];
    BYTE bPrefix[8];
    DWORD dwPrefixLength;
    ULONG64 IPv6SubInterfaceIndex;
    DWORD dwLcpError;
    DWORD dwAuthenticationProtocol;
    DWORD dwAuthenticationData;
    DWORD dwRemoteAuthenticationProtocol;
    DWORD dwRemoteAuthenticationData;
    DWORD dwLcpTerminateReason;
    DWORD dwLcpRemoteTerminateReason;
    DWORD dwLcpOptions;
    DWORD dwLcpRemoteOptions;
    DWORD dwEapTypeId;
    DWORD dwRemoteEapTypeId;
    DWORD dwCcpError;
    DWORD dwCompressionAlgorithm;
    DWORD dwCcpOptions;
    DWORD dwRemoteCompressionAlgorithm;
    DWORD dwCcpRemoteOptions;
} PPP_PROJECTION_INFO;
typedef struct _IKEV2_PROJECTION_INFO {
    DWORD dwIPv4NegotiationError;
    WCHAR wszAddress[IPADDRESSLEN + 1];
    WCHAR wszRemoteAddress[IPADDRESSLEN + 1];
    ULONG64 IPv4SubInterfaceIndex;
    DWORD dwIPv6NegotiationError;
    BYTE bInterfaceIdentifier[8];
    BYTE bRemoteInterfaceIdentifier[8];
    BYTE bPrefix[8];
    DWORD dwPrefixLength;
    ULONG64 IPv6SubInterfaceIndex;
    DWORD dwOptions;
    DWORD dwAuthenticationProtocol;
    DWORD dwEapTypeId;
    DWORD dwCompressionAlgorithm;
    DWORD dwEncryptionMethod;
} IKEV2_PROJECTION_INFO;
/* STRUCT-11: projectionInfoType selects the member of the union. */
typedef struct _PROJECTION_INFO {
    UCHAR projectionInfoType;
    union {
        PPP_PROJECTION_INFO PppProjectionInfo;
        IKEV2_PROJECTION_INFO Ikev2ProjectionInfo;
    };
} PROJECTION_INFO, *PPROJECTION_INFO;

/* ---- ports and connections ---------------------------------------------- */
typedef struct _RAS_PORT_0 {
    HANDLE hPort;
    HANDLE hConnection;
    RAS_PORT_CONDITION dwPortCondition;
    DWORD dwTotalNumberOfCalls;
    DWORD dwConnectDuration;
    WCHAR wszPortName[MAX_PORT_NAME + 1];
    WCHAR wszMediaName[MAX_MEDIA_NAME + 1];
    WCHAR wszDeviceName[MAX_DEVICE_NAME + 1];
    WCHAR wszDeviceType[MAX_DEVICETYPE_NAME + 1];
} RAS_PORT_0, *PRAS_PORT_0;
typedef struct _RAS_PORT_1 {
    HANDLE hPort;
    HANDLE hConnection;
    RAS_HARDWARE_CONDITION dwHardwareCondition;
    DWORD dwLineSpeed;
    DWORD dwBytesXmited;
    DWORD dwBytesRcved;
    DWORD dwFramesXmited;
    DWORD dwFramesRcved;
    DWORD dwCrcErr;
    DWORD dwTimeoutErr;
    DWORD dwAlignmentErr;
    DWORD dwHardwareOverrunErr;
    DWORD dwFramingErr;
    DWORD dwBufferOverrunErr;
    DWORD dwCompressionRatioIn;
    DWORD dwCompressionRatioOut;
} RAS_PORT_1, *PRAS_PORT_1;
typedef struct _RAS_CONNECTION_0 {
    HANDLE hConnection;
    HANDLE hInterface;
    DWORD dwConnectDuration;
    ROUTER_INTERFACE_TYPE dwInterfaceType;
    DWORD dwConnectionFlags;
    WCHAR wszInterfaceName[MAX_INTERFACE_NAME_LEN + 1];
    WCHAR wszUserName[UNLEN + 1];
    WCHAR wszLogonDomain[DNLEN + 1];
    WCHAR wszRemoteComputer[NETBIOS_NAME_LEN + 1];
} RAS_CONNECTION_0, *PRAS_CONNECTION_0;
typedef struct _RAS_CONNECTION_1 {
    HANDLE hConnection;
    HANDLE hInterface;
    PPP_INFO PppInfo;
    DWORD dwBytesXmited;
    DWORD dwBytesRcved;
    DWORD dwFramesXmited;
    DWORD dwFramesRcved;
    DWORD dwCrcErr;
    DWORD dwTimeoutErr;
    DWORD dwAlignmentErr;
    DWORD dwHardwareOverrunErr;
    DWORD dwFramingErr;
    DWORD dwBufferOverrunErr;
    DWORD dwCompressionRatioIn;
    DWORD dwCompressionRatioOut;
} RAS_CONNECTION_1, *PRAS_CONNECTION_1;
typedef struct _RAS_CONNECTION_2 {
    HANDLE hConnection;
    WCHAR wszUserName[UNLEN + 1];
    ROUTER_INTERFACE_TYPE dwInterfaceType;
    GUID guid;
    PPP_INFO_2 PppInfo2;
} RAS_CONNECTION_2, *PRAS_CONNECTION_2;
typedef struct _RAS_CONNECTION_3 {
    DWORD dwVersion;
    DWORD dwSize;
    HANDLE hConnection;
    WCHAR wszUserName[UNLEN + 1];
    ROUTER_INTERFACE_TYPE dwInterfaceType;
    GUID guid;
    PPP_INFO_3 PppInfo3;
    RAS_QUARANTINE_STATE rasQuarState;
    FILETIME timer;
} RAS_CONNECTION_3, *PRAS_CONNECTION_3;
typedef struct _RAS_CONNECTION_EX {
    MPRAPI_OBJECT_HEADER Header;
    DWORD dwConnectDuration;
    ROUTER_INTERFACE_TYPE dwInterfaceType;
    DWORD dwConnectionFlags;
    WCHAR wszInterfaceName[MAX_INTERFACE_NAME_LEN + 1];
    WCHAR wszUserName[UNLEN + 1];
    WCHAR wszLogonDomain[DNLEN + 1];
    WCHAR wszRemoteComputer[NETBIOS_NAME_LEN + 1];
    GUID guid;
    RAS_QUARANTINE_STATE rasQuarState;
    FILETIME probationTime;
    DWORD dwBytesXmited;
    DWORD dwBytesRcved;
    DWORD dwFramesXmited;
    DWORD dwFramesRcved;
    DWORD dwCrcErr;
    DWORD dwTimeoutErr;
    DWORD dwAlignmentErr;
    DWORD dwHardwareOverrunErr;
    DWORD dwFramingErr;
    DWORD dwBufferOverrunErr;
    DWORD dwCompressionRatioIn;
    DWORD dwCompressionRatioOut;
    DWORD dwNumSwitchOvers;
    WCHAR wszRemoteEndpointAddress[MAXIPADRESSLEN + 1];
    WCHAR wszLocalEndpointAddress[MAXIPADRESSLEN + 1];
    PROJECTION_INFO ProjectionInfo;
    HANDLE hConnection;
    HANDLE hInterface;
} RAS_CONNECTION_EX, *PRAS_CONNECTION_EX;
/* STRUCT-15: AuthInfo is a variable-length trailing array of AuthInfoSize bytes. */
typedef struct _AUTH_VALIDATION_EX {
    MPRAPI_OBJECT_HEADER Header;
    HANDLE hRasConnection;
    WCHAR wszUserName[UNLEN + 1];
    WCHAR wszLogonDomain[DNLEN + 1];
    DWORD AuthInfoSize;
    BYTE AuthInfo[1];
} AUTH_VALIDATION_EX, *PAUTH_VALIDATION_EX;
typedef struct _MPR_INTERFACE_0 {
    WCHAR wszInterfaceName[MAX_INTERFACE_NAME_LEN + 1];
    HANDLE hInterface;
    BOOL fEnabled;
    ROUTER_INTERFACE_TYPE dwIfType;
    ROUTER_CONNECTION_STATE dwConnectionState;
    DWORD fUnReachabilityReasons;
    DWORD dwLastError;
} MPR_INTERFACE_0, *PMPR_INTERFACE_0;
#endif /* portable: what every <mprapi.h> has */

#if !defined(RASCONFORM_ADMIN_DLL_MODE_SDK)
/* ---- what mingw-w64 10 lacks (toolchain.md section 8), and portable ----- */
#ifndef PID_IPV6
#define PID_IPV6 0x57
#endif
#ifndef MPRAPI_ADMIN_DLL_VERSION_1
#define MPRAPI_ADMIN_DLL_VERSION_1 1
#endif
#ifndef MPRAPI_ADMIN_DLL_VERSION_2
#define MPRAPI_ADMIN_DLL_VERSION_2 2
#endif
#ifndef MPRAPI_PPP_PROJECTION_INFO_TYPE
#define MPRAPI_PPP_PROJECTION_INFO_TYPE 1
#endif
#ifndef MPRAPI_IKEV2_PROJECTION_INFO_TYPE
#define MPRAPI_IKEV2_PROJECTION_INFO_TYPE 2
#endif
#ifndef MPRAPI_IKEV2_AUTH_USING_CERT
#define MPRAPI_IKEV2_AUTH_USING_CERT 1
#endif
#ifndef MPRAPI_IKEV2_AUTH_USING_EAP
#define MPRAPI_IKEV2_AUTH_USING_EAP 2
#endif
#ifndef RAS_FLAGS_RAS_CONNECTION
#define RAS_FLAGS_RAS_CONNECTION 0x00000004
#endif
#ifndef PPP_LCP_AES_128
#define PPP_LCP_AES_128 0x00000040
#endif
#ifndef PPP_LCP_AES_256
#define PPP_LCP_AES_256 0x00000080
#endif
#ifndef PPP_LCP_AES_192
#define PPP_LCP_AES_192 0x00000100
#endif
#ifndef PPP_LCP_GCM_AES_128
#define PPP_LCP_GCM_AES_128 0x00000200
#endif
#ifndef PPP_LCP_GCM_AES_192
#define PPP_LCP_GCM_AES_192 0x00000400
#endif
#ifndef PPP_LCP_GCM_AES_256
#define PPP_LCP_GCM_AES_256 0x00000800
#endif
#ifndef RDT_Tunnel_Pptp
#define RDT_Tunnel_Pptp 8
#endif
#ifndef RDT_Tunnel_L2tp
#define RDT_Tunnel_L2tp 9
#endif
#ifndef RDT_Tunnel_Sstp
#define RDT_Tunnel_Sstp 14
#endif
#ifndef RDT_Tunnel_Ikev2
#define RDT_Tunnel_Ikev2 15
#endif
typedef struct _PPP_PROJECTION_INFO2 {
    DWORD dwIPv4NegotiationError;
    WCHAR wszAddress[IPADDRESSLEN + 1];
    WCHAR wszRemoteAddress[IPADDRESSLEN + 1];
    DWORD dwIPv4Options;
    DWORD dwIPv4RemoteOptions;
    ULONG64 IPv4SubInterfaceIndex;
    DWORD dwIPv6NegotiationError;
    BYTE bInterfaceIdentifier[8];
    BYTE bRemoteInterfaceIdentifier[8];
    BYTE bPrefix[8];
    DWORD dwPrefixLength;
    ULONG64 IPv6SubInterfaceIndex;
    DWORD dwLcpError;
    DWORD dwAuthenticationProtocol;
    DWORD dwAuthenticationData;
    DWORD dwRemoteAuthenticationProtocol;
    DWORD dwRemoteAuthenticationData;
    DWORD dwLcpTerminateReason;
    DWORD dwLcpRemoteTerminateReason;
    DWORD dwLcpOptions;
    DWORD dwLcpRemoteOptions;
    DWORD dwEapTypeId;
    DWORD dwEmbeddedEAPTypeId;
    DWORD dwRemoteEapTypeId;
    DWORD dwCcpError;
    DWORD dwCompressionAlgorithm;
    DWORD dwCcpOptions;
    DWORD dwRemoteCompressionAlgorithm;
    DWORD dwCcpRemoteOptions;
} PPP_PROJECTION_INFO2;
typedef struct _IKEV2_PROJECTION_INFO2 {
    DWORD dwIPv4NegotiationError;
    WCHAR wszAddress[IPADDRESSLEN + 1];
    WCHAR wszRemoteAddress[IPADDRESSLEN + 1];
    ULONG64 IPv4SubInterfaceIndex;
    DWORD dwIPv6NegotiationError;
    BYTE bInterfaceIdentifier[8];
    BYTE bRemoteInterfaceIdentifier[8];
    BYTE bPrefix[8];
    DWORD dwPrefixLength;
    ULONG64 IPv6SubInterfaceIndex;
    DWORD dwOptions;
    DWORD dwAuthenticationProtocol;
    DWORD dwEapTypeId;
    DWORD dwEmbeddedEAPTypeId;
    DWORD dwCompressionAlgorithm;
    DWORD dwEncryptionMethod;
} IKEV2_PROJECTION_INFO2;
typedef struct _PROJECTION_INFO2 {
    UCHAR projectionInfoType;
    union {
        PPP_PROJECTION_INFO2 PppProjectionInfo;
        IKEV2_PROJECTION_INFO2 Ikev2ProjectionInfo;
    };
} PROJECTION_INFO2, *PPROJECTION_INFO2;
typedef struct _RAS_PORT_2 {
    HANDLE hPort;
    HANDLE hConnection;
    DWORD dwConn_State;
    WCHAR wszPortName[MAX_PORT_NAME + 1];
    WCHAR wszMediaName[MAX_MEDIA_NAME + 1];
    WCHAR wszDeviceName[MAX_DEVICE_NAME + 1];
    WCHAR wszDeviceType[MAX_DEVICETYPE_NAME + 1];
    RAS_HARDWARE_CONDITION dwHardwareCondition;
    DWORD dwLineSpeed;
    DWORD dwCrcErr;
    DWORD dwSerialOverRunErrs;
    DWORD dwTimeoutErr;
    DWORD dwAlignmentErr;
    DWORD dwHardwareOverrunErr;
    DWORD dwFramingErr;
    DWORD dwBufferOverrunErr;
    DWORD dwCompressionRatioIn;
    DWORD dwCompressionRatioOut;
    DWORD dwTotalErrors;
    ULONGLONG ullBytesXmited;
    ULONGLONG ullBytesRcved;
    ULONGLONG ullFramesXmited;
    ULONGLONG ullFramesRcved;
    ULONGLONG ullBytesTxUncompressed;
    ULONGLONG ullBytesTxCompressed;
    ULONGLONG ullBytesRcvUncompressed;
    ULONGLONG ullBytesRcvCompressed;
} RAS_PORT_2, *PRAS_PORT_2;
typedef struct _RAS_CONNECTION_4 {
    DWORD dwConnectDuration;
    ROUTER_INTERFACE_TYPE dwInterfaceType;
    DWORD dwConnectionFlags;
    WCHAR wszInterfaceName[MAX_INTERFACE_NAME_LEN + 1];
    WCHAR wszUserName[UNLEN + 1];
    WCHAR wszLogonDomain[DNLEN + 1];
    WCHAR wszRemoteComputer[NETBIOS_NAME_LEN + 1];
    GUID guid;
    RAS_QUARANTINE_STATE rasQuarState;
    FILETIME probationTime;
    FILETIME connectionStartTime;
    ULONG64 ullBytesXmited;
    ULONG64 ullBytesRcved;
    DWORD dwFramesXmited;
    DWORD dwFramesRcved;
    DWORD dwCrcErr;
    DWORD dwTimeoutErr;
    DWORD dwAlignmentErr;
    DWORD dwHardwareOverrunErr;
    DWORD dwFramingErr;
    DWORD dwBufferOverrunErr;
    DWORD dwCompressionRatioIn;
    DWORD dwCompressionRatioOut;
    DWORD dwNumSwitchOvers;
    WCHAR wszRemoteEndpointAddress[MAXIPADRESSLEN + 1];
    WCHAR wszLocalEndpointAddress[MAXIPADRESSLEN + 1];
    PROJECTION_INFO2 ProjectionInfo;
    HANDLE hConnection;
    HANDLE hInterface;
    DWORD dwDeviceType;
} RAS_CONNECTION_4, *PRAS_CONNECTION_4;
#endif /* not SDK */

#if defined(RASCONFORM_ADMIN_DLL_MODE_PORTABLE)
/* ---- callout pointer types (spec 2.1) ----------------------------------- */
typedef DWORD(APIENTRY *PMPRADMINGETIPADDRESSFORUSER)(WCHAR *, WCHAR *, DWORD *, BOOL *);
typedef VOID(APIENTRY *PMPRADMINRELEASEIPADRESS)(WCHAR *, WCHAR *, DWORD *); /* HDR-11: sic "ADRESS" */
typedef DWORD(APIENTRY *PMPRADMINGETIPV6ADDRESSFORUSER)(WCHAR *, WCHAR *, IN6_ADDR *, BOOL *);
typedef VOID(APIENTRY *PMPRADMINRELEASEIPV6ADDRESSFORUSER)(WCHAR *, WCHAR *, IN6_ADDR *);
typedef BOOL(APIENTRY *PMPRADMINACCEPTNEWLINK)(RAS_PORT_0 *, RAS_PORT_1 *);
typedef VOID(APIENTRY *PMPRADMINLINKHANGUPNOTIFICATION)(RAS_PORT_0 *, RAS_PORT_1 *);
typedef DWORD(APIENTRY *PMPRADMINTERMINATEDLL)(void);
typedef BOOL(APIENTRY *PMPRADMINACCEPTNEWCONNECTIONEX)(RAS_CONNECTION_EX *);
typedef BOOL(APIENTRY *PMPRADMINACCEPTREAUTHENTICATIONEX)(RAS_CONNECTION_EX *);
typedef VOID(APIENTRY *PMPRADMINCONNECTIONHANGUPNOTIFICATIONEX)(RAS_CONNECTION_EX *);
#endif
#if !defined(RASCONFORM_ADMIN_DLL_MODE_SDK)
/* callout pointer types mingw-w64 10 lacks */
typedef BOOL(APIENTRY *PMPRADMINACCEPTNEWCONNECTION)(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *);
typedef BOOL(APIENTRY *PMPRADMINACCEPTNEWCONNECTION2)(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *, RAS_CONNECTION_2 *);
typedef BOOL(APIENTRY *PMPRADMINACCEPTNEWCONNECTION3)(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *, RAS_CONNECTION_2 *,
                                                      RAS_CONNECTION_3 *);
typedef VOID(APIENTRY *PMPRADMINCONNECTIONHANGUPNOTIFICATION)(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *);
typedef VOID(APIENTRY *PMPRADMINCONNECTIONHANGUPNOTIFICATION2)(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *,
                                                               RAS_CONNECTION_2 *);
/* HDR-1: by pointer (the SDK typedef's by-value RAS_CONNECTION_3 is a header bug). */
typedef VOID(APIENTRY *PMPRADMINCONNECTIONHANGUPNOTIFICATION3)(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *,
                                                               RAS_CONNECTION_2 *, RAS_CONNECTION_3 *);
typedef BOOL(APIENTRY *PMPRADMINACCEPTREAUTHENTICATION)(RAS_CONNECTION_0 *, RAS_CONNECTION_1 *, RAS_CONNECTION_2 *,
                                                        RAS_CONNECTION_3 *);
typedef BOOL(APIENTRY *PMPRADMINACCEPTTUNNELENDPOINTCHANGEEX)(RAS_CONNECTION_EX *);
typedef DWORD(APIENTRY *PMPRADMINRASVALIDATEPREAUTHENTICATEDCONNECTIONEX)(AUTH_VALIDATION_EX *);
#endif

/* ---- the callback table (spec 4.4, EX-1..EX-7) --------------------------- */
/* The SDK's 13 slots under rasconform's own name, so that it can sit beside
 * mingw-w64's 11-slot MPRAPI_ADMIN_DLL_CALLBACKS. RRAS hands the table to
 * MprAdminInitializeDllEx zeroed; the DLL sets the revision
 * (MPRAPI_ADMIN_DLL_VERSION_2 to get the RAS_CONNECTION_EX callouts, EX-2)
 * and the slots it implements, pairs complete (EX-3, EX-4). */
typedef struct _RASCONFORM_ADMIN_DLL_CALLBACKS {
    UCHAR revision;
    PMPRADMINGETIPADDRESSFORUSER lpfnMprAdminGetIpAddressForUser;
    PMPRADMINRELEASEIPADRESS lpfnMprAdminReleaseIpAddress; /* HDR-11: sic "ADRESS" */
    PMPRADMINGETIPV6ADDRESSFORUSER lpfnMprAdminGetIpv6AddressForUser;
    /* HDR-11: capital V. HDR-2: an APIENTRY function, not the __cdecl export, on x86. */
    PMPRADMINRELEASEIPV6ADDRESSFORUSER lpfnMprAdminReleaseIpV6AddressForUser;
    PMPRADMINACCEPTNEWLINK lpfnRasAdminAcceptNewLink;
    PMPRADMINLINKHANGUPNOTIFICATION lpfnRasAdminLinkHangupNotification;
    PMPRADMINTERMINATEDLL lpfnRasAdminTerminateDll;
    PMPRADMINACCEPTNEWCONNECTIONEX lpfnRasAdminAcceptNewConnectionEx;
    PMPRADMINACCEPTTUNNELENDPOINTCHANGEEX lpfnRasAdminAcceptEndpointChangeEx; /* slot 10: not in mingw-w64 */
    PMPRADMINACCEPTREAUTHENTICATIONEX lpfnRasAdminAcceptReauthenticationEx;
    PMPRADMINCONNECTIONHANGUPNOTIFICATIONEX lpfnRasAdminConnectionHangupNotificationEx;
    PMPRADMINRASVALIDATEPREAUTHENTICATEDCONNECTIONEX lpfnRASValidatePreAuthenticatedConnectionEx; /* slot 13: idem */
} RASCONFORM_ADMIN_DLL_CALLBACKS, *PRASCONFORM_ADMIN_DLL_CALLBACKS;

#if defined(RASCONFORM_ADMIN_DLL_MODE_PORTABLE)
/* No SDK header here: the SDK's name is the 13-slot table. */
typedef RASCONFORM_ADMIN_DLL_CALLBACKS MPRAPI_ADMIN_DLL_CALLBACKS, *PMPRAPI_ADMIN_DLL_CALLBACKS;
#endif

/* The table MprAdminInitializeDllEx receives, whatever its header calls it:
 *   RASCONFORM_ADMIN_DLL_CALLBACKS *t = RASCONFORM_ADMIN_DLL_TABLE(pAdminCallbacks); */
#define RASCONFORM_ADMIN_DLL_TABLE(p) ((RASCONFORM_ADMIN_DLL_CALLBACKS *)(void *)(p))

/* A UTF-16 string literal of type WCHAR[] in every mode: MPRAPI_TEXT("blocked"). */
#if defined(RASCONFORM_ADMIN_DLL_MODE_PORTABLE)
#define MPRAPI_TEXT(s) u##s
/* Marks a callout for export when the shared object is built with
 * -fvisibility=hidden (the counterpart of the Windows build's .def file). */
#define MPRAPI_COMPAT_EXPORT __attribute__((visibility("default")))
#else
#define MPRAPI_TEXT(s) L##s
#define MPRAPI_COMPAT_EXPORT /* Windows: the .def file exports (LOAD-8) */
#endif

/* ---- the callouts an admin DLL may export (spec 2.1) -------------------- */
#if defined(RASCONFORM_ADMIN_DLL_MODE_PORTABLE)
/* Declared the same way by every <mprapi.h>. */
DWORD APIENTRY MprAdminInitializeDll(VOID);
DWORD APIENTRY MprAdminInitializeDllEx(PMPRAPI_ADMIN_DLL_CALLBACKS pAdminCallbacks);
DWORD APIENTRY MprAdminTerminateDll(VOID);
BOOL APIENTRY MprAdminAcceptNewConnection(RAS_CONNECTION_0 *pRasConnection0, RAS_CONNECTION_1 *pRasConnection1);
BOOL APIENTRY MprAdminAcceptNewConnection2(RAS_CONNECTION_0 *pRasConnection0, RAS_CONNECTION_1 *pRasConnection1,
                                           RAS_CONNECTION_2 *pRasConnection2);
BOOL APIENTRY MprAdminAcceptNewConnection3(RAS_CONNECTION_0 *pRasConnection0, RAS_CONNECTION_1 *pRasConnection1,
                                           RAS_CONNECTION_2 *pRasConnection2, RAS_CONNECTION_3 *pRasConnection3);
BOOL APIENTRY MprAdminAcceptNewLink(RAS_PORT_0 *pRasPort0, RAS_PORT_1 *pRasPort1);
VOID APIENTRY MprAdminLinkHangupNotification(RAS_PORT_0 *pRasPort0, RAS_PORT_1 *pRasPort1);
VOID APIENTRY MprAdminConnectionHangupNotification(RAS_CONNECTION_0 *pRasConnection0,
                                                   RAS_CONNECTION_1 *pRasConnection1);
VOID APIENTRY MprAdminConnectionHangupNotification2(RAS_CONNECTION_0 *pRasConnection0,
                                                    RAS_CONNECTION_1 *pRasConnection1,
                                                    RAS_CONNECTION_2 *pRasConnection2);
VOID APIENTRY MprAdminConnectionHangupNotification3(RAS_CONNECTION_0 *pRasConnection0,
                                                    RAS_CONNECTION_1 *pRasConnection1,
                                                    RAS_CONNECTION_2 *pRasConnection2,
                                                    RAS_CONNECTION_3 *pRasConnection3);
DWORD APIENTRY MprAdminGetIpAddressForUser(WCHAR *lpwszUserName, WCHAR *lpwszPortName, DWORD *lpdwIpAddress,
                                           BOOL *bNotifyRelease);
VOID APIENTRY MprAdminReleaseIpAddress(WCHAR *lpszUserName, WCHAR *lpszPortName, DWORD *lpdwIpAddress);
DWORD APIENTRY MprAdminGetIpv6AddressForUser(WCHAR *lpwszUserName, WCHAR *lpwszPortName,
                                             IN6_ADDR *lpdwIpv6Address, BOOL *bNotifyRelease);
BOOL APIENTRY MprAdminAcceptReauthentication(RAS_CONNECTION_0 *pRasConnection0, RAS_CONNECTION_1 *pRasConnection1,
                                             RAS_CONNECTION_2 *pRasConnection2, RAS_CONNECTION_3 *pRasConnection3);
#endif
#if !defined(RASCONFORM_ADMIN_DLL_MODE_SDK)
/* mingw-w64 10 declares no Ex callout (only typedefs of some). */
BOOL APIENTRY MprAdminAcceptNewConnectionEx(RAS_CONNECTION_EX *pRasConn); /* HDR-3: returns BOOL */
VOID APIENTRY MprAdminConnectionHangupNotificationEx(RAS_CONNECTION_EX *pRasConn);
BOOL APIENTRY MprAdminAcceptReauthenticationEx(RAS_CONNECTION_EX *pRasConn);
#endif

/* HDR-2/HDR-4: VOID and without APIENTRY, as in the SDK (so __cdecl on x86). */
#if defined(RASCONFORM_ADMIN_DLL_MODE_MINGW) && !defined(RASCONFORM_ADMIN_DLL_RENAMED_MINGW_RELEASE_IPV6)
/* <mprapi.h> came first and declared it DWORD CALLBACK: the definition goes
 * under another C name with the export's symbol. */
#define RASCONFORM_STRINGIFY_(x) #x
#define RASCONFORM_STRINGIFY(x) RASCONFORM_STRINGIFY_(x)
VOID rasconform_MprAdminReleaseIpv6AddressForUser(WCHAR *lpszUserName, WCHAR *lpszPortName, IN6_ADDR *lpdwIpv6Address)
    __asm__(RASCONFORM_STRINGIFY(__USER_LABEL_PREFIX__) "MprAdminReleaseIpv6AddressForUser");
#define MprAdminReleaseIpv6AddressForUser rasconform_MprAdminReleaseIpv6AddressForUser
#elif !defined(RASCONFORM_ADMIN_DLL_MODE_SDK)
VOID MprAdminReleaseIpv6AddressForUser(WCHAR *lpszUserName, WCHAR *lpszPortName, IN6_ADDR *lpdwIpv6Address);
#endif

#ifdef __cplusplus
}
#endif

#endif /* RASCONFORM_ADMIN_DLL_H */
