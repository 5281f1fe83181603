// Public API: what rasconform checks - its cases, the spec's rules and the
// Windows profiles (`rasconform list`), and which rules the cases cover
// (`rasconform list --coverage`).
//
//   for (const rasconform::CaseInfo& c : rasconform::all_cases())
//       std::cout << c.id << " checks " << c.rules.front() << "\n";
#pragma once

#include "conformance/catalog.hpp"
#include "conformance/coverage.hpp"
#include "conformance/suite.hpp"
#include "rasconform/profile.hpp"
#include "rasconform/rules.hpp"

namespace rasconform {

using conformance::CaseInfo;
using conformance::CaseKind;
using conformance::all_cases;
using conformance::applies_under;
using conformance::catalog_json;
using conformance::catalog_text;
using conformance::coverage_json;
using conformance::coverage_text;

}  // namespace rasconform
