// Guarded argument pages: the arguments of one callout, copied into pages of
// their own for the duration of the call, so that the hardware reports what
// the DLL does with them.
//
// * [in] arguments (RAS_CONNECTION_*, RAS_PORT_*, the user and port name
//   strings, the address a Release gets) are read-only during the call. A
//   write faults; the fault handler records the field (ACCEPT-5, STRUCT-16),
//   makes that page writable and lets the callout go on.
// * [in,out] and [out] arguments (the address and bNotifyRelease of a Get,
//   the callback table) stay writable and are copied back after the call.
// * Every argument ends exactly at the end of its page run, followed by an
//   inaccessible page: reading past its end faults too.
// * After the call the pages are made inaccessible and stay so while the
//   call is among the last `retired_capacity` ones, so a pointer the DLL
//   kept faults on its next use and the fault names the argument, the field
//   and the call it came from (ROBUST-5, STRUCT-18, Q-15).
//
// Every change of a page's protection costs system calls, and under Wine
// several (its virtual-memory lock masks signals around each one): they were
// most of a callout's cost. So a call's pages are a reused slot: a section
// mapped twice, once for the DLL (whose protection changes: to read-only or
// read-write for the call, to inaccessible after it) and once for the
// harness, which writes the copies and reads the [out] values through it
// without touching the DLL's view. A call costs one protection change per
// argument and one after it; slots are made only until the ring of retired
// calls is full.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rasconform/callouts.hpp"

namespace rasconform::win32 {

// How many finished calls keep their pages inaccessible and attributed before
// their slot is used again.
inline constexpr std::size_t retired_capacity = 256;

struct CallPages;  // one call's reservation (guarded_arguments.cpp)

class GuardedArguments {
public:
    // Copies `args` (kinds from callout.parameters()) into guarded pages.
    // When pages cannot be had, pointers() are the caller's own arguments.
    GuardedArguments(const CalloutInfo& callout, std::string_view dll, std::span<void* const> args);
    ~GuardedArguments();
    GuardedArguments(const GuardedArguments&) = delete;
    GuardedArguments& operator=(const GuardedArguments&) = delete;

    // What the callout gets.
    std::span<void* const> pointers() const { return {pointers_, count_}; }
    bool guarded() const { return pages_ != nullptr; }

    // After the call: copies the writable arguments back to the caller's,
    // retires the pages (ROBUST-5) and returns the fields of [in] arguments
    // the callout wrote ("RAS_CONNECTION_0.wszUserName"), each once.
    std::vector<std::string> finish();

private:
    CallPages* pages_ = nullptr;
    void* pointers_[4] = {};
    std::size_t count_ = 0;
};

// For the vectored exception handler (fault_guard.cpp); safe to call from it
// on any thread. `write` is ExceptionInformation[0] == 1 of an access violation
// at `address`.
//
// A write to a read-only argument page of a call in progress: recorded, the
// page made writable; true means "continue execution".
bool absorb_input_write(std::uintptr_t address, bool write);
// An access to the pages of a finished call: true, with `detail` filled
// ("read of RAS_CONNECTION_0.wszUserName passed to x.dll's
// MprAdminAcceptNewConnection (call #3), after that call returned [ROBUST-5]").
bool describe_retired_access(std::uintptr_t address, bool write, char* detail, std::size_t capacity);

}  // namespace rasconform::win32
