// REENTRY-1..5: a DLL must not call the RAS administration functions from
// inside a callout. The engine's side of the detector: an implementation of
// those functions (the Win32 one replaces mprapi.dll) reports each call made
// on a thread that is inside a callout, and otherwise acts on the service.
#pragma once

#include <string>
#include <vector>

#include "mock/service.hpp"

namespace rasconform::mock {

struct ReentryViolation {
    std::string function;  // "MprAdminPortDisconnect"
    std::string callout;   // the callout it was called from
};

class ReentryMonitor {
public:
    virtual ~ReentryMonitor() = default;
    // The service the administration functions act on outside callouts;
    // nullptr between scenarios.
    virtual void attach(Service* service) = 0;
    // Every violation so far, in the order they happened.
    virtual std::vector<ReentryViolation> violations() const = 0;
};

}  // namespace rasconform::mock
