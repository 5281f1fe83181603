// Pre-flight (LOAD-7): RRAS loads the DLL from its full DLLPath; every DLL it
// imports must then be a Windows system DLL or sit beside it, or the load
// fails and the service does not start. The classic miss: a MinGW build that
// needs libstdc++-6.dll or libwinpthread-1.dll and ships without it.
#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "conformance/suite.hpp"

namespace rasconform::conformance {
namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// DLLs every Windows Server has (system32). API sets resolve in the loader.
bool system_dll(const std::string& name) {
    static const std::set<std::string> known{
        "advapi32.dll", "bcrypt.dll",   "comctl32.dll", "crypt32.dll",  "dbghelp.dll",  "dnsapi.dll",
        "gdi32.dll",    "iphlpapi.dll", "kernel32.dll", "kernelbase.dll", "mpr.dll",    "mprapi.dll",
        "msvcrt.dll",   "ncrypt.dll",   "netapi32.dll", "ntdll.dll",    "ole32.dll",    "oleaut32.dll",
        "psapi.dll",    "rasapi32.dll", "rassapi.dll",  "rpcrt4.dll",   "secur32.dll",  "setupapi.dll",
        "shell32.dll",  "shlwapi.dll",  "ucrtbase.dll", "user32.dll",   "userenv.dll",  "version.dll",
        "winhttp.dll",  "wininet.dll",  "wldap32.dll",  "ws2_32.dll",   "wtsapi32.dll", "mswsock.dll",
        "sspicli.dll",  "wevtapi.dll",  "winmm.dll",    "dhcpcsvc.dll", "netutils.dll", "samlib.dll"};
    std::string n = lower(name);
    return known.count(n) || n.rfind("api-ms-win-", 0) == 0 || n.rfind("ext-ms-win-", 0) == 0;
}

// The Visual C++ runtime is common on servers but not part of Windows.
bool vc_runtime(const std::string& name) {
    std::string n = lower(name);
    return n.rfind("vcruntime", 0) == 0 || n.rfind("msvcp", 0) == 0 || n.rfind("concrt", 0) == 0;
}

bool beside(const Subject& s, const std::string& name) {
    std::error_code ec;
    std::filesystem::path dir = s.path.parent_path().empty() ? std::filesystem::path(".") : s.path.parent_path();
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (lower(entry.path().filename().string()) == lower(name)) return true;
    return false;
}

CaseInfo dependencies() {
    CaseInfo c{"deploy.dependencies", {"LOAD-7"},
               "every DLL the admin DLL imports is a Windows system DLL or ships beside it",
               CaseKind::static_, {}, {}};
    c.run_static = [c](const Subject& s, const Profile&) {
        std::vector<std::string> missing, runtime;
        for (const std::string& dll : s.pe.imported_dlls) {
            if (system_dll(dll) || beside(s, dll)) continue;
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

}  // namespace

std::vector<CaseInfo> deploy_cases() { return {dependencies()}; }

}  // namespace rasconform::conformance
