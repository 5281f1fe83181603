// SERIAL-6: RRAS serializes callouts, so a callout that waits on the network,
// a console, a message box or an HTTP server makes every other client wait
// with it. After the subject is loaded, the slots of its import address
// table that hold such functions (matched by address, so imports by ordinal,
// as MSVC's ws2_32.lib makes them, count too) are pointed at wrappers that
// note the call when the calling thread is inside a callout and then call
// the real function. Calls from the DLL's own threads are not noted: that is
// where such work belongs. Functions found with GetProcAddress or through
// delay-load imports are not seen.
#pragma once

#include <string>
#include <vector>

namespace rasconform::win32 {

// Patches the import address table of the loaded module `module` (HMODULE).
// Returns how many slots now go through a wrapper.
int watch_blocking_calls(void* module);

// The watched functions the calling thread called inside callouts since the
// last take, once each, in first-call order: "connect (ws2_32.dll)".
std::vector<std::string> take_blocking_calls();

}  // namespace rasconform::win32
