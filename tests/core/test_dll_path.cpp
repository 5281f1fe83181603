#include <boost/test/unit_test.hpp>

#include "rasconform/dll_path.hpp"

using namespace rasconform;

namespace {
bool warned(const DllPathParse& r, std::string_view rule) {
    for (const std::string& w : r.warnings)
        if (w.find(rule) != std::string::npos) return true;
    return false;
}
using list = std::vector<std::string>;
}  // namespace

BOOST_AUTO_TEST_SUITE(dll_path)

BOOST_AUTO_TEST_CASE(documented_example_with_blank_after_semicolon) {  // LOAD-3, LOAD-5
    DllPathParse r = parse_dll_path(R"(C:\nt\system32\ntwkadm.dll; C:\nt\system32\ntwkadm2.dll)");
    BOOST_TEST(r.dlls == (list{R"(C:\nt\system32\ntwkadm.dll)", R"(C:\nt\system32\ntwkadm2.dll)"}),
               boost::test_tools::per_element());
    BOOST_TEST(r.warnings.empty());
}

BOOST_AUTO_TEST_CASE(empty_entries_are_skipped) {  // Q-22
    DllPathParse r = parse_dll_path(R"(;C:\a.dll;;  ;C:\b.dll;)");
    BOOST_TEST(r.dlls == (list{R"(C:\a.dll)", R"(C:\b.dll)"}), boost::test_tools::per_element());
    BOOST_TEST(r.warnings.size() == 4u);
    BOOST_TEST(warned(r, "Q-22"));
}

BOOST_AUTO_TEST_CASE(duplicates_load_once_case_insensitively) {  // Q-22
    DllPathParse r = parse_dll_path(R"(C:\A\x.dll; c:/a/X.DLL; C:\b.dll)");
    BOOST_TEST(r.dlls == (list{R"(C:\A\x.dll)", R"(C:\b.dll)"}), boost::test_tools::per_element());
    BOOST_TEST(warned(r, "repeats an earlier entry"));
}

BOOST_AUTO_TEST_CASE(relative_paths_are_refused_unless_allowed) {  // LOAD-2, Q-22
    DllPathParse r = parse_dll_path(R"(admin.dll; C:\b.dll)");
    BOOST_TEST(r.dlls == (list{R"(C:\b.dll)"}), boost::test_tools::per_element());
    BOOST_TEST(warned(r, "not a full path"));
    DllPathOptions lenient;
    lenient.allow_relative = true;
    BOOST_TEST(parse_dll_path("admin.dll", lenient).dlls == (list{"admin.dll"}), boost::test_tools::per_element());
    BOOST_TEST(parse_dll_path(R"(\\server\share\a.dll)").dlls.size() == 1u);
    BOOST_TEST(parse_dll_path("/opt/vendor/libadmin.so").dlls.size() == 1u);
}

BOOST_AUTO_TEST_CASE(windows_2000_takes_the_whole_value) {  // LOAD-6
    DllPathOptions w2000;
    w2000.multiple_dlls = false;
    DllPathParse r = parse_dll_path(R"( C:\a.dll; C:\b.dll )", w2000);
    BOOST_TEST(r.dlls == (list{R"(C:\a.dll; C:\b.dll)"}), boost::test_tools::per_element());
    BOOST_TEST(warned(r, "LOAD-6"));
}

BOOST_AUTO_TEST_CASE(no_expansion_unless_asked) {  // LOAD-9
    DllPathParse plain = parse_dll_path(R"(%SystemRoot%\System32\a.dll)");
    BOOST_TEST(plain.dlls.empty());  // not a full path as written
    BOOST_TEST(warned(plain, "LOAD-9"));
    DllPathOptions expanding;
    expanding.expand = [](std::string_view name) -> std::optional<std::string> {
        if (name == "SystemRoot") return std::string(R"(C:\Windows)");
        return std::nullopt;
    };
    DllPathParse r = parse_dll_path(R"(%SystemRoot%\System32\a.dll; %NOPE%\b.dll)", expanding);
    BOOST_TEST(r.dlls == (list{R"(C:\Windows\System32\a.dll)"}), boost::test_tools::per_element());
    BOOST_TEST(warned(r, "%NOPE% is not set"));
}

BOOST_AUTO_TEST_CASE(quotes_are_kept_and_reported) {  // Q-22
    DllPathParse r = parse_dll_path(R"("C:\a.dll")");
    BOOST_TEST(r.dlls.empty());  // a quote is not a drive letter
    BOOST_TEST(warned(r, "quoted"));
}

BOOST_AUTO_TEST_SUITE_END()
