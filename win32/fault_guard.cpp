// Fault containment on the calling thread. Boost.Test's monitor and clang's
// __try do not work with MinGW under Wine (toolchain.md section 7); what does
// is a vectored exception handler that jumps back to a __builtin_setjmp point
// taken just before the call.
//
// The same handler serves the guarded argument pages (guarded_arguments.hpp):
// a write to a read-only [in] argument is recorded and the callout goes on
// (ACCEPT-5); an access to the arguments of a finished call is a kept
// pointer (ROBUST-5), contained like any fault inside a callout and, on a
// thread of the DLL outside any callout, left in the flight recorder before
// the process dies.
#include "win32/fault_reporting.hpp"
#include "win32/flight_recorder.hpp"
#include "win32/guarded_arguments.hpp"
#include "win32/unload_watch.hpp"
#include "win32/system_modules.hpp"
#include "win32/win32_admin_dll.hpp"

#include <windows.h>
// <excpt.h> defines exception_code as a macro; CallOutcome has a member of that name.
#undef exception_code

#include <cstdio>
#include <cstring>
#include <exception>

namespace rasconform::win32 {
namespace {

struct Guard {
    void* jump[5];  // __builtin_setjmp buffer
    bool active = false;
    DWORD code = 0;
    void* address = nullptr;
    void* origin = nullptr;  // first frame outside the system DLLs, when the fault is inside them
    char detail[512] = {};  // what a kept-pointer fault touched (ROBUST-5)
};
thread_local Guard guard;
thread_local const CalloutInfo* in_progress = nullptr;

// Exceptions that are not faults: C++ throws (unwound by catch below),
// debug-output and thread-naming notifications.
bool passes_through(DWORD code) {
    return code == 0x20474343 || code == 0x40010006 || code == 0x4001000A || code == 0x406D1388;
}

// Walks up from the fault with the unwind tables until the first frame
// outside the system DLLs: the caller of RaiseException, say.
void* first_frame_outside_system(const CONTEXT& fault) {
#ifdef _WIN64
    CONTEXT c = fault;
    for (int depth = 0; depth < 32 && c.Rip; ++depth) {
        if (!in_system_dll(reinterpret_cast<void*>(c.Rip))) return reinterpret_cast<void*>(c.Rip);
        DWORD64 base = 0;
        PRUNTIME_FUNCTION f = RtlLookupFunctionEntry(c.Rip, &base, nullptr);
        if (!f) {  // a leaf function: the return address is on top of the stack
            c.Rip = *reinterpret_cast<DWORD64*>(c.Rsp);
            c.Rsp += 8;
            continue;
        }
        void* handler_data = nullptr;
        DWORD64 frame = 0;
        RtlVirtualUnwind(UNW_FLAG_NHANDLER, base, c.Rip, f, &c, &handler_data, &frame, nullptr);
    }
#else
    (void)fault;  // x86 has no unwind tables to walk; the raw address stands
#endif
    return nullptr;
}

LONG CALLBACK on_exception(EXCEPTION_POINTERS* info) {
    // ROBUST-3: code of an unloaded DLL ran (its thread, its timer); the
    // finding waits for the unload watch, the call returns or the thread ends.
    if (recover_from_unloaded_image(info)) return EXCEPTION_CONTINUE_EXECUTION;
    const EXCEPTION_RECORD* record = info->ExceptionRecord;
    DWORD code = record->ExceptionCode;
    if (code == EXCEPTION_ACCESS_VIOLATION && record->NumberParameters >= 2) {
        const bool write = record->ExceptionInformation[0] == 1;
        const auto target = static_cast<std::uintptr_t>(record->ExceptionInformation[1]);
        if (absorb_input_write(target, write)) return EXCEPTION_CONTINUE_EXECUTION;
        char detail[sizeof guard.detail];
        if (describe_retired_access(target, write, detail, sizeof detail)) {
            if (!guard.active) {
                // Not inside a callout (a thread of the DLL): nothing to jump
                // back to, the process dies; the parent reads why.
                note_finding(detail);
                return EXCEPTION_CONTINUE_SEARCH;
            }
            std::memcpy(guard.detail, detail, sizeof detail);
        }
    }
    Guard& g = guard;
    if (!g.active || passes_through(code)) return EXCEPTION_CONTINUE_SEARCH;
    g.active = false;
    g.code = code;
    g.address = info->ExceptionRecord->ExceptionAddress;
    // Not after a stack overflow: the handler runs on what is left of the stack.
    g.origin = code != EXCEPTION_STACK_OVERFLOW && in_system_dll(g.address)
                   ? first_frame_outside_system(*info->ContextRecord)
                   : nullptr;
    __builtin_longjmp(g.jump, 1);
}

LPTOP_LEVEL_EXCEPTION_FILTER previous_filter = nullptr;

// The last chance of an exception nothing handled, on the thread that
// raised it - outside any callout, since callouts are guarded. When the
// faulting code (or, inside a system DLL, its first caller outside them)
// belongs to a loaded DLL other than this program, the DLL's own code was
// running: a thread it started, or a timer. The parent reads the finding
// and fails the DLL for it; with no finding it cannot tell, and does not.
LONG WINAPI on_unhandled(EXCEPTION_POINTERS* info) {
    void* at = info->ExceptionRecord->ExceptionAddress;
    if (in_system_dll(at) && info->ExceptionRecord->ExceptionCode != EXCEPTION_STACK_OVERFLOW)
        if (void* caller = first_frame_outside_system(*info->ContextRecord)) at = caller;
    HMODULE module = nullptr;
    if (at && !in_system_dll(at) &&
        GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                           static_cast<LPCWSTR>(at), &module) &&
        module != GetModuleHandleW(nullptr)) {
        char text[384];
        std::snprintf(text, sizeof text,
                      "unhandled exception 0x%08lX at %s on thread %lu outside any callout: the DLL's code, on a "
                      "thread it started or in a timer or callback of its own",
                      static_cast<unsigned long>(info->ExceptionRecord->ExceptionCode), module_offset(at).c_str(),
                      static_cast<unsigned long>(GetCurrentThreadId()));
        note_finding(text);
    }
    return previous_filter ? previous_filter(info) : EXCEPTION_CONTINUE_SEARCH;
}

}  // namespace

