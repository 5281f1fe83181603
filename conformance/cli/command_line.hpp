#pragma once

#include <string>
#include <vector>

namespace rasconform::cli {

// Windows: this process's arguments as UTF-8, read from the wide command
// line (main's argv is in the ANSI code page and loses letters such as "ü"
// outside it). Elsewhere: empty, main's argv already is UTF-8.
std::vector<std::string> utf8_command_line();

}  // namespace rasconform::cli
