#include "conformance/baseline.hpp"

#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "conformance/suite.hpp"
#include "rasconform/profile.hpp"

namespace rasconform::conformance {
namespace {

struct Invalid {
    std::uint32_t line;
    std::string what;
};

std::string text_of(const toml::table& t, std::string_view key, std::uint32_t line, bool required) {
    const toml::node* n = t.get(key);
    if (!n) {
        if (required) throw Invalid{line, "known-failure without " + std::string(key)};
        return {};
    }
    if (!n->is_string()) throw Invalid{n->source().begin.line, std::string(key) + " must be a string"};
    return n->as_string()->get();
}

Baseline build(const toml::table& root, const std::string& file) {
    Baseline b{file, {}};
    for (const auto& [key, node] : root)
        if (key.str() != "known-failure")
            throw Invalid{node.source().begin.line, "unknown key \"" + std::string(key.str()) +
                                                        "\" (expected [[known-failure]] entries)"};
    const toml::node* list = root.get("known-failure");
    if (!list) return b;
    if (!list->is_array_of_tables()) throw Invalid{list->source().begin.line, "known-failure must be [[known-failure]]"};
    for (const toml::node& n : *list->as_array()) {
        const toml::table& t = *n.as_table();
        const std::uint32_t line = t.source().begin.line;
        for (const auto& [key, value] : t)
            if (key.str() != "case" && key.str() != "profile" && key.str() != "reason")
                throw Invalid{value.source().begin.line, "unknown key \"" + std::string(key.str()) +
                                                             "\" (expected case, profile, reason)"};
        KnownFailure k{text_of(t, "case", line, true), text_of(t, "profile", line, false),
                       text_of(t, "reason", line, true)};
        bool known_case = false;
        for (const CaseInfo& c : all_cases()) known_case |= c.id == k.case_id;
        if (!known_case) throw Invalid{line, "no case \"" + k.case_id + "\" (rasconform list)"};
        if (!k.profile.empty() && !find_profile(k.profile)) throw Invalid{line, "no profile \"" + k.profile + "\""};
        if (k.reason.empty()) throw Invalid{line, "the reason of " + k.case_id + " is empty"};
        b.known.push_back(std::move(k));
    }
    return b;
}

}  // namespace

BaselineLoad load_baseline(const std::filesystem::path& file) {
    const std::string name = file.generic_string();
    BaselineLoad out;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        out.error = name + ": cannot read the baseline";
        return out;
    }
    std::ostringstream text;
    text << in.rdbuf();
    try {
        out.baseline = build(toml::parse(text.str(), std::string_view(name)), name);
    } catch (const toml::parse_error& e) {
        out.error = name + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description());
    } catch (const Invalid& e) {
        out.error = name + ":" + std::to_string(e.line) + ": " + e.what;
    }
    for (char& c : out.error)
        if (c == '\n' || c == '\r') c = ' ';
    return out;
}

void apply(const Baseline& baseline, Report& report) {
    for (CaseResult& c : report.cases)
        for (const KnownFailure& k : baseline.known)
            if (k.case_id == c.id && (k.profile.empty() || k.profile == report.profile)) c.baseline = k.reason;
}

}  // namespace rasconform::conformance
