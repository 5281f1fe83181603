#include <fmt/format.h>

#include "conformance/report.hpp"
#include "rasconform/version.hpp"

namespace rasconform::conformance {
namespace {

std::string_view colour_of(Status s) {
    switch (s) {
    case Status::pass: return "\033[32m";
    case Status::fail: return "\033[1;31m";
    case Status::warning: return "\033[33m";
    case Status::not_applicable: return "\033[2m";
    case Status::error: return "\033[1;35m";
    }
    return "";
}

std::string label(Status s) {
    switch (s) {
    case Status::pass: return "PASS";
    case Status::fail: return "FAIL";
    case Status::warning: return "WARN";
    case Status::not_applicable: return "N/A ";
    case Status::error: return "ERR ";
    }
    return "?";
}

// What the DLL wrote: every line kept where the case has something to say
// (a finding, an error, a baseline surprise), else only how much there was:
// a DLL that logs each callout would bury the findings.
std::string output_text(const CaseResult& c) {
    if (c.output.empty()) return {};
    const std::size_t n = c.output.lines.size();
    const std::string left_out = left_out_note(c.output);
    const bool shown = c.status == Status::fail || c.status == Status::error || c.status == Status::warning ||
                       c.unexpected_pass();
    if (!shown)
        return fmt::format("      the DLL wrote {} line{}{} (all of them in the JSON, JUnit and HTML reports)\n", n,
                           n == 1 ? "" : "s", left_out.empty() ? "" : ", " + left_out);
    std::string out = fmt::format("      output of the DLL ({} line{}{}):\n", n, n == 1 ? "" : "s",
                                  left_out.empty() ? "" : "; " + left_out + " before them");
    for (const OutputLine& l : c.output.lines) out += "        " + describe(l) + "\n";
    return out;
}

}  // namespace

std::string subjects_label(std::span<const Subject> subjects) {
    std::vector<std::string> names;
    for (const Subject& s : subjects) names.push_back(s.file_name);
    return names.empty() ? std::string("(no subject)") : fmt::format("{}", fmt::join(names, " + "));
}

std::string to_text(const TraceEvent& e) {
    return fmt::format("#{:<4} +{:>10.3f}ms  {}  {}  {} -> {}", e.seq, double(e.start_ns) / 1e6, e.dll,
                       info(e.callout).name, e.args, describe(e.outcome));
}

std::string to_text(const Report& r, bool colour) {
    const std::string reset = colour ? "\033[0m" : "";
    std::string out = fmt::format("rasconform {} - profile {}\n", version, r.profile);
    for (const Subject& s : r.subjects)
        out += fmt::format("subject: {} ({}, sha256 {})\n", s.path.generic_string(), s.machine(),
                           s.sha256);
    if (std::string why = rras_would_not_start(r); !why.empty())
        out += fmt::format("RRAS WOULD NOT START THE SERVICE: {}\n(--keep-going ran every dynamic case anyway; the "
                           "verdict is FAIL)\n",
                           why);
    out += "\n";
    int counts[5] = {};
    for (const CaseResult& c : r.cases) {
        ++counts[static_cast<int>(c.status)];
        std::string tag = colour ? std::string(colour_of(c.status)) + label(c.status) + reset : label(c.status);
        out += fmt::format("{}  {:<32} [{}]\n      {}\n", tag, c.id, fmt::join(c.rules, ", "), c.message);
        if (c.known_failure()) out += fmt::format("      known failure (baseline): {}\n", c.baseline);
        if (c.unexpected_pass())
            out += fmt::format("      UNEXPECTED PASS: the baseline lists it as a known failure ({}); remove it "
                               "from the baseline\n",
                               c.baseline);
        // For a failure, the callouts leading up to it tell the story.
        if (c.status == Status::fail || c.status == Status::error) {
            for (const TraceEvent& e : c.trace) out += "        " + to_text(e) + "\n";
        }
        out += output_text(c);
    }
    bool ok = conformant(r);
    std::string verdict = ok ? "PASS" : "FAIL";
    if (colour) verdict = std::string(ok ? "\033[1;32m" : "\033[1;31m") + verdict + reset;
    out += fmt::format("\nverdict: {} ({} pass, {} fail, {} warning, {} not-applicable, {} error)\n", verdict,
                       counts[0], counts[1], counts[2], counts[3], counts[4]);
    if (!r.baseline.empty()) {
        int known = 0, unexpected = 0;
        for (const CaseResult& c : r.cases) known += c.known_failure(), unexpected += c.unexpected_pass();
        out += fmt::format("baseline {}: {} known failure{}, {} unexpected pass{}\n", r.baseline, known,
                           known == 1 ? "" : "s", unexpected, unexpected == 1 ? "" : "es");
    }
    return out;
}

}  // namespace rasconform::conformance
