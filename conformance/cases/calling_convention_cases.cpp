// HDR-2 on 32-bit x86: RRAS calls every callout __stdcall except the
// exported MprAdminReleaseIpv6AddressForUser, which the SDK's prototype
// declares without APIENTRY (__cdecl, Q-28); from the callback table the same
// role is __stdcall again. A DLL built the other way round moves RRAS's stack
// pointer. The engine calls through a thunk that measures the stack across
// each call (core/src/invoke_callout.cpp) and reports the difference as a
// diagnostic; this case turns it into a verdict.
#include <algorithm>

#include <fmt/format.h>

#include "conformance/scenario.hpp"
#include "conformance/suite.hpp"

namespace rasconform::conformance {
namespace {

CaseInfo calling_convention() {
    CaseInfo c{"abi.calling-convention", {"HDR-2"},
               "on 32-bit x86 every callout leaves the stack as its convention says: __stdcall, except the exported "
               "MprAdminReleaseIpv6AddressForUser, which is __cdecl (its table slot is __stdcall)",
               CaseKind::dynamic, {}, {}};
    c.run_dynamic = [c](DynamicContext& ctx) {
#if defined(_WIN32)
        constexpr bool x86 = sizeof(void*) == 4;
#else
        constexpr bool x86 = false;  // native mode: the C convention of the platform, one for all
#endif
        if (!x86)
            return result_for(c, Status::not_applicable,
                              fmt::format("{} is not a 32-bit x86 DLL: one calling convention, nothing to mix up",
                                          ctx.subject_name));
        ScenarioSpec spec;
        // Init, accept, the addresses (IPv6 where the profile has it) and
        // their releases, the hang-ups, Terminate: every kind of callout.
        spec.body = connect_and_hang_up;
        ScenarioOutcome o = run_scenario(ctx, std::move(spec));
        std::vector<std::string> findings;
        for (const mock::Diagnostic& d : o.diagnostics)
            if (d.rule == "HDR-2" && (d.dll == ctx.subject_name || d.dll == ip_instance_name(ctx.subject_name)) &&
                std::find(findings.begin(), findings.end(), d.message + " [HDR-2]") == findings.end())
                findings.push_back(d.message + " [HDR-2]");
        std::string failure;
        if (!findings.empty()) failure = fmt::format("{}: {}", ctx.subject_name, fmt::join(findings, "; "));
        return conclude(c, o, failure,
                        "every callout called left the stack as its convention says (the stack pointer was "
                        "measured across each call)");
    };
    return c;
}

}  // namespace

std::vector<CaseInfo> calling_convention_cases() { return {calling_convention()}; }

}  // namespace rasconform::conformance
