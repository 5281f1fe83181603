// ntdll, kernelbase and kernel32: where RaiseException and the faults of API
// calls made with bad arguments happen, and where the system's own threads
// (thread pool workers, the timer queue's thread) start - never the code to
// blame. Safe to call from a vectored exception handler.
#pragma once

namespace rasconform::win32 {

bool in_system_dll(const void* address);

}  // namespace rasconform::win32
