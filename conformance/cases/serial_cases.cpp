// SERIAL-4/5: RRAS serializes only calls of the same function (SERIAL-1)
// and the accept/hang-up and Get/Release groups (SERIAL-2/3); anything else
// may overlap - a link accepted for one client while another client's
// connection hangs up, or this DLL's callout while another DLL's runs
// (Q-2's default). A DLL must be thread-safe for those. The case runs the
// engine's seeded stress mode (mock/stress.hpp): many connections alive at
// once on a pool of threads, behind a built-in DLL that accepts everything,
// in the process where the DLL lives. A callout that faults or hangs there
// is the DLL's state torn by a concurrent call.
#include <fmt/format.h>

#include "conformance/scenario.hpp"
#include "conformance/suite.hpp"

namespace rasconform::conformance {
namespace {

// Enough connections and overlap to meet every pair of groups many times
// (a DLL tearing shared state between two of them did so 190 times in 100
// connections), small enough to cost well under a second in a host.
mock::StressOptions stress_load() {
    mock::StressOptions o;
    o.connections = 50;
    o.threads = 4;
    o.concurrency = 8;
    o.seed = 1;  // the same interleaving of callout starts every run
    return o;
}

CaseInfo overlapping_callouts() {
    CaseInfo c{"serial.overlapping-callouts", {"SERIAL-4", "SERIAL-5"},
               "callouts RRAS does not serialize against each other (different functions for different clients, "
               "another DLL's callouts) may run at the same time, and the DLL stays correct",
               CaseKind::dynamic, {}, {}};
    c.run_dynamic = [c](DynamicContext& ctx) {
        auto stress = [&](const mock::StressOptions& load) {
            ScenarioSpec spec;
            spec.stress = load;
            spec.split = false;
            return run_scenario(ctx, std::move(spec));
        };
        // What went wrong in a run: its process ended, or a callout did not return.
        auto trouble = [&](const ScenarioOutcome& o) {
            if (!o.lost.empty()) return o.lost;
            const TraceEvent* first = first_fault(o.trace, ctx.subject_name);
            return first ? fmt::format("{} call{} did not return; the first: {}", o.trace.size(),
                                       o.trace.size() > 1 ? "s" : "", fault_message(*first))
                         : std::string();
        };
        const mock::StressOptions load = stress_load();
        ScenarioOutcome o = stress(load);
        if (!o.start.started && o.lost.empty()) return not_started(c, o);
        const std::string overlapped = trouble(o);
        if (overlapped.empty())
            return conclude(c, o, {},
                            fmt::format("{} connections ({} admitted) with up to {} callouts in flight at once: {} "
                                        "callouts, none faulted or hung",
                                        load.connections, o.stress.result.admitted, load.threads,
                                        o.stress.result.callouts));
        // Policy against bugs of other rules: the same seeded connections with
        // one callout at a time, as if RRAS serialized everything. A DLL that
        // fails that way too has a fault that is not about overlap
        // (robust.no-fault reports it, from this case's trace as well).
        mock::StressOptions one_at_a_time = load;
        one_at_a_time.threads = 1;
        const std::string alone = trouble(stress(one_at_a_time));
        CaseResult r;
        if (!alone.empty())
            r = result_for(c, Status::pass,
                           fmt::format("no fault that needs overlap: the DLL fails the same way with one callout at "
                                       "a time ({}); that is robust.no-fault's",
                                       alone));
        else
            r = result_for(c, Status::fail,
                           fmt::format("{}: with up to {} callouts in flight at once (seeded stress, seed {}), {}; "
                                       "one at a time, the same connections run clean: expected the DLL to protect "
                                       "state shared between callouts RRAS may overlap [SERIAL-4, SERIAL-5]",
                                       ctx.subject_name, load.threads, load.seed, overlapped));
        r.trace = o.trace;
        return r;
    };
    return c;
}

}  // namespace

std::vector<CaseInfo> serial_cases() { return {overlapping_callouts()}; }

}  // namespace rasconform::conformance
