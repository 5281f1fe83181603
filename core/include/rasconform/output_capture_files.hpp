// The files a process's output is captured in, side by side under one base
// path: BASE.stdout and BASE.stderr get the bytes written to the process's
// standard handles (the C runtime's text, as it wrote it), BASE.debug one
// OutputDebugString per line in UTF-8. Files, not pipes: what a process
// wrote just before it died (an assertion, then abort) is still there for
// whoever reads after it. The writing side is win32/output_capture.hpp;
// reading is portable, so the Linux tool reads what a dead agent left.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "rasconform/dll_output.hpp"

namespace rasconform {

std::filesystem::path capture_file(const std::filesystem::path& base, OutputSource source);

// Reads the three files as they grow. Not thread-safe: one reader per base.
class CapturedOutputReader {
public:
    explicit CapturedOutputReader(std::filesystem::path base) : base_(std::move(base)) {}
    CapturedOutputReader(const CapturedOutputReader&) = delete;
    CapturedOutputReader& operator=(const CapturedOutputReader&) = delete;

    // What was written since the last read, line by line, attributed to
    // `dll` and `callout`. A line not ended yet is taken as far as it goes:
    // the writer may never end it (it died).
    DllOutput read(std::string_view dll, std::string_view callout);
    // Closes the files (before their folder is removed); a later read
    // opens them again and goes on where it stopped.
    void close();

private:
    struct Stream {
        std::ifstream in;
        std::uint64_t offset = 0;
    };
    std::filesystem::path base_;
    Stream streams_[3];
};

// A captured line as UTF-8: the line end and NUL bytes (a wide string written
// byte by byte) removed; bytes that are not UTF-8 read as Windows-1252, the
// C runtime's usual code page.
std::string captured_text(std::string_view bytes);

}  // namespace rasconform
