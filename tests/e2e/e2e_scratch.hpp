// What the end-to-end tests share: one scratch folder per test binary,
// removed at exit, and shell quoting for the commands they run.
#pragma once

#include <stdlib.h>

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

// Use as BOOST_TEST_GLOBAL_FIXTURE(RemoveScratch): leaves no scratch files behind.
struct RemoveScratch {
    ~RemoveScratch() {
        std::error_code ec;
        std::filesystem::remove_all(scratch(), ec);
    }
};

inline std::string quote(const std::string& s) { return "'" + s + "'"; }

}  // namespace rasconform::test
