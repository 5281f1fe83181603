// The cheapest admin DLL that still takes a whole connection lifecycle: it
// exports InitializeDll/TerminateDll, the variant-1 accept and hang-up pair,
// the link pair and the IPv4 address pair, and every body does nothing but
// answer (TRUE, NO_ERROR, "keep the offered address, or take 10.9.0.1 when
// none is offered, and notify its release"): a conformant DLL, so the suite
// it goes through takes its full course.
// What the engine spends around such a DLL is all engine (issue 7).
#pragma once

#include <string>

#include "rasconform/backend.hpp"

namespace rasconform::bench {

class TrivialAdminDll final : public AdminDllBackend {
public:
    const std::string& name() const override { return name_; }
    void* resolve(std::string_view export_name) const override;
    // Straight through the function pointer, as the in-process fast mode does.
    CallOutcome call(const CalloutInfo& callout, void* fn, std::span<void* const> args) override;

private:
    std::string name_ = "trivial.dll";
};

}  // namespace rasconform::bench
