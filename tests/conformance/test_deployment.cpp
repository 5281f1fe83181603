// Deployment as installed, the portable part: the AdminDll values a run
// writes (LOAD-2, LOAD-3), the .reg files that follow them, and the text a
// failed Init reports about them.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "rasconform/deployment.hpp"
#include "rasconform/utf16.hpp"

using namespace rasconform;

namespace {

std::string text_of(const RegValueEdit& v) {
    std::u16string s;
    for (std::size_t i = 0; i + 1 < v.data.size(); i += 2) {
        const auto c = static_cast<char16_t>(v.data[i] | (v.data[i + 1] << 8));
        if (!c) break;
        s.push_back(c);
    }
    return to_utf8(s);
}

// A .reg file in the temporary folder, removed with the object.
struct RegFileOnDisk {
    explicit RegFileOnDisk(const std::string& name, const std::string& text)
        : path(std::filesystem::temp_directory_path() / name) {
        std::ofstream(path, std::ios::binary) << text;
    }
    ~RegFileOnDisk() {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
    }
    std::filesystem::path path;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(deployment)

BOOST_AUTO_TEST_CASE(display_name_defaults_to_the_first_dlls_name) {
    BOOST_TEST(default_display_name("C:\\vendor\\Contoso Policy.dll") == "Contoso Policy");
    BOOST_TEST(default_display_name("/home/j\xc3\xbcrgen/dlls/a.b.dll") == "a.b");
    BOOST_TEST(default_display_name("noext") == "noext");
}

BOOST_AUTO_TEST_CASE(admin_dll_values_come_first_as_reg_sz) {  // LOAD-2, LOAD-3
    auto edits = deployment_edits({{"Z:\\a.dll", "Z:\\b.dll"}, "", {}});
    BOOST_REQUIRE(std::holds_alternative<std::vector<RegFile>>(edits));
    const auto& files = std::get<std::vector<RegFile>>(edits);
    BOOST_REQUIRE(files.size() == 1u);
    BOOST_REQUIRE(files[0].keys.size() == 1u);
    const RegKeyEdit& key = files[0].keys[0];
    BOOST_TEST(key.path == "SOFTWARE\\Microsoft\\RAS\\AdminDll");
    BOOST_REQUIRE(key.values.size() == 2u);
    BOOST_TEST(key.values[0].name == "DLLPath");
    BOOST_TEST(key.values[0].type == 1u);
    BOOST_TEST(text_of(key.values[0]) == "Z:\\a.dll;Z:\\b.dll");
    BOOST_TEST(key.values[1].name == "DisplayName");
    BOOST_TEST(text_of(key.values[1]) == "a");
    auto named = deployment_edits({{"Z:\\a.dll"}, "Contoso VPN", {}});
    BOOST_TEST(text_of(std::get<std::vector<RegFile>>(named)[0].keys[0].values[1]) == "Contoso VPN");
}

BOOST_AUTO_TEST_CASE(a_broken_reg_file_is_named_with_its_line) {
    RegFileOnDisk broken("rasconform-deployment-broken.reg", "REGEDIT4\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\n\"A\"=dword:xyz\n");
    auto edits = deployment_edits({{"Z:\\a.dll"}, "", {broken.path.string()}});
    BOOST_REQUIRE(std::holds_alternative<std::string>(edits));
    BOOST_TEST(std::get<std::string>(edits).rfind(broken.path.string() + ":4: ", 0) == 0u, std::get<std::string>(edits));
    auto missing = deployment_edits({{"Z:\\a.dll"}, "", {"/nonexistent/vendor.reg"}});
    BOOST_REQUIRE(std::holds_alternative<std::string>(missing));
    BOOST_TEST(std::get<std::string>(missing).rfind("/nonexistent/vendor.reg: cannot read", 0) == 0u,
               std::get<std::string>(missing));
}

BOOST_AUTO_TEST_CASE(the_text_says_what_the_dll_could_read) {
    RegFileOnDisk removal("rasconform-deployment-removal.reg",
                          "REGEDIT4\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\RAS\\AdminDll]\n\"DisplayName\"=-\n\n"
                          "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]\n\"Server\"=\"x\"\n");
    auto edits = deployment_edits({{"Z:\\a.dll"}, "", {removal.path.string()}});
    BOOST_REQUIRE(std::holds_alternative<std::vector<RegFile>>(edits));
    const std::string text = deployment_text(std::get<std::vector<RegFile>>(edits));
    BOOST_TEST(text == "HKLM\\SOFTWARE\\Microsoft\\RAS\\AdminDll holds DLLPath \"Z:\\a.dll\", no DisplayName (removed by " +
                           removal.path.string() + ":4); vendor keys from " + removal.path.string());
    RegFileOnDisk key_removal("rasconform-deployment-key-removal.reg",
                              "REGEDIT4\n\n[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\RAS]\n");
    auto gone = deployment_edits({{"Z:\\a.dll"}, "", {key_removal.path.string()}});
    BOOST_TEST(deployment_text(std::get<std::vector<RegFile>>(gone)) ==
               "HKLM\\SOFTWARE\\Microsoft\\RAS\\AdminDll holds no DLLPath (key removed by " +
                   key_removal.path.string() + ":3), no DisplayName (key removed by " + key_removal.path.string() +
                   ":3)");
}

BOOST_AUTO_TEST_SUITE_END()
