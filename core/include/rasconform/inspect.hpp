// Public API: what a DLL offers RRAS, from the file alone - exports and
// their callout variants, imports and their origin, REENTRY and LOAD risks,
// the static verdict per profile (`rasconform inspect`).
//
//   nlohmann::json j = rasconform::inspect(rasconform::load_dll("my_admin.dll"));
//   std::cout << rasconform::inspect_text(j);
#pragma once

#include "conformance/inspect.hpp"
#include "rasconform/suite.hpp"

namespace rasconform {

using conformance::inspect;
using conformance::inspect_text;

}  // namespace rasconform
