#include "conformance/markup.hpp"

#include <fmt/format.h>

namespace rasconform::conformance {

std::string escape_markup(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (ch) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default:
            if ((c < 0x20 && ch != '\n' && ch != '\t') || c == 0x7f) out += fmt::format("\\x{:02x}", c);
            else out += ch;
        }
    }
    return out;
}

}  // namespace rasconform::conformance
