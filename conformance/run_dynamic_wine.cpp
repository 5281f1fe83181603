// Linux: the dynamic cases run in the MinGW-built agent under Wine; its JSON
// results are merged with the static ones.
#include <stdlib.h>

#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "conformance/dynamic_runner.hpp"
#include "conformance/report.hpp"
#include "conformance/suite.hpp"
#include "conformance/wine_agent.hpp"
#include "rasconform/output_capture_files.hpp"

namespace rasconform::conformance {
namespace fs = std::filesystem;

DynamicRun run_each_case_apart(const std::vector<std::string>& base, const RunnerOptions& options,
                               AgentMachine machine);

DynamicRun run_dynamic(std::span<const Subject> chain, std::size_t subject_index, const Profile& profile,
                       const RunnerOptions& options) {
    const Subject& subject = chain[subject_index];
    if (subject.shared_object()) return run_dynamic_native(chain, subject_index, profile, options);
    // A 32-bit DLL runs in the i686 agent under Wine's 32-bit loader, in the
    // same (WoW64) prefix, with the x86 layouts and calling conventions. No
    // 32-bit side: every dynamic case is `error` (wine_agent.cpp says why).
    const AgentMachine machine = subject.pe.machine == PE_MACHINE_I386 ? AgentMachine::i686 : AgentMachine::x86_64;
    // A chain: the agent gets every DLL (its DLLPath) and which one it judges.
    std::vector<std::string> base{"check"};
    for (const Subject& dll : chain) base.push_back(windows_path(dll.path));
    if (chain.size() > 1) base.insert(base.end(), {"--subject", std::to_string(subject_index)});
    base.insert(base.end(), {"--dynamic-only", "--format", "json", "--profile", std::string(profile.name),
                             "--timeout-ms", std::to_string(options.callout_budget_ms), "--soak",
                             std::to_string(options.soak_connections), "--unload-grace-ms",
                             std::to_string(options.unload_grace_ms), "--slow-ms",
                             std::to_string(options.slow_callout_ms)});
    for (std::string& a : isolation_arguments(options.isolation)) base.push_back(std::move(a));
    if (options.reentry_faithful) base.push_back("--reentry-faithful");
    if (options.keep_going) base.push_back("--keep-going");
    std::vector<std::string> args = base;
    if (!options.only_case.empty()) args.insert(args.end(), {"--case", options.only_case});
    AgentResult a = run_agent(args, options, machine);
    if (!a.environment_error.empty()) return {dynamic_cases_with(Status::error, a.environment_error), a.environment_error};
    DynamicRun result;
    try {
        if (!a.failure.empty()) throw std::runtime_error(a.failure);
        nlohmann::json j = nlohmann::json::parse(a.output);
        for (const auto& c : j.at("cases")) result.results.push_back(case_from_json(c));
        return result;
    } catch (const std::exception&) {
        // The agent died (exit, abort, TerminateProcess in a callout, or worse):
        // one agent per case, each with a flight recorder, names the case and
        // the callout that ended it, and lets every other case run.
    }
    return run_each_case_apart(base, options, machine);
}

namespace {

// What the flight recorder says about the process's end: the callout it was
// in ("IN dll callout" -> "dll: callout"), or a finding the agent wrote as it
// died ("FINDING text"); both empty when no callout ran.
struct FlightNote {
    std::string callout;
    std::string finding;
};

FlightNote read_flight(const fs::path& flight) {
    std::ifstream in(flight);
    std::string line;
    std::getline(in, line);
    FlightNote note;
    if (line.rfind("FINDING ", 0) == 0) {
        note.finding = line.substr(8);
    } else if (line.rfind("IN ", 0) == 0) {
        line = line.substr(3);
        auto space = line.rfind(' ');
        note.callout = space == std::string::npos ? line : line.substr(0, space) + ": " + line.substr(space + 1);
    }
    return note;
}

}  // namespace

DynamicRun run_each_case_apart(const std::vector<std::string>& base, const RunnerOptions& options,
                               AgentMachine machine) {
    char scratch_template[] = "/tmp/rasconform-flight-XXXXXX";
    const bool have_scratch = mkdtemp(scratch_template) != nullptr;
    fs::path scratch = scratch_template;
    DynamicRun result;
    std::vector<std::string> deaths, kept;
    std::size_t index = 0;
    for (const CaseInfo& c : all_cases()) {
        if (c.kind != CaseKind::dynamic) continue;
        const std::size_t this_index = index++;
        if (!options.only_case.empty() && c.id != options.only_case) continue;  // one chosen case
        if (options.on_case) options.on_case(this_index, c.id);
        fs::path flight = scratch / (std::string(c.id) + ".flight");
        std::vector<std::string> args = base;
        args.insert(args.end(), {"--case", std::string(c.id)});
        if (have_scratch) args.insert(args.end(), {"--flight-recorder", windows_path(flight)});
        RunnerOptions one = options;
        one.on_case = nullptr;  // shown above, by this loop
        AgentResult a = run_agent(args, one, machine);
        try {
            if (!a.failure.empty()) throw std::runtime_error(a.failure);
            nlohmann::json j = nlohmann::json::parse(a.output);
            for (const auto& r : j.at("cases")) result.results.push_back(case_from_json(r));
        } catch (const std::exception&) {
            FlightNote note = read_flight(flight);
            // With --isolate none the DLL's output went to files beside the
            // flight recorder (win32/output_capture.hpp): what it said before
            // the process ended, an assertion say, is still there.
            CapturedOutputReader capture(flight);
            const DllOutput said = capture.read({}, {});
            std::string death;
            if (note.finding.empty() && note.callout.empty()) {
                // No callout, no DllMain, no exception in the DLL's code: as
                // far as anyone can tell the DLL did not do this, so it is
                // not failed for it (a false FAIL costs as much as a false PASS).
                result.results.push_back(result_for(
                    c, Status::error,
                    fmt::format("rasconform's process under Wine ended outside any callout (exit status {}) with no "
                                "sign of the DLL's code: not in a callout, not in its DllMain, no exception in its "
                                "code or its threads; not counted against the DLL",
                                a.exit_status)));
                result.results.back().output = said;
                continue;
            }
            if (note.finding.rfind("unhandled exception", 0) == 0) {
                // The DLL's own code faulted outside any callout (its thread,
                // its timer): win32/fault_guard.cpp's last-chance filter.
                death = fmt::format("the process ended (exit status {}) on an {}", a.exit_status, note.finding);
            } else if (!note.finding.empty()) {
                // A thread of the DLL used a kept pointer outside any callout
                // (ROBUST-5); nothing could contain it.
                death = fmt::format("the host process ended (exit status {}) on a {}", a.exit_status, note.finding);
                kept.push_back(fmt::format("in {}: {}", c.id, death));
            } else {
                death = fmt::format("the host process ended during {} (exit status {}): the callout ended the process "
                                    "(exit, abort, TerminateProcess) or broke it beyond containment",
                                    note.callout, a.exit_status);
            }
            if (std::string last = last_output_note(said); !last.empty()) death += "; the DLL's last output there: " + last;
            result.results.push_back(result_for(c, Status::fail, death + " [ROBUST-1]"));
            result.results.back().output = said;
            deaths.push_back(fmt::format("in {}: {}", c.id, death));
        }
    }
    // ROBUST-1 covers the whole run: a case that ended the process counts there
    // too; so does ROBUST-5 for a death by a kept pointer.
    auto fail_too = [&](std::string_view id, const std::vector<std::string>& why, std::string_view one,
                        std::string_view many) {
        if (why.empty()) return;
        for (CaseResult& r : result.results)
            if (r.id == id) {
                std::string more = fmt::format("{} {}: {}", why.size(), why.size() > 1 ? many : one, fmt::join(why, "; "));
                r.message = r.status == Status::fail ? r.message + "; " + more : more;
                r.status = Status::fail;
            }
    };
    fail_too("robust.no-fault", deaths, "process end", "process ends");
    fail_too("robust.no-kept-pointers", kept, "use of a kept pointer", "uses of kept pointers");
    std::error_code ec;
    if (have_scratch) fs::remove_all(scratch, ec);
    return result;
}

}  // namespace rasconform::conformance
