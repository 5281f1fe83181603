#include "conformance/mustpass.hpp"

#include <algorithm>

#include "conformance/mustpass_embedded.hpp"

namespace rasconform::conformance {

std::vector<std::string> parse_mustpass(std::string_view text) {
    std::vector<std::string> ids;
    while (!text.empty()) {
        const std::size_t eol = text.find('\n');
        std::string_view line = text.substr(0, eol);
        text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
        line = line.substr(0, line.find('#'));
        const std::size_t first = line.find_first_not_of(" \t\r");
        if (first == std::string_view::npos) continue;
        line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
        ids.emplace_back(line);
    }
    return ids;
}

const std::vector<MustPassList>& mustpass_lists() {
    static const std::vector<MustPassList> lists = [] {
        std::vector<MustPassList> v;
        for (const EmbeddedMustPass& e : embedded_mustpass) v.push_back({e.version, e.profile, parse_mustpass(e.text)});
        return v;
    }();
    return lists;
}

int latest_mustpass_version() {
    int latest = 0;
    for (const MustPassList& l : mustpass_lists()) latest = std::max(latest, l.version);
    return latest;
}

const MustPassList* find_mustpass(int version, std::string_view profile) {
    for (const MustPassList& l : mustpass_lists())
        if (l.version == version && l.profile == profile) return &l;
    return nullptr;
}

bool meets_mustpass(Status s) { return s == Status::pass || s == Status::not_applicable; }

}  // namespace rasconform::conformance
