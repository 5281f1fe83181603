// EX-1..EX-7: a DLL that exports MprAdminInitializeDllEx fills the callback
// table RRAS hands it. The engine validates what comes back (revision set,
// pairs complete, the SDK's 13-slot layout rather than mingw-w64's 11-slot
// one) and reports it as diagnostics; this case turns them into a verdict.
#include <fmt/format.h>

#include "conformance/scenario.hpp"
#include "conformance/suite.hpp"

namespace rasconform::conformance {
namespace {

CaseInfo callback_table() {
    CaseInfo c{"ex.callback-table", {"EX-1", "EX-3", "EX-6"},
               "MprAdminInitializeDllEx sets the table revision and fills the SDK's 13-slot layout",
               CaseKind::dynamic, {}, {}};
    c.applies = [](const Profile& p) { return offers(p, Callout::InitializeDllEx); };
    c.run_dynamic = [c](DynamicContext& ctx) {
        if (!offers(ctx.profile, Callout::InitializeDllEx))
            return result_for(c, Status::not_applicable,
                              fmt::format("{} has no MprAdminInitializeDllEx [VARIANT-2]", to_string(ctx.profile.version)));
        ScenarioSpec spec;
        spec.split = false;
        spec.body = connect_and_hang_up;
        ScenarioOutcome o = run_scenario(ctx, std::move(spec));
        if (!o.loaded) return not_started(c, o);
        bool ex_called = false;
        for (const TraceEvent& e : o.trace) ex_called |= e.callout == Callout::InitializeDllEx;
        if (!ex_called) return result_for(c, Status::not_applicable, "the DLL does not export MprAdminInitializeDllEx");
        std::vector<std::string> problems;
        for (const mock::Diagnostic& d : o.diagnostics)
            if (d.rule == "EX-3" || d.rule == "EX-6") problems.push_back(fmt::format("{} [{}]", d.message, d.rule));
        return conclude(c, o,
                        problems.empty() ? std::string()
                                         : fmt::format("{}: {}", ctx.subject_name, fmt::join(problems, "; ")),
                        "the callback table came back with its revision and the 13-slot layout");
    };
    return c;
}

}  // namespace

std::vector<CaseInfo> callback_table_cases() { return {callback_table()}; }

}  // namespace rasconform::conformance
