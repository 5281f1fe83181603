// The real registry key under Wine (LOAD-1, LOAD-2): what an installer
// writes (LOAD-10) is what RRAS - and rasconform - read back.
#include <boost/test/unit_test.hpp>

#include <windows.h>

#include "rasconform/dll_path.hpp"
#include "win32/admin_dll_registry.hpp"

using namespace rasconform;

namespace {
struct CleanKey {
    CleanKey() { RegDeleteTreeW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Microsoft\\RAS\\AdminDll"); }
    ~CleanKey() { RegDeleteTreeW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Microsoft\\RAS\\AdminDll"); }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(admin_dll_registry)

BOOST_AUTO_TEST_CASE(absent_key_means_no_admin_dll) {  // LOAD-1
    CleanKey clean;
    win32::AdminDllRegistry r = win32::read_admin_dll_registry();
    BOOST_TEST(!r.key_present);
    BOOST_TEST(!r.dll_path.has_value());
}

BOOST_AUTO_TEST_CASE(installer_values_read_back_as_a_chain) {  // LOAD-2, LOAD-3, LOAD-4
    CleanKey clean;
    BOOST_TEST(win32::write_admin_dll_registry(R"(C:\vendor\a.dll; C:\vendor\b.dll)", "Vendor Admin") == "");
    win32::AdminDllRegistry r = win32::read_admin_dll_registry();
    BOOST_TEST(r.key_present);
    BOOST_REQUIRE(r.dll_path.has_value());
    BOOST_TEST(*r.display_name == "Vendor Admin");
    BOOST_TEST(r.problems.empty());
    DllPathParse chain = parse_dll_path(*r.dll_path);
    BOOST_TEST(chain.dlls == (std::vector<std::string>{R"(C:\vendor\a.dll)", R"(C:\vendor\b.dll)"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(wrong_value_type_is_reported) {  // LOAD-2
    CleanKey clean;
    HKEY key = nullptr;
    BOOST_REQUIRE(RegCreateKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Microsoft\\RAS\\AdminDll", 0, nullptr, 0, KEY_WRITE,
                                  nullptr, &key, nullptr) == ERROR_SUCCESS);
    const wchar_t value[] = L"%SystemRoot%\\admin.dll";
    RegSetValueExW(key, L"DLLPath", 0, REG_EXPAND_SZ, reinterpret_cast<const BYTE*>(value), sizeof value);
    DWORD number = 7;
    RegSetValueExW(key, L"DisplayName", 0, REG_DWORD, reinterpret_cast<const BYTE*>(&number), sizeof number);
    RegCloseKey(key);
    win32::AdminDllRegistry r = win32::read_admin_dll_registry();
    BOOST_TEST(r.problems.size() == 2u);
    BOOST_REQUIRE(r.dll_path.has_value());  // REG_EXPAND_SZ is still read, not expanded (LOAD-9)
    BOOST_TEST(*r.dll_path == "%SystemRoot%\\admin.dll");
    BOOST_TEST(!r.display_name.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
