// The callout trace of a case drawn as a sequence diagram in inline SVG, for
// the HTML report: a lifeline for the engine (RRAS) and one per DLL instance
// ("x.dll", "x.dll (IP process)", stub DLLs of a chain), one arrow per
// callout labelled with its name, arguments, connection, link and outcome,
// and the calls the failure is about highlighted.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rasconform/trace.hpp"

namespace rasconform::conformance {

// Positions in `trace` of the calls a failure or warning is about, so the
// reader sees the culprit first: calls that did not return (fault, C++
// exception, time-out, process end, not called) or wrote into [in]
// arguments; failing those, the last call the message names (its
// connection too when the message gives one: "... (connection 0x...)");
// failing that, the last call. Empty only for an empty trace.
std::vector<std::size_t> offending_events(const Trace& trace, std::string_view message);

// Every part of the picture carries a class for styling and tests: each call
// is a <g class="call"> (plus "offending" when highlighted) with its
// sequence number in data-seq and its full text in a <title>.
std::string sequence_svg(const Trace& trace, const std::vector<std::size_t>& highlight, std::string_view title);

}  // namespace rasconform::conformance
