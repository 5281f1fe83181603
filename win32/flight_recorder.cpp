#include "win32/flight_recorder.hpp"

#include <windows.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <string>

namespace rasconform::win32 {
namespace {

constexpr std::size_t note_size = 512;
char* note = nullptr;  // the mapped view; stays mapped until the process ends
std::atomic<bool> final_note{false};  // a finding was written: keep it
// Callouts run at once (SERIAL-4/5 stress, the soak): the note says IDLE only
// when the last of them has returned, so a process that dies while one is
// still running is not taken for one that died between callouts.
std::atomic<int> in_flight{0};
std::atomic<CalloutListener> listener{nullptr};
// The callout this thread noted last, for its listener's "ended" (only kept
// while there is a listener).
thread_local std::string listened_dll, listened_callout;

void write(std::string_view a, std::string_view b, std::string_view c) {
    if (!note) return;
    char buf[note_size] = {};
    std::size_t n = 0;
    for (std::string_view part : {a, b, c}) {
        std::size_t k = std::min(part.size(), note_size - 2 - n);
        std::memcpy(buf + n, part.data(), k);
        n += k;
    }
    buf[n] = '\n';
    std::memcpy(note, buf, note_size);
}

}  // namespace

bool open_flight_recorder(const std::filesystem::path& file) {
    HANDLE f = CreateFileW(file.wstring().c_str(), GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, nullptr,
                           CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (f == INVALID_HANDLE_VALUE) return false;
    HANDLE m = CreateFileMappingW(f, nullptr, PAGE_READWRITE, 0, note_size, nullptr);
    CloseHandle(f);
    if (!m) return false;
    note = static_cast<char*>(MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, note_size));
    CloseHandle(m);
    if (note) write("IDLE", "", "");
    return note != nullptr;
}

void note_callout(std::string_view dll, std::string_view callout) {
    ++in_flight;
    if (!final_note) write("IN ", dll, std::string(" ") + std::string(callout));
    if (CalloutListener l = listener.load()) {
        listened_dll = dll;
        listened_callout = callout;
        l(dll, callout, false);
    }
}

void note_idle() {
    int now = --in_flight;
    if (now < 0) in_flight.compare_exchange_strong(now, 0);  // a note_idle without its note_callout
    if (now <= 0 && !final_note) write("IDLE", "", "");
    if (CalloutListener l = listener.load()) l(listened_dll, listened_callout, true);
}

void set_callout_listener(CalloutListener l) { listener = l; }

// Called from the fault handler: no allocation.
void note_finding(std::string_view text) {
    if (final_note.exchange(true)) return;
    write("FINDING ", text, "");
}

}  // namespace rasconform::win32
