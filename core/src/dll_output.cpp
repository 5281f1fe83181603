#include "rasconform/dll_output.hpp"

#include <numeric>

#include "rasconform/utf8_text.hpp"

namespace rasconform {

std::string_view to_string(OutputSource s) {
    switch (s) {
    case OutputSource::standard_output: return "stdout";
    case OutputSource::standard_error: return "stderr";
    case OutputSource::debug_string: return "debug";
    }
    return "stderr";
}

std::optional<OutputSource> parse_output_source(std::string_view s) {
    for (OutputSource o : {OutputSource::standard_output, OutputSource::standard_error, OutputSource::debug_string})
        if (to_string(o) == s) return o;
    return std::nullopt;
}

namespace {

// Cut at a character boundary (never inside a UTF-8 sequence).
std::size_t utf8_boundary(std::string_view s, std::size_t at) {
    while (at > 0 && at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
    return at;
}

}  // namespace

std::size_t DllOutput::bytes() const {
    return std::accumulate(lines.begin(), lines.end(), std::size_t{0},
                           [](std::size_t n, const OutputLine& l) { return n + l.text.size(); });
}

void DllOutput::add(OutputLine line) {
    if (line.text.size() > output_max_line_bytes) {
        const std::string ellipsis = "\u2026";
        const std::size_t keep = utf8_boundary(line.text, output_max_line_bytes - ellipsis.size());
        bytes_left_out += line.text.size() - keep;
        line.text.resize(keep);
        line.text += ellipsis;
    }
    lines.push_back(std::move(line));
    std::size_t total = bytes();
    std::size_t drop = 0;
    while (drop < lines.size() && (lines.size() - drop > output_max_lines || total > output_max_bytes)) {
        total -= lines[drop].text.size();
        bytes_left_out += lines[drop].text.size();
        ++lines_left_out;
        ++drop;
    }
    lines.erase(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(drop));
}

void DllOutput::add(const DllOutput& more) {
    lines_left_out += more.lines_left_out;
    bytes_left_out += more.bytes_left_out;
    for (const OutputLine& l : more.lines) add(l);
}

std::string describe(const OutputLine& line) {
    std::string where = line.dll;
    if (!line.callout.empty()) where += (where.empty() ? "" : " ") + line.callout;
    return "[" + std::string(to_string(line.source)) + "] " + (where.empty() ? "" : where + ": ") + line.text;
}

std::string left_out_note(const DllOutput& output) {
    if (output.lines_left_out)
        return std::to_string(output.lines_left_out) + " earlier line" + (output.lines_left_out == 1 ? "" : "s") +
               " left out (" + std::to_string(output.bytes_left_out) + " bytes in all)";
    if (output.bytes_left_out) return std::to_string(output.bytes_left_out) + " bytes of overlong lines left out";
    return {};
}

std::string last_output_note(const DllOutput& output, std::size_t n) {
    std::string note;
    const std::size_t first = output.lines.size() > n ? output.lines.size() - n : 0;
    for (std::size_t i = first; i < output.lines.size(); ++i) {
        const OutputLine& l = output.lines[i];
        note += (note.empty() ? "" : " | ") + ("[" + std::string(to_string(l.source)) + "] " + shorten(l.text, 200));
    }
    return note;
}

void DllOutputLog::add(OutputLine line) {
    std::lock_guard lock(mutex_);
    output_.add(std::move(line));
}

void DllOutputLog::add(const DllOutput& more) {
    std::lock_guard lock(mutex_);
    output_.add(more);
}

DllOutput DllOutputLog::take() {
    std::lock_guard lock(mutex_);
    DllOutput out = std::move(output_);
    output_ = {};
    return out;
}

}  // namespace rasconform
