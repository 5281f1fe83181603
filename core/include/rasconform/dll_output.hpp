// What the DLL under test wrote itself: to its process's standard output and
// error (printf, the C runtime's assert and abort messages) and with
// OutputDebugStringA/W, which is how most admin DLLs log. Collected where the
// DLL runs (a host process, or rasconform's own process with --isolate none),
// attributed to the callout it was collected after and attached to each case:
// a DLL that asserts in Init is reported with its assertion text, not only
// with "the process ended (exit status 3)".
//
// Bounded, so a chatty DLL cannot swamp a report: each case keeps its last
// lines, and says how many lines and bytes it left out.
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rasconform {

enum class OutputSource { standard_output, standard_error, debug_string };
// "stdout", "stderr", "debug" (the JSON spelling).
std::string_view to_string(OutputSource s);
std::optional<OutputSource> parse_output_source(std::string_view s);

struct OutputLine {
    OutputSource source = OutputSource::standard_error;
    // The instance whose process it came from (the DLL's name as traces show
    // it, the IP instance's for that one); empty when not known.
    std::string dll;
    // The callout during which it was collected ("MprAdminInitializeDll",
    // "DllMain(DLL_PROCESS_ATTACH)" while loading); empty: written between
    // callouts (a thread of the DLL) or when no one can tell.
    std::string callout;
    std::string text;  // UTF-8, without its line end
};

// The bounds of one case's output: the last 64 lines and at most 8 KB of
// text; a line longer than 1 KB is cut there (ending in "…").
inline constexpr std::size_t output_max_lines = 64;
inline constexpr std::size_t output_max_bytes = 8 * 1024;
inline constexpr std::size_t output_max_line_bytes = 1024;

struct DllOutput {
    std::vector<OutputLine> lines;  // the last ones, oldest first
    std::size_t lines_left_out = 0;  // lines dropped (the oldest) to stay within the bounds
    std::size_t bytes_left_out = 0;  // their bytes, and those cut from long lines

    // Appends, dropping the oldest lines beyond the bounds.
    void add(OutputLine line);
    // Appends another's lines, and counts what it left out as left out here.
    void add(const DllOutput& more);
    bool empty() const { return lines.empty() && lines_left_out == 0 && bytes_left_out == 0; }
    std::size_t bytes() const;  // text bytes kept
};

// One line for people: "[stderr] x.dll MprAdminInitializeDll: Assertion failed: ...".
std::string describe(const OutputLine& line);
// What the bounds left out, for people: "12 earlier lines left out (3071
// bytes in all)"; empty when nothing was.
std::string left_out_note(const DllOutput& output);
// The last `n` lines, each shortened, for a message beside a fault: the
// process died and this is what the DLL said last. Empty without output.
std::string last_output_note(const DllOutput& output, std::size_t n = 3);

// Collects lines from whichever thread reads them (host processes, the
// in-process capture) until the suite takes them for the case that ran.
class DllOutputLog {
public:
    void add(OutputLine line);
    void add(const DllOutput& more);
    DllOutput take();  // everything since the last take, bounded as one case's

private:
    std::mutex mutex_;
    DllOutput output_;
};

}  // namespace rasconform
