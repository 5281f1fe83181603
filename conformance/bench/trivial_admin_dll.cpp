#include "conformance/bench/trivial_admin_dll.hpp"

#include <cstdint>

namespace rasconform::bench {
namespace {

// Native calling convention: the engine calls these through invoke_callout
// with the prototypes of the callout catalog, every parameter a pointer.
std::uint32_t initialize() { return 0; }
std::uint32_t terminate() { return 0; }
std::int32_t accept(void*, void*) { return 1; }
void hangup(void*, void*) {}
std::int32_t accept_link(void*, void*) { return 1; }
void link_hangup(void*, void*) {}
std::uint32_t get_ip(void*, void*, std::uint32_t* address, std::int32_t* notify_release) {
    if (*address == 0) *address = 0x0100090A;  // none offered (IPADDR-2): 10.9.0.1, network order
    *notify_release = 1;
    return 0;
}
void release_ip(void*, void*, std::uint32_t*) {}

}  // namespace

void* TrivialAdminDll::resolve(std::string_view export_name) const {
    auto c = find_callout(export_name);
    if (!c) return nullptr;
    switch (*c) {
    case Callout::InitializeDll: return reinterpret_cast<void*>(&initialize);
    case Callout::TerminateDll: return reinterpret_cast<void*>(&terminate);
    case Callout::AcceptNewConnection: return reinterpret_cast<void*>(&accept);
    case Callout::ConnectionHangupNotification: return reinterpret_cast<void*>(&hangup);
    case Callout::AcceptNewLink: return reinterpret_cast<void*>(&accept_link);
    case Callout::LinkHangupNotification: return reinterpret_cast<void*>(&link_hangup);
    case Callout::GetIpAddressForUser: return reinterpret_cast<void*>(&get_ip);
    case Callout::ReleaseIpAddress: return reinterpret_cast<void*>(&release_ip);
    default: return nullptr;
    }
}

CallOutcome TrivialAdminDll::call(const CalloutInfo& callout, void* fn, std::span<void* const> args) {
    CallOutcome out;
    out.value = invoke_callout(callout, fn, args);
    return out;
}

}  // namespace rasconform::bench
