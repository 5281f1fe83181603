// Linux: the dynamic cases run in the MinGW-built agent under Wine; its JSON
// results are merged with the static ones.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "conformance/dynamic_runner.hpp"
#include "conformance/report.hpp"
#include "conformance/suite.hpp"
#include "conformance/wine_agent.hpp"

namespace rasconform::conformance {

DynamicRun run_dynamic(const Subject& subject, const Profile& profile, const RunnerOptions& options) {
    if (subject.pe.machine == PE_MACHINE_I386)
        return {dynamic_cases_with(Status::not_applicable,
                                   fmt::format("{} is a 32-bit DLL: the dynamic cases need a 32-bit Wine, which "
                                               "Debian's wine64 does not provide; run rasconform.exe on 32-bit "
                                               "Windows",
                                               subject.file_name)),
                {}};
    AgentResult a = run_agent({"check", windows_path(subject.path), "--dynamic-only", "--format", "json", "--profile",
                               std::string(profile.name)},
                              options);
    if (!a.environment_error.empty()) return {dynamic_cases_with(Status::error, a.environment_error), a.environment_error};
    DynamicRun result;
    try {
        if (!a.failure.empty()) throw std::runtime_error(a.failure);
        nlohmann::json j = nlohmann::json::parse(a.output);
        for (const auto& c : j.at("cases")) result.results.push_back(case_from_json(c));
    } catch (const std::exception& ex) {
        result = {dynamic_cases_with(Status::error, std::string("dynamic run under Wine failed: ") + ex.what()), {}};
    }
    return result;
}

}  // namespace rasconform::conformance
