// The HTML report: one self-contained file (inline CSS and SVG, no scripts,
// fonts or network) to read a run in a browser or attach it to a ticket.
// A summary (subjects, verdict per profile, counts), a table of every case,
// and for each failure, warning and harness error the callouts of that case
// as a sequence diagram with the call the finding is about highlighted.
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "conformance/markup.hpp"
#include "conformance/report.hpp"
#include "conformance/sequence_svg.hpp"
#include "rasconform/version.hpp"

namespace rasconform::conformance {
namespace {

// What a reader tells apart: the five statuses, with the baseline's known
// failures and unexpected passes as outcomes of their own (they weigh on the
// verdict the other way round from a plain fail or pass).
enum class Shown { pass, fail, warning, not_applicable, error, known_failure, unexpected_pass };
constexpr std::array all_shown{Shown::pass,  Shown::fail,          Shown::warning,        Shown::not_applicable,
                               Shown::error, Shown::known_failure, Shown::unexpected_pass};

Shown shown(const CaseResult& c) {
    if (c.known_failure()) return Shown::known_failure;
    if (c.unexpected_pass()) return Shown::unexpected_pass;
    switch (c.status) {
    case Status::pass: return Shown::pass;
    case Status::fail: return Shown::fail;
    case Status::warning: return Shown::warning;
    case Status::not_applicable: return Shown::not_applicable;
    case Status::error: return Shown::error;
    }
    return Shown::error;
}

std::string_view label(Shown s) {
    switch (s) {
    case Shown::pass: return "pass";
    case Shown::fail: return "fail";
    case Shown::warning: return "warning";
    case Shown::not_applicable: return "not-applicable";
    case Shown::error: return "error";
    case Shown::known_failure: return "known failure";
    case Shown::unexpected_pass: return "unexpected pass";
    }
    return "";
}

// The class suffix: the label without spaces.
std::string css_name(Shown s) {
    std::string n(label(s));
    for (char& c : n)
        if (c == ' ') c = '-';
    return n;
}

using Counts = std::array<int, all_shown.size()>;

Counts count(const Report& r) {
    Counts n{};
    for (const CaseResult& c : r.cases) ++n[static_cast<std::size_t>(shown(c))];
    return n;
}

// The cases whose story the diagram tells; harness errors too, as their
// trace shows how far the case got.
bool drawn(const CaseResult& c) {
    return (c.status == Status::fail || c.status == Status::warning || c.status == Status::error) && !c.trace.empty();
}

std::string trace_anchor(const Report& r, const CaseResult& c) { return "trace-" + r.profile + "-" + c.id; }

std::string verdict_word(bool ok) { return ok ? "PASS" : "FAIL"; }

// Colours follow the usual reading: green good, red broken, amber a concern,
// grey nothing to say; purple for our own failure (error), blue for what
// the baseline already excuses, orange for what it excuses no longer.
constexpr std::string_view style = R"css(
:root { --pass:#1a7f37; --fail:#cf222e; --warning:#9a6700; --not-applicable:#6e7781; --error:#8250df;
        --known-failure:#0969da; --unexpected-pass:#bc4c00; }
body { font-family: system-ui, sans-serif; margin: 1.5rem 2rem; color: #24292f; background: #fff; }
h1 { margin-bottom: 0.2rem; }
.meta { color: #57606a; margin-top: 0; }
table { border-collapse: collapse; margin: 0.6rem 0 1.2rem; }
th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code, .mono { font-family: monospace; }
.verdict { display: inline-block; font-size: 1.4rem; font-weight: bold; padding: 0.3rem 0.9rem; border-radius: 6px;
           color: #fff; }
.verdict.pass { background: var(--pass); }
.verdict.fail { background: var(--fail); }
.badge { display: inline-block; min-width: 6.5em; text-align: center; border-radius: 1em; padding: 0.05rem 0.5rem;
         color: #fff; font-size: 0.85em; white-space: nowrap; }
.st-pass .badge { background: var(--pass); }
.st-fail .badge { background: var(--fail); }
.st-warning .badge { background: var(--warning); }
.st-not-applicable .badge { background: var(--not-applicable); }
.st-error .badge { background: var(--error); }
.st-known-failure .badge { background: var(--known-failure); }
.st-unexpected-pass .badge { background: var(--unexpected-pass); }
tr.case td:first-child { border-left: 4px solid var(--not-applicable); }
tr.st-pass td:first-child { border-left-color: var(--pass); }
tr.st-fail td:first-child { border-left-color: var(--fail); }
tr.st-warning td:first-child { border-left-color: var(--warning); }
tr.st-error td:first-child { border-left-color: var(--error); }
tr.st-known-failure td:first-child { border-left-color: var(--known-failure); }
tr.st-unexpected-pass td:first-child { border-left-color: var(--unexpected-pass); }
td.message { max-width: 60rem; overflow-wrap: anywhere; }
.note { color: #57606a; font-style: italic; }
section.trace { margin: 1.5rem 0; border-top: 1px solid #d0d7de; }
.diagram { overflow-x: auto; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; }
svg.sequence text { fill: #24292f; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg.sequence .offending text { fill: #a40e26; font-weight: bold; }
svg.sequence .slice { fill: #57606a; font-style: italic; }
details.output summary { color: #57606a; cursor: pointer; }
pre.output { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.4rem 0.6rem;
             white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.3rem 0; }
pre.output .src-stderr { color: #a40e26; }
pre.output .src-debug { color: #0550ae; }
)css";

std::string summary(std::span<const Report> reports) {
    bool all = true;
    for (const Report& r : reports) all = all && conformant(r);
    std::string out = "<section id=\"summary\">\n<h2>Summary</h2>\n";
    out += fmt::format("<p id=\"verdict\" class=\"verdict {0}\" data-verdict=\"{0}\">Verdict: {1}</p>\n",
                       all ? "pass" : "fail", verdict_word(all));

    out += "<h3>Subjects</h3>\n<table class=\"subjects\">\n<tr><th>DLL</th><th>Path</th><th>Machine</th>"
           "<th>SHA-256</th></tr>\n";
    std::vector<std::string> seen;
    for (const Report& r : reports)
        for (const Subject& s : r.subjects) {
            const std::string path = s.path.generic_string();
            if (std::find(seen.begin(), seen.end(), path) != seen.end()) continue;
            seen.push_back(path);
            out += fmt::format("<tr class=\"subject\"><td>{}</td><td class=\"mono\">{}</td><td>{}</td>"
                               "<td class=\"mono\">{}</td></tr>\n",
                               escape_markup(s.file_name), escape_markup(path),
                               escape_markup(s.machine()), escape_markup(s.sha256));
        }
    out += "</table>\n";

    out += "<h3>Profiles</h3>\n<table class=\"profiles\">\n<tr><th>Profile</th><th>Verdict</th><th>Cases</th>";
    for (Shown s : all_shown) out += fmt::format("<th class=\"st-{}\">{}</th>", css_name(s), label(s));
    out += "</tr>\n";
    for (const Report& r : reports) {
        const bool ok = conformant(r);
        out += fmt::format("<tr class=\"profile\" data-profile=\"{0}\" data-verdict=\"{1}\"><td><a href=\"#run-{0}\">"
                           "{0}</a></td><td class=\"st-{1}\"><span class=\"badge\">{2}</span></td>"
                           "<td class=\"num\">{3}</td>",
                           escape_markup(r.profile), ok ? "pass" : "fail", verdict_word(ok), r.cases.size());
        const Counts n = count(r);
        for (Shown s : all_shown)
            out += fmt::format("<td class=\"num\" data-count=\"{}\">{}</td>", css_name(s),
                               n[static_cast<std::size_t>(s)]);
        out += "</tr>\n";
    }
    out += "</table>\n";
    for (const Report& r : reports)
        if (!r.baseline.empty())
            out += fmt::format("<p class=\"note\">Profile {}: baseline {} applied.</p>\n", escape_markup(r.profile),
                               escape_markup(r.baseline));
    for (const Report& r : reports)
        if (std::string why = rras_would_not_start(r); !why.empty())
            out += fmt::format("<p class=\"note refused-start\">Profile {}: RRAS would not start the service: {}. "
                               "--keep-going ran every dynamic case anyway; the verdict is FAIL.</p>\n",
                               escape_markup(r.profile), escape_markup(why));
    return out + "</section>\n";
}

// What the DLL wrote during the case, one line each, folded away in the
// table (a DLL that logs each callout would swamp it) and open beside a
// finding's diagram.
std::string output_block(const CaseResult& c, bool open) {
    if (c.output.empty()) return {};
    const std::size_t n = c.output.lines.size();
    std::string summary = fmt::format("output of the DLL: {} line{}", n, n == 1 ? "" : "s");
    if (std::string left_out = left_out_note(c.output); !left_out.empty()) summary += "; " + left_out + " before them";
    std::string lines;
    for (const OutputLine& l : c.output.lines)
        lines += fmt::format("<span class=\"line src-{}\" data-source=\"{}\" data-callout=\"{}\">{}</span>\n",
                             to_string(l.source), to_string(l.source), escape_markup(l.callout),
                             escape_markup(describe(l)));
    return fmt::format("<details class=\"output\"{}><summary>{}</summary><pre class=\"output\">{}</pre></details>",
                       open ? " open" : "", escape_markup(summary), lines);
}

std::string case_row(const Report& r, const CaseResult& c) {
    const Shown s = shown(c);
    std::string id = escape_markup(c.id);
    if (drawn(c))
        id += fmt::format(" <a class=\"to-trace\" href=\"#{}\">trace</a>", escape_markup(trace_anchor(r, c)));
    std::string message = escape_markup(c.message);
    if (c.known_failure())
        message += fmt::format("<br><span class=\"note\">Known failure (baseline): {}</span>", escape_markup(c.baseline));
    if (c.unexpected_pass())
        message += fmt::format("<br><span class=\"note\">Unexpected pass: the baseline lists it as a known failure "
                               "({}); remove it from the baseline.</span>",
                               escape_markup(c.baseline));
    message += output_block(c, false);
    std::vector<std::string> rules;
    for (const std::string& rule : c.rules) rules.push_back(escape_markup(rule));
    return fmt::format("<tr class=\"case st-{0}\" data-case=\"{1}\" data-status=\"{0}\"><td class=\"mono\">{2}</td>"
                       "<td><span class=\"badge\">{3}</span></td><td class=\"mono\">{4}</td>"
                       "<td class=\"num\">{5:.1f}</td><td class=\"message\">{6}</td></tr>\n",
                       css_name(s), escape_markup(c.id), id, label(s), fmt::join(rules, ", "),
                       static_cast<double>(c.duration_ns) / 1e6, message);
}

std::string trace_section(const Report& r, const CaseResult& c) {
    const Shown s = shown(c);
    const std::vector<std::size_t> hot = offending_events(c.trace, c.message);
    std::string out = fmt::format("<section class=\"trace st-{0}\" id=\"{1}\" data-case=\"{2}\">\n"
                                  "<h3><span class=\"badge\">{3}</span> <code>{2}</code></h3>\n"
                                  "<p class=\"message\">{4}</p>\n",
                                  css_name(s), escape_markup(trace_anchor(r, c)), escape_markup(c.id), label(s),
                                  escape_markup(c.message));
    std::vector<std::string> seqs;
    for (std::size_t i : hot) seqs.push_back(fmt::format("#{}", c.trace[i].seq));
    if (std::string output = output_block(c, true); !output.empty()) out += output + "\n";
    out += fmt::format("<p class=\"note\">{} callouts; highlighted: {}.</p>\n", c.trace.size(), fmt::join(seqs, ", "));
    out += "<div class=\"diagram\">\n" +
           sequence_svg(c.trace, hot, fmt::format("callouts of {} ({}, profile {})", c.id, label(s), r.profile)) +
           "\n</div>\n</section>\n";
    return out;
}

std::string run_section(const Report& r) {
    const bool ok = conformant(r);
    std::string out = fmt::format("<section class=\"run\" id=\"run-{0}\" data-profile=\"{0}\">\n"
                                  "<h2>Profile {0}: <span class=\"st-{1}\"><span class=\"badge\">{2}</span></span></h2>\n",
                                  escape_markup(r.profile), ok ? "pass" : "fail", verdict_word(ok));
    out += "<table class=\"cases\">\n<thead><tr><th>Case</th><th>Status</th><th>Rules</th><th>ms</th>"
           "<th>Message</th></tr></thead>\n<tbody>\n";
    for (const CaseResult& c : r.cases) out += case_row(r, c);
    out += "</tbody>\n</table>\n";
    for (const CaseResult& c : r.cases)
        if (drawn(c)) out += trace_section(r, c);
    return out + "</section>\n";
}

}  // namespace

std::string to_html(std::span<const Report> reports) {
    bool all = true;
    for (const Report& r : reports) all = all && conformant(r);
    const std::string subject = reports.empty() ? std::string("(no subject)") : subjects_label(reports.front().subjects);
    std::string out = fmt::format("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                                  "<meta name=\"generator\" content=\"rasconform {}\">\n"
                                  "<title>rasconform: {} - {}</title>\n<style>{}</style>\n</head>\n<body>\n",
                                  escape_markup(version), escape_markup(subject), verdict_word(all), style);
    out += fmt::format("<header>\n<h1>rasconform report: {}</h1>\n<p class=\"meta\">rasconform {}</p>\n</header>\n",
                       escape_markup(subject), escape_markup(version));
    out += summary(reports);
    for (const Report& r : reports) out += run_section(r);
    return out + "</body>\n</html>\n";
}

}  // namespace rasconform::conformance
