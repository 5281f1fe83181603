// What the end-to-end tests share: one scratch folder per test binary,
// removed at exit, shell quoting for the commands they run and the
// environment the meson test sets.
#pragma once

#include <stdlib.h>

#include <cstdlib>

#include <filesystem>
#include <string>
#include <system_error>

namespace rasconform::test {

inline const std::filesystem::path& scratch() {
    static const std::filesystem::path dir = [] {
        char tmpl[] = "/tmp/rasconform-e2e-XXXXXX";
        return std::filesystem::path(mkdtemp(tmpl));
    }();
    return dir;
}

// Registered once per binary (test_known_bad.cpp): leaves no scratch files behind.
struct RemoveScratch {
    ~RemoveScratch() {
        std::error_code ec;
        std::filesystem::remove_all(scratch(), ec);
    }
};

inline std::string quote(const std::string& s) { return "'" + s + "'"; }

// The variable's value, "" when unset.
inline std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

}  // namespace rasconform::test
