// What a DLL may do with the memory of its arguments. ACCEPT-5, STRUCT-16:
// the structures and strings a callout gets are [in]: it must not write
// them. ROBUST-5, STRUCT-18: they are valid only during the call: it
// must copy what it keeps. Both need a backend that guards argument pages
// (the Win32 one: read-only copies during the call, inaccessible after it);
// on any other backend the cases are not applicable.
//
// Both play one scenario that reaches every callout taking such an argument
// - address Get and Release, accept, links, a link drop, reauthentication,
// the hang-ups, Terminate - once per accept/hang-up variant the DLL exports,
// and also collect what the other dynamic cases of the run saw.
#include <fmt/format.h>

#include <set>

#include "conformance/scenario.hpp"
#include "conformance/suite.hpp"

namespace rasconform::conformance {
namespace {

void every_input(mock::Service& s) {
    Multilink r = connect_with_two_links(s);
    if (!r.connection) return;
    if (r.second_link) {
        auto links = s.links_of(r.connection);
        if (links.size() > 1) s.drop_link(r.connection, links.back());
    }
    if (s.reauthenticate(r.connection, winabi::RAS_QUAR_STATE_NORMAL)) s.hang_up(r.connection);
}

// One run per accept/hang-up variant the engine can pick for this DLL
// (VARIANT-3: forcing an incomplete one falls back to the newest, which
// is then not played twice).
std::vector<ScenarioOutcome> play_every_variant(DynamicContext& ctx) {
    std::vector<ScenarioOutcome> runs;
    std::set<Variant> played;
    for (Variant v : all_variants) {
        if (played.count(v)) continue;
        std::optional<Variant> used;
        ScenarioSpec spec;
        spec.options.forced_variant = v;
        spec.body = [&](mock::Service& s) {
            used = s.variant_of(0);
            every_input(s);
        };
        ScenarioOutcome o = run_scenario(ctx, std::move(spec));
        if (!o.loaded || !o.guarded || !o.start.started || !used) {
            runs.push_back(std::move(o));  // one run says why nothing could be seen
            break;
        }
        if (played.insert(*used).second) runs.push_back(std::move(o));
    }
    return runs;
}

// Every trace of this run: the case's own scenarios first, then the other cases'.
std::vector<std::pair<std::string, const Trace*>> traces(const DynamicContext& ctx,
                                                        const std::vector<ScenarioOutcome>& runs) {
    std::vector<std::pair<std::string, const Trace*>> all;
    for (const ScenarioOutcome& o : runs) all.emplace_back("", &o.trace);
    if (ctx.earlier)
        for (const CaseResult& r : *ctx.earlier) all.emplace_back(r.id, &r.trace);
    return all;
}

// The common head of both cases: not applicable without guards, error when
// the service did not start; otherwise nullopt and the findings are looked at.
std::optional<CaseResult> precondition(const CaseInfo& c, const std::vector<ScenarioOutcome>& runs) {
    const ScenarioOutcome& first = runs.front();
    if (first.loaded && !first.guarded) return result_for(c, Status::not_applicable, first.backend_note);
    if (!first.start.started) return conclude(c, first, "", "");
    return std::nullopt;
}

// "2 writes into [in] arguments: ...; ..."
std::string finish(std::vector<std::string> findings, std::string_view one, std::string_view many) {
    if (findings.empty()) return {};
    return fmt::format("{} {}: {}", findings.size(), findings.size() > 1 ? many : one, fmt::join(findings, "; "));
}

CaseInfo inputs_read_only() {
    CaseInfo c{"robust.inputs-read-only", {"ACCEPT-5", "STRUCT-16"},
               "no callout writes into its [in] arguments (connection and port structures, user and port name "
               "strings, the address a Release gets); they are read-only copies during the call",
               CaseKind::dynamic, {}, {}};
    c.run_dynamic = [c](DynamicContext& ctx) {
        std::vector<ScenarioOutcome> runs = play_every_variant(ctx);
        if (auto r = precondition(c, runs)) return *r;
        std::vector<std::string> findings;
        std::set<std::string> seen;  // one report per callout and field
        for (const auto& [origin, trace] : traces(ctx, runs))
            for (const TraceEvent& ev : *trace) {
                if (!of_subject(ev, ctx.subject_name)) continue;
                for (const std::string& field : ev.outcome.input_writes) {
                    if (!seen.insert(std::string(info(ev.callout).name) + field).second) continue;
                    findings.push_back(fmt::format(
                        "{}{} wrote {}: expected [in] arguments left as passed (copy what you change), observed a "
                        "write [ACCEPT-5]",
                        origin.empty() ? "" : "in " + origin + ": ", call_name(ev), field));
                }
            }
        return conclude(c, runs.front(), finish(std::move(findings), "write into an [in] argument", "writes into [in] arguments"),
                        "no callout wrote into an [in] argument");
    };
    return c;
}

CaseInfo no_kept_pointers() {
    CaseInfo c{"robust.no-kept-pointers", {"ROBUST-5", "STRUCT-18"},
               "no pointer to a callout's arguments is used after the callout returned: their pages are made "
               "inaccessible then, and any later access faults and is attributed",
               CaseKind::dynamic, {}, {}};
    c.run_dynamic = [c](DynamicContext& ctx) {
        std::vector<ScenarioOutcome> runs = play_every_variant(ctx);
        if (auto r = precondition(c, runs)) return *r;
        std::vector<std::string> findings;
        std::set<std::string> seen;
        for (const auto& [origin, trace] : traces(ctx, runs))
            for (const TraceEvent& ev : *trace) {
                if (!of_subject(ev, ctx.subject_name) || !is_kept_pointer_fault(ev.outcome)) continue;
                if (!seen.insert(std::string(info(ev.callout).name) + ev.outcome.detail).second) continue;
                // In a host, a DLL thread's fault ends the process: the call in
                // flight then reports the death, with the finding after it.
                const bool ended = ev.outcome.kind == CallOutcome::Kind::process_ended;
                findings.push_back(fmt::format("{}{} {}{}: expected arguments used only during their own call, "
                                               "valid only then [STRUCT-18]",
                                               origin.empty() ? "" : "in " + origin + ": ", call_name(ev),
                                               ended ? "did not return: " : "faulted on a ",
                                               ended ? ev.outcome.detail
                                                     : fmt::format("{} ({})", ev.outcome.detail,
                                                                   ev.outcome.where.empty() ? "access violation"
                                                                                            : ev.outcome.where)));
            }
        return conclude(c, runs.front(), finish(std::move(findings), "use of a kept pointer", "uses of kept pointers"),
                        "no argument was used after its callout returned");
    };
    return c;
}

}  // namespace

std::vector<CaseInfo> argument_memory_cases() { return {inputs_read_only(), no_kept_pointers()}; }

}  // namespace rasconform::conformance
