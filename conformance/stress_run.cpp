// The stress run itself, in this process, on backends already loaded:
// the Win32 backend on Windows, shared objects in native mode on Linux.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "conformance/stress_command.hpp"
#include "mock/service.hpp"
#include "rasconform/trace_checker.hpp"

namespace rasconform::conformance {

CommandRun stress_in_this_process(const std::vector<AdminDllBackend*>& chain, const Profile* profile,
                                  const StressCommandOptions& o) {
    TraceExpectations expect;
    expect.profile = profile;
    for (AdminDllBackend* d : chain) expect.registry_order.push_back(d->name());
    mock::Options options;
    options.profile = profile;
    mock::Service service(chain, options);
    mock::StressResult r = mock::run_stress(service, o.stress);
    std::vector<TraceViolation> violations = check_trace(service.trace(), expect);
    std::vector<std::string> failed;
    for (const TraceEvent& e : service.trace())
        if (!e.outcome.returned())
            failed.push_back(fmt::format("#{} {} {}: {}", e.seq, e.dll, info(e.callout).name, describe(e.outcome)));
    const bool clean = r.start.started && violations.empty() && failed.empty();
    const std::string replay = fmt::format("rasconform stress {} --profile {} --connections {} --threads {} "
                                           "--concurrency {} --seed {}",
                                           fmt::join(o.dlls, " "), profile->name, o.stress.connections,
                                           o.stress.threads, o.stress.concurrency, o.stress.seed);
    if (o.format == "json") {
        nlohmann::json v = nlohmann::json::array();
        for (const TraceViolation& t : violations) v.push_back({{"rule", t.rule}, {"seq", t.seq}, {"message", t.message}});
        nlohmann::json j{{"schema", 1},
                         {"profile", profile->name},
                         {"seed", o.stress.seed},
                         {"connections", o.stress.connections},
                         {"threads", o.stress.threads},
                         {"concurrency", o.stress.concurrency},
                         {"started", r.start.started},
                         {"start_failure", r.start.reason},
                         {"admitted", r.admitted},
                         {"callouts", r.callouts},
                         {"start_order_digest", fmt::format("{:016x}", r.start_order_digest)},
                         {"failed_callouts", failed},
                         {"engine_violations", v},
                         {"verdict", clean ? "pass" : "fail"},
                         {"replay", replay}};
        return {j.dump(2) + "\n", {}, clean ? 0 : 1};
    }
    std::string out = fmt::format("stress: {} connections on {} threads ({} at a time), seed {}, profile {}\n",
                                  o.stress.connections, o.stress.threads, o.stress.concurrency, o.stress.seed,
                                  profile->name);
    if (!r.start.started) out += "service did not start: " + r.start.reason + "\n";
    out += fmt::format("admitted {}, {} callouts, start order {:016x}\n", r.admitted, r.callouts, r.start_order_digest);
    for (std::size_t i = 0; i < failed.size() && i < 20; ++i) out += "did not return: " + failed[i] + "\n";
    for (std::size_t i = 0; i < violations.size() && i < 20; ++i)
        out += fmt::format("engine violation {} at #{}: {}\n", violations[i].rule, violations[i].seq,
                           violations[i].message);
    out += clean ? std::string("verdict: PASS\n") : "verdict: FAIL - replay the same interleaving with: " + replay + "\n";
    return {out, {}, clean ? 0 : 1};
}

}  // namespace rasconform::conformance
