#include "conformance/case.hpp"

#include <array>

namespace rasconform::conformance {

namespace {
constexpr std::array<std::string_view, 5> status_names{"pass", "fail", "warning", "not-applicable", "error"};
}

std::string_view to_string(Status s) { return status_names[static_cast<std::size_t>(s)]; }

std::optional<Status> parse_status(std::string_view s) {
    for (std::size_t i = 0; i < status_names.size(); ++i)
        if (status_names[i] == s) return static_cast<Status>(i);
    return std::nullopt;
}

std::string Subject::machine() const {
    if (recorded) return recorded->machine;
    return elf ? elf_machine_name(elf->machine) : machine_name(pe.machine);
}

std::vector<std::string> Subject::export_names() const {
    if (recorded) return recorded->exports;
    if (elf) return elf->exports;
    std::vector<std::string> names;
    for (const PeExport& e : pe.exports) names.push_back(e.name);
    return names;
}

CaseResult result_for(const CaseInfo& c, Status s, std::string message) {
    CaseResult r;
    r.id = std::string(c.id);
    for (std::string_view rule : c.rules) r.rules.emplace_back(rule);
    r.status = s;
    r.message = std::move(message);
    return r;
}

}  // namespace rasconform::conformance
