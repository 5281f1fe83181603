// ROBUST-6: the documented edge values of every input a callout receives.
// A DLL must tolerate any value the documentation allows in any field: every
// flag bit, strings empty and filling their array with no room to spare, zero
// handles, counters and durations, every interface type, port condition,
// tunnel and quarantine state, and the extreme IPv4/IPv6 addresses. Each
// entry changes one field (or one field group) of an otherwise ordinary
// connection, so a DLL failing on an entry is pointed at that field; the
// issue-8 fuzzer combines entries from a seed.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "rasconform/connection.hpp"

namespace rasconform {

struct EdgeInput {
    std::string field;  // where the callout sees it: "RAS_CONNECTION_0.wszUserName"
    std::string value;  // "256 characters (UNLEN), no room to spare"
    // Applied to a connection with one link; the scenario adds a second
    // link as a copy of the first under another port name and handle.
    std::function<void(ConnectionModel&)> apply;
};

// In a fixed order: scenario requests name entries by index.
const std::vector<EdgeInput>& edge_inputs();

}  // namespace rasconform
