#pragma once

namespace rasconform {
// Set by Meson from project(version:).
extern const char* const version;
}  // namespace rasconform
