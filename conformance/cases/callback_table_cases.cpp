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
    CaseInfo c{"ex.callback-table", {"EX-1", "EX-2", "EX-3", "EX-4", "EX-6", "EX-7"},
               "MprAdminInitializeDllEx sets a revision that matches what it fills, fills the SDK's 13-slot layout "
               "with whole pairs, and agrees with the exports (another function in the table than exported for the "
               "same role: a warning)",
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
        std::vector<std::string> problems, doubts;
        for (const mock::Diagnostic& d : o.diagnostics) {
            if (d.dll != ctx.subject_name) continue;
            if (d.rule == "EX-2" || d.rule == "EX-3" || d.rule == "EX-4" || d.rule == "EX-6")
                problems.push_back(fmt::format("{} [{}]", d.message, d.rule));
            if (d.rule == "EX-7") doubts.push_back(fmt::format("{} [{}]", d.message, d.rule));
        }
        if (problems.empty() && !doubts.empty() && o.start.started) {
            CaseResult r = result_for(c, Status::warning,
                                      fmt::format("{}: {}", ctx.subject_name, fmt::join(doubts, "; ")));
            r.trace = o.trace;
            return r;
        }
        return conclude(c, o,
                        problems.empty() ? std::string()
                                         : fmt::format("{}: {}", ctx.subject_name, fmt::join(problems, "; ")),
                        "the callback table came back with its revision, the 13-slot layout, whole pairs and the "
                        "exported functions");
    };
    return c;
}

}  // namespace

std::vector<CaseInfo> callback_table_cases() { return {callback_table()}; }

}  // namespace rasconform::conformance
