// SHA-256 of a subject file for the report, so a verdict is tied to the exact
// bytes certified. Portable (no OpenSSL in the MinGW build).
#pragma once

#include <cstddef>
#include <span>
#include <string>

namespace rasconform {

// Lower-case hex digest.
std::string sha256_hex(std::span<const std::byte> data);

}  // namespace rasconform
