/*
 * rasconform's replacement for mprapi.dll. A subject DLL that imports the
 * RAS administration API gets this module instead of the system one (it is
 * loaded first, and Windows and Wine bind an import to an already-loaded
 * module of the same name). Each function asks the host whether the calling
 * thread is inside a callout: there the call is a REENTRY-1 violation; outside
 * one it works against the mock's state (REENTRY-5 is how DLLs should do it).
 * Only the REENTRY-3 list is exported: a subject importing anything else from
 * mprapi.dll runs without the shim (the host checks the import table first).
 */
#include <windows.h>
#include <mprapi.h>

#include "mprapi_host.h"

static const rasconform_mprapi_host *host;

void WINAPI rasconform_mprapi_attach(const rasconform_mprapi_host *h)
{
    host = h && h->version == RASCONFORM_MPRAPI_HOST_VERSION ? h : NULL;
}

#define ENTER(name)                                    \
    do {                                               \
        if (!host)                                     \
            return ERROR_SERVICE_NOT_ACTIVE;           \
        DWORD refused_ = host->check(name);            \
        if (refused_)                                  \
            return refused_;                           \
    } while (0)

#define NOT_EMULATED(name) \
    do {                   \
        ENTER(name);       \
        return ERROR_CALL_NOT_IMPLEMENTED; \
    } while (0)

/* A server handle is only ever compared, never dereferenced. */
#define SERVER_HANDLE ((MPR_SERVER_HANDLE)(ULONG_PTR)0x5e5e0000)

DWORD WINAPI MprAdminServerConnect(LPWSTR server, MPR_SERVER_HANDLE *handle)
{
    (void)server;
    ENTER("MprAdminServerConnect");
    *handle = SERVER_HANDLE;
    return NO_ERROR;
}

VOID WINAPI MprAdminServerDisconnect(MPR_SERVER_HANDLE handle)
{
    (void)handle;
    if (host)
        host->check("MprAdminServerDisconnect");
}

WINBOOL WINAPI MprAdminIsServiceRunning(LPWSTR server)
{
    (void)server;
    if (!host || host->check("MprAdminIsServiceRunning"))
        return FALSE;
    return TRUE;
}

DWORD WINAPI MprAdminBufferFree(LPVOID buffer)
{
    ENTER("MprAdminBufferFree");
    return HeapFree(GetProcessHeap(), 0, buffer) ? NO_ERROR : ERROR_INVALID_PARAMETER;
}

DWORD WINAPI MprAdminGetErrorString(DWORD error, LPWSTR *text)
{
    (void)error;
    (void)text;
    NOT_EMULATED("MprAdminGetErrorString");
}

DWORD WINAPI MprAdminPortDisconnect(RAS_SERVER_HANDLE server, HANDLE port)
{
    (void)server;
    ENTER("MprAdminPortDisconnect");
    return host->port_disconnect(port);
}

DWORD WINAPI MprAdminConnectionEnum(RAS_SERVER_HANDLE server, DWORD level, LPBYTE *buffer, DWORD max_length,
                                    LPDWORD read, LPDWORD total, LPDWORD resume)
{
    (void)server;
    (void)max_length;
    (void)resume;
    ENTER("MprAdminConnectionEnum");
    if (level != 0)
        return ERROR_NOT_SUPPORTED;
    HANDLE handles[4096];
    DWORD all = 0;
    DWORD n = host->connection_handles(handles, sizeof handles / sizeof handles[0], &all);
    RAS_CONNECTION_0 *out = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, (n ? n : 1) * sizeof *out);
    if (!out)
        return ERROR_NOT_ENOUGH_MEMORY;
    for (DWORD i = 0; i < n; ++i) {
        out[i].hConnection = handles[i];
        out[i].dwConnectionFlags = RAS_FLAGS_PPP_CONNECTION;
    }
    *buffer = (LPBYTE)out;
    *read = n;
    *total = all;
    return NO_ERROR;
}

DWORD WINAPI MprAdminSendUserMessage(MPR_SERVER_HANDLE server, HANDLE connection, LPWSTR message)
{
    (void)server;
    ENTER("MprAdminSendUserMessage");
    host->user_message(connection, message);
    return NO_ERROR;
}

DWORD WINAPI MprAdminConnectionClearStats(RAS_SERVER_HANDLE s, HANDLE c) { (void)s; (void)c; NOT_EMULATED("MprAdminConnectionClearStats"); }
DWORD WINAPI MprAdminConnectionGetInfo(RAS_SERVER_HANDLE s, DWORD l, HANDLE c, LPBYTE *b) { (void)s; (void)l; (void)c; (void)b; NOT_EMULATED("MprAdminConnectionGetInfo"); }
DWORD APIENTRY MprAdminConnectionGetInfoEx(RAS_SERVER_HANDLE s, HANDLE c, PRAS_CONNECTION_EX p) { (void)s; (void)c; (void)p; NOT_EMULATED("MprAdminConnectionGetInfoEx"); }
DWORD APIENTRY MprAdminConnectionEnumEx(RAS_SERVER_HANDLE s, PMPRAPI_OBJECT_HEADER h, DWORD m, LPDWORD r, LPDWORD t, PRAS_CONNECTION_EX *p, LPDWORD x) { (void)s; (void)h; (void)m; (void)r; (void)t; (void)p; (void)x; NOT_EMULATED("MprAdminConnectionEnumEx"); }
DWORD WINAPI MprAdminConnectionRemoveQuarantine(HANDLE s, HANDLE c, WINBOOL ip) { (void)s; (void)c; (void)ip; NOT_EMULATED("MprAdminConnectionRemoveQuarantine"); }
DWORD WINAPI MprAdminPortClearStats(RAS_SERVER_HANDLE s, HANDLE p) { (void)s; (void)p; NOT_EMULATED("MprAdminPortClearStats"); }
DWORD WINAPI MprAdminPortEnum(RAS_SERVER_HANDLE s, DWORD l, HANDLE c, LPBYTE *b, DWORD m, LPDWORD r, LPDWORD t, LPDWORD x) { (void)s; (void)l; (void)c; (void)b; (void)m; (void)r; (void)t; (void)x; NOT_EMULATED("MprAdminPortEnum"); }
DWORD WINAPI MprAdminPortGetInfo(RAS_SERVER_HANDLE s, DWORD l, HANDLE p, LPBYTE *b) { (void)s; (void)l; (void)p; (void)b; NOT_EMULATED("MprAdminPortGetInfo"); }
DWORD WINAPI MprAdminPortReset(RAS_SERVER_HANDLE s, HANDLE p) { (void)s; (void)p; NOT_EMULATED("MprAdminPortReset"); }
DWORD WINAPI MprAdminGetPDCServer(const WCHAR *d, const WCHAR *s, LPWSTR p) { (void)d; (void)s; (void)p; NOT_EMULATED("MprAdminGetPDCServer"); }
DWORD WINAPI MprAdminUserGetInfo(const WCHAR *s, const WCHAR *u, DWORD l, LPBYTE b) { (void)s; (void)u; (void)l; (void)b; NOT_EMULATED("MprAdminUserGetInfo"); }
DWORD WINAPI MprAdminUserSetInfo(const WCHAR *s, const WCHAR *u, DWORD l, const LPBYTE b) { (void)s; (void)u; (void)l; (void)b; NOT_EMULATED("MprAdminUserSetInfo"); }
