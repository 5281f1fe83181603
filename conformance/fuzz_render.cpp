// The report of `rasconform fuzz` and the scenario that replays its
// finding, from the run alone: no timing, thread or address outside the
// DLL's own offsets, so the same seed prints the same bytes.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "conformance/fuzz_command.hpp"
#include "rasconform/version.hpp"

namespace rasconform::conformance {
namespace {

std::vector<std::string> described(const FuzzInput& input) {
    std::vector<std::string> out;
    for (const FuzzChange& c : input) out.push_back(describe(c));
    return out;
}

nlohmann::json fields_json(const FuzzInput& input) {
    nlohmann::json list = nlohmann::json::array();
    for (const FuzzChange& c : input) {
        const FuzzField& f = fuzz_fields().at(c.field);
        list.push_back({{"field", f.name}, {"value", f.show(c.value)}});
    }
    return list;
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

FuzzRun render_fuzz(const FuzzCommandOptions& o, const std::string& dll_name, const mock::FuzzScenario& run) {
    if (!run.start.started)
        return {{},
                {},
                fmt::format("{}: the service did not start, so nothing can be fuzzed: {}", o.dll, run.start.reason),
                2};
    FuzzRun out;
    const std::string scenario_name = o.scenario_out.empty() ? std::string("FILE.toml") : o.scenario_out;
    const std::string replay =
        fmt::format("rasconform simulate {} --scenario {} --profile {}", o.dll, scenario_name, o.profile);
    std::string message;
    if (run.finding) {
        const mock::FuzzFinding& f = *run.finding;
        const std::string callout(info(f.fault.callout).name);
        const std::string fault = describe(f.fault.outcome);
        const std::vector<std::string> minimal = described(f.minimal);
        message = f.minimal.empty()
                      ? fmt::format(
                            "{}: {} did not return on the ordinary connection, with no field changed: {}; "
                            "not about input values (rasconform check: robust.no-fault) [ROBUST-1]",
                            dll_name, callout, fault)
                      : fmt::format(
                            "{}: {} did not return with {}: {}; expected the DLL to take every documented "
                            "value [ROBUST-6]",
                            dll_name, callout, fmt::join(minimal, ", "), fault);
        std::vector<std::string> comment{
            fmt::format("rasconform fuzz {} --seed {} --profile {}{}: iteration {}", o.dll, o.plan.seed, o.profile,
                        o.plan.handles == FuzzHandles::engine ? " --handles engine" : "", f.iteration),
            fmt::format("{} did not return: {}", callout, fault),
            f.minimal.empty() ? std::string("no field changed: the ordinary connection")
                              : fmt::format("minimised to: {}", fmt::join(minimal, ", ")),
            fmt::format("replay: rasconform simulate {} --scenario THIS_FILE --profile {}", o.dll, o.profile)};
        out.scenario =
            fuzz_trial_toml(fuzz_model(f.minimal), fmt::format("fuzz-seed-{}-iteration-{}", o.plan.seed, f.iteration),
                            f.minimal.empty() ? std::string("the ordinary connection")
                                              : fmt::format("ROBUST-6: {}", fmt::join(minimal, ", ")),
                            comment);
        out.exit_status = 1;
    }

    if (o.format == "json") {
        nlohmann::json finding = nullptr;
        if (run.finding) {
            const mock::FuzzFinding& f = *run.finding;
            finding = {{"rule", f.minimal.empty() ? "ROBUST-1" : "ROBUST-6"},
                       {"iteration", f.iteration},
                       {"callout", info(f.fault.callout).name},
                       {"outcome", to_string(f.fault.outcome.kind)},
                       {"fault", describe(f.fault.outcome)},
                       {"drawn", fields_json(f.drawn)},
                       {"minimal", fields_json(f.minimal)},
                       {"replays", f.replays},
                       {"minimised", f.not_minimised.empty()},
                       {"not_minimised", f.not_minimised},
                       {"message", message}};
        }
        nlohmann::json j{{"schema", 1},
                         {"tool", "rasconform"},
                         {"version", version},
                         {"command", "fuzz"},
                         {"dll", o.dll},
                         {"profile", o.profile},
                         {"seed", o.plan.seed},
                         {"iterations", o.plan.iterations},
                         {"handles", to_string(o.plan.handles)},
                         {"played", run.iterations},
                         {"verdict", run.finding ? "fail" : "pass"},
                         {"finding", finding},
                         {"scenario", run.finding ? nlohmann::json(out.scenario) : nlohmann::json(nullptr)},
                         {"scenario_file", run.finding && !o.scenario_out.empty() ? nlohmann::json(o.scenario_out)
                                                                                  : nlohmann::json(nullptr)},
                         {"replay", run.finding ? nlohmann::json(replay) : nlohmann::json(nullptr)}};
        out.output = j.dump(2) + "\n";
        return out;
    }

    std::string& t = out.output;
    t = fmt::format("fuzz: {}, profile {}, seed {}, {}, handles {} (ROBUST-6)\n", o.dll, o.profile, o.plan.seed,
                    plural(o.plan.iterations, "iteration", "iterations"), to_string(o.plan.handles));
    if (!run.finding) {
        t += fmt::format(
            "{} played, each a connection with 1 to 6 fields at documented values: every callout "
            "returned\nverdict: PASS\n",
            plural(run.iterations, "input", "inputs"));
        return out;
    }
    const mock::FuzzFinding& f = *run.finding;
    if (f.minimal.empty()) {
        t += "the ordinary connection (no field changed) already fails\n";
    } else {
        t += fmt::format("iteration {} broke {}: {}\n", f.iteration, info(f.fault.callout).name,
                         describe(f.fault.outcome));
        t += fmt::format("input as drawn ({}):\n", plural(f.drawn.size(), "field change", "field changes"));
        for (const std::string& d : described(f.drawn)) t += "  " + d + "\n";
        if (!f.not_minimised.empty())
            t += fmt::format("not minimised: {}\n", f.not_minimised);
        else
            t += fmt::format("minimised by ddmin ({}) to {}:\n", plural(f.replays, "replay", "replays"),
                             plural(f.minimal.size(), "field change", "field changes"));
        if (f.not_minimised.empty())
            for (const std::string& d : described(f.minimal)) t += "  " + d + "\n";
    }
    t += "FAIL " + message + "\n";
    if (o.scenario_out.empty())
        t += fmt::format("scenario (save it as FILE.toml; replay: {}):\n{}", replay, out.scenario);
    else
        t += fmt::format("scenario: {} (replay: {})\n", o.scenario_out, replay);
    t += "verdict: FAIL\n";
    return out;
}

}  // namespace rasconform::conformance
