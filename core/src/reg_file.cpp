// Regedit export files (".reg") into registry edits (rasconform/reg_file.hpp).
//
// What is accepted is what regedit writes plus what people write by hand in
// its format:
//
//   Windows Registry Editor Version 5.00      (or REGEDIT4; first line)
//   ; a comment
//   [HKEY_LOCAL_MACHINE\SOFTWARE\Vendor]      (HKLM too, any case)
//   [-HKEY_LOCAL_MACHINE\SOFTWARE\Old]        deletes the key and its subtree
//   "Name"="text with \\ and \""              REG_SZ
//   @="default value"
//   "Count"=dword:0000001f                    1 to 8 hex digits
//   "Blob"=hex:01,02,\                        REG_BINARY; a trailing '\'
//     03,04                                   continues on the next line
//   "Path"=hex(2):25,00,...                   REG_EXPAND_SZ; hex(7) MULTI_SZ,
//                                             hex(b) QWORD, hex(N) any type
//   "Gone"=-                                  deletes the value
//
// Data comes out as RegSetValueExW takes it. Version 5 files hold string
// types as UTF-16LE already; REGEDIT4 files hold them as 8-bit text, taken
// here as UTF-8 (Linux has no ANSI code page to guess) and converted.
//
// Anything else is an error rather than skipped, as regedit does: a setting
// silently lost would make a DLL fail certification for a reason nobody sees.
#include "rasconform/reg_file.hpp"

#include <cerrno>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <system_error>
#include <utility>

#include "rasconform/utf16.hpp"
#include "rasconform/utf8_text.hpp"

namespace rasconform {
namespace {
// Named, so that helpers stay apart from other files' in unity builds.
namespace reg_syntax {

constexpr std::string_view header_v5 = "Windows Registry Editor Version 5.00";
constexpr std::string_view header_v4 = "REGEDIT4";

// Thrown inside the parser only; parse_reg_file turns it into the message.
struct SyntaxError {
    std::size_t line;
    std::string what;
};

[[noreturn]] void fail(std::size_t line, std::string what) { throw SyntaxError{line, std::move(what)}; }

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
    return s;
}

bool is_hex_digit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

unsigned hex_value(char c) {
    if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
    return static_cast<unsigned>(c - 'A' + 10);
}

// 1 to 8 hex digits, the most a 32-bit number takes.
std::optional<std::uint32_t> hex_number(std::string_view digits) {
    if (digits.empty() || digits.size() > 8) return std::nullopt;
    std::uint32_t n = 0;
    for (char c : digits) {
        if (!is_hex_digit(c)) return std::nullopt;
        n = (n << 4) | hex_value(c);
    }
    return n;
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

bool starts_with_ignoring_case(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && equals_ignoring_case(s.substr(0, prefix.size()), prefix);
}

// File text quoted in a message: one line, short enough to read.
std::string shown(std::string_view text) {
    std::string printable(text);
    for (char& c : printable)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    return shorten(printable, 40);
}

// Where the first byte that is not part of well-formed UTF-8 is (no
// overlong forms, surrogates or code points past U+10FFFF), or npos.
std::size_t invalid_utf8_at(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t len;
        std::uint32_t cp;
        if (b < 0x80) { ++i; continue; }
        if (b >= 0xC2 && b <= 0xDF) { len = 2; cp = b & 0x1Fu; }
        else if (b >= 0xE0 && b <= 0xEF) { len = 3; cp = b & 0x0Fu; }
        else if (b >= 0xF0 && b <= 0xF4) { len = 4; cp = b & 0x07u; }
        else return i;
        if (i + len > s.size()) return i;
        for (std::size_t k = 1; k < len; ++k) {
            const auto cont = static_cast<unsigned char>(s[i + k]);
            if ((cont & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (cont & 0x3Fu);
        }
        const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
        if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return i;
        i += len;
    }
    return std::string_view::npos;
}

std::string hex_byte(char c) {
    constexpr std::string_view digits = "0123456789ABCDEF";
    const auto b = static_cast<unsigned char>(c);
    return std::string("0x") + digits[b >> 4] + digits[b & 0xF];
}

// Bytes of the character starting at text[pos], so that a message never
// quotes half of one.
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) {
    std::size_t end = pos + 1;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    return end - pos;
}

std::size_t line_of_offset(std::string_view text, std::size_t offset) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
    return line;
}

// The file's text as UTF-8, whatever regedit saved it as.
std::string decode(std::string_view bytes) {
    auto starts = [&](std::initializer_list<unsigned char> prefix) {
        if (bytes.size() < prefix.size()) return false;
        std::size_t i = 0;
        for (unsigned char b : prefix)
            if (static_cast<unsigned char>(bytes[i++]) != b) return false;
        return true;
    };
    if (starts({0xFF, 0xFE})) {
        std::string_view body = bytes.substr(2);
        if (body.size() % 2 != 0)
            fail(1, "UTF-16 file with an odd number of bytes (" + std::to_string(body.size()) +
                        " after the byte order mark): cut short or not UTF-16");
        std::u16string units;
        units.reserve(body.size() / 2);
        for (std::size_t i = 0; i < body.size(); i += 2)
            units += static_cast<char16_t>(static_cast<unsigned char>(body[i]) |
                                           (static_cast<unsigned char>(body[i + 1]) << 8));
        return to_utf8(units);
    }
    if (starts({0xFE, 0xFF}))
        fail(1, "UTF-16BE is not read; save the file as UTF-16LE (regedit's \"Unicode\") or UTF-8");
    // Without a byte order mark, the zero byte of the 'W' or 'R' that opens
    // the header gives UTF-16 away.
    if (bytes.size() >= 2 && bytes[0] != 0 && bytes[1] == 0)
        fail(1, "UTF-16LE without a byte order mark; save it with one (FF FE), as regedit does, or as UTF-8");
    if (bytes.size() >= 2 && bytes[0] == 0 && bytes[1] != 0)
        fail(1, "UTF-16BE is not read; save the file as UTF-16LE (regedit's \"Unicode\") or UTF-8");
    if (starts({0xEF, 0xBB, 0xBF})) bytes.remove_prefix(3);
    if (std::size_t bad = invalid_utf8_at(bytes); bad != std::string_view::npos)
        fail(line_of_offset(bytes, bad), "not UTF-8 text (byte " + hex_byte(bytes[bad]) +
                                             "); save the file as UTF-8 or UTF-16LE");
    return std::string(bytes);
}

// Physical lines, CRLF or LF ends removed; a final line end ends the last
// line rather than starting an empty one.
std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

void append_utf16le(std::vector<std::uint8_t>& out, const std::u16string& units) {
    for (char16_t u : units) {
        out.push_back(static_cast<std::uint8_t>(u & 0xFF));
        out.push_back(static_cast<std::uint8_t>(u >> 8));
    }
}

bool is_machine_root(std::string_view root) {
    return equals_ignoring_case(root, "HKEY_LOCAL_MACHINE") || equals_ignoring_case(root, "HKLM");
}

class RegFileParser {
public:
    RegFileParser(std::string_view text, std::string file) : lines_(split_lines(text)) { result_.file = std::move(file); }

