#include "conformance/dependencies.hpp"

#include <cctype>
#include <filesystem>
#include <set>

namespace rasconform::conformance {
namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

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

bool ships_beside(const Subject& s, const std::string& name) {
    std::error_code ec;
    std::filesystem::path dir = s.path.parent_path().empty() ? std::filesystem::path(".") : s.path.parent_path();
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (lower(entry.path().filename().string()) == lower(name)) return true;
    return false;
}

}  // namespace rasconform::conformance
