// Whether this Windows (or Wine) hands a hardware fault to exception
// handlers as what it is. 32-bit Wine under qemu user emulation (a kernel
// without IA-32 emulation runs i386 programs through binfmt_misc) does not:
// qemu leaves the trap number out of the signal context, so an access
// violation arrives as an illegal instruction (0xC000001D) without the
// address it touched, and an integer division by zero as 0xC0000090. The
// guard pages of ACCEPT-5 and ROBUST-5 (guarded_arguments.hpp) cannot work
// there. A fault cannot be provoked to find out: under that emulation the
// exception handlers do not even see the faulting thread's own identity
// (thread-local data, GetCurrentThreadId), so the Linux tool, which sees
// the binfmt_misc registration, says so in RASCONFORM_EMULATED_I386
// (conformance/wine_agent.cpp) and Wine passes it on to every process.
#pragma once

#include <string_view>

namespace rasconform::win32 {

bool faults_reported_faithfully();

// Whether this process runs under that emulation: everything takes several
// times longer, starting a process most of all, so the harness's own
// time-outs (never the DLL's callout budget) get room.
bool emulated_i386();

// The one sentence that says why not, for messages.
std::string_view misreported_faults_note();

}  // namespace rasconform::win32
