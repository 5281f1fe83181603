// Windows: the scenario is played in this process through the Win32 backend.
#include <fmt/format.h>

#include "conformance/simulate.hpp"
#include "rasconform/utf8_path.hpp"
#include "rasconform/dll_path.hpp"
#include "win32/admin_dll_registry.hpp"
#include "win32/win32_admin_dll.hpp"

namespace rasconform::conformance {

SimulateRun simulate(const SimulateOptions& o) {
    ScenarioLoad loaded = load_scenario(path_from_utf8(o.scenario));
    if (!loaded.scenario) return {{}, loaded.error};
    std::vector<const Profile*> selected = select_profiles(o.profile);
    if (selected.empty()) return {{}, o.profile + ": unknown profile (see rasconform list)"};
    Chain chain{o.dlls, {}};
    if (o.from_registry) {
        win32::AdminDllRegistry reg = win32::read_admin_dll_registry();
        const std::string key = "HKLM\\SOFTWARE\\Microsoft\\RAS\\AdminDll";
        if (!reg.key_present) return {{}, key + ": key not found, so RRAS loads no admin DLL [LOAD-1]"};
        if (!reg.dll_path) return {{}, key + ": no usable DLLPath value [LOAD-2]"};
        DllPathOptions parse;
        parse.multiple_dlls = selected.size() > 1 || selected.front()->multiple_dlls;
        DllPathParse parsed = parse_dll_path(*reg.dll_path, parse);
        chain.dlls = parsed.dlls;
        chain.warnings = reg.problems;
        chain.warnings.insert(chain.warnings.end(), parsed.warnings.begin(), parsed.warnings.end());
        if (chain.dlls.empty()) return {{}, key + ": DLLPath names no loadable DLL"};
    }
    std::vector<ProfileRun> runs;
    for (const Profile* p : selected) {
        // A fresh load per profile: each run starts from the DLL's initial state.
        std::vector<std::unique_ptr<win32::Win32AdminDll>> dlls;
        try {
            for (const std::string& d : chain.dlls) dlls.push_back(std::make_unique<win32::Win32AdminDll>(path_from_utf8(d)));
        } catch (const win32::LoadError& e) {
            return {{}, e.what()};
        }
        std::vector<AdminDllBackend*> chain;
        for (auto& d : dlls) chain.push_back(d.get());
        mock::Options options;
        options.profile = p;
        mock::Service service(chain, options);
        mock::PlayResult played = mock::play(service, *loaded.scenario);
        runs.push_back({p, std::move(played), service.trace()});
    }
    return {render_simulation(o, chain, *loaded.scenario, runs), {}};
}

}  // namespace rasconform::conformance
