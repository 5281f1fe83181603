// Reading and vetting a subject DLL before anything runs: it must exist, be
// a PE image of a machine RRAS loads, and be a DLL.
#pragma once

#include <optional>
#include <string>

#include "conformance/case.hpp"

namespace rasconform::conformance {

struct SubjectLoad {
    std::optional<Subject> subject;
    std::string problem;  // "file not found", "not a PE file (no MZ signature)", ... when subject is empty
};

SubjectLoad load_subject(const std::string& file);

}  // namespace rasconform::conformance
