// ROBUST-6: the DLL tolerates every documented value in every input field.
// The case plays one ordinary connection, then one connection per entry of
// the edge-input table (rasconform/edge_inputs.hpp: empty and array-filling
// strings, every interface type, port condition, tunnel and quarantine
// state, all flag bits, zero and maximal counters, extreme addresses), in
// the process where the DLL lives. Each entry changes one field, so a
// callout that faults or hangs on that connection names the field and value
// that broke the DLL. Refusing such a connection is policy, not a failure.
#include <algorithm>

#include <fmt/format.h>

#include "conformance/scenario.hpp"
#include "conformance/suite.hpp"
#include "rasconform/edge_inputs.hpp"

namespace rasconform::conformance {
namespace {

std::string entry_name(const EdgeInput& e) { return fmt::format("{} = {}", e.field, e.value); }

CaseInfo edge_inputs_case() {
    CaseInfo c{"robust.edge-inputs", {"ROBUST-6"},
               "every documented value of every input field (strings empty and filling their array, every interface "
               "type, port condition, tunnel and quarantine state, all flag bits, zero and maximal counters, extreme "
               "addresses) is taken without a fault or hang",
               CaseKind::dynamic, {}, {}};
    c.run_dynamic = [c](DynamicContext& ctx) {
        const auto& edges = edge_inputs();
        auto play = [&](mock::EdgePlan plan) {
            ScenarioSpec spec;
            spec.edges = std::move(plan);
            spec.split = false;
            return run_scenario(ctx, std::move(spec));
        };
        ScenarioOutcome o = play(mock::every_edge_input());
        if (!o.start.started && o.lost.empty()) return not_started(c, o);
        const std::string ordinary_note =
            fmt::format("{} fails on an ordinary connection too, so nothing here is about edge values "
                        "(robust.no-fault reports it)",
                        ctx.subject_name);

        if (!o.lost.empty()) {
            // The process the DLL ran in ended: no trace says where. Played
            // again one entry at a time, the first that loses it is named.
            if (!play(mock::EdgePlan{}).lost.empty()) return result_for(c, Status::pass, ordinary_note);
            for (std::size_t i = 0; i < edges.size(); ++i) {
                ScenarioOutcome one = play(mock::EdgePlan{{i}});
                if (one.lost.empty() && !first_fault(one.trace, ctx.subject_name)) continue;
                CaseResult r = result_for(
                    c, Status::fail,
                    fmt::format("{}: with {}: {}; expected the DLL to take every documented value [ROBUST-6]",
                                ctx.subject_name, entry_name(edges[i]),
                                one.lost.empty() ? fault_message(*first_fault(one.trace, ctx.subject_name))
                                                 : one.lost));
                r.trace = one.trace;
                return r;
            }
            return result_for(c, Status::fail,
                              fmt::format("{}: the edge-value scenario was lost ({}), and no single entry loses it "
                                          "alone [ROBUST-6]",
                                          ctx.subject_name, o.lost));
        }

        // Which connection each fault belongs to: index 0 is the ordinary one.
        const auto& connections = o.edges.connections;
        std::vector<std::string> broken;
        bool ordinary = false;
        for (const TraceEvent& e : o.trace) {
            if (!of_subject(e, ctx.subject_name) || e.outcome.returned()) continue;
            const auto it = e.connection ? std::find(connections.begin(), connections.end(), e.connection)
                                         : connections.end();
            const std::size_t k = static_cast<std::size_t>(it - connections.begin());
            if (it == connections.end() || k == 0) {
                ordinary = true;  // Initialize, Terminate or the ordinary connection
                continue;
            }
            const std::string entry = entry_name(edges[k - 1]);
            if (std::none_of(broken.begin(), broken.end(),
                             [&](const std::string& b) { return b.rfind(entry + ": ", 0) == 0; }))
                broken.push_back(fmt::format("{}: {} did not return: {}", entry, info(e.callout).name,
                                             describe(e.outcome)));
        }
        CaseResult r;
        if (ordinary)
            r = result_for(c, Status::pass, ordinary_note);
        else if (broken.empty())
            r = result_for(c, Status::pass,
                           fmt::format("{} edge values, one per connection: every callout returned", edges.size()));
        else {
            const std::size_t shown = std::min<std::size_t>(broken.size(), 3);
            r = result_for(c, Status::fail,
                           fmt::format("{}: {} of {} edge values made a callout fail: {}{}; expected the DLL to take "
                                       "every documented value [ROBUST-6]",
                                       ctx.subject_name, broken.size(), edges.size(),
                                       fmt::join(broken.begin(), broken.begin() + static_cast<std::ptrdiff_t>(shown),
                                                 "; "),
                                       broken.size() > shown ? fmt::format("; and {} more", broken.size() - shown)
                                                             : std::string()));
        }
        r.trace = o.trace;
        return r;
    };
    return c;
}

}  // namespace

std::vector<CaseInfo> edge_input_cases() { return {edge_inputs_case()}; }

}  // namespace rasconform::conformance
