// LOAD-8 bug: callouts exported with __declspec(dllexport) from C++ without
// extern "C" and without a .def file. On x86_64 the names come out C++-mangled
// (_Z21MprAdminAcceptNewLinkPvS_); on i686 they would also carry @N.
#include <windows.h>

#define EXPORT __declspec(dllexport)

EXPORT DWORD WINAPI MprAdminInitializeDll() { return 0; }
EXPORT DWORD WINAPI MprAdminTerminateDll() { return 0; }
EXPORT BOOL WINAPI MprAdminAcceptNewConnection(void*, void*) { return TRUE; }
EXPORT void WINAPI MprAdminConnectionHangupNotification(void*, void*) {}
EXPORT BOOL WINAPI MprAdminAcceptNewLink(void*, void*) { return TRUE; }
EXPORT void WINAPI MprAdminLinkHangupNotification(void*, void*) {}
