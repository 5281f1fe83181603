#include "win32/win32_admin_dll.hpp"

#include <windows.h>

#include <string>

namespace rasconform::win32 {
namespace {

std::string last_error_text(DWORD err) {
    switch (err) {
    case ERROR_MOD_NOT_FOUND: return "the DLL or one of the DLLs it imports was not found (error 126)";
    case ERROR_BAD_EXE_FORMAT: return "not a valid DLL for this architecture (error 193)";
    case ERROR_DLL_INIT_FAILED: return "DllMain returned FALSE (error 1114)";
    case ERROR_PROC_NOT_FOUND: return "an imported function was not found (error 127)";
    default: return "LoadLibraryExW failed with error " + std::to_string(err);
    }
}

}  // namespace

Win32AdminDll::Win32AdminDll(const std::filesystem::path& path) : name_(path.filename().string()) {
    // LOAD_WITH_ALTERED_SEARCH_PATH: dependencies are looked up beside the
    // DLL, as when RRAS loads it from its full DLLPath.
    std::filesystem::path absolute = std::filesystem::absolute(path);
    HMODULE m = LoadLibraryExW(absolute.wstring().c_str(), nullptr, LOAD_WITH_ALTERED_SEARCH_PATH);
    if (!m) throw LoadError(name_ + ": " + last_error_text(GetLastError()));
    module_ = m;
}

Win32AdminDll::~Win32AdminDll() {
    if (module_) FreeLibrary(static_cast<HMODULE>(module_));
}

void* Win32AdminDll::resolve(std::string_view export_name) const {
    std::string name(export_name);
    return reinterpret_cast<void*>(GetProcAddress(static_cast<HMODULE>(module_), name.c_str()));
}

CallOutcome Win32AdminDll::call(const CalloutInfo& callout, void* fn, std::span<void* const> args) {
    return guarded_invoke(callout, fn, args);
}

}  // namespace rasconform::win32
