/*
 * Known-bad native subject: a planted data race (SERIAL-4). RRAS may run
 * MprAdminAcceptNewLink for one client while MprAdminConnectionHangupNotification
 * runs for another; this DLL counts live links in a plain global that both
 * touch without a lock. Its answers are always right, so only a race
 * detector finds it: the TSan setup of tests/native must report it on
 * serial.overlapping-callouts.
 */
#include <rasconform/admin_dll.h>

static long live_links; /* the bug: shared by two callout groups, no lock */

DWORD APIENTRY MprAdminInitializeDll(void) { return NO_ERROR; }
DWORD APIENTRY MprAdminTerminateDll(void) { return NO_ERROR; }

BOOL APIENTRY MprAdminAcceptNewConnection(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1)
{
    (void)c0;
    (void)c1;
    return TRUE;
}

VOID APIENTRY MprAdminConnectionHangupNotification(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1)
{
    (void)c0;
    (void)c1;
    if (live_links > 0)
        live_links = 0; /* "the connection took its links with it" */
}

BOOL APIENTRY MprAdminAcceptNewLink(RAS_PORT_0 *p0, RAS_PORT_1 *p1)
{
    (void)p0;
    (void)p1;
    ++live_links;
    return TRUE;
}

VOID APIENTRY MprAdminLinkHangupNotification(RAS_PORT_0 *p0, RAS_PORT_1 *p1)
{
    (void)p0;
    (void)p1;
}
