// REENTRY-1/2: no RAS administration call from inside a callout - RRAS would
// never return from it. The case drives every kind of callout (addresses,
// multilink, reauthentication - REAUTH-7 states the ban there - and hang-up) and also reports calls the detector
// saw during the other dynamic cases, so its verdict covers the whole run.
#include <algorithm>

#include <fmt/format.h>

#include "conformance/scenario.hpp"
#include "conformance/suite.hpp"
#include "mock/reentry.hpp"

namespace rasconform::conformance {
namespace {

void every_kind_of_callout(mock::Service& s) {
    Multilink r = connect_with_two_links(s);
    if (r.connection && s.reauthenticate(r.connection, winabi::RAS_QUAR_STATE_NORMAL)) s.hang_up(r.connection);
}

CaseInfo no_admin_calls() {
    CaseInfo c{"reentry.no-admin-calls", {"REENTRY-1", "REENTRY-2", "REENTRY-3", "REAUTH-7"},
               "no callout calls a RAS administration or user administration function (they never return there)",
               CaseKind::dynamic, {}, {}};
    c.run_dynamic = [c](DynamicContext& ctx) {
        if (!ctx.reentry) return result_for(c, Status::not_applicable, ctx.reentry_unavailable);
        ScenarioSpec spec;
        spec.body = every_kind_of_callout;
        ScenarioOutcome o = run_scenario(ctx, std::move(spec));
        // Each distinct call once, with how often it happened, in first-seen order.
        std::vector<std::pair<std::string, int>> calls;
        std::size_t total = 0;
        for (const mock::ReentryViolation& v : ctx.reentry->violations()) {
            std::string call = fmt::format("{} from {}", v.function, v.callout);
            auto it = std::find_if(calls.begin(), calls.end(), [&](const auto& c) { return c.first == call; });
            if (it == calls.end()) calls.emplace_back(std::move(call), 1);
            else ++it->second;
            ++total;
        }
        // REAUTH-7 carries the ban over to the reauthentication callouts.
        const bool in_reauth = std::ranges::any_of(ctx.reentry->violations(), [](const mock::ReentryViolation& v) {
            return v.callout.find("Reauthentication") != std::string::npos;
        });
        std::vector<std::string> listed;
        for (const auto& [call, n] : calls) listed.push_back(n > 1 ? fmt::format("{} ({} times)", call, n) : call);
        std::string failure;
        if (total)
            failure = fmt::format("{}: {} forbidden call{} inside callouts: {}; RRAS never returns from them - "
                                  "queue such work to a thread of the DLL [REENTRY-1, REENTRY-5{}]",
                                  ctx.subject_name, total, total > 1 ? "s" : "", fmt::join(listed, "; "),
                                  in_reauth ? ", REAUTH-7" : "");
        return conclude(c, o, failure, "no administration call was made from a callout");
    };
    return c;
}

}  // namespace

std::vector<CaseInfo> reentry_cases() { return {no_admin_calls()}; }

}  // namespace rasconform::conformance
