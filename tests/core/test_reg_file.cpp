// Regedit export files (core/src/reg_file.cpp): both encodings and headers
// regedit writes, every value type down to the bytes RegSetValueExW gets,
// deletions, continued hex lists, and each mistake reported as one line
// "FILE:LINE: what is wrong".
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "rasconform/reg_file.hpp"
#include "rasconform/utf16.hpp"

using namespace rasconform;

// The helpers live in the suite's namespace, apart from other files' in
// unity builds.
BOOST_AUTO_TEST_SUITE(reg_file)

using bytes = std::vector<std::uint8_t>;

constexpr std::string_view v5 = "Windows Registry Editor Version 5.00\r\n\r\n";
constexpr std::string_view v4 = "REGEDIT4\n\n";

RegFile parsed(std::string_view file_bytes) {
    auto result = parse_reg_file(file_bytes, "t.reg");
    if (const auto* error = std::get_if<RegFileError>(&result)) BOOST_TEST_FAIL("unexpected error: " << error->message);
    return std::get<RegFile>(std::move(result));
}

std::string error_of(std::string_view file_bytes) {
    auto result = parse_reg_file(file_bytes, "t.reg");
    if (const auto* error = std::get_if<RegFileError>(&result)) return error->message;
    BOOST_TEST_FAIL("parsed without an error: " << file_bytes);
    return {};
}

// A version 5 file with one key, [HKLM\SOFTWARE\T], and the given lines.
std::string error_in_value(std::string_view value_lines) {
    return error_of(std::string(v5) + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\T]\r\n" + std::string(value_lines));
}

// What regedit's "Unicode" export is: FF FE, then UTF-16LE.
std::string utf16le_file(std::string_view utf8_text) {
    std::string out = "\xFF\xFE";
    for (char16_t unit : to_utf16(std::string(utf8_text))) {
        out += static_cast<char>(unit & 0xFF);
        out += static_cast<char>(unit >> 8);
    }
    return out;
}

bytes utf16le_z(std::u16string_view text) {
    bytes out;
    for (char16_t unit : text) {
        out.push_back(static_cast<std::uint8_t>(unit & 0xFF));
        out.push_back(static_cast<std::uint8_t>(unit >> 8));
    }
    out.push_back(0);
    out.push_back(0);
    return out;
}

std::uint32_t type_number(RegValueType t) { return static_cast<std::uint32_t>(t); }

BOOST_AUTO_TEST_CASE(unicode_export_as_regedit_writes_it) {
    const std::string file = utf16le_file(
        "Windows Registry Editor Version 5.00\r\n"
        "\r\n"
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\VPN]\r\n"
        "\"Server\"=\"vpn.contoso.example\"\r\n"
        "\"Größe\"=\"Straße\"\r\n"
        "@=\"default\"\r\n"
        "\"Retries\"=dword:0000001f\r\n"
        "\r\n");
    const RegFile f = parsed(file);
    BOOST_TEST(f.file == "t.reg");
    BOOST_TEST_REQUIRE(f.keys.size() == 1u);
    const RegKeyEdit& key = f.keys[0];
    BOOST_TEST(key.path == "SOFTWARE\\Contoso\\VPN");
    BOOST_TEST(!key.remove);
    BOOST_TEST(key.line == 3u);
    BOOST_TEST_REQUIRE(key.values.size() == 4u);
    BOOST_TEST(key.values[0].name == "Server");
    BOOST_TEST(key.values[0].type == type_number(RegValueType::sz));
    BOOST_TEST(key.values[0].data == utf16le_z(u"vpn.contoso.example"), boost::test_tools::per_element());
    BOOST_TEST(key.values[0].line == 4u);
    BOOST_TEST(key.values[1].name == "Größe");
    BOOST_TEST(key.values[1].data == utf16le_z(u"Straße"), boost::test_tools::per_element());
    BOOST_TEST(key.values[2].name == "");
    BOOST_TEST(key.values[2].data == utf16le_z(u"default"), boost::test_tools::per_element());
    BOOST_TEST(key.values[3].type == type_number(RegValueType::dword));
    BOOST_TEST(key.values[3].data == (bytes{0x1f, 0, 0, 0}), boost::test_tools::per_element());
    BOOST_TEST(key.values[3].line == 7u);
}

