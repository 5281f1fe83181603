// The seam between the engine and an admin DLL. The engine never loads or
// calls a DLL itself: a backend resolves export names and performs one call
// with whatever fault containment its platform offers. The Win32 backend
// (win32/) loads a real PE DLL; test doubles bind plain functions in-process.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rasconform/callouts.hpp"

namespace rasconform {

// Ends the detail of a `not_called` outcome whose cause is the harness or
// the environment, not the DLL (a host process that ended outside any
// callout with no sign of the DLL's code): a case that meets one is an
// `error`, never a `fail`.
inline constexpr const char* harness_loss_marker = "[harness]";

struct CallOutcome {
    enum class Kind : std::uint8_t {
        returned,       // the callout returned normally
        fault,          // structured exception escaped (access violation, divide by zero, RaiseException ...)
        cxx_exception,  // a C++ exception escaped across the C ABI
        timeout,        // no return within the budget (ROBUST-2); the calling thread was terminated
        not_called,     // the DLL was left unusable by an earlier hang, so the call was not made
        process_ended,  // the host process running the DLL ended during the call (exit, abort,
                        // TerminateProcess, stack overflow ...); exception_code holds its exit status
    };
    Kind kind = Kind::returned;
    std::uint32_t value = 0;           // EAX for DWORD/BOOL callouts, 0 for VOID ones
    std::uint32_t exception_code = 0;  // SEH code for faults; 0x20474343 for C++ throws
    std::uint64_t fault_address = 0;
    std::string where;                 // "subject.dll+0x1a2b" when the address is inside a known module
    std::string detail;                // what() of a C++ exception, or a textual code name;
                                       // for a kept pointer it ends in kept_pointer_tag (ROBUST-5)
    // ACCEPT-5, STRUCT-16: fields of [in] arguments the callout wrote
    // ("RAS_CONNECTION_0.wszUserName"), once each, in the order written;
    // only a backend that guards_arguments() fills it.
    std::vector<std::string> input_writes;
    // SERIAL-6: functions that may wait long (network, HTTP, console, a
    // message box) the callout called on its thread, once each, in order
    // ("connect (ws2_32.dll)"); only a backend that watches_blocking_calls()
    // fills it.
    std::vector<std::string> blocking_calls;
    // HDR-2, x86 only: bytes the callee took off the stack beyond what the
    // convention it was called with lets it take (positive: a __stdcall
    // function called as __cdecl; negative: a __cdecl one called as
    // __stdcall). The caller's stack is restored either way; 0 elsewhere.
    std::int32_t stack_imbalance = 0;

    bool returned() const { return kind == Kind::returned; }
};

std::string_view to_string(CallOutcome::Kind k);
// One line: "access violation (0xC0000005) at subject.dll+0x1a2b".
std::string describe(const CallOutcome& o);

// Ends the detail of a fault that touched an argument of an earlier,
// finished callout: the DLL kept a pointer past the call (ROBUST-5, STRUCT-18).
inline constexpr std::string_view kept_pointer_tag = "[ROBUST-5]";
inline bool is_kept_pointer_fault(const CallOutcome& o) {
    return !o.returned() && o.detail.size() >= kept_pointer_tag.size() &&
           o.detail.compare(o.detail.size() - kept_pointer_tag.size(), kept_pointer_tag.size(), kept_pointer_tag) == 0;
}

// ROBUST-3: what unloading the DLL left behind. `done` is false when this
// backend cannot unload and watch (`not_done` says why); `leftovers` holds
// one line per thing of the DLL still running after the grace period: a
// thread that executed code of the freed image ("thread 0x1c executed
// unloaded code at x.dll+0x1450"), a thread it started that is still alive
// (with its start address), a DLL that stayed mapped.
struct UnloadResult {
    bool supported = true;  // false: no such thing for this backend (the case is not applicable)
    bool done = false;
    std::string not_done;
    std::vector<std::string> leftovers;
};

// ROBUST-4: the figures of the process that hosts the DLL. `available` is
// false when this backend cannot measure them (`not_available` says why).
struct ResourceUse {
    bool supported = true;  // false: no such thing for this backend (the case is not applicable)
    bool available = false;
    std::string not_available;
    std::uint64_t private_bytes = 0;  // PROCESS_MEMORY_COUNTERS_EX.PrivateUsage
    std::uint64_t handles = 0;        // GetProcessHandleCount
    std::uint64_t threads = 0;        // live threads of the process
};

// Q-1, SERIAL-7: RRAS documents no thread for its callouts; the spec's
// default is a pool whose threads may differ from call to call. `reuse`: a
// call runs on the thread that finished the previous one when it is idle (a
// sequential scenario then stays on one thread, as with RRAS's "single
// dedicated thread" option). `fresh`: every call runs on a thread that never
// made a callout, so nothing a DLL left in thread-local storage, thread
// identity or a COM apartment carries to its next call.
enum class CallingThreads : std::uint8_t { reuse, fresh };

class AdminDllBackend {
public:
    virtual ~AdminDllBackend() = default;
    // The name shown in messages: the DLL's file name.
    virtual const std::string& name() const = 0;
    // Exact-name export lookup; nullptr when the DLL does not export it.
    virtual void* resolve(std::string_view export_name) const = 0;
    // Calls `fn` (an export or a callback-table pointer of this DLL) with
    // the prototype of `callout`, containing whatever the callee throws.
    virtual CallOutcome call(const CalloutInfo& callout, void* fn, std::span<void* const> args) = 0;
    // Whether call() hands the DLL read-only copies of its [in] arguments and
    // makes them inaccessible after the call, so that writes (ACCEPT-5) and
    // kept pointers (ROBUST-5) show; test doubles that call in place do not.
    virtual bool guards_arguments() const { return false; }
    // Whether call() fills CallOutcome::blocking_calls (SERIAL-6).
    virtual bool watches_blocking_calls() const { return false; }
    // Q-1, SERIAL-7: which threads the following calls run on. false: this
    // backend calls on the caller's thread, and the engine makes a fresh
    // thread for each call itself when asked to.
    virtual bool set_calling_threads(CallingThreads threads) {
        (void)threads;
        return false;
    }
    // ROBUST-3: after Terminate, unload the DLL, keep the process alive for
    // `grace` and report any code of the DLL that still ran or could run.
    // Afterwards no call may be made. Backends that call functions of this
    // process (test doubles, shared objects) have nothing to unload.
    virtual UnloadResult unload(std::chrono::milliseconds grace) {
        (void)grace;
        return {false, false, "this backend does not load a Windows DLL, so there is no image to unload and watch; the "
                       "Win32 backend (rasconform.exe, under Wine or on Windows) does", {}};
    }
    // ROBUST-4: private bytes, handles and threads of the process the DLL runs in.
    virtual ResourceUse resource_use() {
        return {false, false, "this backend runs the DLL's functions in the engine's own process without a Windows "
                       "process to measure; the Win32 backend (rasconform.exe, under Wine or on Windows) measures it",
                0, 0, 0};
    }
};

// Calls `fn` with the calling convention and arity of `callout` (HDR-2 on
// x86). No containment: backends wrap this.
std::uint32_t invoke_callout(const CalloutInfo& callout, void* fn, std::span<void* const> args);
// The same, measuring the stack across the call (CallOutcome::stack_imbalance).
std::uint32_t invoke_callout(const CalloutInfo& callout, void* fn, std::span<void* const> args,
                             std::int32_t& stack_imbalance);

}  // namespace rasconform
