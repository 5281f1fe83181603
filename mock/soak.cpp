#include "mock/soak.hpp"

#include <algorithm>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "rasconform/outcome_json.hpp"

namespace rasconform::mock {

int SoakPlan::first() const { return std::max(1, lifecycles / 10); }
int SoakPlan::warm_up() const { return std::max(1, std::min(100, first() / 2)); }

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
        if (done == plan.warm_up() || done == plan.first() || done == plan.lifecycles) {
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

nlohmann::json to_json(const Options& o, const SoakPlan& plan) {
    nlohmann::json j{{"profile", std::string(o.profile->name)},
                     {"ask_every_dll", o.ask_every_dll},
                     {"ip_before_accept", o.ip_before_accept},
                     {"release_after_hangup", o.release_after_hangup},
                     {"release_after_refusal", o.release_after_refusal},
                     {"strict_exports", o.strict_exports},
                     {"terminate_in_reverse", o.terminate_in_reverse},
                     {"obsolete_protocols_failed", o.obsolete_protocols_failed},
                     {"unwritten_notify_requests_release", o.unwritten_notify_requests_release},
                     {"record_every_call", o.record_every_call},
                     {"lifecycles", plan.lifecycles}};
    if (o.hangup_after_reject) j["hangup_after_reject"] = *o.hangup_after_reject;
    if (o.forced_variant) j["forced_variant"] = static_cast<int>(*o.forced_variant);
    return j;
}

void from_json(const nlohmann::json& j, Options& o, SoakPlan& plan) {
    const std::string profile = j.at("profile").get<std::string>();
    o.profile = find_profile(profile);
    if (!o.profile) throw std::runtime_error("unknown profile " + profile);
    o.ask_every_dll = j.at("ask_every_dll").get<bool>();
    o.ip_before_accept = j.at("ip_before_accept").get<bool>();
    o.release_after_hangup = j.at("release_after_hangup").get<bool>();
    o.release_after_refusal = j.at("release_after_refusal").get<bool>();
    o.strict_exports = j.at("strict_exports").get<bool>();
    o.terminate_in_reverse = j.at("terminate_in_reverse").get<bool>();
    o.obsolete_protocols_failed = j.at("obsolete_protocols_failed").get<bool>();
    o.unwritten_notify_requests_release = j.at("unwritten_notify_requests_release").get<bool>();
    o.record_every_call = j.at("record_every_call").get<bool>();
    if (j.contains("hangup_after_reject")) o.hangup_after_reject = j["hangup_after_reject"].get<bool>();
    if (j.contains("forced_variant")) {
        const int v = j["forced_variant"].get<int>();
        if (v < 0 || v >= static_cast<int>(all_variants.size())) throw std::runtime_error("unknown forced_variant");
        o.forced_variant = all_variants[static_cast<std::size_t>(v)];
    }
    plan.lifecycles = j.at("lifecycles").get<int>();
}

nlohmann::json to_json(const SoakScenario& s) {
    nlohmann::json samples = nlohmann::json::array();
    for (const SoakSample& x : s.run.samples)
        samples.push_back({{"connections", x.connections},
                           {"supported", x.use.supported},
                           {"available", x.use.available},
                           {"not_available", x.use.not_available},
                           {"private_bytes", x.use.private_bytes},
                           {"handles", x.use.handles},
                           {"threads", x.use.threads}});
    nlohmann::json trace = nlohmann::json::array();
    for (const TraceEvent& e : s.trace) trace.push_back(rasconform::to_json(e));
    nlohmann::json diagnostics = nlohmann::json::array();
    for (const Diagnostic& d : s.diagnostics)
        diagnostics.push_back({{"dll", d.dll}, {"rule", d.rule}, {"message", d.message}});
    return {{"started", s.start.started}, {"reason", s.start.reason},   {"rules", s.start.rules},
            {"samples", samples},         {"stopped_at", s.run.stopped_at}, {"lost", s.run.lost}, {"trace", trace},
            {"diagnostics", diagnostics}};
}

SoakScenario soak_scenario_from_json(const nlohmann::json& j) {
    SoakScenario s;
    s.start.started = j.at("started").get<bool>();
    s.start.reason = j.at("reason").get<std::string>();
    s.start.rules = j.at("rules").get<std::vector<std::string>>();
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
    s.run.lost = j.at("lost").get<std::string>();
    for (const nlohmann::json& e : j.at("trace")) s.trace.push_back(trace_event_from_json(e));
    for (const nlohmann::json& d : j.at("diagnostics"))
        s.diagnostics.push_back({d.at("dll").get<std::string>(), d.at("rule").get<std::string>(),
                                 d.at("message").get<std::string>()});
    return s;
}

}  // namespace rasconform::mock
