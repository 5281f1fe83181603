// UTF-8 text cut to a width for people: report cells, diagram labels, the
// progress line. Text from a DLL (names, messages) may be anything, so a
// cut never splits a character.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rasconform {

// Characters (UTF-8 code points) in s.
std::size_t code_points(std::string_view s);

// At most `max` characters (UTF-8 code points, never a split sequence),
// ending in an ellipsis when shortened.
std::string shorten(std::string_view s, std::size_t max);

}  // namespace rasconform