    RegFile run() {
        const std::string_view header = lines_.empty() ? std::string_view() : trim(lines_.front());
        if (header == header_v5) {
            regedit4_ = false;
        } else if (header == header_v4) {
            regedit4_ = true;
        } else {
            fail(1, "the first line must be \"" + std::string(header_v5) + "\" or \"" + std::string(header_v4) +
                        "\", not '" + shown(header) + "'");
        }
        for (next_ = 1; next_ < lines_.size();) {
            const std::size_t line = next_ + 1;
            const std::string_view text = trim(lines_[next_++]);
            if (text.empty() || text.front() == ';') continue;
            if (text.front() == '[') {
                result_.keys.push_back(parse_key(text, line));
            } else if (text.front() == '"' || text.front() == '@') {
                parse_value(text, line);
            } else {
                fail(line, "expected [HKEY_LOCAL_MACHINE\\...], \"name\"=value or a ; comment, not '" + shown(text) +
                               "'");
            }
        }
        return std::move(result_);
    }

private:
    static RegKeyEdit parse_key(std::string_view text, std::size_t line) {
        const std::size_t close = text.rfind(']');
        if (close == std::string_view::npos) fail(line, "missing ']' at the end of the key '" + shown(text) + "'");
        if (close + 1 != text.size())
            fail(line, "unexpected text after the key's ']': '" + shown(text.substr(close + 1)) + "'");
        RegKeyEdit key;
        key.line = line;
        std::string_view inner = text.substr(1, close - 1);
        if (!inner.empty() && inner.front() == '-') {
            key.remove = true;
            inner.remove_prefix(1);
        }
        if (inner.empty()) fail(line, "empty key name");
        const std::size_t first_separator = inner.find('\\');
        if (!is_machine_root(inner.substr(0, first_separator)))
            fail(line, "only HKEY_LOCAL_MACHINE keys can be given (RRAS runs admin DLLs as LocalSystem, which reads "
                       "machine settings)");
        if (first_separator == std::string_view::npos)
            fail(line, "the key '" + shown(inner) + "' is only the root; name a key below it, e.g. "
                       "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor]");
        const std::string_view path = inner.substr(first_separator + 1);
        for (std::size_t start = 0;;) {
            const std::size_t end = path.find('\\', start);
            if (end == start || start == path.size())
                fail(line, "the key '" + shown(inner) +
                               "' has an empty component (two backslashes in a row, or one at the end)");
            if (end == std::string_view::npos) break;
            start = end + 1;
        }
        key.path = std::string(path);
        return key;
    }

