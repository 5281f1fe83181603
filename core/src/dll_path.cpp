#include "rasconform/dll_path.hpp"

#include <algorithm>
#include <cctype>

namespace rasconform {
namespace {

std::string_view trim(std::string_view s) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

// Windows paths compare case-insensitively and with either slash.
std::string path_key(std::string_view s) {
    std::string k(s);
    for (char& c : k) c = c == '/' ? '\\' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return k;
}

std::string expand_variables(std::string_view s, const DllPathOptions& o, std::vector<std::string>& warnings) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t end = s[i] == '%' ? s.find('%', i + 1) : std::string_view::npos;
        if (end == std::string_view::npos) {
            out += s[i++];
            continue;
        }
        std::string_view name = s.substr(i + 1, end - i - 1);
        if (auto v = o.expand(name)) {
            out += *v;
        } else {
            warnings.push_back("%" + std::string(name) + "% is not set; left as is [LOAD-9]");
            out += s.substr(i, end - i + 1);
        }
        i = end + 1;
    }
    return out;
}

}  // namespace

bool is_absolute_dll_path(std::string_view p) {
    if (p.size() >= 3 && std::isalpha(static_cast<unsigned char>(p[0])) && p[1] == ':' && (p[2] == '\\' || p[2] == '/'))
        return true;
    if (p.size() >= 2 && (p[0] == '\\' || p[0] == '/') && (p[1] == '\\' || p[1] == '/')) return true;  // UNC
    return !p.empty() && p[0] == '/';
}

DllPathParse parse_dll_path(std::string_view value, const DllPathOptions& o) {
    DllPathParse r;
    std::vector<std::string_view> entries;
    if (o.multiple_dlls) {
        // LOAD-3: a ';'-separated list; the documented example has a blank after the ';'.
        for (std::size_t start = 0;;) {
            std::size_t semi = value.find(';', start);
            entries.push_back(value.substr(start, semi == std::string_view::npos ? std::string_view::npos : semi - start));
            if (semi == std::string_view::npos) break;
            start = semi + 1;
        }
    } else {
        // LOAD-6: one DLL only; the whole value is its path.
        entries.push_back(value);
        if (value.find(';') != std::string_view::npos)
            r.warnings.push_back("this Windows version takes a single admin DLL: the whole value, ';' included, is one "
                                 "path [LOAD-6]");
    }
    std::vector<std::string> seen;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        std::string_view e = trim(entries[i]);
        std::string label = "entry " + std::to_string(i + 1);
        if (e.empty()) {
            if (entries.size() > 1 || !value.empty()) r.warnings.push_back(label + " is empty; skipped [Q-22]");
            continue;
        }
        std::string path = o.expand ? expand_variables(e, o, r.warnings) : std::string(e);
        if (!o.expand && path.find('%') != std::string::npos)
            r.warnings.push_back(label + " (" + path + ") contains %...%; REG_SZ is not expanded [LOAD-9]");
        if (path.size() >= 2 && path.front() == '"' && path.back() == '"')
            r.warnings.push_back(label + " (" + path + ") is quoted; quotes are part of the path [Q-22]");
        if (!o.allow_relative && !is_absolute_dll_path(path)) {
            r.warnings.push_back(label + " (" + path + ") is not a full path; not loaded [LOAD-2, Q-22]");
            continue;
        }
        std::string key = path_key(path);
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
            r.warnings.push_back(label + " (" + path + ") repeats an earlier entry; loaded once [Q-22]");
            continue;
        }
        seen.push_back(key);
        r.dlls.push_back(std::move(path));
    }
    return r;
}

}  // namespace rasconform
