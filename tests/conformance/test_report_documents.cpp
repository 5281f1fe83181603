// Reports as documents: a JSON report read back is the report written (so
// `rasconform merge` renders any format from CI matrix runs), merging keeps
// every run once and names what it cannot use, and several DLLs render with
// one verdict over them.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <random>
#include <span>

#include <nlohmann/json.hpp>

#include "conformance/report.hpp"
#include "conformance/report_documents.hpp"

using namespace rasconform;
using namespace rasconform::conformance;
namespace fs = std::filesystem;

namespace {

// A folder of its own for the JSON files, removed at the end.
struct ScratchDir {
    fs::path path = fs::temp_directory_path() / ("report-documents-" + std::to_string(std::random_device{}()));
    ScratchDir() { fs::create_directories(path); }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    fs::path write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
        return path / name;
    }
};

Report made_up(const std::string& dll, const std::string& sha, const std::string& profile, Status second) {
    Report r;
    r.profile = profile;
    Subject s;
    s.path = "/dlls/" + dll;
    s.file_name = dll;
    s.sha256 = sha;
    s.recorded = Subject::Recorded{"x86_64", {"MprAdminInitializeDll", "MprAdminTerminateDll"}};
    r.subjects.push_back(s);
    CaseResult a;
    a.id = "export.callouts-named";
    a.rules = {"EXPORT-1"};
    a.status = Status::pass;
    CaseResult b;
    b.id = "hangup.once-per-connection";
    b.rules = {"HANGUP-4"};
    b.status = second;
    b.message = second == Status::fail ? "MprAdminConnectionHangupNotification2 called twice" : "";
    TraceEvent e;
    e.seq = 3;
    e.callout = Callout::ConnectionHangupNotification2;
    e.dll = dll;
    e.connection = 4;
    b.trace.push_back(e);
    r.cases = {a, b};
    return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_documents)

BOOST_AUTO_TEST_CASE(a_json_report_reads_back_as_the_report_written) {
    ScratchDir dir;
    const Report written = made_up("vendor.dll", "ab12", "ws2019", Status::fail);
    JsonReportRead read = read_json_report(dir.write("one.json", json_text(to_json(written))));
    BOOST_TEST(read.problem == "");
    BOOST_REQUIRE(read.reports.size() == 1u);
    const Report& r = read.reports.front();
    BOOST_TEST(r.profile == "ws2019");
    BOOST_TEST(r.subjects.front().file_name == "vendor.dll");
    BOOST_TEST(r.subjects.front().machine() == "x86_64");
    BOOST_TEST(r.subjects.front().export_names().size() == 2u);
    BOOST_REQUIRE(r.cases.size() == 2u);
    BOOST_TEST((r.cases[1].status == Status::fail));
    BOOST_TEST(r.cases[1].message == written.cases[1].message);
    BOOST_TEST(r.cases[1].trace.size() == 1u);
    BOOST_TEST(!conformant(r));
    // Written again, it is the same document.
    BOOST_TEST(to_json(r) == to_json(written));
}

BOOST_AUTO_TEST_CASE(a_document_of_several_runs_reads_back_run_by_run) {
    ScratchDir dir;
    const std::vector<Report> runs{made_up("a.dll", "aa", "ws2016", Status::pass),
                                   made_up("a.dll", "aa", "ws2022", Status::fail)};
    JsonReportRead read = read_json_report(dir.write("all.json", render_reports(runs, "json", false)));
    BOOST_REQUIRE(read.reports.size() == 2u);
    BOOST_TEST(read.reports[0].profile == "ws2016");
    BOOST_TEST(read.reports[1].profile == "ws2022");
}

BOOST_AUTO_TEST_CASE(what_is_not_a_report_is_named_on_one_line) {
    ScratchDir dir;
    auto problem = [&](const std::string& text) { return read_json_report(dir.write("bad.json", text)).problem; };
    BOOST_TEST(problem("{ not json").find("bad.json: not JSON") != std::string::npos);
    BOOST_TEST(problem(R"({"tool": "other"})").find("not a rasconform report") != std::string::npos);
    BOOST_TEST(problem(R"({"tool": "rasconform", "schema": 2})").find("schema 2") != std::string::npos);
    BOOST_TEST(problem(R"({"tool": "rasconform", "schema": 1, "profile": "ws2022"})").find("malformed report") !=
               std::string::npos);
    BOOST_TEST(read_json_report(dir.path / "missing.json").problem.find("cannot read") != std::string::npos);
    for (const std::string& text : {std::string("{ not json"), std::string(R"({"tool": "other"})")})
        BOOST_TEST(problem(text).find('\n') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(merging_keeps_every_run_once_and_goes_on_past_a_bad_file) {
    ScratchDir dir;
    const fs::path a16 = dir.write("a16.json", json_text(to_json(made_up("a.dll", "aa", "ws2016", Status::pass))));
    const fs::path a22 = dir.write("a22.json", json_text(to_json(made_up("a.dll", "aa", "ws2022", Status::pass))));
    const fs::path b22 = dir.write("b22.json", json_text(to_json(made_up("b.dll", "bb", "ws2022", Status::fail))));
    const fs::path broken = dir.write("broken.json", "[1, 2");
    ReportMerge m = merge_json_reports({a16, broken, a22, b22, a22});
    BOOST_REQUIRE(m.reports.size() == 3u);
    BOOST_TEST(m.reports[0].profile == "ws2016");
    BOOST_TEST(m.reports[2].subjects.front().file_name == "b.dll");
    BOOST_REQUIRE(m.problems.size() == 2u);
    BOOST_TEST(m.problems[0].find("broken.json") != std::string::npos);
    BOOST_TEST(m.problems[1].find("a.dll under ws2022 is already in") != std::string::npos);

    // Several DLLs: each run named by DLL and profile, one verdict over all.
    const std::string text = render_reports(m.reports, "text", false);
    BOOST_TEST(text.find("verdict per DLL and profile:") != std::string::npos);
    BOOST_TEST(text.find("b.dll (ws2022)") != std::string::npos);
    BOOST_TEST(text.find("verdict: FAIL") != std::string::npos);
    const nlohmann::json j = nlohmann::json::parse(render_reports(m.reports, "json", false));
    BOOST_TEST(j["runs"].size() == 3u);
    BOOST_TEST(j["verdict"] == "fail");
    // Without the failing DLL the verdict passes.
    const std::vector<Report> passing(m.reports.begin(), m.reports.begin() + 2);
    BOOST_TEST(render_reports(passing, "text", false).find("verdict per profile:") != std::string::npos);
    BOOST_TEST(render_reports(passing, "text", false).find("verdict: PASS") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
