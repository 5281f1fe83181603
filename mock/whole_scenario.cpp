#include "mock/whole_scenario.hpp"

#include <stdexcept>
#include <string>

#include "rasconform/outcome_json.hpp"
#include "rasconform/utf16.hpp"

namespace rasconform::mock {
namespace {

// Every switch of Options; the profile by name.
nlohmann::json options_json(const Options& o) {
    nlohmann::json j{{"profile", std::string(o.profile->name)},
                     {"ask_every_dll", o.ask_every_dll},
                     {"ip_before_accept", o.ip_before_accept},
                     {"release_after_hangup", o.release_after_hangup},
                     {"release_after_refusal", o.release_after_refusal},
                     {"strict_exports", o.strict_exports},
                     {"terminate_in_reverse", o.terminate_in_reverse},
                     {"hang_up_live_at_stop", o.hang_up_live_at_stop},
                     {"obsolete_protocols_failed", o.obsolete_protocols_failed},
                     {"fresh_calling_threads", o.calling_threads == CallingThreads::fresh},
                     {"unwritten_notify_requests_release", o.unwritten_notify_requests_release},
                     {"record_every_call", o.record_every_call},
                     {"keep_going", o.keep_going}};
    if (o.hangup_after_reject) j["hangup_after_reject"] = *o.hangup_after_reject;
    if (o.forced_variant) j["forced_variant"] = static_cast<int>(*o.forced_variant);
    if (o.reauth_form) j["reauth_form"] = std::string(info(*o.reauth_form).name);
    return j;
}

Options options_from(const nlohmann::json& j) {
    Options o;
    const std::string profile = j.at("profile").get<std::string>();
    o.profile = find_profile(profile);
    if (!o.profile) throw std::runtime_error("unknown profile " + profile);
    o.ask_every_dll = j.at("ask_every_dll").get<bool>();
    o.ip_before_accept = j.at("ip_before_accept").get<bool>();
    o.release_after_hangup = j.at("release_after_hangup").get<bool>();
    o.release_after_refusal = j.at("release_after_refusal").get<bool>();
    o.strict_exports = j.at("strict_exports").get<bool>();
    o.terminate_in_reverse = j.at("terminate_in_reverse").get<bool>();
    o.hang_up_live_at_stop = j.value("hang_up_live_at_stop", true);
    o.obsolete_protocols_failed = j.at("obsolete_protocols_failed").get<bool>();
    o.calling_threads = j.value("fresh_calling_threads", false) ? CallingThreads::fresh : CallingThreads::reuse;
    o.unwritten_notify_requests_release = j.at("unwritten_notify_requests_release").get<bool>();
    o.record_every_call = j.at("record_every_call").get<bool>();
    o.keep_going = j.value("keep_going", false);
    if (j.contains("hangup_after_reject")) o.hangup_after_reject = j["hangup_after_reject"].get<bool>();
    if (j.contains("reauth_form")) {
        const auto form = find_callout(j["reauth_form"].get<std::string>());
        if (!form || (*form != Callout::AcceptReauthentication && *form != Callout::AcceptReauthenticationEx))
            throw std::runtime_error("unknown reauth_form");
        o.reauth_form = *form;
    }
    if (j.contains("forced_variant")) {
        const int v = j["forced_variant"].get<int>();
        if (v < 0 || v >= static_cast<int>(all_variants.size())) throw std::runtime_error("unknown forced_variant");
        o.forced_variant = all_variants[static_cast<std::size_t>(v)];
    }
    return o;
}

nlohmann::json trace_json(const Trace& trace) {
    nlohmann::json list = nlohmann::json::array();
    for (const TraceEvent& e : trace) list.push_back(to_json(e));
    return list;
}

Trace trace_from(const nlohmann::json& list) {
    Trace trace;
    for (const nlohmann::json& e : list) trace.push_back(trace_event_from_json(e));
    return trace;
}

void put_start(nlohmann::json& j, const StartResult& s) {
    j["started"] = s.started;
    j["reason"] = s.reason;
    j["rules"] = s.rules;
    j["despite_refusal"] = s.despite_refusal;
}

StartResult start_from(const nlohmann::json& j) {
    return {j.at("started").get<bool>(), j.at("reason").get<std::string>(),
            j.at("rules").get<std::vector<std::string>>(), j.value("despite_refusal", false)};
}

nlohmann::json soak_json(const SoakScenario& s) {
    nlohmann::json samples = nlohmann::json::array();
    for (const SoakSample& x : s.run.samples)
        samples.push_back({{"connections", x.connections},
                           {"supported", x.use.supported},
                           {"available", x.use.available},
                           {"not_available", x.use.not_available},
                           {"private_bytes", x.use.private_bytes},
                           {"handles", x.use.handles},
                           {"threads", x.use.threads}});
    nlohmann::json diagnostics = nlohmann::json::array();
    for (const Diagnostic& d : s.diagnostics)
        diagnostics.push_back({{"dll", d.dll}, {"rule", d.rule}, {"message", d.message}});
    nlohmann::json j{{"samples", samples},
                     {"stopped_at", s.run.stopped_at},
                     {"trace", trace_json(s.trace)},
                     {"diagnostics", diagnostics}};
    put_start(j, s.start);
    return j;
}

nlohmann::json stress_json(const StressScenario& s) {
    nlohmann::json j{{"admitted", s.result.admitted},
                     {"callouts", s.result.callouts},
                     {"digest", s.result.start_order_digest},
                     {"faults", trace_json(s.faults)}};
    put_start(j, s.result.start);
    return j;
}

nlohmann::json edge_json(const EdgeScenario& s) {
    nlohmann::json j{{"connections", s.connections}, {"faults", trace_json(s.faults)}};
    put_start(j, s.start);
    return j;
}

nlohmann::json fuzz_input_json(const FuzzInput& input) {
    nlohmann::json list = nlohmann::json::array();
    for (const FuzzChange& c : input)
        list.push_back({{"field", c.field}, {"number", c.value.number}, {"extra", c.value.extra},
                        {"text", to_utf8(c.value.text)}});
    return list;
}

FuzzInput fuzz_input_from(const nlohmann::json& list) {
    FuzzInput input;
    for (const nlohmann::json& c : list) {
        FuzzChange change;
        change.field = c.at("field").get<std::size_t>();
        if (change.field >= fuzz_fields().size())
            throw std::runtime_error("no fuzz field " + std::to_string(change.field));
        change.value.number = c.at("number").get<std::uint64_t>();
        change.value.extra = c.at("extra").get<std::uint64_t>();
        change.value.text = to_utf16(c.at("text").get<std::string>());
        input.push_back(std::move(change));
    }
    return input;
}

nlohmann::json fuzz_json(const FuzzScenario& s) {
    nlohmann::json j{{"iterations", s.iterations}, {"finding", nullptr}};
    if (s.finding) {
        const FuzzFinding& f = *s.finding;
        j["finding"] = {{"iteration", f.iteration},         {"drawn", fuzz_input_json(f.drawn)},
                        {"minimal", fuzz_input_json(f.minimal)}, {"fault", to_json(f.fault)},
                        {"replays", f.replays},             {"not_minimised", f.not_minimised}};
    }
    put_start(j, s.start);
    return j;
}

}  // namespace

nlohmann::json fuzz_request(const Options& options, const FuzzPlan& plan) {
    nlohmann::json j = options_json(options);
    j["scenario"] = "fuzz";
    j["seed"] = plan.seed;
    j["iterations"] = plan.iterations;
    j["handles"] = to_string(plan.handles);
    return j;
}

nlohmann::json soak_request(const Options& options, const SoakPlan& plan) {
    nlohmann::json j = options_json(options);
    j["scenario"] = "soak";
    j["lifecycles"] = plan.lifecycles;
    return j;
}

nlohmann::json stress_request(const Options& options, const StressOptions& stress) {
    nlohmann::json j = options_json(options);
    j["scenario"] = "stress";
    j["connections"] = stress.connections;
    j["threads"] = stress.threads;
    j["concurrency"] = stress.concurrency;
    j["seed"] = stress.seed;
    return j;
}

nlohmann::json edge_request(const Options& options, const EdgePlan& plan) {
    nlohmann::json j = options_json(options);
    j["scenario"] = "edges";
    j["inputs"] = plan.inputs;
    return j;
}

nlohmann::json run_whole_scenario(AdminDllBackend& dll, const nlohmann::json& request) {
    try {
        const std::string kind = request.at("scenario").get<std::string>();
        const Options options = options_from(request);
        if (kind == "soak") return soak_json(soak_scenario(dll, options, SoakPlan{request.at("lifecycles").get<int>()}));
        if (kind == "stress") {
            StressOptions stress;
            stress.connections = request.at("connections").get<std::size_t>();
            stress.threads = request.at("threads").get<std::size_t>();
            stress.concurrency = request.at("concurrency").get<std::size_t>();
            stress.seed = request.at("seed").get<std::uint64_t>();
            return stress_json(stress_scenario(dll, options, stress));
        }
        if (kind == "edges")
            return edge_json(edge_scenario(dll, options, EdgePlan{request.at("inputs").get<std::vector<std::size_t>>()}));
        if (kind == "fuzz") {
            const std::string handles = request.at("handles").get<std::string>();
            if (handles != "drawn" && handles != "engine") return {{"error", "unknown fuzz handles " + handles}};
            return fuzz_json(fuzz_scenario(dll, options,
                                           FuzzPlan{request.at("seed").get<std::uint64_t>(),
                                                    request.at("iterations").get<std::uint64_t>(),
                                                    handles == "engine" ? FuzzHandles::engine : FuzzHandles::drawn}));
        }
        return {{"error", "unknown scenario " + kind}};
    } catch (const nlohmann::json::exception& e) {
        return {{"error", std::string("malformed scenario request: ") + e.what()}};
    } catch (const std::runtime_error& e) {
        return {{"error", std::string("malformed scenario request: ") + e.what()}};
    }
}

SoakScenario soak_reply(const nlohmann::json& j) {
    try {
        SoakScenario s;
        s.start = start_from(j);
        for (const nlohmann::json& x : j.at("samples")) {
            SoakSample sample;
            sample.connections = x.at("connections").get<int>();
            sample.use.supported = x.at("supported").get<bool>();
            sample.use.available = x.at("available").get<bool>();
            sample.use.not_available = x.at("not_available").get<std::string>();
            sample.use.private_bytes = x.at("private_bytes").get<std::uint64_t>();
            sample.use.handles = x.at("handles").get<std::uint64_t>();
            sample.use.threads = x.at("threads").get<std::uint64_t>();
            s.run.samples.push_back(std::move(sample));
        }
        s.run.stopped_at = j.at("stopped_at").get<int>();
        s.trace = trace_from(j.at("trace"));
        for (const nlohmann::json& d : j.at("diagnostics"))
            s.diagnostics.push_back({d.at("dll").get<std::string>(), d.at("rule").get<std::string>(),
                                     d.at("message").get<std::string>()});
        return s;
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(std::string("malformed soak reply: ") + e.what());
    }
}

StressScenario stress_reply(const nlohmann::json& j) {
    try {
        StressScenario s;
        s.result.start = start_from(j);
        s.result.admitted = j.at("admitted").get<std::size_t>();
        s.result.callouts = j.at("callouts").get<std::size_t>();
        s.result.start_order_digest = j.at("digest").get<std::uint64_t>();
        s.faults = trace_from(j.at("faults"));
        return s;
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(std::string("malformed stress reply: ") + e.what());
    }
}

EdgeScenario edge_reply(const nlohmann::json& j) {
    try {
        EdgeScenario s;
        s.start = start_from(j);
        s.connections = j.at("connections").get<std::vector<std::uint64_t>>();
        s.faults = trace_from(j.at("faults"));
        return s;
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(std::string("malformed edge-input reply: ") + e.what());
    }
}

}  // namespace rasconform::mock

namespace rasconform::mock {

FuzzScenario fuzz_reply(const nlohmann::json& j) {
    try {
        FuzzScenario s;
        s.start = start_from(j);
        s.iterations = j.at("iterations").get<std::uint64_t>();
        if (const nlohmann::json& f = j.at("finding"); !f.is_null()) {
            FuzzFinding finding;
            finding.iteration = f.at("iteration").get<std::uint64_t>();
            finding.drawn = fuzz_input_from(f.at("drawn"));
            finding.minimal = fuzz_input_from(f.at("minimal"));
            finding.fault = trace_event_from_json(f.at("fault"));
            finding.replays = f.at("replays").get<std::size_t>();
            finding.not_minimised = f.at("not_minimised").get<std::string>();
            s.finding = std::move(finding);
        }
        return s;
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(std::string("malformed fuzz reply: ") + e.what());
    }
}

}  // namespace rasconform::mock
