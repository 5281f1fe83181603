// ROBUST-3: after Terminate and FreeLibrary no code of the DLL runs any more.
// The watch frees the DLL, reserves its old image range with no access at
// all (so executing any of its code faults, on whatever thread: one it
// started, a timer or thread-pool callback, a hook) and keeps the process
// alive for a grace period. The vectored handler (fault_guard.cpp) hands
// such a fault here: it is recorded, and a call into the image returns to
// its caller or that thread alone ends, so the process survives to report it. A second thread snapshot then lists the
// threads created since the load that are still alive, by start address.
// The range stays trapped for the life of the process when the DLL can be
// loaded elsewhere (it has relocations), or when something was left running,
// however many unloads come (an in-process check has dozens). It is watched
// from just before the FreeLibrary, so a straggler that runs between the
// unmapping and the reservation is caught too. A callback entry caught once
// (a timer the DLL left registered) then returns 0 at once, from a stub
// placed in the trapped range, instead of faulting at every period (x64).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "rasconform/backend.hpp"

namespace rasconform::win32 {

// Ids of the threads of this process alive right now (Toolhelp32).
std::vector<std::uint32_t> live_thread_ids();

// rasconform's own threads (the callout workers): never a DLL's leftover.
// Forget a thread once it has ended: its id may be given to another.
void note_own_thread(std::uint32_t id);
void forget_own_thread(std::uint32_t id);

// Frees `module` (an HMODULE loaded once by us, whose callouts are over and
// whose Terminate returned), then watches for `grace` as described above.
// `threads_before` is live_thread_ids() from just before the load.
UnloadResult unload_and_watch(void* module, const std::string& name, const std::vector<std::uint32_t>& threads_before,
                              std::chrono::milliseconds grace);

// For the vectored handler, before anything else: when the fault happened
// fetching an instruction inside a watched, freed image (or on the filler
// around a silenced entry there), records it; then either makes a fresh
// call into the image return 0 to its caller (true: continue execution) or
// ends the calling thread (does not return). false: not such a fault.
bool recover_from_unloaded_image(void* exception_pointers);

// How often code of any unloaded DLL ran in this process so far: a process
// where it did is tainted (a timer of an earlier load may fire on), and a
// host process is then not reused.
std::uint64_t unloaded_code_runs();

}  // namespace rasconform::win32
