#include <cstdio>
#include <string>

#include "rasconform/backend.hpp"

namespace rasconform {

// On x64 (and any non-x86 target) there is one calling convention, so the
// attribute expands to nothing. On 32-bit Windows every callout is __stdcall
// except the exported IPv6 release, which the SDK declares __cdecl (HDR-2).
#if defined(__i386__) && defined(_WIN32)
#define RASCONFORM_STDCALL __attribute__((stdcall))
#else
#define RASCONFORM_STDCALL
#endif

namespace {

template <class... A>
std::uint32_t call_stdcall(void* fn, bool returns_value, A... a) {
    using F = std::uint32_t(RASCONFORM_STDCALL*)(A...);
    using V = void(RASCONFORM_STDCALL*)(A...);
    if (!returns_value) {
        reinterpret_cast<V>(fn)(a...);
        return 0;
    }
    return reinterpret_cast<F>(fn)(a...);
}

template <class... A>
std::uint32_t call_cdecl(void* fn, bool returns_value, A... a) {
    using F = std::uint32_t (*)(A...);
    using V = void (*)(A...);
    if (!returns_value) {
        reinterpret_cast<V>(fn)(a...);
        return 0;
    }
    return reinterpret_cast<F>(fn)(a...);
}

}  // namespace

std::uint32_t invoke_callout(const CalloutInfo& c, void* fn, std::span<void* const> a) {
    const bool value = c.returns != Returns::none;
    const bool cdecl_call = c.convention == CallingConvention::cdecl_;
    // Every parameter of every callout is a pointer, so arity is all we need.
    switch (a.size()) {
    case 0: return cdecl_call ? call_cdecl(fn, value) : call_stdcall(fn, value);
    case 1: return cdecl_call ? call_cdecl(fn, value, a[0]) : call_stdcall(fn, value, a[0]);
    case 2: return cdecl_call ? call_cdecl(fn, value, a[0], a[1]) : call_stdcall(fn, value, a[0], a[1]);
    case 3:
        return cdecl_call ? call_cdecl(fn, value, a[0], a[1], a[2]) : call_stdcall(fn, value, a[0], a[1], a[2]);
    default:
        return cdecl_call ? call_cdecl(fn, value, a[0], a[1], a[2], a[3])
                          : call_stdcall(fn, value, a[0], a[1], a[2], a[3]);
    }
}

std::string_view to_string(CallOutcome::Kind k) {
    switch (k) {
    case CallOutcome::Kind::returned: return "returned";
    case CallOutcome::Kind::fault: return "fault";
    case CallOutcome::Kind::cxx_exception: return "c++ exception";
    case CallOutcome::Kind::timeout: return "timeout";
    case CallOutcome::Kind::not_called: return "not called";
    case CallOutcome::Kind::process_ended: return "process ended";
    }
    return "?";
}

namespace {
std::string_view code_name(std::uint32_t code) {
    switch (code) {
    case 0xC0000005: return "access violation";
    case 0xC0000094: return "integer divide by zero";
    case 0xC00000FD: return "stack overflow";
    case 0xC000001D: return "illegal instruction";
    case 0xC0000096: return "privileged instruction";
    case 0x80000003: return "breakpoint";
    case 0xC0000409: return "stack buffer overrun";
    case 0x20474343: return "C++ exception";
    default: return "exception";
    }
}
}  // namespace

std::string describe(const CallOutcome& o) {
    if (o.returned()) return "returned " + std::to_string(o.value);
    if (o.kind == CallOutcome::Kind::timeout || o.kind == CallOutcome::Kind::not_called ||
        o.kind == CallOutcome::Kind::process_ended || (o.kind == CallOutcome::Kind::fault && !o.exception_code))
        return o.detail;
    char code[16];
    std::snprintf(code, sizeof code, "0x%08X", o.exception_code);
    std::string s = o.kind == CallOutcome::Kind::cxx_exception ? std::string("C++ exception")
                                                                : std::string(code_name(o.exception_code));
    if (o.exception_code) s += std::string(" (") + code + ")";
    if (!o.where.empty()) {
        s += " at " + o.where;
    } else if (o.fault_address) {
        char addr[24];
        std::snprintf(addr, sizeof addr, "0x%llx", static_cast<unsigned long long>(o.fault_address));
        s += std::string(" at ") + addr;
    }
    if (!o.detail.empty()) s += ": " + o.detail;
    return s;
}

}  // namespace rasconform
