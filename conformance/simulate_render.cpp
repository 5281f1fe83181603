#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "conformance/report.hpp"
#include "conformance/simulate.hpp"
#include "rasconform/trace_checker.hpp"
#include "rasconform/version.hpp"

namespace rasconform::conformance {

std::vector<const Profile*> select_profiles(const std::string& name) {
    std::vector<const Profile*> out;
    if (name == "all") {
        for (const Profile& p : profiles()) out.push_back(&p);
    } else if (const Profile* p = find_profile(name)) {
        out.push_back(p);
    }
    return out;
}

namespace {

// The engine checks its own trace on every run (the trace checker): a
// simulation is only worth reading if RRAS's side of it was faithful.
std::vector<TraceViolation> self_check(const Chain& chain, const ProfileRun& r) {
    TraceExpectations e;
    e.profile = r.profile;
    for (const std::string& d : chain.dlls) {
        std::string name = d;
        if (auto slash = name.find_last_of("\\/"); slash != std::string::npos) name = name.substr(slash + 1);
        e.registry_order.push_back(name);
    }
    return check_trace(r.trace, e);
}

}  // namespace

std::string render_simulation(const SimulateOptions& o, const Chain& chain, const Scenario& scenario,
                              const std::vector<ProfileRun>& runs) {
    if (o.format == "json") {
        nlohmann::json out_runs = nlohmann::json::array();
        for (const ProfileRun& r : runs) {
            nlohmann::json trace = nlohmann::json::array();
            for (const TraceEvent& e : r.trace) trace.push_back(to_json(e));
            nlohmann::json violations = nlohmann::json::array();
            for (const TraceViolation& v : self_check(chain, r))
                violations.push_back({{"rule", v.rule}, {"seq", v.seq}, {"message", v.message}});
            out_runs.push_back({{"profile", r.profile->name},
                                {"started", r.play.start.started},
                                {"engine_violations", violations},
                                {"start_failure", r.play.start.reason},
                                {"notes", r.play.notes},
                                {"trace", trace}});
        }
        return nlohmann::json{{"schema", 1},
                              {"tool", "rasconform"},
                              {"version", version},
                              {"scenario", {{"name", scenario.name}, {"file", o.scenario}}},
                              {"dlls", chain.dlls},
                              {"chain_warnings", chain.warnings},
                              {"runs", out_runs}}
                   .dump(2) +
               "\n";
    }
    std::string out = fmt::format("scenario: {} ({})\nchain: {}\n", scenario.name, o.scenario, fmt::join(chain.dlls, "; "));
    for (const std::string& w : chain.warnings) out += "chain: " + w + "\n";
    for (const ProfileRun& r : runs) {
        out += fmt::format("\nprofile {} ({}): {}\n", r.profile->name, to_string(r.profile->version),
                           r.play.start.started ? "service started" : "service did not start: " + r.play.start.reason);
        for (const TraceEvent& e : r.trace) out += "  " + to_text(e) + "\n";
        for (const std::string& n : r.play.notes) out += "  note: " + n + "\n";
        for (const TraceViolation& v : self_check(chain, r))
            out += fmt::format("  ENGINE VIOLATION {} at #{}: {}\n", v.rule, v.seq, v.message);
    }
    return out;
}

}  // namespace rasconform::conformance
