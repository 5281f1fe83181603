#include <cstdio>
#include <string>

#include "rasconform/backend.hpp"

namespace rasconform {

namespace {

#if defined(__i386__) && defined(_WIN32)
// x86: every callout is __stdcall (the callee pops its arguments) except the
// exported IPv6 release, which the SDK declares __cdecl (HDR-2, Q-28). A DLL
// built with the other convention leaves the stack pointer off after the
// call; so the arguments are pushed by hand, the stack pointer is measured
// across the call and then put back whatever the callee did: the mismatch
// becomes a finding instead of a corrupt frame. The frame pointer stays, so
// the unwinder (a C++ exception) finds this frame whatever the stack pointer.
__attribute__((noinline, optimize("no-omit-frame-pointer"))) std::uint32_t call_measured(
    void* fn, void* const* args, std::uint32_t count, std::int32_t& popped) {
    std::uint32_t value;
    std::uint32_t moved;
    std::uint32_t left = count;
    __asm__ volatile(
        "movl %%esp, %%esi\n\t"  // the stack as it was, to restore
        "andl $-16, %%esp\n\t"
        "testl %%ecx, %%ecx\n\t"
        "jz 2f\n"
        "1:\n\t"
        "pushl -4(%%edx,%%ecx,4)\n\t"  // last argument first
        "decl %%ecx\n\t"
        "jnz 1b\n"
        "2:\n\t"
        "movl %%esp, %%edi\n\t"  // where a __cdecl callee leaves the stack
        "call *%%ebx\n\t"
        "movl %%esp, %%edx\n\t"
        "subl %%edi, %%edx\n\t"  // bytes the callee popped
        "movl %%esi, %%esp\n\t"
        : "=a"(value), "=d"(moved), "+c"(left)
        : "b"(fn), "d"(args)
        : "esi", "edi", "memory", "cc");
    popped = static_cast<std::int32_t>(moved);
    return value;
}
#endif

}  // namespace

std::uint32_t invoke_callout(const CalloutInfo& c, void* fn, std::span<void* const> a, std::int32_t& stack_imbalance) {
    stack_imbalance = 0;
#if defined(__i386__) && defined(_WIN32)
    std::int32_t popped = 0;
    // Every parameter of every callout is a pointer: one stack slot each.
    const std::uint32_t value = call_measured(fn, a.data(), static_cast<std::uint32_t>(a.size()), popped);
    const std::int32_t expected =
        c.convention == CallingConvention::cdecl_ ? 0 : static_cast<std::int32_t>(4 * a.size());
    stack_imbalance = popped - expected;
    return c.returns == Returns::none ? 0 : value;
#else
    // One calling convention everywhere else; every parameter is a pointer,
    // so arity is all we need.
    const bool value = c.returns != Returns::none;
    using F0 = std::uint32_t (*)();
    using F1 = std::uint32_t (*)(void*);
    using F2 = std::uint32_t (*)(void*, void*);
    using F3 = std::uint32_t (*)(void*, void*, void*);
    using F4 = std::uint32_t (*)(void*, void*, void*, void*);
    std::uint32_t r = 0;
    switch (a.size()) {
    case 0: r = reinterpret_cast<F0>(fn)(); break;
    case 1: r = reinterpret_cast<F1>(fn)(a[0]); break;
    case 2: r = reinterpret_cast<F2>(fn)(a[0], a[1]); break;
    case 3: r = reinterpret_cast<F3>(fn)(a[0], a[1], a[2]); break;
    default: r = reinterpret_cast<F4>(fn)(a[0], a[1], a[2], a[3]); break;
    }
    return value ? r : 0;
#endif
}

std::uint32_t invoke_callout(const CalloutInfo& c, void* fn, std::span<void* const> a) {
    std::int32_t ignored = 0;
    return invoke_callout(c, fn, a, ignored);
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
