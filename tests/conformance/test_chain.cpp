// Chains (several DLLs checked as one DLLPath): how one case's results for
// each DLL become the case's one result, what keeps DLLs from forming a
// chain, and the suite API's side of it (all subjects reported, a profile
// without chains refused).
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "conformance/chain.hpp"
#ifndef _WIN32
#include <unistd.h>

#include "conformance/certify.hpp"
#include "conformance/suite.hpp"
#include "rasconform/sha256.hpp"
#endif
#include "rasconform/report.hpp"
#include "rasconform/suite.hpp"
#include "tests/core/pe_builder.hpp"

using namespace rasconform;
using namespace rasconform::conformance;

namespace {

CaseResult result(Status s, std::string message, std::string dll_in_trace = {}) {
    CaseResult r;
    r.id = "lifecycle.accepted-connection";
    r.rules = {"ORDER-6"};
    r.status = s;
    r.message = std::move(message);
    r.duration_ns = 10;
    if (!dll_in_trace.empty()) {
        TraceEvent e;
        e.dll = std::move(dll_in_trace);
        r.trace.push_back(e);
    }
    return r;
}

const std::vector<std::string> names{"good.dll", "bad.dll"};

bool mentions(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

Subject subject(const std::string& path, std::uint16_t machine = PE_MACHINE_AMD64) {
    Subject s;
    s.path = path;
    s.file_name = std::filesystem::path(path).filename().string();
    s.sha256 = "00";
    s.pe.machine = machine;
    return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(chain)

BOOST_AUTO_TEST_CASE(one_dll_keeps_its_result_unchanged) {
    std::vector<CaseResult> one{result(Status::fail, "x.dll: broke it")};
    CaseResult r = fold_case(std::vector<std::string>{"x.dll"}, one);
    BOOST_TEST((r.status == Status::fail));
    BOOST_TEST(r.message == "x.dll: broke it");
}

BOOST_AUTO_TEST_CASE(a_failure_names_only_the_failing_dll) {
    CaseResult r = fold_case(names, {result(Status::pass, "every callout returned", "good.dll"),
                                     result(Status::fail, "MprAdminLinkHangupNotification faulted", "bad.dll")});
    BOOST_TEST((r.status == Status::fail));
    BOOST_TEST(r.message == "bad.dll: MprAdminLinkHangupNotification faulted");
    BOOST_TEST(!mentions(r.message, "good.dll"), r.message);
    BOOST_REQUIRE(r.trace.size() == 1u);
    BOOST_TEST(r.trace.front().dll == "bad.dll");  // the failing DLL's scenario
    BOOST_TEST(r.duration_ns == 20u);               // both runs took time
    BOOST_TEST(r.id == "lifecycle.accepted-connection");
    BOOST_TEST(r.rules == std::vector<std::string>{"ORDER-6"});
}

BOOST_AUTO_TEST_CASE(a_failure_outranks_an_error_and_a_warning) {
    CaseResult r = fold_case(std::vector<std::string>{"a.dll", "b.dll", "c.dll"},
                             {result(Status::error, "the service did not start"), result(Status::warning, "slow"),
                              result(Status::fail, "c.dll: refused")});
    BOOST_TEST((r.status == Status::fail));
    BOOST_TEST(r.message == "c.dll: refused");  // already named: not named twice
    r = fold_case(names, {result(Status::warning, "slow"), result(Status::error, "host lost")});
    BOOST_TEST((r.status == Status::error));
    BOOST_TEST(r.message == "bad.dll: host lost");
}

BOOST_AUTO_TEST_CASE(every_failing_dll_is_named) {
    CaseResult r = fold_case(names, {result(Status::fail, "one"), result(Status::fail, "two")});
    BOOST_TEST((r.status == Status::fail));
    BOOST_TEST(r.message == "good.dll: one; bad.dll: two");
}

BOOST_AUTO_TEST_CASE(the_output_of_every_listed_finding_is_kept) {
    std::vector<CaseResult> runs{result(Status::fail, "one"), result(Status::pass, "fine"), result(Status::fail, "two")};
    runs[0].output.add(OutputLine{OutputSource::standard_error, "a.dll", "MprAdminInitializeDll", "a says"});
    runs[1].output.add(OutputLine{OutputSource::standard_output, "b.dll", "MprAdminInitializeDll", "b says"});
    runs[2].output.add(OutputLine{OutputSource::debug_string, "c.dll", "", "c says"});
    CaseResult r = fold_case(std::vector<std::string>{"a.dll", "b.dll", "c.dll"}, runs);
    std::vector<std::string> texts;
    for (const OutputLine& line : r.output.lines) texts.push_back(line.text);
    BOOST_TEST((texts == std::vector<std::string>{"a says", "c says"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_pass_names_every_dll_with_its_finding) {
    CaseResult r = fold_case(names, {result(Status::pass, "fine"), result(Status::not_applicable, "no such callout")});
    BOOST_TEST((r.status == Status::pass));
    BOOST_TEST(r.message == "good.dll: fine; bad.dll: not applicable: no such callout");
    r = fold_case(names, {result(Status::not_applicable, "n/a 1"), result(Status::not_applicable, "n/a 2")});
    BOOST_TEST((r.status == Status::not_applicable));
    BOOST_TEST(r.message == "good.dll: n/a 1; bad.dll: n/a 2");
}

BOOST_AUTO_TEST_CASE(lists_fold_case_by_case_in_suite_order) {
    auto with_id = [](CaseResult r, std::string id) {
        r.id = std::move(id);
        return r;
    };
    std::vector<std::vector<CaseResult>> per_dll{
        {with_id(result(Status::pass, "a1"), "first"), with_id(result(Status::pass, "a2"), "second")},
        {with_id(result(Status::fail, "b2"), "second"), with_id(result(Status::pass, "b1"), "first"),
         with_id(result(Status::pass, "b3"), "third")}};
    std::vector<CaseResult> folded = fold_chain(names, per_dll);
    BOOST_REQUIRE(folded.size() == 3u);
    BOOST_TEST(folded[0].id == "first");
    BOOST_TEST((folded[0].status == Status::pass));
    BOOST_TEST(folded[1].id == "second");
    BOOST_TEST(folded[1].message == "bad.dll: b2");
    BOOST_TEST(folded[2].id == "third");  // only bad.dll had it: its own result
    BOOST_TEST(folded[2].message == "b3");
}

BOOST_AUTO_TEST_CASE(dlls_that_cannot_form_a_chain_are_named) {
    std::vector<Subject> fine{subject("/x/a.dll"), subject("/y/b.dll")};
    BOOST_TEST(!chain_problem(fine));
    std::vector<Subject> twice{subject("/x/a.dll"), subject("/y/a.dll")};
    auto p = chain_problem(twice);
    BOOST_REQUIRE(p);
    BOOST_TEST(p->file == "/y/a.dll");
    BOOST_TEST(mentions(p->problem, "/x/a.dll"), p->problem);
    std::vector<Subject> mixed{subject("/x/a.dll"), subject("/x/b.dll", PE_MACHINE_I386)};
    p = chain_problem(mixed);
    BOOST_REQUIRE(p);
    BOOST_TEST(p->file == "/x/b.dll");
    BOOST_TEST(mentions(p->problem, "i686"), p->problem);
    BOOST_TEST(mentions(p->problem, "a.dll"), p->problem);
}

BOOST_AUTO_TEST_CASE(labels_name_every_dll_in_registry_order) {
    std::vector<Subject> chain{subject("/x/a.dll"), subject("/y/b.dll")};
    BOOST_TEST(subjects_label(chain) == "a.dll + b.dll");
    BOOST_TEST(subjects_label(std::span<const Subject>(chain.data(), 1)) == "a.dll");
}

// The suite API on a chain of two PE DLLs exporting no callout, static
// cases only: one folded result per case naming both, both subjects in the
// report; w2000 (one admin DLL, MULTI-1) refuses the chain.
BOOST_AUTO_TEST_CASE(suite_api_checks_every_dll_of_a_chain) {
    const auto dir = std::filesystem::temp_directory_path();
    const std::filesystem::path a = dir / "rasconform-chain-a.dll", b = dir / "rasconform-chain-b.dll";
    const auto pe = rasconform::pe_test::build_test_pe();
    for (const auto& file : {a, b}) {
        std::ofstream out(file, std::ios::binary);
        out.write(reinterpret_cast<const char*>(pe.bytes.data()), static_cast<std::streamsize>(pe.bytes.size()));
    }
    std::vector<Subject> chain{load_dll(a), load_dll(b)};
    SuiteOptions o;
    o.cases = {"export.required"};
    o.dynamic_cases = false;
    SuiteRun run = run_suite(chain, o);
    BOOST_REQUIRE(run.results.size() == 1u);
    BOOST_TEST((run.results[0].status == Status::fail));
    BOOST_TEST(run.results[0].message.starts_with("rasconform-chain-a.dll"), run.results[0].message);
    BOOST_TEST(mentions(run.results[0].message, "; rasconform-chain-b.dll"), run.results[0].message);
    Report report = make_report(run);
    BOOST_REQUIRE(report.subjects.size() == 2u);
    BOOST_TEST(report.subjects[1].file_name == "rasconform-chain-b.dll");
    BOOST_TEST(mentions(render_reports({&report, 1}, "text", false), "rasconform-chain-b.dll"));

    o.subject = 1;  // the agent's --subject: that DLL's own results
    run = run_suite(chain, o);
    BOOST_REQUIRE(run.results.size() == 1u);
    BOOST_TEST(!mentions(run.results[0].message, "rasconform-chain-a.dll"), run.results[0].message);
    BOOST_TEST(run.subjects.size() == 2u);
    o.subject = 2;
    BOOST_CHECK_THROW(run_suite(chain, o), SuiteError);

    o.subject.reset();
    o.profile = "w2000";
    try {
        run_suite(chain, o);
        BOOST_ERROR("w2000 ran a chain");
    } catch (const SuiteError& e) {
        BOOST_TEST(e.file == "w2000");
        BOOST_TEST(mentions(e.problem, "MULTI-1"), e.problem);
    }
    o.profile = "ws2022";
    std::vector<Subject> twice{chain[0], chain[0]};
    BOOST_CHECK_THROW(run_suite(twice, o), SuiteError);
    std::filesystem::remove(a);
    std::filesystem::remove(b);
}

#ifndef _WIN32
// Native mode: two shared objects as one chain, in this process. The one
// whose connection callouts throw is named; the correct one never is.
BOOST_AUTO_TEST_CASE(native_chain_names_only_the_faulting_shared_object) {
    const char* good = std::getenv("RASCONFORM_NATIVE_SUBJECT");
    const char* bad = std::getenv("RASCONFORM_NATIVE_SUBJECT_THROWS");
    BOOST_REQUIRE(good && bad);
    SuiteOptions o;
    o.static_cases = false;
    SuiteRun run = run_suite(std::vector<Subject>{load_dll(good), load_dll(bad)}, o);
    const std::string good_name = std::filesystem::path(good).filename().string();
    const std::string bad_name = std::filesystem::path(bad).filename().string();
    const CaseResult* no_fault = run.find("robust.no-fault");
    BOOST_REQUIRE(no_fault);
    BOOST_TEST((no_fault->status == Status::fail));
    BOOST_TEST(no_fault->message.starts_with(bad_name), no_fault->message);
    for (const CaseResult& r : run.results)
        if (r.status == Status::fail || r.status == Status::error)
            BOOST_TEST(!mentions(r.message, good_name), r.id << ": " << r.message);
    BOOST_TEST(run.subjects.size() == 2u);
}

// A chain's report (two subjects) in a certification bundle: the
// certificate names and hashes both DLLs, verify accepts both; merge reads
// it back as one run, apart from a report of one of its DLLs alone, and
// names the chain when it is given twice.
BOOST_AUTO_TEST_CASE(bundles_and_merge_take_a_chain_report) {
    const MustPassList* list = find_mustpass(latest_mustpass_version(), "ws2022");
    BOOST_REQUIRE(list);
    char tmpl[] = "/tmp/rasconform-chain-test-XXXXXX";
    const std::filesystem::path dir = mkdtemp(tmpl);
    Report chain_report, alone;
    chain_report.profile = alone.profile = "ws2022";
    std::vector<std::pair<std::string, std::string>> hashes;
    for (const char* name : {"a.dll", "b.dll"}) {
        const std::string bytes = std::string("MZ pretend admin DLL ") + name;
        std::ofstream(dir / name, std::ios::binary) << bytes;
        Subject s{dir / name, name, sha256_hex(std::as_bytes(std::span(bytes.data(), bytes.size()))), {}, {}, {}};
        s.pe.machine = PE_MACHINE_AMD64;
        chain_report.subjects.push_back(s);
        hashes.emplace_back((dir / name).string(), s.sha256);
    }
    alone.subjects = {chain_report.subjects.front()};
    for (const CaseInfo& c : all_cases()) {
        chain_report.cases.push_back(result_for(c, Status::pass, "a.dll: fine; b.dll: fine"));
        alone.cases.push_back(result_for(c, Status::pass, "fine"));
    }
    BundleFiles files = make_bundle({chain_report}, *list, Host{"Linux test", "wine (test)"}, RunnerOptions{});
    seal(files);
    const nlohmann::json certificate = nlohmann::json::parse(files.at("certificate.json"));
    BOOST_TEST(certificate["verdict"] == "certified");
    BOOST_REQUIRE(certificate["subjects"].size() == 2u);
    BOOST_TEST(certificate["subjects"][1]["sha256"] == hashes[1].second);
    BOOST_TEST(certificate["subjects"][1]["file"] == "b.dll");
    Verification v = verify_bundle(files, hashes);
    BOOST_TEST(v.problems.empty());
    BOOST_TEST(v.unusable.empty());

    // A must-pass case failing in the chain is a shortfall naming both DLLs.
    chain_report.cases.front().status = Status::fail;
    const auto missing = shortfalls(to_json(chain_report), *list);
    BOOST_REQUIRE(!missing.empty());
    BOOST_TEST(mentions(missing.front(), "a.dll, b.dll"), missing.front());

    std::ofstream(dir / "chain.json") << json_text(to_json(chain_report));
    std::ofstream(dir / "alone.json") << json_text(to_json(alone));
    ReportMerge merged = merge_json_reports({dir / "chain.json", dir / "alone.json"});
    BOOST_TEST(merged.problems.empty());
    BOOST_REQUIRE(merged.reports.size() == 2u);
    BOOST_TEST(merged.reports[0].subjects.size() == 2u);
    const std::string text = render_reports(merged.reports, "text", false);
    BOOST_TEST(mentions(text, "a.dll + b.dll (ws2022)"), text);
    BOOST_TEST(mentions(text, "verdict: FAIL"), text);
    merged = merge_json_reports({dir / "chain.json", dir / "chain.json"});
    BOOST_REQUIRE(merged.problems.size() == 1u);
    BOOST_TEST(mentions(merged.problems.front(), "a.dll + b.dll under ws2022"), merged.problems.front());
    std::filesystem::remove_all(dir);
}
#endif

BOOST_AUTO_TEST_SUITE_END()
