// See registry_view.hpp for what the view is and why it is built this way.
#include "win32/registry_view.hpp"
#include "win32/native_api.hpp"
#include "win32/process_resources.hpp"

#include <windows.h>

#include <algorithm>
#include <cstdlib>
#include <cwctype>
#include <set>
#include <stdexcept>

#include "rasconform/utf16.hpp"

namespace rasconform::win32 {
namespace {

constexpr const wchar_t* views_key = L"Software\\rasconform\\Views";
constexpr const char* environment_name = "RASCONFORM_REGISTRY_VIEW";

std::wstring wide(const std::string& s) {
    std::u16string u = to_utf16(s);
    return std::wstring(u.begin(), u.end());
}
std::string narrow(const std::wstring& w) { return to_utf8(std::u16string(w.begin(), w.end())); }

std::wstring upper(std::wstring s) {
    for (wchar_t& c : s) c = static_cast<wchar_t>(std::towupper(c));
    return s;
}

[[noreturn]] void fail(const std::wstring& key, const char* what, LSTATUS status) {
    throw std::runtime_error("the run's registry view: " + std::string(what) + " HKLM\\" + narrow(key) + " (error " +
                             std::to_string(status) + ")");
}

std::vector<std::wstring> subkeys(HKEY key) {
    std::vector<std::wstring> names;
    wchar_t name[256];
    for (DWORD i = 0;; ++i) {
        DWORD length = 256;
        if (RegEnumKeyExW(key, i, name, &length, nullptr, nullptr, nullptr, nullptr) != ERROR_SUCCESS) break;
        names.emplace_back(name, length);
    }
    return names;
}

using NtDeleteKeyFn = LONG(WINAPI*)(HANDLE);
NtDeleteKeyFn nt_delete_key() {
    static auto fn = ntdll_function<NtDeleteKeyFn>("NtDeleteKey");
    return fn;
}

bool is_link(HKEY key) {
    DWORD type = 0;
    return RegQueryValueExW(key, L"SymbolicLinkValue", nullptr, &type, nullptr, nullptr) == ERROR_SUCCESS &&
           type == REG_LINK;
}

// Deletes `name` below `parent` with everything under it, but a link only as
// a link: RegDeleteTree would follow it and empty the real key.
void delete_view_key(HKEY parent, const std::wstring& name) {
    HKEY key = nullptr;
    if (RegOpenKeyExW(parent, name.c_str(), REG_OPTION_OPEN_LINK, KEY_READ | KEY_WRITE | DELETE, &key) !=
        ERROR_SUCCESS)
        return;
    if (!is_link(key))
        for (const std::wstring& child : subkeys(key)) delete_view_key(key, child);
    if (NtDeleteKeyFn del = nt_delete_key()) del(key);
    RegCloseKey(key);
}

void make_link(HKEY parent, const std::wstring& name, const std::wstring& target) {
    HKEY link = nullptr;
    LSTATUS st = RegCreateKeyExW(parent, name.c_str(), 0, nullptr, REG_OPTION_CREATE_LINK,
                                 KEY_ALL_ACCESS | KEY_CREATE_LINK, nullptr, &link, nullptr);
    if (st != ERROR_SUCCESS) fail(target, "cannot link", st);
    st = RegSetValueExW(link, L"SymbolicLinkValue", 0, REG_LINK, reinterpret_cast<const BYTE*>(target.data()),
                        static_cast<DWORD>(target.size() * sizeof(wchar_t)));
    RegCloseKey(link);
    if (st != ERROR_SUCCESS) fail(target, "cannot link", st);
}

void copy_values(HKEY from, HKEY to) {
    std::vector<wchar_t> name(16384);
    std::vector<BYTE> data(64 * 1024);
    for (DWORD i = 0;; ++i) {
        DWORD name_length = static_cast<DWORD>(name.size()), size = static_cast<DWORD>(data.size()), type = 0;
        LSTATUS st = RegEnumValueW(from, i, name.data(), &name_length, nullptr, &type, data.data(), &size);
        if (st == ERROR_MORE_DATA) {
            data.resize(size);
            --i;
            continue;
        }
        if (st != ERROR_SUCCESS) break;
        RegSetValueExW(to, name.data(), 0, type, data.data(), size);
    }
}

// "A\B\C" -> {"A", "A\B"}: the keys on the way.
std::vector<std::wstring> ancestors(const std::wstring& path) {
    std::vector<std::wstring> out;
    for (std::size_t at = path.find(L'\\'); at != std::wstring::npos; at = path.find(L'\\', at + 1))
        out.push_back(path.substr(0, at));
    return out;
}

bool under(const std::wstring& key, const std::wstring& ancestor) {  // both upper case
    return key.size() > ancestor.size() && key.compare(0, ancestor.size(), ancestor) == 0 && key[ancestor.size()] == L'\\';
}

}  // namespace

RegistryView::RegistryView(const std::vector<RegFile>& edits) {
    remove_stale_registry_views();
    path_ = std::wstring(views_key) + L"\\" + std::to_wstring(GetCurrentProcessId()) + L"-" +
            std::to_wstring(process_start_time(GetCurrentProcess()));
    HKEY root = nullptr;
    LSTATUS st = RegCreateKeyExW(HKEY_CURRENT_USER, path_.c_str(), 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &root,
                                 nullptr);
    if (st != ERROR_SUCCESS)
        throw std::runtime_error("the run's registry view: cannot create HKCU\\" + narrow(path_) + " (error " +
                                 std::to_string(st) + ")");
    try {
        // The run's own keys, and the keys on the way to them (upper case for comparing).
        std::set<std::wstring> owned, on_the_way;
        for (const RegFile& f : edits)
            for (const RegKeyEdit& k : f.keys) owned.insert(upper(wide(k.path)));
        for (const std::wstring& o : owned)
            for (const std::wstring& a : ancestors(o)) on_the_way.insert(a);
        std::erase_if(on_the_way, [&](const std::wstring& a) {
            return owned.count(a) || std::any_of(owned.begin(), owned.end(), [&](const auto& o) { return under(a, o); });
        });
        on_the_way.insert(L"");  // HKLM itself
        // Parents before children: a set of paths sorts "A" before "A\B".
        std::vector<std::wstring> order(on_the_way.begin(), on_the_way.end());
        std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
            return std::count(a.begin(), a.end(), L'\\') < std::count(b.begin(), b.end(), L'\\') ||
                   (std::count(a.begin(), a.end(), L'\\') == std::count(b.begin(), b.end(), L'\\') && a < b);
        });
        for (const std::wstring& way : order) {
            HKEY real = nullptr;
            if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, way.empty() ? nullptr : way.c_str(), 0, KEY_READ, &real) !=
                ERROR_SUCCESS)
                real = nullptr;  // not on this machine: the view's key is all there is
            HKEY mine = root;
            if (!way.empty()) {
                st = RegCreateKeyExW(root, way.c_str(), 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &mine, nullptr);
                if (st != ERROR_SUCCESS) {
                    if (real) RegCloseKey(real);
                    fail(way, "cannot create", st);
                }
            }
            if (real) {
                if (!way.empty()) copy_values(real, mine);
                for (const std::wstring& child : subkeys(real)) {
                    const std::wstring child_path = way.empty() ? child : way + L"\\" + child;
                    const std::wstring key = upper(child_path);
                    if (owned.count(key) || on_the_way.count(key)) continue;
                    make_link(mine, child, L"\\Registry\\Machine\\" + child_path);
                }
                RegCloseKey(real);
            }
            if (mine != root) RegCloseKey(mine);
        }
        // The edits, in order: the run's AdminDll values, then each .reg file.
        for (const RegFile& f : edits)
            for (const RegKeyEdit& k : f.keys) {
                const std::wstring key_path = wide(k.path);
                if (k.remove) {
                    delete_view_key(root, key_path);
                    continue;
                }
                HKEY key = nullptr;
                st = RegCreateKeyExW(root, key_path.c_str(), 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &key, nullptr);
                if (st != ERROR_SUCCESS) fail(key_path, "cannot create", st);
                for (const RegValueEdit& v : k.values) {
                    const std::wstring name = wide(v.name);
                    st = v.remove ? RegDeleteValueW(key, name.c_str())
                                  : RegSetValueExW(key, name.c_str(), 0, v.type, v.data.data(),
                                                   static_cast<DWORD>(v.data.size()));
                    if (v.remove && st == ERROR_FILE_NOT_FOUND) st = ERROR_SUCCESS;
                    if (st != ERROR_SUCCESS) {
                        RegCloseKey(key);
                        fail(key_path + L"\\" + name, v.remove ? "cannot delete value" : "cannot set value", st);
                    }
                }
                RegCloseKey(key);
            }
    } catch (...) {
        RegCloseKey(root);
        HKEY views = nullptr;
        if (RegOpenKeyExW(HKEY_CURRENT_USER, views_key, 0, KEY_ALL_ACCESS, &views) == ERROR_SUCCESS) {
            delete_view_key(views, path_.substr(path_.rfind(L'\\') + 1));
            RegCloseKey(views);
        }
        throw;
    }
    RegCloseKey(root);
}

