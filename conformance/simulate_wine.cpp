// Linux: the inputs are checked here, so a broken scenario or a wrong DLL is
// reported with its file name before Wine starts; the agent plays it.
#include <fmt/format.h>

#include "conformance/simulate.hpp"
#include "rasconform/utf8_path.hpp"
#include "conformance/wine_agent.hpp"

namespace rasconform::conformance {

SimulateRun simulate(const SimulateOptions& o) {
    ScenarioLoad loaded = load_scenario(path_from_utf8(o.scenario));
    if (!loaded.scenario) return {{}, loaded.error};
    if (select_profiles(o.profile).empty()) return {{}, o.profile + ": unknown profile (see rasconform list)"};
    std::vector<std::string> args{"simulate"};
    if (o.from_registry) args.push_back("--installed");  // the registry of rasconform's Wine prefix
    if (std::string problem = append_agent_dlls(o.dlls, args); !problem.empty()) return {{}, problem};
    args.insert(args.end(), {"--scenario", windows_path(o.scenario), "--profile", o.profile, "--format", o.format});
    AgentResult a = run_agent(args, o.runner);
    if (!a.environment_error.empty()) return {{}, a.environment_error};
    if (!a.failure.empty()) return {{}, "simulation under Wine failed: " + a.failure};
    return {a.output, {}};
}

}  // namespace rasconform::conformance
