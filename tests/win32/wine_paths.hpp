// Meson hands the Win32 tests Unix paths in the environment; under Wine they
// live on drive Z:. One place that turns them into paths Wine opens.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace rasconform::test {

// $variable (or `fallback`), with a leading '/' put on drive Z:.
inline std::filesystem::path wine_path(const char* variable, const std::string& fallback) {
    const char* v = std::getenv(variable);
    std::string s = v ? v : fallback;
    if (!s.empty() && s[0] == '/') s = "Z:" + s;
    return s;
}

// A test subject DLL built in tests/subjects.
inline std::filesystem::path subject(const std::string& name) {
    return wine_path("RASCONFORM_SUBJECT_DIR", ".") / name;
}

}  // namespace rasconform::test
