// One trace event per callout made: what was called in which DLL, for which
// connection and link, on which thread, with which arguments, and how it
// ended. Reports draw from it, cases assert on it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rasconform/backend.hpp"
#include "rasconform/callouts.hpp"

namespace rasconform {

struct TraceEvent {
    // seq numbers events in the order the calls started.
    std::uint64_t seq = 0;
    Callout callout{};
    std::string dll;                  // file name
    std::uint64_t connection = 0;     // hConnection, 0 for service-level callouts
    std::uint64_t link = 0;           // hPort, 0 when not a link callout
    std::uint64_t thread = 0;         // calling thread, hashed
    std::string args;                 // short summary: "user=alice port=VPN1-0 ip=10.1.2.3"
    CallOutcome outcome;
    std::uint64_t start_ns = 0;     // when the call started, since the service was created
    std::uint64_t duration_ns = 0;  // start_ns + duration_ns is when it returned
};

using Trace = std::vector<TraceEvent>;

}  // namespace rasconform
