#include "conformance/chain.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace rasconform::conformance {
namespace {

// How much a status says against the chain: the folded result is the worst.
// A failure is the DLL's own doing and outranks a harness error.
int severity(Status s) {
    switch (s) {
    case Status::not_applicable: return 0;
    case Status::pass: return 1;
    case Status::warning: return 2;
    case Status::error: return 3;
    case Status::fail: return 4;
    }
    return 3;
}

// A finding with its DLL named first; most case messages already begin
// with the subject's name.
std::string named(const std::string& dll, const std::string& message, const char* status_note = "") {
    if (message.starts_with(dll) && *status_note == '\0') return message;
    return fmt::format("{}: {}{}", dll, status_note, message);
}

}  // namespace

CaseResult fold_case(std::span<const std::string> dlls, std::vector<CaseResult> per_dll) {
    if (per_dll.size() == 1) return std::move(per_dll.front());
    if (per_dll.empty()) return {};
    const std::size_t worst = static_cast<std::size_t>(
        std::max_element(per_dll.begin(), per_dll.end(),
                         [](const CaseResult& a, const CaseResult& b) { return severity(a.status) < severity(b.status); }) -
        per_dll.begin());
    const Status status = per_dll[worst].status;
    auto dll_of = [&](std::size_t i) { return i < dlls.size() ? dlls[i] : std::string("(DLL ") + std::to_string(i + 1) + ")"; };
    std::vector<std::string> findings;
    std::uint64_t duration = 0;
    for (std::size_t i = 0; i < per_dll.size(); ++i) {
        const CaseResult& r = per_dll[i];
        duration += r.duration_ns;
        if (r.status == status)
            findings.push_back(named(dll_of(i), r.message));
        else if (status == Status::pass && r.status == Status::not_applicable)
            findings.push_back(named(dll_of(i), r.message, "not applicable: "));
    }
    // --keep-going: whichever DLL stopped RRAS, the case ran on a service it would not have started.
    std::string would_not_start;
    for (const CaseResult& r : per_dll)
        if (would_not_start.empty()) would_not_start = r.rras_would_not_start;
    // The output beside the findings: that of every run whose finding is
    // listed, in registry order (bounded as one case's).
    DllOutput output;
    for (const CaseResult& r : per_dll)
        if (r.status == status) output.add(r.output);
    CaseResult folded = std::move(per_dll[worst]);
    folded.output = std::move(output);
    folded.message = fmt::format("{}", fmt::join(findings, "; "));
    if (folded.rras_would_not_start.empty()) folded.rras_would_not_start = would_not_start;
    folded.duration_ns = duration;
    return folded;
}

std::vector<CaseResult> fold_chain(std::span<const std::string> dlls, std::vector<std::vector<CaseResult>> per_dll) {
    if (per_dll.size() == 1) return std::move(per_dll.front());
    std::vector<CaseResult> out;
    if (per_dll.empty()) return out;
    std::vector<std::string> ids;
    for (const auto& list : per_dll)
        for (const CaseResult& r : list)
            if (std::find(ids.begin(), ids.end(), r.id) == ids.end()) ids.push_back(r.id);
    for (const std::string& id : ids) {
        std::vector<std::string> names;
        std::vector<CaseResult> results;
        for (std::size_t i = 0; i < per_dll.size(); ++i) {
            auto it = std::find_if(per_dll[i].begin(), per_dll[i].end(), [&](const CaseResult& r) { return r.id == id; });
            if (it == per_dll[i].end()) continue;
            names.push_back(i < dlls.size() ? dlls[i] : std::string());
            results.push_back(std::move(*it));
        }
        out.push_back(fold_case(names, std::move(results)));
    }
    return out;
}

std::optional<ChainProblem> chain_problem(std::span<const Subject> chain) {
    for (std::size_t i = 0; i < chain.size(); ++i) {
        const Subject& s = chain[i];
        for (std::size_t k = 0; k < i; ++k) {
            const Subject& earlier = chain[k];
            if (s.file_name == earlier.file_name)
                return ChainProblem{s.path.string(),
                                    fmt::format("has the file name of {}, earlier in the chain: RRAS loads a DLL of "
                                                "one name once, and traces name DLLs by file name; rename one",
                                                earlier.path.string())};
            if (s.shared_object() != earlier.shared_object())
                return ChainProblem{s.path.string(),
                                    fmt::format("is a {} and {} is a {}: a chain is all PE DLLs or all Linux shared "
                                                "objects (native mode)",
                                                s.shared_object() ? "Linux shared object" : "PE DLL",
                                                earlier.file_name,
                                                earlier.shared_object() ? "Linux shared object" : "PE DLL")};
            if (!s.shared_object() && s.pe.machine != earlier.pe.machine)
                return ChainProblem{s.path.string(),
                                    fmt::format("is an {} DLL and {} is {}: one RRAS process loads DLLs of its own "
                                                "architecture only",
                                                s.machine(), earlier.file_name, earlier.machine())};
        }
    }
    return std::nullopt;
}

}  // namespace rasconform::conformance
