// Linux: the DLLs are vetted here, the agent runs the stress under Wine.
#include <fmt/format.h>

#include "conformance/stress_command.hpp"
#include "conformance/wine_agent.hpp"

namespace rasconform::conformance {

CommandRun stress_command(const StressCommandOptions& o) {
    if (!find_profile(o.profile)) return {{}, o.profile + ": unknown profile (see rasconform list)", 2};
    std::vector<std::string> args{"stress"};
    if (std::string problem = append_agent_dlls(o.dlls, args); !problem.empty()) return {{}, problem, 2};
    args.insert(args.end(), {"--profile", o.profile, "--format", o.format, "--connections",
                             std::to_string(o.stress.connections), "--threads", std::to_string(o.stress.threads),
                             "--concurrency", std::to_string(o.stress.concurrency), "--seed",
                             std::to_string(o.stress.seed)});
    AgentResult a = run_agent(args, o.runner);
    if (!a.environment_error.empty()) return {{}, a.environment_error, 2};
    if (!a.failure.empty()) return {{}, "stress run under Wine failed: " + a.failure, 2};
    return {a.output, {}, a.exit_status == 0 ? 0 : 1};
}

}  // namespace rasconform::conformance
