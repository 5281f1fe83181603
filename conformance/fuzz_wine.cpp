// Linux: a PE DLL is vetted here and fuzzed by the agent under Wine, which
// runs the whole loop in its process and answers with the run as JSON; the
// report and the scenario are made here. A Linux shared object (ELF) is
// fuzzed in this process through dlopen.
#include <filesystem>
#include <memory>

#include <nlohmann/json.hpp>

#include "conformance/fuzz_command.hpp"
#include "conformance/subject.hpp"
#include "conformance/wine_agent.hpp"
#include "mock/shared_object_admin_dll.hpp"
#include "mock/whole_scenario.hpp"

namespace rasconform::conformance {

FuzzRun fuzz_command(const FuzzCommandOptions& o) {
    const Profile* profile = find_profile(o.profile);
    if (!profile) return {{}, {}, o.profile + ": unknown profile (see rasconform list)", 2};
    const SubjectLoad subject = load_subject(o.dll);
    if (subject.subject && subject.subject->shared_object()) {
        // Only C++ exceptions are contained in a shared object; a crash ends rasconform.
        std::unique_ptr<mock::SharedObjectAdminDll> so;
        try {
            so = std::make_unique<mock::SharedObjectAdminDll>(o.dll);
        } catch (const std::runtime_error& e) {
            return {{}, {}, e.what(), 2};
        }
        mock::Options options;
        options.profile = profile;
        return render_fuzz(o, so->name(), mock::fuzz_scenario(*so, options, o.plan));
    }
    std::vector<std::string> args{"fuzz"};
    if (std::string problem = append_agent_dlls({o.dll}, args); !problem.empty()) return {{}, {}, problem, 2};
    args.insert(args.end(), {"--profile", o.profile, "--seed", std::to_string(o.plan.seed), "--iterations",
                             std::to_string(o.plan.iterations), "--handles", std::string(to_string(o.plan.handles)),
                             "--timeout-ms",
                             std::to_string(o.runner.callout_budget_ms), "--raw"});
    AgentResult a = run_agent(args, o.runner);
    if (!a.environment_error.empty()) return {{}, {}, a.environment_error, 2};
    // The loop runs in the agent's process, as stress does: a DLL that ends
    // it (exit, abort, TerminateProcess) ends the run with no word on which
    // input did it; check runs it in host processes and names the callout.
    if (!a.failure.empty()) {
        std::string why = a.failure;
        if (why.ends_with(": ")) why.resize(why.size() - 2);  // an empty agent log
        return {{},
                {},
                o.dll + ": fuzzing under Wine failed: " + why +
                    " (a DLL that ends its process ends the fuzz run; rasconform check names the callout)",
                2};
    }
    try {
        const nlohmann::json reply = nlohmann::json::parse(a.output);
        if (reply.contains("error"))
            return {{}, {}, o.dll + ": fuzzing under Wine failed: " + reply["error"].get<std::string>(), 2};
        return render_fuzz(o, std::filesystem::path(o.dll).filename().string(), mock::fuzz_reply(reply));
    } catch (const std::exception& e) {
        return {{}, {}, o.dll + ": the agent's fuzz reply is unreadable: " + e.what(), 2};
    }
}

}  // namespace rasconform::conformance
