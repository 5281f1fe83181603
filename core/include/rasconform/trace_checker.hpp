// The trace checker: validates a trace against the rules the ENGINE must
// obey (spec sections 3.3 and 3.5 to 3.15), whatever the admin DLLs did.
// It is how the mock proves it never breaks the contract it emulates, and
// how conformance cases assert that a run was a faithful one before they
// blame a DLL for what happened in it.
//
// The checker sees only the trace: callout, DLL, connection and link
// handles, the argument summary, the outcome and the timing. Rules that need
// structure contents (ORDER-8, STRUCT-*) or export tables (EXPORT-*) are not
// checked here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rasconform/profile.hpp"
#include "rasconform/trace.hpp"

namespace rasconform {

// What the engine was configured to do: the profile it emulated, the DLL
// chain it drove and the answers it chose to the open questions of spec
// section 5 (the same switches as mock::Options).
struct TraceExpectations {
    const Profile* profile = &default_profile();
    // DLL names (TraceEvent::dll) in registry order (LOAD-5). Every DLL of
    // the trace must be listed; calls to others are reported (LOAD-1).
    std::vector<std::string> registry_order;
    // ACCEPT-3, Q-8: every DLL is asked even after a FALSE; when false, no
    // DLL is asked after one refused (short-circuit).
    bool ask_every_dll = true;
    // HANGUP-3/HANGUP-4, Q-9: empty means the profile's answer.
    std::optional<bool> hangup_after_reject;
    // LINK-4: empty means the profile's answer.
    std::optional<bool> link_hangup_after_refused_link;

    const Profile& emulated() const { return profile ? *profile : default_profile(); }
    bool expects_hangup_after_reject() const {
        return hangup_after_reject.value_or(emulated().hangup_after_rejected_accept);
    }
    bool expects_link_hangup_after_refused_link() const {
        return link_hangup_after_refused_link.value_or(emulated().link_hangup_after_refused_link);
    }
};

struct TraceViolation {
    std::string rule;         // rule ID of the spec: "ACCEPT-4"
    std::uint64_t seq = 0;    // TraceEvent::seq of the event that breaks it
    std::string message;      // names DLL, callout, connection, and what was expected vs seen
};

// Every violation found, ordered by seq. Empty for a faithful trace.
std::vector<TraceViolation> check_trace(const Trace& trace, const TraceExpectations& expect);

}  // namespace rasconform
