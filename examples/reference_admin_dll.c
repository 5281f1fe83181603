/*
 * A reference RAS administration DLL: implements every callout of the
 * MprAdmin* contract the way the rasconform suite expects, and is what
 * `ci/demo` certifies. Start your own DLL from here.
 *
 * What it does (a small, real policy):
 *   - admits every user except one literally named "blocked" (rejecting is
 *     allowed; the suite never treats policy as a bug);
 *   - keeps one record per connection handle and counts its links;
 *   - hands out IPv4 addresses from 10.20.0.0/16 when RRAS offers none, and
 *     IPv6 interface identifiers when RRAS offers none.
 *
 * How it stays conformant:
 *   - exports go through reference_admin_dll.def, so names are undecorated
 *     on i686 too (LOAD-8);
 *   - every structure and string it receives is read, never written, and
 *     never kept after the call (ACCEPT-5, STRUCT-18);
 *   - a hang-up for a connection or link it never accepted is expected and
 *     harmless (HANGUP-4, LINK-4);
 *   - one lock guards the records, because callouts of different groups can
 *     run at the same time on different threads (SERIAL-4, SERIAL-7);
 *   - it calls no RAS administration function from a callout (REENTRY-1);
 *   - it starts no thread, timer or thread-pool work, so nothing of it can
 *     run once Terminate has returned and RRAS has unloaded it; a DLL that
 *     does must stop and wait for all of it in MprAdminTerminateDll
 *     (ROBUST-3);
 *   - its records live in a fixed table, reused once a connection is hung
 *     up: memory and handles do not grow with connections (ROBUST-4).
 *
 * Built two ways from this one file, against <rasconform/admin_dll.h>
 * (issue 9), which brings <windows.h> and <mprapi.h> on Windows and supplies
 * what mingw-w64's <mprapi.h> lacks or gets wrong (the Ex prototypes, the
 * 13-slot callback table, HDR-2's IPv6 release):
 *   - for Windows with MinGW: the DLL RRAS loads;
 *   - for Linux as a shared object, where the same header is the whole
 *     contract with the Windows sizes (native mode, issue 8):
 *     `rasconform check reference_admin_dll.so` runs the suite on the same
 *     logic in-process, under ASan/UBSan or TSan when rasconform is built
 *     with them. Only the platform layer below differs: the lock.
 */
#include <rasconform/admin_dll.h>
#ifndef _WIN32
#include <pthread.h>
#endif
#include <string.h>

/* ---- platform layer ---- */
#ifdef _WIN32
typedef SRWLOCK example_lock;
#define EXAMPLE_LOCK_INIT SRWLOCK_INIT
static void lock_records(example_lock *l) { AcquireSRWLockExclusive(l); }
static void unlock_records(example_lock *l) { ReleaseSRWLockExclusive(l); }
#else
typedef pthread_mutex_t example_lock;
#define EXAMPLE_LOCK_INIT PTHREAD_MUTEX_INITIALIZER
static void lock_records(example_lock *l) { pthread_mutex_lock(l); }
static void unlock_records(example_lock *l) { pthread_mutex_unlock(l); }
#endif

static int wide_equal(const WCHAR *a, const WCHAR *b)
{
    while (*a && *a == *b) {
        ++a;
        ++b;
    }
    return *a == *b;
}

#define MAX_CONNECTIONS 1024

typedef struct {
    HANDLE connection;
    LONG links;
} connection_record;

static example_lock lock = EXAMPLE_LOCK_INIT;
static connection_record records[MAX_CONNECTIONS];
static DWORD next_host = 1;

static connection_record *find_record(HANDLE connection)
{
    for (int i = 0; i < MAX_CONNECTIONS; ++i)
        if (records[i].connection == connection)
            return &records[i];
    return NULL;
}

static BOOL admit(HANDLE connection, const WCHAR *user)
{
    static const WCHAR blocked[] = {'b', 'l', 'o', 'c', 'k', 'e', 'd', 0};
    if (wide_equal(user, blocked))
        return FALSE;
    lock_records(&lock);
    connection_record *r = find_record(connection);
    if (!r)
        r = find_record(NULL);
    if (r) {
        r->connection = connection;
        r->links = 0;
    }
    unlock_records(&lock);
    return r != NULL; /* full table: refuse rather than lose track */
}

static void forget(HANDLE connection)
{
    lock_records(&lock);
    connection_record *r = find_record(connection);
    if (r) /* absent when the connection was rejected: HANGUP-4 */
        memset(r, 0, sizeof *r);
    unlock_records(&lock);
}

DWORD APIENTRY MprAdminInitializeDll(void)
{
    lock_records(&lock);
    memset(records, 0, sizeof records);
    next_host = 1;
    unlock_records(&lock);
    return NO_ERROR;
}

DWORD APIENTRY MprAdminTerminateDll(void)
{
    lock_records(&lock);
    memset(records, 0, sizeof records);
    unlock_records(&lock);
    return NO_ERROR;
}

BOOL APIENTRY MprAdminAcceptNewConnection(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1)
{
    (void)c1;
    return admit(c0->hConnection, c0->wszUserName);
}

BOOL APIENTRY MprAdminAcceptNewConnection2(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1, RAS_CONNECTION_2 *c2)
{
    (void)c1;
    (void)c2;
    return admit(c0->hConnection, c0->wszUserName);
}

BOOL APIENTRY MprAdminAcceptNewConnection3(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1, RAS_CONNECTION_2 *c2,
                                           RAS_CONNECTION_3 *c3)
{
    (void)c1;
    (void)c2;
    (void)c3;
    return admit(c0->hConnection, c0->wszUserName);
}

