// REENTRY-3: the RAS administration and RAS user administration functions a
// DLL must never call from inside a callout (REENTRY-1/2), including the
// functions shared with router administration (Q-20: treated as included).
// The replacement mprapi.dll exports exactly these; `inspect` flags imports
// of them as a risk.
#pragma once

#include <span>
#include <string_view>

namespace rasconform {

std::span<const std::string_view> reentry_forbidden_functions();
bool is_reentry_forbidden(std::string_view function);

}  // namespace rasconform
