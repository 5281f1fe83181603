// Linux: the DLLs are vetted here, the agent runs the stress under Wine -
// or, for Linux shared objects (native mode, issue 8), this process does, so
// that a TSan build sees races between overlapping callouts (SERIAL-4/5).
#include <memory>

#include <fmt/format.h>

#include "conformance/stress_command.hpp"
#include "conformance/subject.hpp"
#include "conformance/wine_agent.hpp"
#include "mock/shared_object_admin_dll.hpp"

namespace rasconform::conformance {

namespace {

bool is_shared_object(const std::string& dll) {
    SubjectLoad s = load_subject(dll);
    return s.subject && s.subject->shared_object();
}

CommandRun stress_shared_objects(const StressCommandOptions& o, const Profile* profile) {
    std::vector<std::unique_ptr<mock::SharedObjectAdminDll>> dlls;
    std::vector<AdminDllBackend*> chain;
    for (const std::string& d : o.dlls) {
        SubjectLoad s = load_subject(d);
        if (!s.subject) return {{}, d + ": " + s.problem, 2};
        if (!s.subject->shared_object())
            return {{}, d + ": a PE DLL in a chain of Linux shared objects: native mode runs shared objects only", 2};
        try {
            dlls.push_back(std::make_unique<mock::SharedObjectAdminDll>(d));
        } catch (const std::exception& e) {
            return {{}, d + ": cannot be loaded: " + e.what(), 2};
        }
        chain.push_back(dlls.back().get());
    }
    return stress_in_this_process(chain, profile, o);
}

}  // namespace

CommandRun stress_command(const StressCommandOptions& o) {
    const Profile* profile = find_profile(o.profile);
    if (!profile) return {{}, o.profile + ": unknown profile (see rasconform list)", 2};
    if (!o.dlls.empty() && is_shared_object(o.dlls.front())) return stress_shared_objects(o, profile);
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