    // A quoted string starting at text[pos] == '"', with \\ and \" as the
    // only escapes; pos ends past the closing quote.
    static std::string quoted(std::string_view text, std::size_t& pos, std::size_t line) {
        std::string out;
        for (++pos; pos < text.size(); ++pos) {
            const char c = text[pos];
            if (c == '"') {
                ++pos;
                return out;
            }
            if (c == '\\') {
                if (pos + 1 >= text.size()) break;
                const char escaped = text[++pos];
                if (escaped != '\\' && escaped != '"')
                    fail(line, "'\\" + shown(text.substr(pos, utf8_sequence_length(text, pos))) +
                                   "' is not an escape in a quoted string (write a backslash as \\\\, a quote as \\\")");
                out += escaped;
            } else {
                out += c;
            }
        }
        fail(line, "unterminated string");
    }

    void parse_value(std::string_view text, std::size_t line) {
        if (result_.keys.empty())
            fail(line, "value before any [HKEY_LOCAL_MACHINE\\...] key line");
        RegKeyEdit& key = result_.keys.back();
        if (key.remove)
            fail(line, "value under a deleted key (line " + std::to_string(key.line) +
                           "); open the key with [HKEY_LOCAL_MACHINE\\...] to set values in it");

        RegValueEdit value;
        value.line = line;
        std::size_t pos = 1;
        if (text.front() == '"') {
            pos = 0;
            value.name = quoted(text, pos, line);
        }
        while (pos < text.size() && is_blank(text[pos])) ++pos;
        if (pos >= text.size() || text[pos] != '=') fail(line, "expected \"name\"=value");
        std::string data_text(trim(text.substr(pos + 1)));

        // Only hex lists continue: a line ending in '\' takes the next one.
        if (starts_with_ignoring_case(data_text, "hex")) {
            while (!data_text.empty() && data_text.back() == '\\') {
                data_text.pop_back();
                if (next_ >= lines_.size())
                    fail(line, "the hex list continues ('\\' at the end of a line) past the end of the file");
                data_text += trim(lines_[next_++]);
            }
        }
        parse_data(data_text, value, line);
        key.values.push_back(std::move(value));
    }

    void parse_data(std::string_view text, RegValueEdit& value, std::size_t line) const {
        if (text == "-") {
            value.remove = true;
            return;
        }
        if (!text.empty() && text.front() == '"') {
            std::size_t pos = 0;
            const std::string s = quoted(text, pos, line);
            if (pos != text.size())
                fail(line, "unexpected text after the closing quote: '" + shown(text.substr(pos)) + "'");
            value.type = static_cast<std::uint32_t>(RegValueType::sz);
            append_utf16le(value.data, to_utf16(s));
            value.data.push_back(0);
            value.data.push_back(0);
            return;
        }
        if (starts_with_ignoring_case(text, "dword:")) {
            const std::string_view digits = trim(text.substr(6));
            const auto n = hex_number(digits);
            if (!n) fail(line, "bad dword value '" + shown(digits) + "' (dword:XXXXXXXX with up to 8 hex digits)");
            value.type = static_cast<std::uint32_t>(RegValueType::dword);
            for (int shift = 0; shift < 32; shift += 8) value.data.push_back(static_cast<std::uint8_t>(*n >> shift));
            return;
        }
        if (starts_with_ignoring_case(text, "hex")) {
            std::size_t pos = 3;
            value.type = static_cast<std::uint32_t>(RegValueType::binary);
            if (pos < text.size() && text[pos] == '(') {
                const std::size_t close = text.find(')', pos);
                const std::string_view number =
                    text.substr(pos + 1, close == std::string_view::npos ? std::string_view::npos : close - pos - 1);
                const auto type = hex_number(number);
                if (close == std::string_view::npos || !type)
                    fail(line, "bad value type 'hex(" + shown(number) +
                                   (close == std::string_view::npos ? "" : ")") +
                                   "' (hex(N) with N a type number in hex, e.g. hex(2) or hex(b))");
                value.type = *type;
                pos = close + 1;
            }
            if (pos >= text.size() || text[pos] != ':')
                fail(line, "expected ':' after '" + shown(text.substr(0, pos)) + "' (e.g. hex:01,02)");
            value.data = hex_bytes(text.substr(pos + 1), line);
            finish_hex_data(value, line);
            return;
        }
        fail(line, "bad value '" + shown(text) + "' (expected \"string\", dword:, hex:, hex(N): or -)");
    }