BOOL APIENTRY MprAdminAcceptNewConnectionEx(RAS_CONNECTION_EX *c)
{
    /* STRUCT-2: trust the object only when its header says what it is. */
    if (c->Header.type != MPRAPI_OBJECT_TYPE_RAS_CONNECTION_OBJECT || c->Header.size < sizeof *c)
        return FALSE;
    return admit(c->hConnection, c->wszUserName);
}

void APIENTRY MprAdminConnectionHangupNotification(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1)
{
    (void)c1;
    forget(c0->hConnection);
}

void APIENTRY MprAdminConnectionHangupNotification2(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1,
                                                    RAS_CONNECTION_2 *c2)
{
    (void)c1;
    (void)c2;
    forget(c0->hConnection);
}

void APIENTRY MprAdminConnectionHangupNotification3(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1,
                                                    RAS_CONNECTION_2 *c2, RAS_CONNECTION_3 *c3)
{
    (void)c1;
    (void)c2;
    (void)c3;
    forget(c0->hConnection);
}

void APIENTRY MprAdminConnectionHangupNotificationEx(RAS_CONNECTION_EX *c)
{
    forget(c->hConnection);
}

BOOL APIENTRY MprAdminAcceptNewLink(RAS_PORT_0 *p0, RAS_PORT_1 *p1)
{
    (void)p1;
    lock_records(&lock);
    connection_record *r = find_record(p0->hConnection);
    if (r)
        ++r->links;
    unlock_records(&lock);
    return TRUE;
}

void APIENTRY MprAdminLinkHangupNotification(RAS_PORT_0 *p0, RAS_PORT_1 *p1)
{
    (void)p1;
    lock_records(&lock);
    connection_record *r = find_record(p0->hConnection);
    if (r && r->links > 0) /* a refused or unknown link is no error: LINK-4 */
        --r->links;
    unlock_records(&lock);
}

DWORD APIENTRY MprAdminGetIpAddressForUser(WCHAR *user, WCHAR *port, DWORD *address, BOOL *notify_release)
{
    (void)user;
    (void)port;
    if (*address == 0) {
        /* IPADDR-2: RRAS offered nothing, so we must choose. IPADDR-13:
         * network byte order, 10.20.h.l with 10 in the lowest byte. */
        lock_records(&lock);
        DWORD host = next_host++ % 65534 + 1;
        unlock_records(&lock);
        BYTE *b = (BYTE *)address;
        b[0] = 10;
        b[1] = 20;
        b[2] = (BYTE)(host >> 8);
        b[3] = (BYTE)host;
    }
    *notify_release = TRUE; /* IPADDR-3: always written */
    return NO_ERROR;
}

void APIENTRY MprAdminReleaseIpAddress(WCHAR *user, WCHAR *port, DWORD *address)
{
    (void)user;
    (void)port;
    (void)address; /* the pool is a counter; nothing to give back */
}

DWORD APIENTRY MprAdminGetIpv6AddressForUser(WCHAR *user, WCHAR *port, IN6_ADDR *address, BOOL *notify_release)
{
    (void)user;
    (void)port;
    static const BYTE zero[16];
    if (memcmp(address, zero, sizeof zero) == 0) {
        /* IPV6-2: only the 64-bit interface identifier is ours to pick. */
        BYTE *b = (BYTE *)address;
        static const BYTE prefix[8] = {0xfd, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01};
        memcpy(b, prefix, sizeof prefix);
        lock_records(&lock);
        DWORD host = next_host++;
        unlock_records(&lock);
        b[8] = 0x02;
        b[12] = (BYTE)(host >> 24);
        b[13] = (BYTE)(host >> 16);
        b[14] = (BYTE)(host >> 8);
        b[15] = (BYTE)host;
    }
    *notify_release = TRUE;
    return NO_ERROR;
}

/* HDR-2: VOID and without APIENTRY (so __cdecl on i686), as the SDK declares
 * it; <rasconform/admin_dll.h> makes this definition compile beside
 * mingw-w64's wrong declaration. */
VOID MprAdminReleaseIpv6AddressForUser(WCHAR *user, WCHAR *port, IN6_ADDR *address)
{
    (void)user;
    (void)port;
    (void)address;
}

/* Table slots use the APIENTRY form (HDR-2): on i686 the exported release is
 * __cdecl, the table one __stdcall, so each gets its own function. */
static void APIENTRY table_release_ipv6(WCHAR *user, WCHAR *port, IN6_ADDR *address)
{
    MprAdminReleaseIpv6AddressForUser(user, port, address);
}

BOOL APIENTRY MprAdminAcceptReauthentication(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1, RAS_CONNECTION_2 *c2,
                                             RAS_CONNECTION_3 *c3)
{
    (void)c0;
    (void)c1;
    (void)c2;
    /* REAUTH-1: stay connected in any NAP state; a real product might refuse quarantine. */
    return c3->rasQuarState <= RAS_QUAR_STATE_NOT_CAPABLE;
}

BOOL APIENTRY MprAdminAcceptReauthenticationEx(RAS_CONNECTION_EX *c)
{
    return c->rasQuarState <= RAS_QUAR_STATE_NOT_CAPABLE;
}

DWORD APIENTRY MprAdminInitializeDllEx(PMPRAPI_ADMIN_DLL_CALLBACKS table)
{
    /* EX-6: RRAS hands over a zeroed table; we fill the revision and every
     * slot we implement (EX-3: pairs complete). Revision 2 enables the
     * RAS_CONNECTION_EX callouts (EX-2). */
    RASCONFORM_ADMIN_DLL_CALLBACKS *t = RASCONFORM_ADMIN_DLL_TABLE(table);
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
