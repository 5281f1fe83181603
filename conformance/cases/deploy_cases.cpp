// Pre-flight (LOAD-7): RRAS loads the DLL from its full DLLPath; every DLL it
// imports must then be a Windows system DLL or sit beside it, or the load
// fails and the service does not start. The classic miss: a MinGW build that
// needs libstdc++-6.dll or libwinpthread-1.dll and ships without it.
#include <algorithm>

#include <fmt/format.h>

#include "conformance/dependencies.hpp"
#include "conformance/suite.hpp"

namespace rasconform::conformance {
namespace {

CaseInfo dependencies() {
    CaseInfo c{"deploy.dependencies", {"LOAD-7"},
               "every DLL the admin DLL imports is a Windows system DLL or ships beside it",
               CaseKind::static_, {}, {}};
    c.run_static = [c](const Subject& s, const Profile&) {
        std::vector<std::string> missing, runtime;
        for (const std::string& dll : s.pe.imported_dlls) {
            if (system_dll(dll) || ships_beside(s, dll)) continue;
            (vc_runtime(dll) ? runtime : missing).push_back(dll);
        }
        if (!missing.empty())
            return result_for(c, Status::fail,
                              fmt::format("{}: imports {}, neither a Windows DLL nor beside it: loading fails and "
                                          "RRAS does not start; ship {} beside the DLL or link statically [LOAD-7]",
                                          s.file_name, fmt::join(missing, ", "),
                                          missing.size() > 1 ? "them" : "it"));
        if (!runtime.empty())
            return result_for(c, Status::warning,
                              fmt::format("{}: needs {} from the Visual C++ Redistributable, which Windows Server "
                                          "does not include; install it with the DLL",
                                          s.file_name, fmt::join(runtime, ", ")));
        return result_for(c, Status::pass,
                          fmt::format("imports only Windows DLLs or DLLs beside it ({})",
                                      fmt::join(s.pe.imported_dlls, ", ")));
    };
    return c;
}

// RRAS runs as a process of its Windows's machine, and a process loads only
// DLLs of its own machine: an i686 DLL on a Windows with x64-only RRAS (2008
// R2 and later), or an x86_64 one on Windows 2000, fails LoadLibrary, the
// failure is logged (LOAD-7) and the service does not start.
CaseInfo machine() {
    CaseInfo c{"deploy.machine", {"LOAD-7"},
               "the DLL's machine (x86_64, i686) is one the profile's Windows has RRAS for",
               CaseKind::static_, {}, {}};
    c.run_static = [c](const Subject& s, const Profile& p) {
        const std::string m = s.machine();
        std::vector<std::string_view> machines;
        if (p.rras_on_x64) machines.push_back("x86_64");
        if (p.rras_on_x86) machines.push_back("i686");
        if (!has_rras_for(p, m))
            return result_for(c, Status::fail,
                              fmt::format("{} is an {} DLL, and {} has RRAS only for {}: a process loads only DLLs "
                                          "of its own machine, so loading fails and RRAS does not start [LOAD-7]; "
                                          "build the DLL for {}",
                                          s.file_name, m, to_string(p.version), fmt::join(machines, " and "),
                                          fmt::join(machines, " or ")));
        return result_for(c, Status::pass,
                          fmt::format("{} DLL; {} has RRAS for {}", m, to_string(p.version), fmt::join(machines, " and ")));
    };
    return c;
}

}  // namespace

std::vector<CaseInfo> deploy_cases() { return {dependencies(), machine()}; }

}  // namespace rasconform::conformance
