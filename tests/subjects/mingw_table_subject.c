/* EX-3 / HDR trap: an admin DLL written against mingw-w64 10's <mprapi.h>,
 * whose MPRAPI_ADMIN_DLL_CALLBACKS has 11 slots: filling it in good faith puts
 * ReauthenticationEx and HangupNotificationEx one slot early in the table
 * RRAS (13 slots) reads. Everything else about the DLL is correct.
 * Built with SUBJECT_INIT_EX_RESULT=n its MprAdminInitializeDllEx fails with n
 * before filling anything (EX-5: RRAS does not start). */
#include <windows.h>
#include <mprapi.h>

BOOL APIENTRY MprAdminAcceptNewConnectionEx(RAS_CONNECTION_EX *c);
void APIENTRY MprAdminConnectionHangupNotificationEx(RAS_CONNECTION_EX *c);
BOOL APIENTRY MprAdminAcceptReauthenticationEx(RAS_CONNECTION_EX *c);

DWORD APIENTRY MprAdminTerminateDll(void) { return NO_ERROR; }
BOOL APIENTRY MprAdminAcceptNewConnectionEx(RAS_CONNECTION_EX *c) { (void)c; return TRUE; }
void APIENTRY MprAdminConnectionHangupNotificationEx(RAS_CONNECTION_EX *c) { (void)c; }
BOOL APIENTRY MprAdminAcceptReauthenticationEx(RAS_CONNECTION_EX *c) { (void)c; return TRUE; }
BOOL APIENTRY MprAdminAcceptNewLink(RAS_PORT_0 *p0, RAS_PORT_1 *p1) { (void)p0; (void)p1; return TRUE; }
void APIENTRY MprAdminLinkHangupNotification(RAS_PORT_0 *p0, RAS_PORT_1 *p1) { (void)p0; (void)p1; }

DWORD APIENTRY MprAdminInitializeDllEx(PMPRAPI_ADMIN_DLL_CALLBACKS table)
{
#ifdef SUBJECT_INIT_EX_RESULT
    (void)table;
    return SUBJECT_INIT_EX_RESULT;
#endif
    table->revision = 2;
    table->lpfnRasAdminAcceptNewLink = MprAdminAcceptNewLink;
    table->lpfnRasAdminLinkHangupNotification = MprAdminLinkHangupNotification;
    table->lpfnRasAdminTerminateDll = MprAdminTerminateDll;
    table->lpfnRasAdminAcceptNewConnectionEx = MprAdminAcceptNewConnectionEx;
    table->lpfnRasAdminAcceptReauthenticationEx = MprAdminAcceptReauthenticationEx;
    table->lpfnRasAdminConnectionHangupNotificationEx = MprAdminConnectionHangupNotificationEx;
    return NO_ERROR;
}
