/*
 * Known-bad native subject: a planted use-after-free. The DLL keeps a heap
 * record per connection and, on hang-up, frees the record before it reads
 * the link count for its statistics. On Windows such a read usually goes
 * unnoticed (the freed block is still mapped); the ASan setup of
 * tests/native must report it as heap-use-after-free in
 * MprAdminConnectionHangupNotification.
 */
#include <rasconform/admin_dll.h>
#include <pthread.h>
#include <stdlib.h>

typedef struct record {
    HANDLE connection;
    long links;
    struct record *next;
} record;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static record *records;
static long links_at_hangup;

static record **find(HANDLE connection)
{
    record **r = &records;
    while (*r && (*r)->connection != connection)
        r = &(*r)->next;
    return r;
}

DWORD APIENTRY MprAdminInitializeDll(void) { return NO_ERROR; }

DWORD APIENTRY MprAdminTerminateDll(void)
{
    pthread_mutex_lock(&lock);
    while (records) {
        record *r = records;
        records = r->next;
        free(r);
    }
    pthread_mutex_unlock(&lock);
    return NO_ERROR;
}

BOOL APIENTRY MprAdminAcceptNewConnection(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1)
{
    (void)c1;
    record *r = calloc(1, sizeof *r);
    if (!r)
        return FALSE;
    r->connection = c0->hConnection;
    pthread_mutex_lock(&lock);
    r->next = records;
    records = r;
    pthread_mutex_unlock(&lock);
    return TRUE;
}

VOID APIENTRY MprAdminConnectionHangupNotification(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1)
{
    (void)c1;
    pthread_mutex_lock(&lock);
    record **slot = find(c0->hConnection);
    record *r = *slot;
    if (r) {
        *slot = r->next;
        free(r);
        links_at_hangup += r->links; /* the bug: read after free */
    }
    pthread_mutex_unlock(&lock);
}

BOOL APIENTRY MprAdminAcceptNewLink(RAS_PORT_0 *p0, RAS_PORT_1 *p1)
{
    (void)p1;
    pthread_mutex_lock(&lock);
    record *r = *find(p0->hConnection);
    if (r)
        ++r->links;
    pthread_mutex_unlock(&lock);
    return TRUE;
}

VOID APIENTRY MprAdminLinkHangupNotification(RAS_PORT_0 *p0, RAS_PORT_1 *p1)
{
    (void)p1;
    pthread_mutex_lock(&lock);
    record *r = *find(p0->hConnection);
    if (r && r->links > 0)
        --r->links;
    pthread_mutex_unlock(&lock);
}