void install_fault_handler() {
    static PVOID handle = [] {
        previous_filter = SetUnhandledExceptionFilter(on_unhandled);
        return AddVectoredExceptionHandler(1, on_exception);
    }();
    (void)handle;
}

std::string module_offset(const void* address) {
    HMODULE module = nullptr;
    if (!address ||
        !GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                            static_cast<LPCWSTR>(address), &module))
        return {};
    char path[MAX_PATH];
    DWORD n = GetModuleFileNameA(module, path, MAX_PATH);
    if (n == 0) return {};
    const char* base = path;
    for (const char* p = path; *p; ++p)
        if (*p == '\\' || *p == '/') base = p + 1;
    char buf[MAX_PATH + 32];
    std::snprintf(buf, sizeof buf, "%s+0x%llx", base,
                  static_cast<unsigned long long>(static_cast<const char*>(address) -
                                                  reinterpret_cast<const char*>(module)));
    return buf;
}

const CalloutInfo* callout_in_progress() { return in_progress; }

CallOutcome guarded_invoke(const CalloutInfo& callout, void* fn, std::span<void* const> args) {
    install_fault_handler();
    CallOutcome out;
    Guard& g = guard;
    g.detail[0] = '\0';
    in_progress = &callout;
    if (__builtin_setjmp(g.jump) == 0) {
        g.active = true;
        try {
            out.value = invoke_callout(callout, fn, args, out.stack_imbalance);
        } catch (const std::exception& e) {
            out.kind = CallOutcome::Kind::cxx_exception;
            out.exception_code = 0x20474343;
            out.detail = e.what();
        } catch (...) {
            out.kind = CallOutcome::Kind::cxx_exception;
            out.exception_code = 0x20474343;
            out.detail = "exception of unknown type";
        }
        g.active = false;
        in_progress = nullptr;
        return out;
    }
    // Reached through __builtin_longjmp from on_exception.
    in_progress = nullptr;
    out.kind = CallOutcome::Kind::fault;
    out.exception_code = g.code;
    out.fault_address = reinterpret_cast<std::uintptr_t>(g.origin ? g.origin : g.address);
    out.where = module_offset(g.address);
    out.detail = g.detail;
    if (g.origin) out.where = module_offset(g.origin) + ", via " + out.where;
    // A fault is a fault; only its kind may be wrong here, so it says so.
    if ((g.code == EXCEPTION_ILLEGAL_INSTRUCTION || g.code == EXCEPTION_FLT_INVALID_OPERATION) &&
        !faults_reported_faithfully())
        out.detail = std::string(out.detail.empty() ? "" : out.detail + "; ") + "the code as reported: " +
                     std::string(misreported_faults_note());
    return out;
}

CallOutcome unguarded_invoke(const CalloutInfo& callout, void* fn, std::span<void* const> args) {
    CallOutcome out;
    in_progress = &callout;
    out.value = invoke_callout(callout, fn, args, out.stack_imbalance);  // a fault or throw goes on to the debugger
    in_progress = nullptr;
    return out;
}

}  // namespace rasconform::win32
