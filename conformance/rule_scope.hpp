// Which rules of the spec cannot be checked against a DLL, and why. Most of
// the spec describes what RRAS does (the order it calls in, the structures it
// builds); those bind the caller, which here is our mock engine: it
// implements them and its trace checker verifies every run. What a DLL must
// do about them (survive either order, not depend on the mock's pick) is a
// case of its own where it can be checked. Every rule is either cited by a
// case or listed here - never both (tests/conformance/test_case_catalog.cpp).
#pragma once

#include <span>
#include <string_view>

namespace rasconform::conformance {

enum class Untestable {
    caller,         // an obligation of RRAS: the mock engine implements it, the trace checker verifies it
    data,           // what RRAS puts in the structures: built by the structure builder and tested there
    documentation,  // a discrepancy in the header or the pages: nothing in a DLL binary shows it
    installer,      // the DLL's setup program, not the DLL
    legacy,         // the NT 4.0 interface, never called by supported Windows
    guidance,       // design advice, not a checkable obligation
    undecidable,    // an open question with no answer a DLL could be checked against
};
std::string_view to_string(Untestable u);

struct RuleScope {
    std::string_view rule;
    Untestable why;
    std::string_view reason;  // one line, our own words
};

// The rules no case can check against a DLL, in spec order.
std::span<const RuleScope> untestable_rules();
const RuleScope* find_untestable(std::string_view rule);

}  // namespace rasconform::conformance
