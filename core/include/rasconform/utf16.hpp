#pragma once

#include <string>

namespace rasconform {

// Lone surrogates and malformed bytes become U+FFFD; never throws.
std::string to_utf8(const std::u16string& s);
std::u16string to_utf16(const std::string& s);

}  // namespace rasconform
