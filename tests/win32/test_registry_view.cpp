// The run's registry view under Wine (deployment as installed): the run's
// keys are there, everything else is the machine's registry through links,
// and removing the view never touches a real key.
#include <boost/test/unit_test.hpp>

#include <windows.h>

#include <string>
#include <vector>

#include "rasconform/deployment.hpp"
#include "rasconform/utf16.hpp"
#include "win32/registry_view.hpp"

using namespace rasconform;

namespace {

std::size_t subkey_count(HKEY root, const wchar_t* path) {
    HKEY key = nullptr;
    if (RegOpenKeyExW(root, path, 0, KEY_READ, &key) != ERROR_SUCCESS) return 0;
    DWORD count = 0;
    RegQueryInfoKeyW(key, nullptr, nullptr, nullptr, &count, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                     nullptr);
    RegCloseKey(key);
    return count;
}

bool exists(HKEY root, const wchar_t* path, REGSAM extra = 0) {
    HKEY key = nullptr;
    if (RegOpenKeyExW(root, path, 0, KEY_READ | extra, &key) != ERROR_SUCCESS) return false;
    RegCloseKey(key);
    return true;
}

std::wstring string_value(HKEY root, const wchar_t* path, const wchar_t* name, REGSAM extra = 0) {
    HKEY key = nullptr;
    if (RegOpenKeyExW(root, path, 0, KEY_READ | extra, &key) != ERROR_SUCCESS) return L"(no key)";
    wchar_t data[512] = {};
    DWORD size = sizeof data - sizeof(wchar_t), type = 0;
    const LSTATUS st = RegQueryValueExW(key, name, nullptr, &type, reinterpret_cast<BYTE*>(data), &size);
    RegCloseKey(key);
    return st == ERROR_SUCCESS ? std::wstring(data) : L"(no value)";
}

std::string narrow(const std::wstring& w) { return to_utf8(std::u16string(w.begin(), w.end())); }

RegValueEdit sz(const std::string& name, const std::string& text) {
    RegValueEdit v;
    v.name = name;
    v.type = REG_SZ;
    for (char16_t c : to_utf16(text)) v.data.insert(v.data.end(), {static_cast<std::uint8_t>(c), static_cast<std::uint8_t>(c >> 8)});
    v.data.insert(v.data.end(), {0, 0});
    return v;
}

constexpr const wchar_t* admin_dll = L"SOFTWARE\\Microsoft\\RAS\\AdminDll";
constexpr const wchar_t* vendor = L"SOFTWARE\\RasconformViewTest\\Policy";

}  // namespace

BOOST_AUTO_TEST_SUITE(registry_view)

