/* LOAD-8 bug (i686): __stdcall callouts exported with __declspec(dllexport)
 * and no .def file come out as MprAdminAcceptNewLink@8; RRAS looks up the
 * plain name and does not find it. */
#include <windows.h>

#define EXPORT __declspec(dllexport)

EXPORT DWORD WINAPI MprAdminInitializeDll(void) { return 0; }
EXPORT DWORD WINAPI MprAdminTerminateDll(void) { return 0; }
EXPORT BOOL WINAPI MprAdminAcceptNewConnection(void *c0, void *c1) { (void)c0; (void)c1; return TRUE; }
EXPORT void WINAPI MprAdminConnectionHangupNotification(void *c0, void *c1) { (void)c0; (void)c1; }
EXPORT BOOL WINAPI MprAdminAcceptNewLink(void *p0, void *p1) { (void)p0; (void)p1; return TRUE; }
EXPORT void WINAPI MprAdminLinkHangupNotification(void *p0, void *p1) { (void)p0; (void)p1; }
