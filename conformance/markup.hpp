// Text for HTML and inline SVG. DLL names, arguments and messages come from
// the subject and may hold anything, so every piece of text goes through
// here on its way into a report.
#pragma once

#include <string>
#include <string_view>

#include "rasconform/utf8_text.hpp"  // shorten, code_points

namespace rasconform::conformance {

using rasconform::code_points;
using rasconform::shorten;

// Text content and attribute values alike: the five special characters as
// entities; C0 controls (which HTML may not carry) as visible \xNN.
std::string escape_markup(std::string_view s);

}  // namespace rasconform::conformance
