// Windows: the stress run happens in this process through the Win32 backend.
#include "conformance/stress_command.hpp"
#include "rasconform/utf8_path.hpp"
#include "win32/win32_admin_dll.hpp"

namespace rasconform::conformance {

CommandRun stress_command(const StressCommandOptions& o) {
    const Profile* profile = find_profile(o.profile);
    if (!profile) return {{}, o.profile + ": unknown profile (see rasconform list)", 2};
    std::vector<std::unique_ptr<win32::Win32AdminDll>> dlls;
    try {
        for (const std::string& d : o.dlls) dlls.push_back(std::make_unique<win32::Win32AdminDll>(path_from_utf8(d)));
    } catch (const win32::LoadError& e) {
        return {{}, e.what(), 2};
    }
    std::vector<AdminDllBackend*> chain;
    for (auto& d : dlls) chain.push_back(d.get());
    return stress_in_this_process(chain, profile, o);
}

}  // namespace rasconform::conformance