BOOST_AUTO_TEST_CASE(utf8_files_with_and_without_byte_order_mark) {
    const std::string body = "[HKLM\\SOFTWARE\\T]\n\"A\"=\"é\"\n";
    for (const std::string& file : {std::string(v5) + body, "\xEF\xBB\xBF" + std::string(v5) + body}) {
        const RegFile f = parsed(file);
        BOOST_TEST_REQUIRE(f.keys.size() == 1u);
        BOOST_TEST_REQUIRE(f.keys[0].values.size() == 1u);
        BOOST_TEST(f.keys[0].values[0].data == utf16le_z(u"é"), boost::test_tools::per_element());
        BOOST_TEST(f.keys[0].values[0].line == 4u);
    }
}

BOOST_AUTO_TEST_CASE(every_value_type_to_the_byte) {
    const RegFile f = parsed(std::string(v5) +
                             "[HKEY_LOCAL_MACHINE\\SOFTWARE\\T]\r\n"
                             "\"sz\"=\"a\\\\b \\\"q\\\"\"\r\n"
                             "\"empty\"=\"\"\r\n"
                             "\"dword\"=dword:DEADbeef\r\n"
                             "\"short dword\"=dword:7\r\n"
                             "\"binary\"=hex:00,ff,A0\r\n"
                             "\"no bytes\"=hex:\r\n"
                             "\"expand\"=hex(2):25,00,41,00,25,00,00,00\r\n"
                             "\"multi\"=hex(7):61,00,00,00,62,00,00,00,00,00\r\n"
                             "\"qword\"=hex(b):01,02,03,04,05,06,07,08\r\n"
                             "\"none\"=hex(0):\r\n"
                             "\"link\"=hex(6):41,00\r\n"
                             "\"big type\"=hex(ffff0000):01\r\n");
    BOOST_TEST_REQUIRE(f.keys.size() == 1u);
    const auto& v = f.keys[0].values;
    BOOST_TEST_REQUIRE(v.size() == 12u);
    BOOST_TEST(v[0].name == "sz");
    BOOST_TEST(v[0].data == utf16le_z(u"a\\b \"q\""), boost::test_tools::per_element());
    BOOST_TEST(v[1].type == type_number(RegValueType::sz));
    BOOST_TEST(v[1].data == (bytes{0, 0}), boost::test_tools::per_element());
    BOOST_TEST(v[2].type == type_number(RegValueType::dword));
    BOOST_TEST(v[2].data == (bytes{0xef, 0xbe, 0xad, 0xde}), boost::test_tools::per_element());
    BOOST_TEST(v[3].data == (bytes{7, 0, 0, 0}), boost::test_tools::per_element());
    BOOST_TEST(v[4].type == type_number(RegValueType::binary));
    BOOST_TEST(v[4].data == (bytes{0x00, 0xff, 0xa0}), boost::test_tools::per_element());
    BOOST_TEST(v[5].type == type_number(RegValueType::binary));
    BOOST_TEST(v[5].data.empty());
    BOOST_TEST(v[6].type == type_number(RegValueType::expand_sz));
    BOOST_TEST(v[6].data == (bytes{0x25, 0, 0x41, 0, 0x25, 0, 0, 0}), boost::test_tools::per_element());
    BOOST_TEST(v[7].type == type_number(RegValueType::multi_sz));
    BOOST_TEST(v[7].data == (bytes{0x61, 0, 0, 0, 0x62, 0, 0, 0, 0, 0}), boost::test_tools::per_element());
    BOOST_TEST(v[8].type == type_number(RegValueType::qword));
    BOOST_TEST(v[8].data == (bytes{1, 2, 3, 4, 5, 6, 7, 8}), boost::test_tools::per_element());
    BOOST_TEST(v[9].type == 0u);
    BOOST_TEST(v[9].data.empty());
    BOOST_TEST(v[10].type == 6u);
    BOOST_TEST(v[10].data == (bytes{0x41, 0}), boost::test_tools::per_element());
    BOOST_TEST(v[11].type == 0xffff0000u);
    for (const RegValueEdit& value : v) BOOST_TEST(!value.remove);
}

