// Deployment as installed (LOAD-1, LOAD-2, LOAD-3): before a run loads an
// admin DLL, the run's registry holds what the DLL's installer would have
// written - HKLM\SOFTWARE\Microsoft\RAS\AdminDll with DLLPath (the DLLs in
// registry order) and DisplayName, both REG_SZ - and the vendor's own keys
// from regedit exports (.reg). A DLL that reads its configuration in
// MprAdminInitializeDll then finds it, as on a server.
//
// Where it runs on Windows (rasconform.exe, natively or under Wine), a
// DeploymentScope makes a registry view of the run's own (registry view:
// win32/registry_view.hpp) and makes it HKLM for this process and the host
// processes it starts; the machine's HKLM is never written, and the view is
// removed when the scope ends. On Linux the scope only checks the .reg
// files, so that a broken one is named before anything runs; the agent
// under Wine is handed the same deployment and builds the view there.
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "rasconform/reg_file.hpp"

namespace rasconform {

inline constexpr const char* admin_dll_key = "SOFTWARE\\Microsoft\\RAS\\AdminDll";

struct Deployment {
    std::vector<std::string> dll_paths;      // as Windows sees them, in registry order (LOAD-5)
    std::string display_name;                // empty: the first DLL's file name without its extension
    std::vector<std::string> registry_files; // regedit exports, applied in order after the AdminDll values
};

// DisplayName when none is given: "C:\dlls\vendor.dll" -> "vendor".
std::string default_display_name(const std::string& dll_path);

// The registry edits of a deployment: the AdminDll key first, then every
// .reg file. A .reg file that cannot be read or parsed gives its
// "FILE:LINE: what is wrong" instead, and nothing is applied.
std::variant<std::vector<RegFile>, std::string> deployment_edits(const Deployment& d);

// The AdminDll values the edits leave, for messages about a DLL that did not
// start: 'DLLPath "Z:\\x.dll", DisplayName "x"', or '..., no DisplayName
// (removed by vendor.reg:4)', and the .reg files given.
std::string deployment_text(const std::vector<RegFile>& edits);

// deployment_text of the DeploymentScope in force in this process; empty
// when none is (or on Linux, where the agent deploys).
const std::string& deployment_in_force();

class DeploymentScope {
public:
    // Linux: checks the .reg files. Windows: builds the run's registry view
    // and makes it HKLM for this process and the processes it starts.
    explicit DeploymentScope(const Deployment& d);
    ~DeploymentScope();
    DeploymentScope(const DeploymentScope&) = delete;
    DeploymentScope& operator=(const DeploymentScope&) = delete;
    // One line when the deployment could not be made (a bad .reg file:
    // "FILE:LINE: ..."); the run must not go on. Empty when all is well.
    const std::string& problem() const { return problem_; }

private:
    struct View;
    std::unique_ptr<View> view_;
    std::string problem_;
};

}  // namespace rasconform
