#include "win32/admin_dll_registry.hpp"

#include <windows.h>

#include "rasconform/utf16.hpp"

namespace rasconform::win32 {
namespace {

constexpr const wchar_t* key_name = L"SOFTWARE\\Microsoft\\RAS\\AdminDll";

std::string utf8(const std::wstring& w) { return to_utf8(std::u16string(w.begin(), w.end())); }
std::wstring wide(const std::string& s) {
    std::u16string u = to_utf16(s);
    return std::wstring(u.begin(), u.end());
}

std::optional<std::string> read_string(HKEY key, const wchar_t* name, std::vector<std::string>& problems) {
    DWORD type = 0, size = 0;
    LSTATUS st = RegQueryValueExW(key, name, nullptr, &type, nullptr, &size);
    if (st == ERROR_FILE_NOT_FOUND) return std::nullopt;
    std::string value_name = utf8(name);
    if (st != ERROR_SUCCESS) {
        problems.push_back(value_name + ": cannot be read (error " + std::to_string(st) + ")");
        return std::nullopt;
    }
    if (type != REG_SZ) {
        // LOAD-2: documented as REG_SZ; REG_EXPAND_SZ is read but not expanded (LOAD-9).
        problems.push_back(value_name + ": type " + std::to_string(type) + " instead of REG_SZ [LOAD-2]");
        if (type != REG_EXPAND_SZ) return std::nullopt;
    }
    std::wstring data(size / sizeof(wchar_t) + 1, L'\0');
    DWORD bytes = static_cast<DWORD>(data.size() * sizeof(wchar_t));
    st = RegQueryValueExW(key, name, nullptr, &type, reinterpret_cast<BYTE*>(data.data()), &bytes);
    if (st != ERROR_SUCCESS) {
        problems.push_back(value_name + ": cannot be read (error " + std::to_string(st) + ")");
        return std::nullopt;
    }
    data.resize(wcsnlen(data.c_str(), data.size()));  // stored data may lack its terminator
    return utf8(data);
}

}  // namespace

AdminDllRegistry read_admin_dll_registry() {
    AdminDllRegistry r;
    HKEY key = nullptr;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, key_name, 0, KEY_READ, &key) != ERROR_SUCCESS) return r;
    r.key_present = true;
    r.dll_path = read_string(key, L"DLLPath", r.problems);
    r.display_name = read_string(key, L"DisplayName", r.problems);
    RegCloseKey(key);
    return r;
}

std::string write_admin_dll_registry(const std::string& dll_path, const std::string& display_name) {
    HKEY key = nullptr;
    LSTATUS st = RegCreateKeyExW(HKEY_LOCAL_MACHINE, key_name, 0, nullptr, 0, KEY_WRITE, nullptr, &key, nullptr);
    if (st != ERROR_SUCCESS) return "cannot create HKLM\\SOFTWARE\\Microsoft\\RAS\\AdminDll (error " + std::to_string(st) + ")";
    for (auto [name, value] : {std::pair{L"DLLPath", wide(dll_path)}, std::pair{L"DisplayName", wide(display_name)}}) {
        st = RegSetValueExW(key, name, 0, REG_SZ, reinterpret_cast<const BYTE*>(value.c_str()),
                            static_cast<DWORD>((value.size() + 1) * sizeof(wchar_t)));
        if (st != ERROR_SUCCESS) {
            RegCloseKey(key);
            return "cannot write " + utf8(name) + " (error " + std::to_string(st) + ")";
        }
    }
    RegCloseKey(key);
    return {};
}

}  // namespace rasconform::win32
