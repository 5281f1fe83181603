// ROBUST-4: what the process hosting the DLL holds - private bytes, handles,
// threads - read the same way in rasconform.exe (in-process mode) and in a
// host process (answering the `resources` request).
#pragma once

#include "rasconform/backend.hpp"

namespace rasconform::win32 {

ResourceUse this_process_resources();

}  // namespace rasconform::win32
