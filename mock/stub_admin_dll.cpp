#include "mock/stub_admin_dll.hpp"

#include <cstdint>

#include "rasconform/callouts.hpp"

namespace rasconform::mock {

#if defined(__i386__) && defined(_WIN32)
#define STUB_API __attribute__((stdcall))
#else
#define STUB_API
#endif

namespace {

// The stubs take the variant-1 pair, which every profile offers; their
// answers are the policy, read from a flag set before each call.
thread_local StubAdminDll::Policy current = StubAdminDll::Policy::accept_all;

std::uint32_t STUB_API stub_init() { return 0; }
std::uint32_t STUB_API stub_terminate() { return 0; }
std::int32_t STUB_API stub_accept(void*, void*) { return current != StubAdminDll::Policy::reject_connections; }
void STUB_API stub_hangup(void*, void*) {}
std::int32_t STUB_API stub_accept_link(void*, void*) { return current != StubAdminDll::Policy::refuse_links; }
void STUB_API stub_link_hangup(void*, void*) {}

std::string stub_name(StubAdminDll::Policy p) {
    switch (p) {
    case StubAdminDll::Policy::accept_all: return "stub-accept-all";
    case StubAdminDll::Policy::reject_connections: return "stub-reject-connections";
    case StubAdminDll::Policy::refuse_links: return "stub-refuse-links";
    case StubAdminDll::Policy::reject_every_other_connection: return "stub-reject-every-other-connection";
    case StubAdminDll::Policy::reject_every_other: return "stub-reject-every-other";
    }
    return "stub";
}

}  // namespace

StubAdminDll::StubAdminDll(Policy policy) : policy_(policy), name_(stub_name(policy)) {}

void* StubAdminDll::resolve(std::string_view export_name) const {
    auto c = find_callout(export_name);
    if (!c) return nullptr;
    switch (*c) {
    case Callout::InitializeDll: return reinterpret_cast<void*>(&stub_init);
    case Callout::TerminateDll: return reinterpret_cast<void*>(&stub_terminate);
    case Callout::AcceptNewConnection: return reinterpret_cast<void*>(&stub_accept);
    case Callout::ConnectionHangupNotification: return reinterpret_cast<void*>(&stub_hangup);
    case Callout::AcceptNewLink: return reinterpret_cast<void*>(&stub_accept_link);
    case Callout::LinkHangupNotification: return reinterpret_cast<void*>(&stub_link_hangup);
    default: return nullptr;
    }
}

CallOutcome StubAdminDll::call(const CalloutInfo& callout, void* fn, std::span<void* const> args) {
    current = policy_;
    CallOutcome out;
    const bool every_other = policy_ == Policy::reject_every_other || policy_ == Policy::reject_every_other_connection;
    if (every_other && callout.id == Callout::AcceptNewConnection) {
        out.value = connections_asked_++ % 2 == 0;
        return out;
    }
    if (policy_ == Policy::reject_every_other && callout.id == Callout::AcceptNewLink) {
        out.value = links_asked_++ % 2 == 0;
        return out;
    }
    out.value = invoke_callout(callout, fn, args);
    return out;
}

}  // namespace rasconform::mock