RegistryView::~RegistryView() {
    // This process stops seeing it first: a handle to a deleted key is useless.
    RegOverridePredefKey(HKEY_LOCAL_MACHINE, nullptr);
    HKEY views = nullptr;
    if (RegOpenKeyExW(HKEY_CURRENT_USER, views_key, 0, KEY_ALL_ACCESS, &views) != ERROR_SUCCESS) return;
    delete_view_key(views, path_.substr(path_.rfind(L'\\') + 1));
    RegCloseKey(views);
}

namespace {

std::string enter(const std::wstring& path) {
    HKEY view = nullptr;
    LSTATUS st = RegOpenKeyExW(HKEY_CURRENT_USER, path.c_str(), 0, KEY_ALL_ACCESS, &view);
    if (st != ERROR_SUCCESS)
        return "the run's registry view HKCU\\" + narrow(path) + " cannot be opened (error " + std::to_string(st) + ")";
    st = RegOverridePredefKey(HKEY_LOCAL_MACHINE, view);
    RegCloseKey(view);  // the override keeps its own handle
    if (st != ERROR_SUCCESS) return "RegOverridePredefKey failed (error " + std::to_string(st) + ")";
    return {};
}

}  // namespace

std::string enter_registry_view_from_environment() {
    const char* path = std::getenv(environment_name);
    if (!path || !*path) return {};
    return enter(wide(path));
}

std::string enter_registry_view(const RegistryView& view) {
    if (std::string error = enter(view.key_path()); !error.empty()) return error;
    _putenv_s(environment_name, narrow(view.key_path()).c_str());
    return {};
}

void remove_stale_registry_views() {
    HKEY views = nullptr;
    if (RegOpenKeyExW(HKEY_CURRENT_USER, views_key, 0, KEY_ALL_ACCESS, &views) != ERROR_SUCCESS) return;
    for (const std::wstring& name : subkeys(views)) {
        // "<pid>-<start time>": the run is alive when that process is, with that start.
        const std::size_t dash = name.find(L'-');
        const DWORD pid = static_cast<DWORD>(std::wcstoul(name.c_str(), nullptr, 10));
        const std::uint64_t started = dash == std::wstring::npos ? 0 : std::wcstoull(name.c_str() + dash + 1, nullptr, 10);
        bool alive = false;
        if (HANDLE p = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION | SYNCHRONIZE, FALSE, pid)) {
            alive = WaitForSingleObject(p, 0) == WAIT_TIMEOUT && process_start_time(p) == started;
            CloseHandle(p);
        }
        if (!alive) delete_view_key(views, name);
    }
    RegCloseKey(views);
}

}  // namespace rasconform::win32
