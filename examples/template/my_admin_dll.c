/*
 * my_admin_dll.c - a minimal RRAS administration DLL that passes
 * `rasconform check`. Rename it, put your policy where the comments say, and
 * keep the rules next to each callout.
 *
 * <rasconform/admin_dll.h> comes first: on Windows it includes <windows.h>
 * and <mprapi.h> itself, and adds what mingw-w64's <mprapi.h> lacks (the Ex
 * prototypes, RAS_CONNECTION_4, the 13-slot callback table) or gets wrong
 * (MprAdminReleaseIpv6AddressForUser, HDR-2).
 *
 * What makes it conformant:
 *   - my_admin_dll.def exports every callout under its plain name, on i686
 *     too (LOAD-8), and the pairs are complete: the link pair, the
 *     RAS_CONNECTION_2 connection pair, the RAS_CONNECTION_EX pair, and
 *     the reauthentication callout one documentation page requires
 *     (EXPORT-1..3);
 *   - it keeps no state, so callouts arriving together on different threads
 *     cannot race (SERIAL-4) and nothing outlives MprAdminTerminateDll
 *     (ROBUST-3); once you keep records, guard them with a lock;
 *   - it reads what RRAS passes, never writes it, never keeps a pointer to it
 *     after returning (ACCEPT-5, STRUCT-18);
 *   - a hang-up for a connection or link it refused is harmless (HANGUP-4,
 *     LINK-4);
 *   - no RAS administration function is called from a callout (REENTRY-1).
 */
#include <rasconform/admin_dll.h>

DWORD APIENTRY MprAdminInitializeDll(VOID)
{
    /* Allocate what the DLL needs here; anything but NO_ERROR stops RRAS. */
    return NO_ERROR;
}

DWORD APIENTRY MprAdminTerminateDll(VOID)
{
    /* Stop and wait for every thread or timer you started (ROBUST-3). */
    return NO_ERROR;
}

/* Your admission policy: TRUE admits. Refusing is allowed; the suite never
 * treats policy as a bug. */
static BOOL admit(const WCHAR *user_name)
{
    return user_name != NULL;
}

BOOL APIENTRY MprAdminAcceptNewConnection2(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1, RAS_CONNECTION_2 *c2)
{
    (void)c1;
    (void)c2;
    return admit(c0->wszUserName);
}

VOID APIENTRY MprAdminConnectionHangupNotification2(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1,
                                                    RAS_CONNECTION_2 *c2)
{
    (void)c0;
    (void)c1;
    (void)c2;
}

BOOL APIENTRY MprAdminAcceptNewConnectionEx(RAS_CONNECTION_EX *c)
{
    /* STRUCT-2: trust the object only when its header says what it is. */
    if (c->Header.type != MPRAPI_OBJECT_TYPE_RAS_CONNECTION_OBJECT || c->Header.size < sizeof *c)
        return FALSE;
    return admit(c->wszUserName);
}

VOID APIENTRY MprAdminConnectionHangupNotificationEx(RAS_CONNECTION_EX *c)
{
    (void)c;
}

/* REAUTH-1: the client's NAP quarantine state changed; TRUE keeps it
 * connected under the new state. */
BOOL APIENTRY MprAdminAcceptReauthenticationEx(RAS_CONNECTION_EX *c)
{
    if (c->Header.type != MPRAPI_OBJECT_TYPE_RAS_CONNECTION_OBJECT || c->Header.size < sizeof *c)
        return FALSE;
    return admit(c->wszUserName);
}

BOOL APIENTRY MprAdminAcceptNewLink(RAS_PORT_0 *p0, RAS_PORT_1 *p1)
{
    (void)p0;
    (void)p1;
    return TRUE;
}

VOID APIENTRY MprAdminLinkHangupNotification(RAS_PORT_0 *p0, RAS_PORT_1 *p1)
{
    (void)p0;
    (void)p1;
}
