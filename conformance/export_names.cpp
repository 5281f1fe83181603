#include "conformance/export_names.hpp"

#include <cctype>

namespace rasconform::conformance {

std::optional<std::string> undecorate(std::string_view n) {
    // MSVC C++: ?Name@@...
    if (n.size() > 1 && n[0] == '?') {
        auto end = n.find('@', 1);
        if (end == std::string_view::npos) return std::nullopt;
        return std::string(n.substr(1, end - 1));
    }
    // Itanium C++ (MinGW g++): _Z<len><name>...
    if (n.size() > 2 && n.substr(0, 2) == "_Z") {
        std::size_t i = 2, len = 0;
        while (i < n.size() && std::isdigit(static_cast<unsigned char>(n[i]))) len = len * 10 + std::size_t(n[i++] - '0');
        if (len == 0 || i + len > n.size()) return std::nullopt;
        return std::string(n.substr(i, len));
    }
    // __stdcall: _Name@N or Name@N (the leading underscore is dropped by some linkers).
    std::string_view s = n;
    if (auto at = s.rfind('@'); at != std::string_view::npos && at + 1 < s.size()) {
        bool digits = true;
        for (std::size_t i = at + 1; i < s.size(); ++i) digits &= std::isdigit(static_cast<unsigned char>(s[i])) != 0;
        if (digits) s = s.substr(0, at);
    }
    if (!s.empty() && s[0] == '_') s.remove_prefix(1);
    if (s == n) return std::nullopt;
    return std::string(s);
}

std::vector<CalloutExport> callout_exports(const PeImage& pe) {
    std::vector<CalloutExport> out;
    for (const PeExport& e : pe.exports) {
        if (auto c = find_callout(e.name)) {
            out.push_back({*c, e.name, true});
        } else if (auto base = undecorate(e.name)) {
            if (auto c2 = find_callout(*base)) out.push_back({*c2, e.name, false});
        }
    }
    return out;
}

}  // namespace rasconform::conformance
