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
    return NO_ERROR;
}
