// The DLL's own output in a case (rasconform/dll_output.hpp): bounded to the
// last 64 lines and 8 KB with what was left out counted, read from capture
// files as they grow (also what a dead process left), carried through the
// agent's JSON and shown by every report format.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <random>
#include <span>

#include <nlohmann/json.hpp>

#include "conformance/report.hpp"
#include "rasconform/dll_output.hpp"
#include "rasconform/output_capture_files.hpp"

using namespace rasconform;
using namespace rasconform::conformance;
namespace fs = std::filesystem;

namespace {

OutputLine output_line(std::string text, OutputSource source = OutputSource::standard_error) {
    return {source, "x.dll", "MprAdminInitializeDll", std::move(text)};
}

struct OutputScratch {
    fs::path path = fs::temp_directory_path() / ("dll-output-" + std::to_string(std::random_device{}()));
    OutputScratch() { fs::create_directories(path); }
    ~OutputScratch() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

void append_bytes(const fs::path& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary | std::ios::app) << bytes;
}

// A failing case whose DLL asserted in Init, as the agent reports it.
CaseResult asserting_case() {
    CaseResult c;
    c.id = "lifecycle.init-terminate";
    c.rules = {"INIT-3"};
    c.status = Status::fail;
    c.message = "MprAdminInitializeDll did not return: the host process ended during the call [ROBUST-1]";
    c.output.add(output_line("output_assert_in_init: reading the policy store"));
    c.output.add(output_line("output_assert_in_init: policy store unreachable <&>", OutputSource::debug_string));
    c.output.add(output_line("Assertion failed: policy_store_reachable, file subject.c, line 573"));
    return c;
}

Report report_with(std::vector<CaseResult> cases) {
    Report r;
    r.profile = "ws2022";
    Subject s;
    s.path = "/dlls/x.dll";
    s.file_name = "x.dll";
    s.sha256 = "ab12";
    s.recorded = Subject::Recorded{"x86_64", {"MprAdminInitializeDll"}};
    r.subjects.push_back(s);
    r.cases = std::move(cases);
    return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dll_output)

BOOST_AUTO_TEST_CASE(a_case_keeps_the_last_64_lines_and_counts_the_rest) {
    DllOutput o;
    for (int i = 0; i < 100; ++i) o.add(output_line("line " + std::to_string(i)));
    BOOST_TEST(o.lines.size() == output_max_lines);
    BOOST_TEST(o.lines.front().text == "line 36");
    BOOST_TEST(o.lines.back().text == "line 99");
    BOOST_TEST(o.lines_left_out == 36u);
    std::size_t dropped = 0;
    for (int i = 0; i < 36; ++i) dropped += ("line " + std::to_string(i)).size();
    BOOST_TEST(o.bytes_left_out == dropped);
}

BOOST_AUTO_TEST_CASE(a_case_keeps_at_most_8_kb_of_text) {
    DllOutput o;
    for (int i = 0; i < 20; ++i) o.add(output_line(std::string(1000, static_cast<char>('a' + i))));
    BOOST_TEST(o.bytes() <= output_max_bytes);
    BOOST_TEST(o.lines.size() == 8u);  // 9 lines would be 9000 bytes
    BOOST_TEST(o.lines.back().text[0] == 't');
    BOOST_TEST(o.lines_left_out == 12u);
    BOOST_TEST(o.bytes_left_out == 12000u);
}

BOOST_AUTO_TEST_CASE(an_overlong_line_is_cut_at_a_character_boundary_and_counted) {
    DllOutput o;
    std::string text = "x";
    for (int i = 0; i < 1000; ++i) text += "\u00fc";  // 2 bytes each: a cut could land inside one
    o.add(output_line(text));
    BOOST_REQUIRE(o.lines.size() == 1u);
    const std::string& kept = o.lines[0].text;
    BOOST_TEST(kept.size() <= output_max_line_bytes);
    BOOST_TEST(kept.ends_with("\u2026"));
    const std::string body = kept.substr(0, kept.size() - std::string("\u2026").size());
    BOOST_TEST(body.size() % 2 == 1u);  // "x" and whole ü's
    BOOST_TEST(o.bytes_left_out == text.size() - body.size());
    BOOST_TEST(o.lines_left_out == 0u);
}

BOOST_AUTO_TEST_CASE(merging_outputs_keeps_their_left_out_counts) {
    DllOutput a, b;
    for (int i = 0; i < 70; ++i) b.add(output_line("b" + std::to_string(i)));
    a.add(output_line("a"));
    a.add(b);
    BOOST_TEST(a.lines.size() == output_max_lines);
    BOOST_TEST(a.lines_left_out == 6u + 1u);  // b's own 6, and "a" pushed out
    BOOST_TEST(a.lines.back().text == "b69");
}

BOOST_AUTO_TEST_CASE(the_log_hands_out_each_case_s_lines_once) {
    DllOutputLog log;
    log.add(output_line("first case"));
    DllOutput first = log.take();
    BOOST_TEST(first.lines.size() == 1u);
    BOOST_TEST(log.take().empty());
    log.add(output_line("second case"));
    BOOST_TEST(log.take().lines.at(0).text == "second case");
}

BOOST_AUTO_TEST_CASE(the_note_beside_a_fault_names_the_last_lines) {
    const CaseResult c = asserting_case();
    const std::string note = last_output_note(c.output, 2);
    BOOST_TEST(note.find("[debug] output_assert_in_init: policy store unreachable") != std::string::npos, note);
    BOOST_TEST(note.find("[stderr] Assertion failed: policy_store_reachable, file subject.c") != std::string::npos, note);
    BOOST_TEST(note.find("reading the policy store") == std::string::npos, note);  // only the last two
    BOOST_TEST(last_output_note(DllOutput{}).empty());
}

BOOST_AUTO_TEST_CASE(captured_bytes_become_utf8_lines) {
    BOOST_TEST(captured_text("Assertion failed: x\r\n") == "Assertion failed: x");
    BOOST_TEST(captured_text(std::string("w\0i\0d\0e\0", 8)) == "wide");  // UTF-16 written as bytes
    BOOST_TEST(captured_text("debug string \xfc") == "debug string \u00fc");  // Windows-1252
    BOOST_TEST(captured_text("\x80 5") == "\u20ac 5");
    BOOST_TEST(captured_text("already \u00fc UTF-8") == "already \u00fc UTF-8");
}

BOOST_AUTO_TEST_CASE(capture_files_are_read_as_they_grow_and_attributed) {
    OutputScratch dir;
    const fs::path base = dir.path / "dll";
    CapturedOutputReader reader(base);
    BOOST_TEST(reader.read("x.dll", "MprAdminInitializeDll").empty());  // nothing written yet, no file
    append_bytes(capture_file(base, OutputSource::standard_error), "reading the policy store\r\n\r\n");
    append_bytes(capture_file(base, OutputSource::debug_string), "policy store unreachable\n");
    DllOutput first = reader.read("x.dll", "MprAdminInitializeDll");
    BOOST_REQUIRE(first.lines.size() == 2u);  // the blank line says nothing
    BOOST_TEST(first.lines[0].text == "reading the policy store");
    BOOST_TEST((first.lines[0].source == OutputSource::standard_error));
    BOOST_TEST(first.lines[0].callout == "MprAdminInitializeDll");
    BOOST_TEST((first.lines[1].source == OutputSource::debug_string));
    append_bytes(capture_file(base, OutputSource::standard_output), "accepted alice\nno line end yet");
    DllOutput second = reader.read("x.dll", "MprAdminAcceptNewConnection");
    BOOST_REQUIRE(second.lines.size() == 2u);  // only what is new; an unended line as far as it goes
    BOOST_TEST(second.lines[0].text == "accepted alice");
    BOOST_TEST((second.lines[0].source == OutputSource::standard_output));
    BOOST_TEST(second.lines[1].text == "no line end yet");
    BOOST_TEST(second.lines[1].callout == "MprAdminAcceptNewConnection");
    reader.close();
    append_bytes(capture_file(base, OutputSource::standard_error), "Assertion failed: x, file a.c, line 1\n");
    DllOutput third = reader.read("x.dll", {});  // opened again, where it stopped
    BOOST_REQUIRE(third.lines.size() == 1u);
    BOOST_TEST(third.lines[0].text == "Assertion failed: x, file a.c, line 1");
    BOOST_TEST(third.lines[0].callout.empty());
}

BOOST_AUTO_TEST_CASE(the_output_survives_the_agents_json) {
    CaseResult c = asserting_case();
    for (int i = 0; i < 80; ++i) c.output.add(output_line("chatty " + std::to_string(i), OutputSource::standard_output));
    const nlohmann::json j = to_json(c);
    BOOST_TEST(j.at("output").at("lines").size() == output_max_lines);
    BOOST_TEST(j.at("output").at("lines_left_out").get<std::size_t>() == c.output.lines_left_out);
    BOOST_TEST(j["output"]["lines"][0]["source"] == "stdout");
    const CaseResult back = case_from_json(nlohmann::json::parse(j.dump()));
    BOOST_REQUIRE(back.output.lines.size() == c.output.lines.size());
    for (std::size_t i = 0; i < c.output.lines.size(); ++i) {
        BOOST_TEST(back.output.lines[i].text == c.output.lines[i].text);
        BOOST_TEST((back.output.lines[i].source == c.output.lines[i].source));
        BOOST_TEST(back.output.lines[i].dll == c.output.lines[i].dll);
        BOOST_TEST(back.output.lines[i].callout == c.output.lines[i].callout);
    }
    BOOST_TEST(back.output.lines_left_out == c.output.lines_left_out);
    BOOST_TEST(back.output.bytes_left_out == c.output.bytes_left_out);
}

BOOST_AUTO_TEST_CASE(a_case_without_output_has_no_output_key) {
    CaseResult c = asserting_case();
    c.output = {};
    BOOST_TEST(!to_json(c).contains("output"));
    BOOST_TEST(case_from_json(to_json(c)).output.empty());
}

BOOST_AUTO_TEST_CASE(an_unknown_source_is_a_malformed_document) {
    nlohmann::json j = to_json(asserting_case());
    j["output"]["lines"][0]["source"] = "console";
    BOOST_CHECK_THROW(case_from_json(j), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(every_format_shows_the_lines) {
    CaseResult quiet_pass;
    quiet_pass.id = "lifecycle.accepted-connection";
    quiet_pass.rules = {"ORDER-3"};
    quiet_pass.status = Status::pass;
    quiet_pass.output.add(output_line("chatty: accepting a connection", OutputSource::standard_output));
    const std::vector<Report> reports{report_with({asserting_case(), quiet_pass})};

    const std::string text = to_text(reports[0], false);
    BOOST_TEST(text.find("output of the DLL (3 lines)") != std::string::npos, text);
    BOOST_TEST(text.find("[stderr] x.dll MprAdminInitializeDll: Assertion failed: policy_store_reachable") !=
                   std::string::npos,
               text);
    // A passing case says how much there was, not every line.
    BOOST_TEST(text.find("the DLL wrote 1 line") != std::string::npos, text);
    BOOST_TEST(text.find("chatty: accepting a connection") == std::string::npos, text);

    const std::string junit = to_junit(reports);
    BOOST_TEST(junit.find("<system-out>output of the DLL:\n[stderr] x.dll MprAdminInitializeDll: output_assert_in_init") !=
                   std::string::npos,
               junit);
    BOOST_TEST(junit.find("[stderr] x.dll MprAdminInitializeDll: Assertion failed: policy_store_reachable") !=
                   std::string::npos,
               junit);
    BOOST_TEST(junit.find("policy store unreachable &lt;&amp;&gt;") != std::string::npos, junit);
    BOOST_TEST(junit.find("chatty: accepting a connection") != std::string::npos, junit);

    const nlohmann::json sarif = to_sarif(reports);
    const nlohmann::json& result = sarif["runs"][0]["results"].at(0);
    BOOST_TEST(result["properties"]["output"]["lines"].size() == 3u);
    BOOST_TEST(result["properties"]["output"]["lines"][2]["text"].get<std::string>().starts_with("Assertion failed"));

    const std::string html = to_html(reports);
    BOOST_TEST(html.find("<details class=\"output\"") != std::string::npos);
    BOOST_TEST(html.find("Assertion failed: policy_store_reachable, file subject.c, line 573") != std::string::npos);
    BOOST_TEST(html.find("policy store unreachable &lt;&amp;&gt;") != std::string::npos);
    BOOST_TEST(html.find("policy store unreachable <&>") == std::string::npos);  // escaped
}

BOOST_AUTO_TEST_CASE(an_error_carries_its_output_in_sarif_too) {
    CaseResult c = asserting_case();
    c.status = Status::error;
    const nlohmann::json sarif = to_sarif(std::vector<Report>{report_with({c})});
    const nlohmann::json& n = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"].at(0);
    BOOST_TEST(n["properties"]["case"] == "lifecycle.init-terminate");
    BOOST_TEST(n["properties"]["output"]["lines"].size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
