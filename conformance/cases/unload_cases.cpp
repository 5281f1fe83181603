// ROBUST-3: after MprAdminTerminateDll returns and the DLL is unloaded, no
// code of the DLL runs any more. The backend does the watching (it frees
// the image, traps its address range and lists the threads started since
// the load; win32/unload_watch.hpp); this case plays a service life that
// gives the DLL every reason to start its machinery, then judges what the
// watch saw.
#include <fmt/format.h>

#include "conformance/scenario.hpp"
#include "conformance/suite.hpp"

namespace rasconform::conformance {
namespace {

CaseInfo clean_unload() {
    CaseInfo c{"robust.clean-unload", {"ROBUST-3"},
               "after MprAdminTerminateDll and FreeLibrary no code of the DLL runs: no thread it started is still "
               "alive and no timer, thread-pool or wait callback of it fires during a grace period in which its "
               "freed image range is made inaccessible",
               CaseKind::dynamic, {}, {}};
    c.run_dynamic = [c](DynamicContext& ctx) {
        ScenarioSpec spec;
        // One instance: every callout, the IP ones too, runs in the DLL that
        // is unloaded and watched.
        spec.split = false;
        spec.unload_grace = ctx.unload_grace;
        spec.body = connect_and_hang_up;
        ScenarioOutcome o = run_scenario(ctx, std::move(spec));
        if (!o.start.started) return not_started(c, o);
        CaseResult r;
        std::vector<std::string> left;
        std::string not_done;
        bool supported = true;
        for (const std::optional<UnloadResult>* u : {&o.unload, &o.unload_ip}) {
            if (!*u) continue;
            supported &= (*u)->supported;
            if (!(*u)->done && not_done.empty()) not_done = (*u)->not_done;
            left.insert(left.end(), (*u)->leftovers.begin(), (*u)->leftovers.end());
        }
        const auto grace = ctx.unload_grace.count();
        if (!o.unload)
            r = result_for(c, Status::error, "the engine did not unload the DLL");
        else if (!supported)
            r = result_for(c, Status::not_applicable, not_done);
        else if (!not_done.empty())
            r = result_for(c, Status::error, "could not unload and watch the DLL: " + not_done);
        else if (!left.empty())
            r = result_for(c, Status::fail,
                           fmt::format("{}: after MprAdminTerminateDll returned and the DLL was freed, expected none "
                                       "of its code to run; observed within {} ms: {} [ROBUST-3]",
                                       ctx.subject_name, grace, fmt::join(left, "; ")));
        else
            r = result_for(c, Status::pass,
                           fmt::format("in the {} ms after MprAdminTerminateDll and FreeLibrary no code of {} ran and "
                                       "no thread started since its load was left",
                                       grace, ctx.subject_name));
        r.trace = o.trace;
        return r;
    };
    return c;
}

}  // namespace

std::vector<CaseInfo> unload_cases() { return {clean_unload()}; }

}  // namespace rasconform::conformance
