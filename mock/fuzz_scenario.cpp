#include "mock/fuzz_scenario.hpp"

namespace rasconform::mock {
namespace {

// A fault, an escaped C++ exception, a hang or the end of the process; a
// call not made (the DLL hung earlier) is none of the DLL's inputs' doing.
bool broke(const TraceEvent& e) { return !e.outcome.returned() && e.outcome.kind != CallOutcome::Kind::not_called; }

const TraceEvent* first_failure(const Trace& trace, const std::string& dll) {
    for (const TraceEvent& e : trace)
        if (e.dll == dll && broke(e)) return &e;
    return nullptr;
}

bool not_called(const Trace& trace) {
    for (const TraceEvent& e : trace)
        if (e.outcome.kind == CallOutcome::Kind::not_called) return true;
    return false;
}

FuzzInput subset(const FuzzInput& input, const std::vector<std::size_t>& keep) {
    FuzzInput out;
    for (std::size_t i : keep) out.push_back(input[i]);
    return out;
}

}  // namespace

// What the scenario player does with fuzz_trial_toml()'s file, step by step.
Trace fuzz_trial(AdminDllBackend& dll, const Options& options, const ConnectionModel& m, StartResult* start) {
    Service service({&dll}, options);
    const StartResult s = service.start();
    if (start) *start = s;
    if (!s.started) return service.trace();
    const ConnectResult r = service.connect(m);
    if (r.admitted) {
        const std::uint64_t h = r.connection;
        service.add_link(h, fuzz_second_link(m));  // a refused link is policy
        bool up = !service.links_of(h).empty();
        if (up && m.quarantine != winabi::RAS_QUAR_STATE_NORMAL)
            up = service.reauthenticate(h, winabi::RAS_QUAR_STATE_NORMAL);  // refused: disconnected (REAUTH-5)
        if (up && !service.links_of(h).empty()) service.hang_up(h);
    }
    service.stop();
    return service.trace();
}

FuzzScenario fuzz_scenario(AdminDllBackend& dll, const Options& options, const FuzzPlan& plan) {
    FuzzScenario out;
    // The ordinary connection first: a DLL that fails there fails whatever
    // the input, and no field change is to blame.
    const Trace ordinary = fuzz_trial(dll, options, fuzz_model({}), &out.start);
    if (!out.start.started) return out;
    if (const TraceEvent* f = first_failure(ordinary, dll.name())) {
        FuzzFinding finding;
        finding.fault = *f;
        out.finding = std::move(finding);
        return out;
    }
    for (std::uint64_t i = 0; i < plan.iterations; ++i) {
        const FuzzInput input = fuzz_input(plan.seed, i, plan.handles);
        const Trace trace = fuzz_trial(dll, options, fuzz_model(input));
        out.iterations = i + 1;
        const TraceEvent* f = first_failure(trace, dll.name());
        if (!f) continue;
        FuzzFinding finding;
        finding.iteration = i;
        finding.drawn = input;
        finding.fault = *f;
        // The same callout failing the same way: a candidate that breaks
        // something else is another finding, not a smaller one.
        bool stalled = false;
        auto fails = [&](const std::vector<std::size_t>& keep) {
            ++finding.replays;
            const Trace t = fuzz_trial(dll, options, fuzz_model(subset(input, keep)));
            stalled = stalled || not_called(t);
            const TraceEvent* g = first_failure(t, dll.name());
            return g && g->callout == f->callout && g->outcome.kind == f->outcome.kind;
        };
        const std::vector<std::size_t> keep = ddmin(input.size(), fails);
        finding.minimal = subset(input, keep);
        if (keep.size() < input.size()) {
            // The minimal trial's own fault (the message names its offset).
            const Trace t = fuzz_trial(dll, options, fuzz_model(finding.minimal));
            if (const TraceEvent* g = first_failure(t, dll.name())) finding.fault = *g;
        } else if (input.size() > 1 && stalled) {
            finding.not_minimised = "the DLL hung, so it is not called again in this process";
        }
        out.finding = std::move(finding);
        break;
    }
    return out;
}

}  // namespace rasconform::mock
