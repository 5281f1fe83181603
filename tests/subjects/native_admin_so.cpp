// A correct admin DLL compiled for Linux against rasconform/abi.hpp, for the
// shared-object backend: same callout names, same structures, Linux ABI.
// NATIVE_SUBJECT_THROW makes a second link throw (ROBUST-1), as bad_throws.dll.
#include <cstdint>
#include <mutex>
#include <set>
#include <stdexcept>

#include "rasconform/abi.hpp"

using namespace rasconform::winabi;
using Conn0 = host::RAS_CONNECTION_0;
using Conn1 = host::RAS_CONNECTION_1;
using Port0 = host::RAS_PORT_0;
using Port1 = host::RAS_PORT_1;

namespace {
std::mutex lock;
std::set<std::uint64_t> connections;
std::set<std::uint64_t> links;
}  // namespace

extern "C" {

std::uint32_t MprAdminInitializeDll() { return 0; }
std::uint32_t MprAdminTerminateDll() {
    std::lock_guard g(lock);
    connections.clear();
    links.clear();
    return 0;
}
std::int32_t MprAdminAcceptNewConnection(Conn0* c0, Conn1*) {
    std::lock_guard g(lock);
    connections.insert(c0->hConnection);
    return 1;
}
void MprAdminConnectionHangupNotification(Conn0* c0, Conn1*) {
    std::lock_guard g(lock);
    connections.erase(c0->hConnection);  // absent after a rejection: HANGUP-4
}
std::int32_t MprAdminAcceptNewLink(Port0* p0, Port1*) {
    std::lock_guard g(lock);
#ifdef NATIVE_SUBJECT_THROW
    if (!links.empty()) throw std::runtime_error("second link not supported");
#endif
    links.insert(p0->hPort);
    return 1;
}
void MprAdminLinkHangupNotification(Port0* p0, Port1*) {
    std::lock_guard g(lock);
    links.erase(p0->hPort);
}
}
