#include "rasconform/utf8_text.hpp"

namespace rasconform {

namespace {

// Every byte but a continuation byte (10xxxxxx) starts a character.
bool is_lead(char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }

}  // namespace

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (char ch : s) n += is_lead(ch);
    return n;
}

std::string shorten(std::string_view s, std::size_t max) {
    if (code_points(s) <= max) return std::string(s);
    if (max == 0) return {};
    // Keep max - 1 code points: stop where the max-th one starts.
    std::size_t kept = 0, end = 0;
    for (; end < s.size(); ++end)
        if (is_lead(s[end]) && kept++ == max - 1) break;
    return std::string(s.substr(0, end)) + "\u2026";
}

}  // namespace rasconform
