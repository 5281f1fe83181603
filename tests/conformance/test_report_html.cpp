// The HTML report's parts on made-up results: text from a DLL is escaped
// everywhere, shortening never splits a character, the diagram highlights
// the call a failure is about, and the page carries every case and count.
// (The e2e html_report test renders real reports in Chromium.)
#include <boost/test/unit_test.hpp>

#include <regex>

#include "conformance/markup.hpp"
#include "conformance/report.hpp"
#include "conformance/sequence_svg.hpp"

using namespace rasconform;
using namespace rasconform::conformance;

namespace {

TraceEvent event(std::uint64_t seq, Callout c, std::string dll, std::uint64_t connection = 0) {
    TraceEvent e;
    e.seq = seq;
    e.callout = c;
    e.dll = std::move(dll);
    e.connection = connection;
    return e;
}

std::size_t occurrences(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_html)

BOOST_AUTO_TEST_CASE(markup_is_escaped_and_shortened_by_character) {
    BOOST_TEST(escape_markup("a<b>&\"c'\x01") == "a&lt;b&gt;&amp;&quot;c&#39;\\x01");
    BOOST_TEST(shorten("abcdef", 6) == "abcdef");
    BOOST_TEST(shorten("abcdef", 4) == "abc\u2026");
    // Three two-byte characters cut to two: one kept whole, then the ellipsis.
    BOOST_TEST(shorten("\u00e9\u00e9\u00e9", 2) == "\u00e9\u2026");
    BOOST_TEST(code_points("\u00e9x\u2026") == 3u);
}

BOOST_AUTO_TEST_CASE(the_call_that_did_not_return_is_the_offending_one) {
    Trace t{event(1, Callout::InitializeDll, "x.dll"), event(2, Callout::AcceptNewConnection2, "x.dll", 4),
            event(3, Callout::ConnectionHangupNotification2, "x.dll", 4), event(4, Callout::TerminateDll, "x.dll")};
    t[2].outcome.kind = CallOutcome::Kind::fault;
    BOOST_TEST(offending_events(t, "whatever") == std::vector<std::size_t>{2});
    t[2].outcome.kind = CallOutcome::Kind::returned;
    // No fault: the last call the message names, on the connection it names...
    t.push_back(event(5, Callout::AcceptNewConnection2, "x.dll", 8));
    BOOST_TEST(offending_events(t, "MprAdminAcceptNewConnection2 (connection 0x4) accepted twice") ==
               std::vector<std::size_t>{1});
    // ... a name is a whole word (MprAdminAcceptNewConnection is not ...2) ...
    BOOST_TEST(offending_events(t, "MprAdminAcceptNewConnection was never called") == std::vector<std::size_t>{4});
    BOOST_TEST(offending_events(t, "MprAdminAcceptNewConnection2 said no") == std::vector<std::size_t>{4});
    // ... else the last call.
    BOOST_TEST(offending_events(t, "no names here") == std::vector<std::size_t>{4});
    BOOST_TEST(offending_events({}, "x").empty());
}

BOOST_AUTO_TEST_CASE(the_diagram_has_a_lifeline_per_instance_and_an_arrow_per_call) {
    Trace t{event(1, Callout::InitializeDll, "a<&>.dll"), event(2, Callout::InitializeDll, "a<&>.dll (IP process)"),
            event(3, Callout::AcceptNewConnection2, "a<&>.dll", 4)};
    t[2].args = "user=<script>";
    t[2].outcome.kind = CallOutcome::Kind::timeout;
    t[2].outcome.detail = "no return within 2000 ms";
    const std::string svg = sequence_svg(t, offending_events(t, ""), "case \"x\"");
    BOOST_TEST(svg.rfind("<svg class=\"sequence\"", 0) == 0);
    BOOST_TEST(occurrences(svg, "<g class=\"lane dll\">") == 2u);
    BOOST_TEST(occurrences(svg, "<g class=\"lane engine\">") == 1u);
    BOOST_TEST(occurrences(svg, "<g class=\"call") == 3u);
    BOOST_TEST(occurrences(svg, "<g class=\"call offending\" data-seq=\"3\">") == 1u);
    BOOST_TEST(svg.find("<script>") == std::string::npos);
    BOOST_TEST(svg.find("a<&>") == std::string::npos);
    BOOST_TEST(svg.find("user=&lt;script&gt;") != std::string::npos);
    BOOST_TEST(svg.find("no return within 2000 ms") != std::string::npos);
    BOOST_TEST(svg.find("conn 0x4") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_long_trace_is_drawn_around_the_highlighted_call) {
    Trace t;
    for (std::uint64_t i = 1; i <= 1000; ++i) t.push_back(event(i, Callout::AcceptNewLink, "x.dll", 4));
    const std::string svg = sequence_svg(t, {900}, "soak");
    BOOST_TEST(occurrences(svg, "<g class=\"call") == 300u);
    BOOST_TEST(svg.find("data-seq=\"901\"") != std::string::npos);
    BOOST_TEST(svg.find("of 1000 shown") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_page_lists_every_case_with_its_status_and_counts) {
    Report r;
    r.profile = "ws2022";
    Subject s;
    s.path = "/tmp/x\"<i>.dll";
    s.file_name = "x\"<i>.dll";
    r.subjects.push_back(s);
    CaseResult pass{"a.one", {"EXPORT-1"}, Status::pass, "fine", {}, 0, {}, {}};
    CaseResult fail{"a.two", {"HANGUP-4"}, Status::fail, "x.dll: MprAdminTerminateDll <broke>", {}, 0, {}, {}};
    fail.trace.push_back(event(1, Callout::TerminateDll, "x.dll"));
    CaseResult known{"a.three", {"LOAD-1"}, Status::fail, "old bug", {}, 0, "ticket 42", {}};
    CaseResult na{"a.four", {"LOAD-2"}, Status::not_applicable, "no", {}, 0, {}, {}};
    r.cases = {pass, fail, known, na};
    const std::string page = to_html(std::span<const Report>(&r, 1));
    BOOST_TEST(page.rfind("<!DOCTYPE html>", 0) == 0);
    BOOST_TEST(page.find("data-verdict=\"fail\"") != std::string::npos);
    BOOST_TEST(occurrences(page, "<tr class=\"case ") == 4u);
    BOOST_TEST(page.find("data-case=\"a.three\" data-status=\"known-failure\"") != std::string::npos);
    BOOST_TEST(page.find("<td class=\"num\" data-count=\"fail\">1</td>") != std::string::npos);
    BOOST_TEST(page.find("<td class=\"num\" data-count=\"known-failure\">1</td>") != std::string::npos);
    BOOST_TEST(page.find("<td class=\"num\" data-count=\"not-applicable\">1</td>") != std::string::npos);
    // One diagram: the plain failure with a trace (the known failure has none).
    BOOST_TEST(occurrences(page, "<svg class=\"sequence\"") == 1u);
    BOOST_TEST(occurrences(page, "class=\"call offending\"") == 1u);
    BOOST_TEST(page.find("<i>") == std::string::npos);
    BOOST_TEST(page.find("&lt;broke&gt;") != std::string::npos);
    BOOST_TEST(page.find("<script") == std::string::npos);
    BOOST_TEST(!std::regex_search(page, std::regex("(src|href)=\"(https?:)?//")));
}

BOOST_AUTO_TEST_SUITE_END()