BOOST_AUTO_TEST_CASE(the_runs_keys_are_there_and_the_rest_is_the_machines) {
    // The admin_dll_registry suite may write the prefix's real AdminDll key
    // meanwhile (another process): nothing here depends on its state.
    const std::size_t system_keys = subkey_count(HKEY_LOCAL_MACHINE, L"SYSTEM");
    const std::size_t microsoft_keys = subkey_count(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Microsoft");
    BOOST_REQUIRE(system_keys > 0);
    BOOST_REQUIRE(microsoft_keys > 1);
    const std::wstring product = string_value(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion",
                                              L"ProductName");
    Deployment d{{"C:\\vendor\\a.dll", "C:\\vendor\\b.dll"}, "", {}};
    auto edits = std::get<std::vector<RegFile>>(deployment_edits(d));
    RegFile vendor_file;
    vendor_file.file = "vendor.reg";
    vendor_file.keys.push_back({narrow(vendor), false, {sz("Server", "policy.example")}, 3});
    edits.push_back(vendor_file);
    std::wstring view_path;
    {
        win32::RegistryView view(edits);
        view_path = view.key_path();
        BOOST_TEST(win32::enter_registry_view(view) == "");
        // LOAD-2, LOAD-3: as an installer would have written them.
        BOOST_TEST(narrow(string_value(HKEY_LOCAL_MACHINE, admin_dll, L"DLLPath")) == "C:\\vendor\\a.dll;C:\\vendor\\b.dll");
        BOOST_TEST(narrow(string_value(HKEY_LOCAL_MACHINE, admin_dll, L"DisplayName")) == "a");
        BOOST_TEST(narrow(string_value(HKEY_LOCAL_MACHINE, admin_dll, L"DisplayName", KEY_WOW64_64KEY)) == "a");
        BOOST_TEST(narrow(string_value(HKEY_LOCAL_MACHINE, vendor, L"Server")) == "policy.example");
        // Everything else is the machine's, through the links.
        BOOST_TEST(narrow(string_value(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion",
                                       L"ProductName")) == narrow(product));
        BOOST_TEST(exists(HKEY_LOCAL_MACHINE, L"SYSTEM\\CurrentControlSet\\Control"));
        BOOST_TEST(subkey_count(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Microsoft") >= microsoft_keys);
        // A DLL may keep state under its own key; it goes with the view.
        HKEY state = nullptr;
        BOOST_TEST(RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\RasconformViewTest\\Policy\\State", 0, nullptr, 0,
                                   KEY_ALL_ACCESS, nullptr, &state, nullptr) == ERROR_SUCCESS);
        if (state) RegCloseKey(state);
    }
    // The view is gone, and it took no real key with it.
    BOOST_TEST(narrow(string_value(HKEY_LOCAL_MACHINE, admin_dll, L"DLLPath")) != "C:\\vendor\\a.dll;C:\\vendor\\b.dll");
    BOOST_TEST(!exists(HKEY_LOCAL_MACHINE, L"SOFTWARE\\RasconformViewTest"));
    BOOST_TEST(subkey_count(HKEY_LOCAL_MACHINE, L"SYSTEM") == system_keys);
    BOOST_TEST(subkey_count(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Microsoft") >= microsoft_keys - 1);
    BOOST_TEST(exists(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"));
    BOOST_TEST(exists(HKEY_LOCAL_MACHINE, L"SYSTEM\\CurrentControlSet\\Control"));
    BOOST_TEST(!exists(HKEY_CURRENT_USER, view_path.c_str()));
}

BOOST_AUTO_TEST_CASE(a_deleted_key_is_hidden_and_stays_on_the_machine) {
    constexpr const wchar_t* real = L"SOFTWARE\\RasconformViewTestReal";
    HKEY key = nullptr;
    BOOST_REQUIRE(RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\RasconformViewTestReal\\Keep", 0, nullptr, 0,
                                  KEY_ALL_ACCESS, nullptr, &key, nullptr) == ERROR_SUCCESS);
    const std::wstring kept = L"kept";
    RegSetValueExW(key, L"Value", 0, REG_SZ, reinterpret_cast<const BYTE*>(kept.c_str()),
                   static_cast<DWORD>((kept.size() + 1) * sizeof(wchar_t)));
    RegCloseKey(key);
    RegFile removal;
    removal.file = "remove.reg";
    removal.keys.push_back({narrow(real), true, {}, 3});
    {
        win32::RegistryView view({removal});
        BOOST_TEST(win32::enter_registry_view(view) == "");
        BOOST_TEST(!exists(HKEY_LOCAL_MACHINE, real));
        BOOST_TEST(exists(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Microsoft"));
    }
    BOOST_TEST(narrow(string_value(HKEY_LOCAL_MACHINE, L"SOFTWARE\\RasconformViewTestReal\\Keep", L"Value")) == "kept");
    RegDeleteTreeW(HKEY_LOCAL_MACHINE, real);
}

BOOST_AUTO_TEST_CASE(views_of_ended_runs_are_removed) {
    // A view left by a run that was killed: its process (an id no process has) is gone.
    HKEY stale = nullptr;
    BOOST_REQUIRE(RegCreateKeyExW(HKEY_CURRENT_USER, L"Software\\rasconform\\Views\\4294967290-1\\SOFTWARE", 0, nullptr,
                                  0, KEY_ALL_ACCESS, nullptr, &stale, nullptr) == ERROR_SUCCESS);
    RegCloseKey(stale);
    win32::remove_stale_registry_views();
    BOOST_TEST(!exists(HKEY_CURRENT_USER, L"Software\\rasconform\\Views\\4294967290-1"));
}

BOOST_AUTO_TEST_SUITE_END()
