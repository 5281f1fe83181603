// Parsing the DLLPath registry value into the chain of admin DLLs, with the
// spec's rules and the defaults it chose for what the documentation leaves
// open (LOAD-3, LOAD-6, LOAD-9, Q-22).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rasconform {

struct DllPathOptions {
    bool multiple_dlls = true;  // false on Windows 2000/NT: the whole value is one path (LOAD-6)
    // LOAD-9: REG_SZ is not expanded; set a lookup to expand %VAR% anyway (Q-22 switch).
    std::function<std::optional<std::string>(std::string_view)> expand;
    bool allow_relative = false;  // Q-22 default: absolute paths only
};

struct DllPathParse {
    std::vector<std::string> dlls;      // registry order, trimmed, each once
    std::vector<std::string> warnings;  // what was skipped or changed, each citing its rule
};

DllPathParse parse_dll_path(std::string_view value, const DllPathOptions& options = {});

// "C:\x.dll", "\\server\share\x.dll" and, for Linux hosts, "/x.so".
bool is_absolute_dll_path(std::string_view path);

}  // namespace rasconform
