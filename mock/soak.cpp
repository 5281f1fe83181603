#include "mock/soak.hpp"

#include <algorithm>

namespace rasconform::mock {

int SoakPlan::first() const { return std::max(1, lifecycles / 10); }
int SoakPlan::warm_up() const { return std::max(1, std::min(100, first() / 2)); }
int SoakPlan::middle() const { return first() + (lifecycles - first()) / 2; }

SoakRun run_soak(Service& s, const std::function<ResourceUse()>& measure, const SoakPlan& plan) {
    SoakRun run;
    for (int done = 0; done < plan.lifecycles;) {
        ConnectionModel m;
        m.links.push_back(LinkModel{});
        ConnectResult r = s.connect(m);
        if (r.admitted) s.hang_up(r.connection);
        ++done;
        // With record_every_call off, only calls that did not return are traced.
        if (!s.trace().empty()) {
            run.stopped_at = done;
            return run;
        }
        if (done == plan.warm_up() || done == plan.first() || done == plan.middle() || done == plan.lifecycles) {
            run.samples.push_back({done, measure()});
            if (!run.samples.back().use.available) return run;
        }
    }
    return run;
}

SoakScenario soak_scenario(AdminDllBackend& dll, const Options& options, const SoakPlan& plan) {
    SoakScenario out;
    Service service({&dll}, options);
    out.start = service.start();
    if (out.start.started) {
        out.run = run_soak(service, [&] { return dll.resource_use(); }, plan);
        service.stop();
    }
    out.trace = service.trace();
    out.diagnostics = service.diagnostics();
    return out;
}

}  // namespace rasconform::mock
