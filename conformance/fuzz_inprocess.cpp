// Windows (and the agent under Wine): the fuzz loop runs in this process
// through the Win32 backend.
#include <chrono>
#include <memory>

#include "conformance/fuzz_command.hpp"
#include "conformance/subject.hpp"
#include "mock/whole_scenario.hpp"
#include "rasconform/utf8_path.hpp"
#include "win32/win32_admin_dll.hpp"

namespace rasconform::conformance {

FuzzRun fuzz_command(const FuzzCommandOptions& o) {
    const Profile* profile = find_profile(o.profile);
    if (!profile) return {{}, {}, o.profile + ": unknown profile (see rasconform list)", 2};
    if (SubjectLoad s = load_subject(o.dll); !s.subject) return {{}, {}, o.dll + ": " + s.problem, 2};
    std::unique_ptr<win32::Win32AdminDll> dll;
    try {
        dll = std::make_unique<win32::Win32AdminDll>(path_from_utf8(o.dll), std::chrono::milliseconds(o.runner.callout_budget_ms));
    } catch (const win32::LoadError& e) {
        return {{}, {}, e.what(), 2};
    }
    mock::Options options;
    options.profile = profile;
    if (o.raw) return {mock::run_whole_scenario(*dll, mock::fuzz_request(options, o.plan)).dump() + "\n", {}, {}, 0};
    return render_fuzz(o, dll->name(), mock::fuzz_scenario(*dll, options, o.plan));
}

}  // namespace rasconform::conformance
