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

namespace rasconform::conformance {
namespace fs = std::filesystem;

DynamicRun run_each_case_apart(const std::vector<std::string>& base, const RunnerOptions& options);

DynamicRun run_dynamic(const Subject& subject, const Profile& profile, const RunnerOptions& options) {
    if (subject.pe.machine == PE_MACHINE_I386)
        return {dynamic_cases_with(Status::not_applicable,
                                   fmt::format("{} is a 32-bit DLL: the dynamic cases need a 32-bit Wine, which "
                                               "Debian's wine64 does not provide; run rasconform.exe on 32-bit "
                                               "Windows",
                                               subject.file_name)),
                {}};
    std::vector<std::string> base{"check", windows_path(subject.path), "--dynamic-only", "--format", "json",
                                  "--profile", std::string(profile.name), "--timeout-ms",
                                  std::to_string(options.callout_budget_ms)};
    for (std::string& a : isolation_arguments(options.isolation)) base.push_back(std::move(a));
    AgentResult a = run_agent(base, options);
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
    return run_each_case_apart(base, options);
}

namespace {

// "IN dll callout" -> "dll: callout"; empty when the note says no callout ran.
std::string callout_in(const fs::path& flight) {
    std::ifstream in(flight);
    std::string line;
    std::getline(in, line);
    if (line.rfind("IN ", 0) != 0) return {};
    line = line.substr(3);
    auto space = line.rfind(' ');
    return space == std::string::npos ? line : line.substr(0, space) + ": " + line.substr(space + 1);
}

}  // namespace

DynamicRun run_each_case_apart(const std::vector<std::string>& base, const RunnerOptions& options) {
    char scratch_template[] = "/tmp/rasconform-flight-XXXXXX";
    const bool have_scratch = mkdtemp(scratch_template) != nullptr;
    fs::path scratch = scratch_template;
    DynamicRun result;
    std::vector<std::string> deaths;
    for (const CaseInfo& c : all_cases()) {
        if (c.kind != CaseKind::dynamic) continue;
        fs::path flight = scratch / (std::string(c.id) + ".flight");
        std::vector<std::string> args = base;
        args.insert(args.end(), {"--case", std::string(c.id)});
        if (have_scratch) args.insert(args.end(), {"--flight-recorder", windows_path(flight)});
        AgentResult a = run_agent(args, options);
        try {
            if (!a.failure.empty()) throw std::runtime_error(a.failure);
            nlohmann::json j = nlohmann::json::parse(a.output);
            for (const auto& r : j.at("cases")) result.results.push_back(case_from_json(r));
        } catch (const std::exception&) {
            std::string where = callout_in(flight);
            std::string death =
                where.empty() ? fmt::format("the host process ended outside any callout (exit status {})", a.exit_status)
                              : fmt::format("the host process ended during {} (exit status {}): the callout ended the "
                                            "process (exit, abort, TerminateProcess) or broke it beyond containment",
                                            where, a.exit_status);
            result.results.push_back(result_for(c, Status::fail, death + " [ROBUST-1]"));
            deaths.push_back(fmt::format("in {}: {}", c.id, death));
        }
    }
    // ROBUST-1 covers the whole run: a case that ended the process counts there too.
    for (CaseResult& r : result.results)
        if (r.id == "robust.no-fault" && !deaths.empty()) {
            std::string ends = fmt::format("{} process end{}: {}", deaths.size(), deaths.size() > 1 ? "s" : "",
                                           fmt::join(deaths, "; "));
            r.message = r.status == Status::fail ? r.message + "; " + ends : ends;
            r.status = Status::fail;
        }
    std::error_code ec;
    if (have_scratch) fs::remove_all(scratch, ec);
    return result;
}

}  // namespace rasconform::conformance
