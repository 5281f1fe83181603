// ACCEPT-1, LINK-1, REAUTH-2: the admission callouts answer TRUE or FALSE.
// RRAS reads a BOOL, so any non-zero value admits; a value other than 0 or 1
// is still a smell: typically a count or a pointer returned as "TRUE", or no
// value set at all - which is exactly what a DLL written from the
// MprAdminAcceptNewConnectionEx page ("does not return a value", ACCEPT-7,
// HDR-3) does, leaving whatever the register held to decide admission.
// A warning over every call the run made, not a failure: the contract's
// outcome (admit or refuse) is still well defined.
#include <fmt/format.h>

#include "conformance/scenario.hpp"
#include "conformance/suite.hpp"

namespace rasconform::conformance {
namespace {

CaseInfo boolean_answers() {
    CaseInfo c{"answers.boolean", {"ACCEPT-1", "LINK-1", "REAUTH-2", "ACCEPT-7", "HDR-3"},
               "the accept, link and reauthentication callouts return TRUE (1) or FALSE (0) in every call of the run",
               CaseKind::dynamic, {}, {}};
    c.warning_only = true;
    c.run_dynamic = [c](DynamicContext& ctx) {
        ScenarioSpec spec;
        spec.body = plain_then_multilink;
        ScenarioOutcome o = run_scenario(ctx, std::move(spec));
        if (!o.start.started) return not_started(c, o);
        std::size_t calls = 0, odd = 0;
        std::string first;
        auto scan = [&](const Trace& trace, std::string_view in) {
            for (const TraceEvent& e : trace) {
                if (!of_subject(e, ctx.subject_name) || !e.outcome.returned() ||
                    info(e.callout).returns != Returns::boolean)
                    continue;
                ++calls;
                const auto value = static_cast<std::uint32_t>(e.outcome.value);  // a BOOL is 32 bits
                if (value <= 1) continue;
                if (odd++ == 0)
                    first = fmt::format("{} returned {} ({}){}", call_name(e), value, hex(value),
                                        in.empty() ? std::string() : fmt::format(" in {}", in));
            }
        };
        scan(o.trace, {});
        if (ctx.earlier)
            for (const CaseResult& r : *ctx.earlier) scan(r.trace, r.id);
        CaseResult r =
            odd == 0 ? result_for(c, Status::pass, fmt::format("{} admission answers, each TRUE or FALSE", calls))
                     : result_for(c, Status::warning,
                                  fmt::format("{} of {} admission answers were neither TRUE nor FALSE; the first: {}; "
                                              "RRAS admits on any non-zero value, so return exactly TRUE or FALSE "
                                              "(an unset result decides at random) [ACCEPT-1]",
                                              odd, calls, first));
        r.trace = o.trace;
        return r;
    };
    return c;
}

}  // namespace

std::vector<CaseInfo> answer_cases() { return {boolean_answers()}; }

}  // namespace rasconform::conformance
