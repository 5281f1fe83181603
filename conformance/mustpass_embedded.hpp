// The list files as the build embedded them (generated mustpass_data.cpp);
// only mustpass.cpp reads this.
#pragma once

#include <span>

namespace rasconform::conformance {

struct EmbeddedMustPass {
    int version;
    const char* profile;
    const char* text;
};

extern const std::span<const EmbeddedMustPass> embedded_mustpass;

}  // namespace rasconform::conformance
