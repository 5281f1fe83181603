// A few bytes of a file mapped into memory, where the backend notes the
// callout in progress. If the process dies inside a callout (exit, abort,
// TerminateProcess, or a crash beyond the fault guard) the parent reads the
// note back and can say which callout ended it (ROBUST-1). A note is a
// memory store, not a system call, so it costs nothing per callout.
#pragma once

#include <filesystem>
#include <string_view>

namespace rasconform::win32 {

// Starts recording into `file` (created or truncated); false if it cannot.
bool open_flight_recorder(const std::filesystem::path& file);
// "IN <dll> <callout>" while a callout runs, "IDLE" once no callout runs
// (each note_callout is ended by one note_idle).
void note_callout(std::string_view dll, std::string_view callout);
void note_idle();
// "FINDING <text>": why the process is about to die, when the cause is known
// (a DLL thread touched the arguments of a finished call, ROBUST-5). It
// stays: later notes are dropped.
void note_finding(std::string_view text);

// Told of each callout as it starts (ended false) and as the note_idle that
// ends it comes (ended true), on the thread that noted it: the in-process
// output capture reads the DLL's output there (output_capture.hpp). One
// listener per process; nullptr for none.
using CalloutListener = void (*)(std::string_view dll, std::string_view callout, bool ended);
void set_callout_listener(CalloutListener listener);

}  // namespace rasconform::win32
