#include "conformance/known_bad.hpp"

#include <sstream>
#include <stdexcept>

#include <toml++/toml.h>

namespace rasconform::conformance {

std::string_view known_bad_matrix_toml();  // known_bad_matrix.cpp (generated)

namespace {

std::map<std::string, std::string> case_table(const toml::table& entry, std::string_view key,
                                              std::string_view origin) {
    std::map<std::string, std::string> out;
    const toml::node* n = entry.get(key);
    if (!n) return out;
    const toml::table* t = n->as_table();
    if (!t) throw std::runtime_error(std::string(origin) + ": " + std::string(key) + " must be a table of case = rule");
    for (const auto& [id, rule] : *t) {
        auto r = rule.value<std::string>();
        if (!r) throw std::runtime_error(std::string(origin) + ": " + std::string(id.str()) + ": the rule must be a string");
        out.emplace(std::string(id.str()), *r);
    }
    return out;
}

}  // namespace

std::vector<KnownBadSubject> parse_known_bad(std::string_view text, std::string_view origin) {
    toml::table doc;
    try {
        doc = toml::parse(text, origin);
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg << origin << ":" << e.source().begin.line << ": " << e.description();
        throw std::runtime_error(msg.str());
    }
    std::vector<KnownBadSubject> out;
    const toml::array* subjects = doc["subject"].as_array();
    if (!subjects) throw std::runtime_error(std::string(origin) + ": no [[subject]] entries");
    for (const toml::node& n : *subjects) {
        const toml::table* t = n.as_table();
        if (!t) throw std::runtime_error(std::string(origin) + ": [[subject]] must be tables");
        KnownBadSubject s;
        s.dll = t->get("dll") ? t->get("dll")->value_or(std::string()) : std::string();
        if (s.dll.empty()) throw std::runtime_error(std::string(origin) + ": a [[subject]] without dll");
        s.bug = (*t)["bug"].value_or(std::string());
        s.check_args = (*t)["check"].value_or(std::string());
        s.machine = (*t)["machine"].value_or(std::string("x86_64"));
        if (s.machine != "x86_64" && s.machine != "i686")
            throw std::runtime_error(std::string(origin) + ": " + s.dll + ": machine must be \"x86_64\" or \"i686\"");
        s.fails = case_table(*t, "fails", origin);
        s.warns = case_table(*t, "warns", origin);
        if (s.fails.empty() && s.warns.empty())
            throw std::runtime_error(std::string(origin) + ": " + s.dll + " kills no case (fails/warns missing)");
        out.push_back(std::move(s));
    }
    return out;
}

const std::vector<KnownBadSubject>& known_bad_matrix() {
    static const std::vector<KnownBadSubject> m = parse_known_bad(known_bad_matrix_toml(), "known_bad.toml");
    return m;
}

std::vector<std::string> killers_of(std::string_view case_id) {
    std::vector<std::string> out;
    for (const KnownBadSubject& s : known_bad_matrix())
        if (s.fails.count(std::string(case_id)) || s.warns.count(std::string(case_id))) out.push_back(s.dll);
    return out;
}

}  // namespace rasconform::conformance
