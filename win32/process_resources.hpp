// ROBUST-4: what the process hosting the DLL holds - private bytes, handles,
// threads - read the same way in rasconform.exe (in-process mode) and in a
// host process (answering the `resources` request).
#pragma once

#include <cstdint>

#include "rasconform/backend.hpp"

namespace rasconform::win32 {

ResourceUse this_process_resources();

// When `process` (a HANDLE with query rights) was created, as a FILETIME
// count; 0 when it cannot be read. Tells a process from a later one that
// got the same id.
std::uint64_t process_start_time(void* process);

}  // namespace rasconform::win32