BOOST_AUTO_TEST_CASE(regedit4_string_data_becomes_utf16) {
    // REGEDIT4 holds hex(2) and hex(7) as 8-bit text; "%A%" and "a","é".
    const RegFile f = parsed(std::string(v4) +
                             "[HKEY_LOCAL_MACHINE\\SOFTWARE\\T]\n"
                             "\"expand\"=hex(2):25,41,25,00\n"
                             "\"multi\"=hex(7):61,00,c3,a9,00,00\n"
                             "\"binary\"=hex:c3,a9\n"
                             "\"sz\"=\"x\"\n");
    BOOST_TEST_REQUIRE(f.keys.size() == 1u);
    const auto& v = f.keys[0].values;
    BOOST_TEST_REQUIRE(v.size() == 4u);
    BOOST_TEST(v[0].type == type_number(RegValueType::expand_sz));
    BOOST_TEST(v[0].data == (bytes{0x25, 0, 0x41, 0, 0x25, 0, 0, 0}), boost::test_tools::per_element());
    BOOST_TEST(v[1].type == type_number(RegValueType::multi_sz));
    BOOST_TEST(v[1].data == (bytes{0x61, 0, 0, 0, 0xe9, 0, 0, 0, 0, 0}), boost::test_tools::per_element());
    BOOST_TEST(v[2].data == (bytes{0xc3, 0xa9}), boost::test_tools::per_element());  // binary stays as is
    BOOST_TEST(v[3].data == utf16le_z(u"x"), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(deletions_of_keys_and_values) {
    const RegFile f = parsed(std::string(v5) +
                             "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Old]\r\n"
                             "[hklm\\SOFTWARE\\T]\r\n"
                             "\"Gone\"=-\r\n"
                             "@=-\r\n"
                             "[-HKLM\\SOFTWARE\\T\\Sub]\r\n");
    BOOST_TEST_REQUIRE(f.keys.size() == 3u);
    BOOST_TEST(f.keys[0].remove);
    BOOST_TEST(f.keys[0].path == "SOFTWARE\\Old");
    BOOST_TEST(f.keys[0].values.empty());
    BOOST_TEST(f.keys[0].line == 3u);
    BOOST_TEST(!f.keys[1].remove);
    BOOST_TEST(f.keys[1].path == "SOFTWARE\\T");
    BOOST_TEST_REQUIRE(f.keys[1].values.size() == 2u);
    BOOST_TEST(f.keys[1].values[0].name == "Gone");
    BOOST_TEST(f.keys[1].values[0].remove);
    BOOST_TEST(f.keys[1].values[0].data.empty());
    BOOST_TEST(f.keys[1].values[1].name == "");
    BOOST_TEST(f.keys[1].values[1].remove);
    BOOST_TEST(f.keys[2].remove);
    BOOST_TEST(f.keys[2].path == "SOFTWARE\\T\\Sub");
    BOOST_TEST(f.keys[2].line == 7u);
}

BOOST_AUTO_TEST_CASE(names_case_and_comments_as_written) {
    const RegFile f = parsed(std::string(v5) +
                             "; vendor settings\r\n"
                             "  ; indented comment\r\n"
                             "[HKEY_Local_Machine\\Software\\Contoso \"Beta\"\\VPN]\r\n"
                             "\"say \\\"hi\\\"\"=\"x\"\r\n"
                             "\"a=b\" = dword:1\r\n"
                             "\"\"=\"also the default\"\r\n");
    BOOST_TEST_REQUIRE(f.keys.size() == 1u);
    BOOST_TEST(f.keys[0].path == "Software\\Contoso \"Beta\"\\VPN");
    BOOST_TEST(f.keys[0].line == 5u);
    BOOST_TEST_REQUIRE(f.keys[0].values.size() == 3u);
    BOOST_TEST(f.keys[0].values[0].name == "say \"hi\"");
    BOOST_TEST(f.keys[0].values[1].name == "a=b");
    BOOST_TEST(f.keys[0].values[1].data == (bytes{1, 0, 0, 0}), boost::test_tools::per_element());
    BOOST_TEST(f.keys[0].values[2].name == "");
}

BOOST_AUTO_TEST_CASE(continued_hex_lists_report_their_first_line) {
    for (std::string_view eol : {"\r\n", "\n"}) {
        const std::string e(eol);
        const RegFile f = parsed("Windows Registry Editor Version 5.00" + e + e +
                                 "[HKEY_LOCAL_MACHINE\\SOFTWARE\\T]" + e +
                                 "\"DllPath\"=hex(7):43,00,3a,00,\\" + e +
                                 "  5c,00,00,00,\\" + e +
                                 "  00,00" + e +
                                 "\"After\"=dword:00000002" + e);
        BOOST_TEST_REQUIRE(f.keys.size() == 1u);
        const auto& v = f.keys[0].values;
        BOOST_TEST_REQUIRE(v.size() == 2u);
        BOOST_TEST(v[0].data == (bytes{0x43, 0, 0x3a, 0, 0x5c, 0, 0, 0, 0, 0}), boost::test_tools::per_element());
        BOOST_TEST(v[0].line == 4u);
        BOOST_TEST(v[1].line == 7u);
        BOOST_TEST(v[1].data == (bytes{2, 0, 0, 0}), boost::test_tools::per_element());
    }
}

BOOST_AUTO_TEST_CASE(keys_repeat_in_file_order) {
    const RegFile f = parsed(std::string(v5) +
                             "[HKLM\\A]\n\"x\"=dword:1\n[-HKLM\\A]\n[HKLM\\A]\n\"x\"=dword:2\n");
    BOOST_TEST_REQUIRE(f.keys.size() == 3u);
    BOOST_TEST(!f.keys[0].remove);
    BOOST_TEST(f.keys[1].remove);
    BOOST_TEST(f.keys[2].values.at(0).data == (bytes{2, 0, 0, 0}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(encodings_and_headers_that_are_refused) {
    BOOST_TEST(error_of("") ==
               "t.reg:1: the first line must be \"Windows Registry Editor Version 5.00\" or \"REGEDIT4\", not ''");
    BOOST_TEST(error_of("[HKLM\\SOFTWARE\\T]\n") ==
               "t.reg:1: the first line must be \"Windows Registry Editor Version 5.00\" or \"REGEDIT4\", not "
               "'[HKLM\\SOFTWARE\\T]'");
    BOOST_TEST(error_of("Windows Registry Editor Version 4.00\n").find("t.reg:1: the first line must be") == 0u);
    BOOST_TEST(error_of(std::string("\xFE\xFF\0W", 4)) ==
               "t.reg:1: UTF-16BE is not read; save the file as UTF-16LE (regedit's \"Unicode\") or UTF-8");
    BOOST_TEST(error_of(std::string("\0W\0i", 4)) ==
               "t.reg:1: UTF-16BE is not read; save the file as UTF-16LE (regedit's \"Unicode\") or UTF-8");
    BOOST_TEST(error_of(std::string("W\0i\0", 4)) ==
               "t.reg:1: UTF-16LE without a byte order mark; save it with one (FF FE), as regedit does, or as UTF-8");
    BOOST_TEST(error_of(utf16le_file(v5) + "x") ==
               "t.reg:1: UTF-16 file with an odd number of bytes (81 after the byte order mark): cut short or not "
               "UTF-16");
    BOOST_TEST(error_of(std::string(v4) + "[HKLM\\SOFTWARE\\T]\n\"A\"=\"caf\xE9\"\n") ==
               "t.reg:4: not UTF-8 text (byte 0xE9); save the file as UTF-8 or UTF-16LE");
}

BOOST_AUTO_TEST_CASE(key_lines_that_are_refused) {
    const std::string only_machine =
        ": only HKEY_LOCAL_MACHINE keys can be given (RRAS runs admin DLLs as LocalSystem, which reads machine "
        "settings)";
    BOOST_TEST(error_of(std::string(v5) + "[HKEY_CURRENT_USER\\Software\\T]\r\n") == "t.reg:3" + only_machine);
    BOOST_TEST(error_of(std::string(v5) + "; c\r\n[-HKEY_CLASSES_ROOT\\.reg]\r\n") == "t.reg:4" + only_machine);
    BOOST_TEST(error_of(std::string(v5) + "[HKEY_USERS\\.DEFAULT\\T]\r\n") == "t.reg:3" + only_machine);
    BOOST_TEST(error_of(std::string(v5) + "[HKCU\\Software\\T]\r\n") == "t.reg:3" + only_machine);
    BOOST_TEST(error_of(std::string(v5) + "[HKLM\\SOFTWARE\\T\r\n") ==
               "t.reg:3: missing ']' at the end of the key '[HKLM\\SOFTWARE\\T'");
    BOOST_TEST(error_of(std::string(v5) + "[HKLM\\SOFTWARE\\T] x\r\n") ==
               "t.reg:3: unexpected text after the key's ']': ' x'");
    BOOST_TEST(error_of(std::string(v5) + "[HKLM\\SOFTWARE\\\\T]\r\n") ==
               "t.reg:3: the key 'HKLM\\SOFTWARE\\\\T' has an empty component (two backslashes in a row, or one at "
               "the end)");
    BOOST_TEST(error_of(std::string(v5) + "[HKLM\\SOFTWARE\\]\r\n") ==
               "t.reg:3: the key 'HKLM\\SOFTWARE\\' has an empty component (two backslashes in a row, or one at "
               "the end)");
    BOOST_TEST(error_of(std::string(v5) + "[HKEY_LOCAL_MACHINE]\r\n") ==
               "t.reg:3: the key 'HKEY_LOCAL_MACHINE' is only the root; name a key below it, e.g. "
               "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor]");
    BOOST_TEST(error_of(std::string(v5) + "[-HKLM\\]\r\n") ==
               "t.reg:3: the key 'HKLM\\' has an empty component (two backslashes in a row, or one at the end)");
    BOOST_TEST(error_of(std::string(v5) + "[]\r\n") == "t.reg:3: empty key name");
}

BOOST_AUTO_TEST_CASE(value_lines_that_are_refused) {
    BOOST_TEST(error_of(std::string(v5) + "\"A\"=\"x\"\r\n") ==
               "t.reg:3: value before any [HKEY_LOCAL_MACHINE\\...] key line");
    BOOST_TEST(error_of(std::string(v5) + "[-HKLM\\SOFTWARE\\T]\r\n\"A\"=\"x\"\r\n") ==
               "t.reg:4: value under a deleted key (line 3); open the key with [HKEY_LOCAL_MACHINE\\...] to set "
               "values in it");
    BOOST_TEST(error_in_value("\"A\"=dword:xyz\r\n") ==
               "t.reg:4: bad dword value 'xyz' (dword:XXXXXXXX with up to 8 hex digits)");
    BOOST_TEST(error_in_value("\"A\"=dword:123456789\r\n") ==
               "t.reg:4: bad dword value '123456789' (dword:XXXXXXXX with up to 8 hex digits)");
    BOOST_TEST(error_in_value("\"A\"=dword:\r\n") ==
               "t.reg:4: bad dword value '' (dword:XXXXXXXX with up to 8 hex digits)");
    BOOST_TEST(error_in_value("\"A\"=\"open\r\n") == "t.reg:4: unterminated string");
    BOOST_TEST(error_in_value("\"A=\"x\"\r\n") == "t.reg:4: expected \"name\"=value");
    BOOST_TEST(error_in_value("\"A\r\n") == "t.reg:4: unterminated string");
    BOOST_TEST(error_in_value("\"A\" \"x\"\r\n") == "t.reg:4: expected \"name\"=value");
    BOOST_TEST(error_in_value("@\"x\"\r\n") == "t.reg:4: expected \"name\"=value");
    BOOST_TEST(error_in_value("A=\"x\"\r\n") ==
               "t.reg:4: expected [HKEY_LOCAL_MACHINE\\...], \"name\"=value or a ; comment, not 'A=\"x\"'");
    BOOST_TEST(error_in_value("\"A\"=\"x\" ; no\r\n") ==
               "t.reg:4: unexpected text after the closing quote: ' ; no'");
    BOOST_TEST(error_in_value("\"A\"=\"C:\\Program Files\"\r\n") ==
               "t.reg:4: '\\P' is not an escape in a quoted string (write a backslash as \\\\, a quote as \\\")");
    BOOST_TEST(error_in_value("\"A\"=\"\\é\"\r\n") ==
               "t.reg:4: '\\é' is not an escape in a quoted string (write a backslash as \\\\, a quote as \\\")");
    BOOST_TEST(error_in_value("\"A\"=hex:01,zz\r\n") == "t.reg:4: hex byte 'zz' is not two hex digits");
    BOOST_TEST(error_in_value("\"A\"=hex:1,02\r\n") == "t.reg:4: hex byte '1' is not two hex digits");
    BOOST_TEST(error_in_value("\"A\"=hex:01,,02\r\n") ==
               "t.reg:4: empty hex byte (two commas in a row, or a ',' at the end)");
    BOOST_TEST(error_in_value("\"A\"=hex:01,02,\r\n") ==
               "t.reg:4: empty hex byte (two commas in a row, or a ',' at the end)");
    BOOST_TEST(error_in_value("\"A\"=hex(b):01,02\r\n") == "t.reg:4: qword value with 2 bytes (hex(b) takes exactly 8)");
    BOOST_TEST(error_in_value("\"A\"=hex(zz):01\r\n") ==
               "t.reg:4: bad value type 'hex(zz)' (hex(N) with N a type number in hex, e.g. hex(2) or hex(b))");
    BOOST_TEST(error_in_value("\"A\"=hex(2:01\r\n") ==
               "t.reg:4: bad value type 'hex(2:01' (hex(N) with N a type number in hex, e.g. hex(2) or hex(b))");
    BOOST_TEST(error_in_value("\"A\"=hex 01\r\n") == "t.reg:4: expected ':' after 'hex' (e.g. hex:01,02)");
    BOOST_TEST(error_in_value("\"A\"=qword:1\r\n") ==
               "t.reg:4: bad value 'qword:1' (expected \"string\", dword:, hex:, hex(N): or -)");
    BOOST_TEST(error_in_value("\"A\"=\r\n") == "t.reg:4: bad value '' (expected \"string\", dword:, hex:, hex(N): or -)");
}

BOOST_AUTO_TEST_CASE(errors_in_continued_lists_name_the_first_line) {
    BOOST_TEST(error_in_value("\"A\"=hex:01,\\\r\n  02,\\\r\n  zz\r\n") ==
               "t.reg:4: hex byte 'zz' is not two hex digits");
    BOOST_TEST(error_in_value("\"ok\"=dword:1\r\n\"A\"=hex:01,\\\r\n") ==
               "t.reg:5: the hex list continues ('\\' at the end of a line) past the end of the file");
    BOOST_TEST(error_of(std::string(v4) + "[HKLM\\SOFTWARE\\T]\n\"A\"=hex(2):41,\\\n  e9,00\n") ==
               "t.reg:4: hex(2) data is not UTF-8 text (REGEDIT4 files hold it as 8-bit text; write a version 5.00 "
               "file with UTF-16LE data instead)");
}

BOOST_AUTO_TEST_CASE(errors_are_one_line) {
    const std::string message = error_in_value("\"A\"=hex:01,\x01\x02\r\n");
    BOOST_TEST(message == "t.reg:4: hex byte '\?\?' is not two hex digits");
    BOOST_TEST(message.find('\n') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(reads_files_from_disk) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "rasconform-reg-file-test";
    fs::create_directories(dir);
    const fs::path file = dir / "vendor.reg";
    {
        std::ofstream out(file, std::ios::binary);
        out << utf16le_file("Windows Registry Editor Version 5.00\r\n\r\n[HKLM\\SOFTWARE\\T]\r\n\"A\"=dword:2\r\n");
    }
    auto result = read_reg_file(file);
    const auto* f = std::get_if<RegFile>(&result);
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST(f->file == file.string());
    BOOST_TEST(f->keys.at(0).values.at(0).data == (bytes{2, 0, 0, 0}), boost::test_tools::per_element());

    const fs::path missing = dir / "missing.reg";
    auto absent = read_reg_file(missing);
    const auto* error = std::get_if<RegFileError>(&absent);
    BOOST_TEST_REQUIRE(error != nullptr);
    BOOST_TEST(error->message.find(missing.string() + ": cannot read: ") == 0u, error->message);

    auto directory = read_reg_file(dir);
    error = std::get_if<RegFileError>(&directory);
    BOOST_TEST_REQUIRE(error != nullptr);
    BOOST_TEST(error->message == dir.string() + ": cannot read: is a directory");
    fs::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
