#include "rasconform/output_capture_files.hpp"

#include <array>

namespace rasconform {
namespace {

constexpr std::array all_sources{OutputSource::standard_output, OutputSource::standard_error,
                                 OutputSource::debug_string};

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (n == 0 || (n == 2 && c < 0xC2) || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Windows-1252's 0x80-0x9F (Latin-1 elsewhere); 0 where it has no character.
constexpr char16_t cp1252_high[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

}  // namespace

std::filesystem::path capture_file(const std::filesystem::path& base, OutputSource source) {
    std::filesystem::path p = base;
    p += "." + std::string(to_string(source));
    return p;
}

std::string captured_text(std::string_view bytes) {
    std::string s;
    s.reserve(bytes.size());
    for (char c : bytes)
        if (c != '\0') s += c;
    while (!s.empty() && (s.back() == '\r' || s.back() == '\n')) s.pop_back();
    if (valid_utf8(s)) return s;
    std::string out;
    for (char c : s) {
        const auto b = static_cast<unsigned char>(c);
        char32_t cp = b;
        if (b >= 0x80 && b < 0xA0) cp = cp1252_high[b - 0x80] ? cp1252_high[b - 0x80] : 0xFFFD;
        append_utf8(out, cp);
    }
    return out;
}

DllOutput CapturedOutputReader::read(std::string_view dll, std::string_view callout) {
    DllOutput out;
    for (std::size_t i = 0; i < all_sources.size(); ++i) {
        Stream& s = streams_[i];
        if (!s.in.is_open()) {
            s.in.open(capture_file(base_, all_sources[i]), std::ios::binary);
            if (!s.in.is_open()) continue;  // not made yet, or never
        }
        s.in.clear();
        s.in.seekg(static_cast<std::streamoff>(s.offset));
        std::string fresh;
        char buffer[4096];
        while (s.in.read(buffer, sizeof buffer) || s.in.gcount() > 0)
            fresh.append(buffer, static_cast<std::size_t>(s.in.gcount()));
        s.offset += fresh.size();
        std::size_t start = 0;
        while (start < fresh.size()) {
            std::size_t end = fresh.find('\n', start);
            if (end == std::string::npos) end = fresh.size();
            // Blank lines (the assert message ends in two line ends) say nothing
            // and would take room in the bounds.
            if (std::string text = captured_text(std::string_view(fresh).substr(start, end - start)); !text.empty())
                out.add(OutputLine{all_sources[i], std::string(dll), std::string(callout), std::move(text)});
            start = end + 1;
        }
    }
    return out;
}

void CapturedOutputReader::close() {
    for (Stream& s : streams_) s.in.close();
}

}  // namespace rasconform
