/*
 * A DLL that fills the SDK's 13-slot table (RASCONFORM_ADMIN_DLL_CALLBACKS of
 * <rasconform/admin_dll.h>: mingw-w64's <mprapi.h> has an 11-slot one) from
 * MprAdminInitializeDllEx.
 * Without a macro it is correct; each macro plants one table mistake:
 *
 *   SUBJECT_TABLE_REVISION_1   fills the RAS_CONNECTION_EX callbacks but says
 *                              revision 1, which tells RRAS they are not
 *                              supported                                      (EX-2)
 *   SUBJECT_TABLE_HALF_LINK    puts AcceptNewLink in the table without
 *                              LinkHangupNotification (the page's "either"
 *                              is looser than the export model)               (EX-4)
 *   SUBJECT_TABLE_OTHER_LINK   the table's AcceptNewLink is another function
 *                              than the exported one: which one RRAS calls
 *                              is undocumented (a warning)                    (EX-7)
 *   SUBJECT_TABLE_CDECL_IPV6_RELEASE  fills the IPv6 pair, the release as the
 *                              exported form's __cdecl function cast to the
 *                              slot's APIENTRY type: on x86 RRAS calls it
 *                              __stdcall and its arguments stay on the stack  (HDR-2)
 */
#include <rasconform/admin_dll.h>

DWORD APIENTRY MprAdminTerminateDll(void) { return NO_ERROR; }
BOOL APIENTRY MprAdminAcceptNewConnectionEx(RAS_CONNECTION_EX *c) { (void)c; return TRUE; }
void APIENTRY MprAdminConnectionHangupNotificationEx(RAS_CONNECTION_EX *c) { (void)c; }
BOOL APIENTRY MprAdminAcceptNewLink(RAS_PORT_0 *p0, RAS_PORT_1 *p1) { (void)p0; (void)p1; return TRUE; }
void APIENTRY MprAdminLinkHangupNotification(RAS_PORT_0 *p0, RAS_PORT_1 *p1) { (void)p0; (void)p1; }

#ifdef SUBJECT_TABLE_OTHER_LINK
/* "The table version logs first" - a second implementation of the same role. */
static BOOL APIENTRY table_accept_new_link(RAS_PORT_0 *p0, RAS_PORT_1 *p1)
{
    OutputDebugStringW(L"link");
    return MprAdminAcceptNewLink(p0, p1);
}
#endif

#ifdef SUBJECT_TABLE_CDECL_IPV6_RELEASE
static DWORD APIENTRY table_get_ipv6(WCHAR *user, WCHAR *port, IN6_ADDR *address, BOOL *notify_release)
{
    (void)user;
    (void)port;
    ((BYTE *)address)[0] = 0xfd;
    ((BYTE *)address)[15] = 1;
    *notify_release = TRUE;
    return NO_ERROR;
}

/* Bug: "the release is __cdecl, the header says so" - true of the export,
 * not of the table slot (HDR-2). */
static void table_release_ipv6(WCHAR *user, WCHAR *port, IN6_ADDR *address)
{
    (void)user;
    (void)port;
    (void)address;
}
#endif

DWORD APIENTRY MprAdminInitializeDllEx(PMPRAPI_ADMIN_DLL_CALLBACKS table)
{
    RASCONFORM_ADMIN_DLL_CALLBACKS *t = RASCONFORM_ADMIN_DLL_TABLE(table);
#ifdef SUBJECT_TABLE_REVISION_1
    t->revision = MPRAPI_ADMIN_DLL_VERSION_1;
#else
    t->revision = MPRAPI_ADMIN_DLL_VERSION_2;
#endif
#ifdef SUBJECT_TABLE_OTHER_LINK
    t->lpfnRasAdminAcceptNewLink = table_accept_new_link;
#else
    t->lpfnRasAdminAcceptNewLink = MprAdminAcceptNewLink;
#endif
#ifndef SUBJECT_TABLE_HALF_LINK
    t->lpfnRasAdminLinkHangupNotification = MprAdminLinkHangupNotification;
#endif
    t->lpfnRasAdminTerminateDll = MprAdminTerminateDll;
    t->lpfnRasAdminAcceptNewConnectionEx = MprAdminAcceptNewConnectionEx;
    t->lpfnRasAdminConnectionHangupNotificationEx = MprAdminConnectionHangupNotificationEx;
#ifdef SUBJECT_TABLE_CDECL_IPV6_RELEASE
    t->lpfnMprAdminGetIpv6AddressForUser = table_get_ipv6;
    t->lpfnMprAdminReleaseIpV6AddressForUser = (PMPRADMINRELEASEIPV6ADDRESSFORUSER)(void (*)(void))table_release_ipv6;
#endif
    return NO_ERROR;
}
