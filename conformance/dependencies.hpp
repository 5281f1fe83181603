// Where a DLL's imports come from (LOAD-7): Windows itself, the Visual C++
// runtime (common on servers, but not Windows), or files the vendor must
// ship beside the admin DLL. Shared by deploy.dependencies and `inspect`.
#pragma once

#include <string>

#include "conformance/case.hpp"

namespace rasconform::conformance {

// In system32 on every Windows Server (API sets included).
bool system_dll(const std::string& name);
bool vc_runtime(const std::string& name);
// A file of that name (any case) sits in the subject's folder.
bool ships_beside(const Subject& s, const std::string& name);

}  // namespace rasconform::conformance
