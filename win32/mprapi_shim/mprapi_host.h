/*
 * The contract between rasconform's replacement mprapi.dll (mprapi_shim.c)
 * and the process that hosts the mock RRAS (win32/reentry_monitor.cpp).
 * Plain C, so the shim stays a small C DLL.
 */
#ifndef RASCONFORM_MPRAPI_HOST_H
#define RASCONFORM_MPRAPI_HOST_H

#include <windows.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RASCONFORM_MPRAPI_HOST_VERSION 1

typedef struct rasconform_mprapi_host {
    unsigned version;
    /* 0 when the calling thread is not inside a callout. Inside one, records
     * the REENTRY-1 violation for `function` and returns the error the call
     * fails with - or never returns (faithful mode, REENTRY-4). */
    DWORD (*check)(const char *function);
    /* The RAS administration functions, against the mock's state. */
    DWORD (*port_disconnect)(HANDLE port);
    DWORD (*connection_handles)(HANDLE *out, DWORD max, DWORD *total);
    void (*user_message)(HANDLE connection, const WCHAR *message);
} rasconform_mprapi_host;

/* Exported by the shim; the host calls it once after loading the shim. */
typedef void(WINAPI *rasconform_mprapi_attach_fn)(const rasconform_mprapi_host *host);

#ifdef __cplusplus
}
#endif

#endif