    static std::vector<std::uint8_t> hex_bytes(std::string_view list, std::size_t line) {
        std::vector<std::uint8_t> bytes;
        if (trim(list).empty()) return bytes;  // "hex:" is an empty value
        for (std::size_t start = 0;;) {
            const std::size_t comma = list.find(',', start);
            const std::string_view token =
                trim(list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
            if (token.empty()) fail(line, "empty hex byte (two commas in a row, or a ',' at the end)");
            if (token.size() != 2 || !is_hex_digit(token[0]) || !is_hex_digit(token[1]))
                fail(line, "hex byte '" + shown(token) + "' is not two hex digits");
            bytes.push_back(static_cast<std::uint8_t>((hex_value(token[0]) << 4) | hex_value(token[1])));
            if (comma == std::string_view::npos) return bytes;
            start = comma + 1;
        }
    }

    void finish_hex_data(RegValueEdit& value, std::size_t line) const {
        if (value.type == static_cast<std::uint32_t>(RegValueType::qword) && value.data.size() != 8)
            fail(line, "qword value with " + std::to_string(value.data.size()) + " bytes (hex(b) takes exactly 8)");
        const bool text_type = value.type == static_cast<std::uint32_t>(RegValueType::sz) ||
                               value.type == static_cast<std::uint32_t>(RegValueType::expand_sz) ||
                               value.type == static_cast<std::uint32_t>(RegValueType::multi_sz);
        if (!regedit4_ || !text_type) return;
        // REGEDIT4 string data is 8-bit text, NULs included; each byte
        // sequence becomes its UTF-16 units, each NUL a 16-bit NUL.
        const std::string narrow(value.data.begin(), value.data.end());
        if (invalid_utf8_at(narrow) != std::string_view::npos)
            fail(line, "hex(" + std::to_string(value.type) + ") data is not UTF-8 text (REGEDIT4 files hold it as "
                       "8-bit text; write a version 5.00 file with UTF-16LE data instead)");
        value.data.clear();
        append_utf16le(value.data, to_utf16(narrow));
    }

    std::vector<std::string_view> lines_;
    std::size_t next_ = 0;  // index of the next physical line to read
    bool regedit4_ = false;
    RegFile result_;
};

std::string path_text(const std::filesystem::path& path) {
    try {
        const auto u8 = path.u8string();
        return std::string(u8.begin(), u8.end());
    } catch (...) {
        return "<.reg file>";
    }
}

}  // namespace reg_syntax
}  // namespace

std::variant<RegFile, RegFileError> parse_reg_file(std::string_view bytes, const std::string& file_name) {
    try {
        const std::string text = reg_syntax::decode(bytes);
        return reg_syntax::RegFileParser(text, file_name).run();
    } catch (const reg_syntax::SyntaxError& e) {
        return RegFileError{file_name + ":" + std::to_string(e.line) + ": " + e.what};
    } catch (const std::exception& e) {
        return RegFileError{file_name + ": " + e.what()};
    }
}

std::variant<RegFile, RegFileError> read_reg_file(const std::filesystem::path& path) {
    const std::string name = reg_syntax::path_text(path);
    auto cannot_read = [&](const std::string& reason) { return RegFileError{name + ": cannot read: " + reason}; };
    try {
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec)) return cannot_read("is a directory");
        errno = 0;
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            // libstdc++ opens through the C library, so errno says why.
            const int err = errno;
            return cannot_read(err != 0 ? std::generic_category().message(err) : std::string("open failed"));
        }
        std::ostringstream bytes;
        bytes << in.rdbuf();
        if (in.bad()) {
            const int err = errno;
            return cannot_read(err != 0 ? std::generic_category().message(err) : std::string("I/O error"));
        }
        return parse_reg_file(bytes.str(), name);
    } catch (const std::exception& e) {
        return cannot_read(e.what());
    }
}

}  // namespace rasconform
