// The command line in UTF-8 on every platform (see command_line.hpp).
#include "conformance/cli/command_line.hpp"

#ifdef _WIN32
#include <windows.h>
#include <shellapi.h>
#endif

namespace rasconform::cli {

std::vector<std::string> utf8_command_line() {
    std::vector<std::string> out;
#ifdef _WIN32
    int count = 0;
    LPWSTR* wide = CommandLineToArgvW(GetCommandLineW(), &count);
    if (!wide) return out;
    for (int i = 0; i < count; ++i) {
        const int bytes = WideCharToMultiByte(CP_UTF8, 0, wide[i], -1, nullptr, 0, nullptr, nullptr);
        std::string arg(bytes > 0 ? static_cast<std::size_t>(bytes - 1) : 0, '\0');
        if (bytes > 1) WideCharToMultiByte(CP_UTF8, 0, wide[i], -1, arg.data(), bytes, nullptr, nullptr);
        out.push_back(std::move(arg));
    }
    LocalFree(wide);
#endif
    return out;
}

}  // namespace rasconform::cli
