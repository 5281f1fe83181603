// JUnit XML, the report CI systems (GitLab, Jenkins, GitHub test reporters)
// draw as a test list: one <testsuite> per run, one <testcase> per case.
// fail -> <failure>, error -> <error>, not-applicable -> <skipped>, a
// warning passes with the message in <system-out>.
#include <fmt/format.h>

#include "conformance/markup.hpp"
#include "conformance/report.hpp"

namespace rasconform::conformance {
namespace {

// XML 1.0 text: the markup escape (entities, control characters as visible
// escapes, which XML cannot carry at all) serves XML too.
std::string xml(std::string_view s) { return escape_markup(s); }

// What the DLL wrote, in <system-out>, where CI test views show a test's
// console output.
std::string output_text(const DllOutput& o) {
    if (o.empty()) return {};
    std::string out = "output of the DLL";
    if (std::string left_out = left_out_note(o); !left_out.empty()) out += " (" + left_out + " before these)";
    out += ":\n";
    for (const OutputLine& l : o.lines) out += describe(l) + "\n";
    return out;
}

std::string system_out(const std::string& text) {
    return text.empty() ? std::string() : "      <system-out>" + xml(text) + "</system-out>\n";
}

std::string seconds(std::uint64_t ns) { return fmt::format("{:.3f}", static_cast<double>(ns) / 1e9); }

std::string suite_of(const Report& r, int& failures, int& errors, int& skipped, std::uint64_t& total_ns) {
    failures = errors = skipped = 0;
    total_ns = 0;
    for (const CaseResult& c : r.cases) {
        failures += (c.status == Status::fail && !c.known_failure()) || c.unexpected_pass();
        errors += c.status == Status::error;
        skipped += c.status == Status::not_applicable || c.known_failure();
        total_ns += c.duration_ns;
    }
    const std::string subject = subjects_label(r.subjects);
    std::string out = fmt::format("  <testsuite name=\"{} ({})\" tests=\"{}\" failures=\"{}\" errors=\"{}\" "
                                  "skipped=\"{}\" time=\"{}\">\n",
                                  xml(subject), xml(r.profile), r.cases.size(), failures, errors, skipped,
                                  seconds(total_ns));
    out += "    <properties>\n";
    out += fmt::format("      <property name=\"profile\" value=\"{}\"/>\n", xml(r.profile));
    for (const Subject& s : r.subjects) {
        out += fmt::format("      <property name=\"subject\" value=\"{}\"/>\n", xml(s.path.generic_string()));
        out += fmt::format("      <property name=\"sha256\" value=\"{}\"/>\n", xml(s.sha256));
    }
    out += "    </properties>\n";
    for (const CaseResult& c : r.cases) {
        const std::string_view family = std::string_view(c.id).substr(0, c.id.find('.'));
        out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{}\">\n", xml(family), xml(c.id),
                           seconds(c.duration_ns));
        std::string trace;
        for (const TraceEvent& e : c.trace) trace += to_text(e) + "\n";
        const std::string rules = fmt::format("{}", fmt::join(c.rules, ", "));
        const std::string output = output_text(c.output);
        if (c.known_failure()) {
            out += fmt::format("      <skipped message=\"known failure (baseline): {}\"/>\n{}    </testcase>\n",
                               xml(c.baseline), system_out(output));
            continue;
        }
        if (c.unexpected_pass()) {
            out += fmt::format("      <failure type=\"baseline\" message=\"unexpected pass: the baseline lists it as a "
                               "known failure ({}); remove it from the baseline\"/>\n{}    </testcase>\n",
                               xml(c.baseline), system_out(output));
            continue;
        }
        switch (c.status) {
        case Status::fail:
            out += fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n", xml(rules), xml(c.message),
                               xml(trace));
            break;
        case Status::error:
            out += fmt::format("      <error type=\"harness\" message=\"{}\">{}</error>\n", xml(c.message), xml(trace));
            break;
        case Status::not_applicable: out += fmt::format("      <skipped message=\"{}\"/>\n", xml(c.message)); break;
        case Status::warning:
            out += system_out(fmt::format("warning [{}]: {}{}", rules, c.message, output.empty() ? "" : "\n") + output);
            break;
        case Status::pass: break;
        }
        if (c.status != Status::warning) out += system_out(output);
        out += "    </testcase>\n";
    }
    out += "  </testsuite>\n";
    return out;
}

}  // namespace

std::string to_junit(std::span<const Report> reports) {
    std::string suites;
    int failures = 0, errors = 0, skipped = 0;
    std::size_t tests = 0;
    std::uint64_t total_ns = 0;
    for (const Report& r : reports) {
        int f = 0, e = 0, s = 0;
        std::uint64_t ns = 0;
        suites += suite_of(r, f, e, s, ns);
        failures += f, errors += e, skipped += s, total_ns += ns, tests += r.cases.size();
    }
    return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"rasconform\" tests=\"{}\" "
                       "failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{}\">\n{}</testsuites>\n",
                       tests, failures, errors, skipped, seconds(total_ns), suites);
}

}  // namespace rasconform::conformance
