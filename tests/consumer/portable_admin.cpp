// The vendor's admin DLL logic built for Linux: the callout names RRAS
// looks up, C linkage, pointers to the structures (unused here). The
// rasconform Server loads it with dlopen.
#include <cstdint>

extern "C" {
std::uint32_t MprAdminInitializeDll() { return 0; }
std::uint32_t MprAdminTerminateDll() { return 0; }
std::int32_t MprAdminAcceptNewConnection(void*, void*) { return 1; }
void MprAdminConnectionHangupNotification(void*, void*) {}
std::int32_t MprAdminAcceptNewLink(void*, void*) { return 1; }
void MprAdminLinkHangupNotification(void*, void*) {}
}
