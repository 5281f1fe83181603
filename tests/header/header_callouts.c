/*
 * Every callout of the contract defined the way a DLL author writes it,
 * against <rasconform/admin_dll.h> alone or (RASCONFORM_TEST_MPRAPI_FIRST)
 * after <windows.h> and <mprapi.h>; compiled as C11 here and as C++20 by
 * header_callouts.cpp, with -Wall -Wextra -Werror -pedantic. In the MinGW
 * trees it is linked into a DLL whose .def exports all nineteen names, so a
 * prototype that disagrees with its definition fails to compile, and a
 * symbol the .def cannot find (HDR-2's asm label) fails to link.
 */
#ifdef RASCONFORM_TEST_MPRAPI_FIRST
#include "mprapi_first.h"
#else
#include <rasconform/admin_dll.h>
#endif

#ifdef __cplusplus
#define HEADER_STATIC_ASSERT static_assert
#else
#define HEADER_STATIC_ASSERT _Static_assert
#endif

/* Spec 4.4: 13 members (the revision and twelve pointers) in every mode; mingw-w64 has 11. */
HEADER_STATIC_ASSERT(sizeof(RASCONFORM_ADMIN_DLL_CALLBACKS) == 13 * sizeof(void *), "13-slot table");
HEADER_STATIC_ASSERT(MPRAPI_ADMIN_DLL_VERSION_2 == 2, "EX-2 revision");
HEADER_STATIC_ASSERT(sizeof(MPRAPI_TEXT("x")) == 2 * sizeof(WCHAR), "UTF-16 literal");

#if !defined(__cplusplus) && defined(__GNUC__)
/* HDR-2: the export is VOID and __cdecl (no APIENTRY), the table slot's type
 * APIENTRY; on i686 GCC holds the two conventions for different types. */
HEADER_STATIC_ASSERT(__builtin_types_compatible_p(__typeof__(&MprAdminReleaseIpv6AddressForUser),
                                                  void (*)(WCHAR *, WCHAR *, IN6_ADDR *)),
                     "HDR-2: MprAdminReleaseIpv6AddressForUser is VOID __cdecl");
HEADER_STATIC_ASSERT(__builtin_types_compatible_p(__typeof__(&MprAdminAcceptNewConnectionEx),
                                                  PMPRADMINACCEPTNEWCONNECTIONEX),
                     "HDR-3: MprAdminAcceptNewConnectionEx is BOOL APIENTRY");
#endif

DWORD APIENTRY MprAdminInitializeDll(VOID) { return NO_ERROR; }
DWORD APIENTRY MprAdminTerminateDll(VOID) { return NO_ERROR; }
BOOL APIENTRY MprAdminAcceptNewConnection(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1) { return c0 && c1; }
BOOL APIENTRY MprAdminAcceptNewConnection2(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1, RAS_CONNECTION_2 *c2)
{
    return c0 && c1 && c2;
}
BOOL APIENTRY MprAdminAcceptNewConnection3(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1, RAS_CONNECTION_2 *c2,
                                           RAS_CONNECTION_3 *c3)
{
    return c0 && c1 && c2 && c3;
}
BOOL APIENTRY MprAdminAcceptNewConnectionEx(RAS_CONNECTION_EX *c) { return c != NULL; }
BOOL APIENTRY MprAdminAcceptNewLink(RAS_PORT_0 *p0, RAS_PORT_1 *p1) { return p0 && p1; }
VOID APIENTRY MprAdminLinkHangupNotification(RAS_PORT_0 *p0, RAS_PORT_1 *p1)
{
    (void)p0;
    (void)p1;
}
VOID APIENTRY MprAdminConnectionHangupNotification(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1)
{
    (void)c0;
    (void)c1;
}
VOID APIENTRY MprAdminConnectionHangupNotification2(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1, RAS_CONNECTION_2 *c2)
{
    (void)c0;
    (void)c1;
    (void)c2;
}
VOID APIENTRY MprAdminConnectionHangupNotification3(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1, RAS_CONNECTION_2 *c2,
                                                    RAS_CONNECTION_3 *c3)
{
    (void)c0;
    (void)c1;
    (void)c2;
    (void)c3;
}
VOID APIENTRY MprAdminConnectionHangupNotificationEx(RAS_CONNECTION_EX *c) { (void)c; }
DWORD APIENTRY MprAdminGetIpAddressForUser(WCHAR *user, WCHAR *port, DWORD *address, BOOL *notify_release)
{
    (void)user;
    (void)port;
    (void)address;
    *notify_release = FALSE;
    return NO_ERROR;
}
VOID APIENTRY MprAdminReleaseIpAddress(WCHAR *user, WCHAR *port, DWORD *address)
{
    (void)user;
    (void)port;
    (void)address;
}
DWORD APIENTRY MprAdminGetIpv6AddressForUser(WCHAR *user, WCHAR *port, IN6_ADDR *address, BOOL *notify_release)
{
    (void)user;
    (void)port;
    (void)address;
    *notify_release = FALSE;
    return NO_ERROR;
}
/* HDR-2: the SDK's signature, in every mode and include order. */
VOID MprAdminReleaseIpv6AddressForUser(WCHAR *user, WCHAR *port, IN6_ADDR *address)
{
    (void)user;
    (void)port;
    (void)address;
}
/* The table's form of it: APIENTRY (HDR-2; the same function on x64). */
static VOID APIENTRY table_release_ipv6(WCHAR *user, WCHAR *port, IN6_ADDR *address)
{
    MprAdminReleaseIpv6AddressForUser(user, port, address);
}
BOOL APIENTRY MprAdminAcceptReauthentication(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1, RAS_CONNECTION_2 *c2,
                                             RAS_CONNECTION_3 *c3)
{
    return c0 && c1 && c2 && c3;
}
BOOL APIENTRY MprAdminAcceptReauthenticationEx(RAS_CONNECTION_EX *c) { return c != NULL; }

/* Typed slots: a function of the wrong type does not compile (C++) or warns
 * into an error (C, -Werror=incompatible-pointer-types). */
DWORD APIENTRY MprAdminInitializeDllEx(PMPRAPI_ADMIN_DLL_CALLBACKS pAdminCallbacks)
{
    RASCONFORM_ADMIN_DLL_CALLBACKS *t = RASCONFORM_ADMIN_DLL_TABLE(pAdminCallbacks);
    t->revision = MPRAPI_ADMIN_DLL_VERSION_2;
    t->lpfnMprAdminGetIpAddressForUser = MprAdminGetIpAddressForUser;
    t->lpfnMprAdminReleaseIpAddress = MprAdminReleaseIpAddress;
    t->lpfnMprAdminGetIpv6AddressForUser = MprAdminGetIpv6AddressForUser;
    t->lpfnMprAdminReleaseIpV6AddressForUser = table_release_ipv6;
    t->lpfnRasAdminAcceptNewLink = MprAdminAcceptNewLink;
    t->lpfnRasAdminLinkHangupNotification = MprAdminLinkHangupNotification;
    t->lpfnRasAdminTerminateDll = MprAdminTerminateDll;
    t->lpfnRasAdminAcceptNewConnectionEx = MprAdminAcceptNewConnectionEx;
    t->lpfnRasAdminAcceptReauthenticationEx = MprAdminAcceptReauthenticationEx;
    t->lpfnRasAdminConnectionHangupNotificationEx = MprAdminConnectionHangupNotificationEx;
    return MprAdminInitializeDll();
}

#ifndef __cplusplus
/* Every structure's size and offsets against the spec's tables, in this same
 * translation unit and include order (one parse of <windows.h> per variant). */
#include "admin_header_layout.c"
#endif
