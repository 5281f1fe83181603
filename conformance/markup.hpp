// Text for HTML and inline SVG. DLL names, arguments and messages come from
// the subject and may hold anything, so every piece of text goes through
// here on its way into a report.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rasconform::conformance {

// Text content and attribute values alike: the five special characters as
// entities; C0 controls (which HTML may not carry) as visible \xNN.
std::string escape_markup(std::string_view s);

// Characters (UTF-8 code points) in s.
std::size_t code_points(std::string_view s);

// At most `max` characters (UTF-8 code points, never a split sequence),
// ending in an ellipsis when shortened.
std::string shorten(std::string_view s, std::size_t max);

}  // namespace rasconform::conformance
