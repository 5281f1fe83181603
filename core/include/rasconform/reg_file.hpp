// Regedit export files (".reg"): the registry settings an admin DLL's vendor
// ships with it, read into the edits they make so that they can be applied
// to a test registry. Portable: no Windows API, the same on Linux and MinGW.
//
// Only HKEY_LOCAL_MACHINE keys are accepted: RRAS loads admin DLLs into a
// service running as LocalSystem, which never sees a user's hive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace rasconform {

// The REG_* numbers the file format names; any other "hex(N):" type is kept
// as its number in RegValueEdit::type.
enum class RegValueType : std::uint32_t {
    none = 0,
    sz = 1,
    expand_sz = 2,
    binary = 3,
    dword = 4,
    multi_sz = 7,
    qword = 11,
};

struct RegValueEdit {
    std::string name;  // UTF-8; "" is the key's default value, written "@"
    bool remove = false;  // "name"=-
    std::uint32_t type = 0;  // a RegValueType number, or any other hex(N) type
    // Exactly the bytes RegSetValueExW takes: REG_SZ, REG_EXPAND_SZ and
    // REG_MULTI_SZ as UTF-16LE with their terminators. Empty when removed.
    std::vector<std::uint8_t> data;
    std::size_t line = 0;  // 1-based physical line the value starts on
};

struct RegKeyEdit {
    // Below HKEY_LOCAL_MACHINE, e.g. "SOFTWARE\\Contoso\\VPN": UTF-8, case
    // as written, no leading or trailing backslash.
    std::string path;
    bool remove = false;  // [-HKEY_LOCAL_MACHINE\...]: the key and its subtree
    std::vector<RegValueEdit> values;  // in file order; none when removed
    std::size_t line = 0;
};

struct RegFile {
    std::string file;  // as given, for messages
    std::vector<RegKeyEdit> keys;  // in file order; a key may appear more than once
};

struct RegFileError {
    std::string message;  // one line, "FILE:LINE: what is wrong"
};

// The edits in the bytes of a .reg file (UTF-16LE with a byte order mark, or
// UTF-8 with or without one), or the first thing wrong in it.
std::variant<RegFile, RegFileError> parse_reg_file(std::string_view bytes, const std::string& file_name);

// parse_reg_file on a file's contents; a file that cannot be read gives
// "FILE: cannot read: reason". Never throws.
std::variant<RegFile, RegFileError> read_reg_file(const std::filesystem::path& path);

}  // namespace rasconform
