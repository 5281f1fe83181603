// Recognising callouts among a DLL's export names, including names RRAS
// would not find: x86 __stdcall decoration (_Name@N, Name@N) and C++
// mangling (Itanium _Z..., MSVC ?Name@@...). LOAD-8 needs the difference;
// the presence checks (EXPORT-*) deliberately do not, so that one mistake is
// reported once, by the case whose rule it breaks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rasconform/callouts.hpp"
#include "rasconform/pe_image.hpp"

namespace rasconform::conformance {

struct CalloutExport {
    Callout callout;
    std::string export_name;  // as found in the export table
    bool plain;               // exactly the undecorated name RRAS looks up
};

// The function name inside a decorated or mangled export name, or nullopt.
std::optional<std::string> undecorate(std::string_view export_name);

// Every export that names a callout, plainly or not.
std::vector<CalloutExport> callout_exports(const PeImage& pe);

}  // namespace rasconform::conformance
