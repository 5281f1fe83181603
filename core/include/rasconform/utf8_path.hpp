// File names travel as UTF-8 (command lines, JSON requests, TOML, reports).
// A std::string handed to std::filesystem::path is read in the platform's
// narrow encoding - on Windows the ANSI code page, where "ü" in UTF-8 turns
// into two wrong letters and the file is "not found". These two say which
// encoding is meant.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace rasconform {

inline std::filesystem::path path_from_utf8(std::string_view text) {
    return std::filesystem::path(std::u8string(text.begin(), text.end()));
}

inline std::string path_to_utf8(const std::filesystem::path& path) {
    const std::u8string text = path.u8string();
    return std::string(text.begin(), text.end());
}

}  // namespace rasconform
