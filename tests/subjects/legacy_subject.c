/*
 * An NT 4.0 admin DLL: only the RasAdmin* interface (spec 2.4, LEGACY-1).
 * Windows 2000 and later never call it (VERSION-2), so export.legacy-interface
 * must fail it. The bodies never run; the parameters are opaque here.
 */
#include <windows.h>

BOOL WINAPI RasAdminAcceptNewConnection(void *port1, void *statistics, void *parameters)
{
    (void)port1, (void)statistics, (void)parameters;
    return TRUE;
}

VOID WINAPI RasAdminConnectionHangupNotification(void *port1, void *statistics, void *parameters)
{
    (void)port1, (void)statistics, (void)parameters;
}

DWORD WINAPI RasAdminGetIpAddressForUser(WCHAR *user, WCHAR *port, DWORD *address, BOOL *notify_release)
{
    (void)user, (void)port, (void)address;
    *notify_release = FALSE;
    return NO_ERROR;
}

VOID WINAPI RasAdminReleaseIpAddress(WCHAR *user, WCHAR *port, DWORD *address)
{
    (void)user, (void)port, (void)address;
}
