// Certification bundles without Wine: reports made up here, bundles written
// to directories and tar archives, read back, and verified after tampering.
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "conformance/certify.hpp"
#include "conformance/suite.hpp"
#include "rasconform/sha256.hpp"

namespace fs = std::filesystem;
using namespace rasconform;
using namespace rasconform::conformance;
using nlohmann::json;

namespace {

struct Scratch {
    fs::path dir;
    Scratch() {
        char tmpl[] = "/tmp/rasconform-bundle-test-XXXXXX";
        dir = mkdtemp(tmpl);
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

const MustPassList& ws2022() {
    const MustPassList* l = find_mustpass(latest_mustpass_version(), "ws2022");
    BOOST_TEST_REQUIRE(l != nullptr);
    return *l;
}

// A subject file (its bytes need not be a PE image here) and a report that
// meets `list`, every case but `skip`, with `status` for `odd` if given.
Report report_for(const fs::path& dll, const MustPassList& list, const std::string& skip = "",
                  const std::string& odd = "", Status status = Status::pass) {
    const std::string bytes = "MZ pretend admin DLL " + dll.filename().string();
    std::ofstream(dll, std::ios::binary) << bytes;
    Subject s{dll, dll.filename().string(), sha256_hex(std::as_bytes(std::span(bytes.data(), bytes.size()))), {}, {}, {}};
    s.pe.machine = PE_MACHINE_AMD64;
    s.pe.timestamp = 1700000000;
    Report r;
    r.profile = list.profile;
    r.subjects.push_back(s);
    for (const CaseInfo& c : all_cases()) {
        if (c.id == skip) continue;
        CaseResult cr = result_for(c, c.id == odd ? status : Status::pass, "made up");
        r.cases.push_back(cr);
    }
    return r;
}

BundleFiles sealed(const std::vector<Report>& reports, const MustPassList& list) {
    BundleFiles files = make_bundle(reports, list, Host{"Linux test", "wine-8.0 (test)"}, RunnerOptions{});
    seal(files);
    return files;
}

bool mentions(const std::vector<std::string>& lines, const std::string& a, const std::string& b = "") {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) {
        return l.find(a) != std::string::npos && l.find(b) != std::string::npos;
    });
}

std::string joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += l + "\n";
    return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bundle)

BOOST_AUTO_TEST_CASE(sha256_is_the_standard_one) {
    BOOST_TEST(sha256_of("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(sha256_of("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // The subjects' hashes in reports come from core's implementation: they must agree.
    const std::string data(1000, 'x');
    BOOST_TEST(sha256_of(data) == sha256_hex(std::as_bytes(std::span(data.data(), data.size()))));
}

BOOST_AUTO_TEST_CASE(certificate_states_the_facts) {
    Scratch s;
    const BundleFiles files = sealed({report_for(s.dir / "a.dll", ws2022())}, ws2022());
    BOOST_TEST(files.size() == 5u);  // certificate, manifest, JSON, text, HTML
    for (const char* name : {"manifest.json", "certificate.json", "report.json", "report.txt"})
        BOOST_TEST(files.count(name) == 1u, name);
    const json c = json::parse(files.at("certificate.json"));
    BOOST_TEST(c["verdict"] == "certified");
    BOOST_TEST(c["profile"] == "ws2022");
    BOOST_TEST(c["mustpass"]["version"] == latest_mustpass_version());
    BOOST_TEST(c["mustpass"]["cases"] == json(ws2022().cases));
    BOOST_TEST(c["tool"]["commit"].get<std::string>() == git_commit);
    BOOST_TEST(c["host"]["wine"] == "wine-8.0 (test)");
    const json& subject = c["subjects"].at(0);
    const std::string bytes = "MZ pretend admin DLL a.dll";
    BOOST_TEST(subject["sha256"] == sha256_of(bytes));
    BOOST_TEST(subject["size"] == bytes.size());
    BOOST_TEST(subject["machine"] == "x86_64");
    BOOST_TEST(subject["timestamp"] == 1700000000);
    BOOST_TEST(subject["timestamp_utc"] == "2023-11-14T22:13:20Z");
    const json m = json::parse(files.at("manifest.json"));
    BOOST_TEST(m["files"].size() == 4u);
    BOOST_TEST(!m["files"].contains("manifest.json"));
    BOOST_TEST(m["files"]["report.json"]["sha256"] == sha256_of(files.at("report.json")));
    BOOST_TEST(verify_bundle(files, {}).problems.empty(), joined(verify_bundle(files, {}).problems));
}

BOOST_AUTO_TEST_CASE(round_trip_through_directory_and_tar) {
    Scratch s;
    const BundleFiles files = sealed({report_for(s.dir / "a.dll", ws2022())}, ws2022());
    for (const fs::path& out : {s.dir / "bundle", s.dir / "bundle.tar"}) {
        BOOST_TEST_CONTEXT(out) {
            BOOST_TEST_REQUIRE(write_bundle(files, out) == "");
            BOOST_TEST(fs::is_directory(out) == (out.extension() != ".tar"));
            const BundleRead back = read_bundle(out);
            BOOST_TEST_REQUIRE(back.files.has_value(), back.problem);
            BOOST_TEST((*back.files == files));
        }
    }
    // An archive of the bundle's folder, as `tar` makes it, reads the same.
    const std::string tar = "tar -C " + s.dir.string() + " -czf " + (s.dir / "folder.tar.gz").string() + " bundle";
    BOOST_TEST_REQUIRE(std::system(tar.c_str()) == 0);
    const BundleRead folder = read_bundle(s.dir / "folder.tar.gz");
    BOOST_TEST_REQUIRE(folder.files.has_value(), folder.problem);
    BOOST_TEST((*folder.files == files));
    // Not twice into the same directory: the old files would sit in it unlisted.
    BOOST_TEST(write_bundle(files, s.dir / "bundle").find("not empty") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(tampering_is_named) {
    Scratch s;
    const BundleFiles good = sealed({report_for(s.dir / "a.dll", ws2022())}, ws2022());

    BundleFiles changed = good;
    std::string& report = changed["report.json"];
    report[report.find("made up")] = 'w';  // still valid JSON, one byte off
    auto p = verify_bundle(changed, {}).problems;
    BOOST_TEST(p.size() == 1u, joined(p));
    BOOST_TEST(mentions(p, "report.json: changed"), joined(p));

    BundleFiles deleted = good;
    deleted.erase("report.txt");
    p = verify_bundle(deleted, {}).problems;
    BOOST_TEST(mentions(p, "report.txt: listed in manifest.json but missing"), joined(p));

    BundleFiles added = good;
    added["notes.txt"] = "trust me";
    p = verify_bundle(added, {}).problems;
    BOOST_TEST(p.size() == 1u, joined(p));
    BOOST_TEST(mentions(p, "notes.txt: not listed in manifest.json"), joined(p));

    // The DLL itself: the right one passes, another one is named.
    const std::string bytes = "MZ pretend admin DLL a.dll";
    BOOST_TEST(verify_bundle(good, {{"a.dll", sha256_of(bytes)}}).problems.empty());
    p = verify_bundle(good, {{"other.dll", sha256_of("MZ other")}}).problems;
    BOOST_TEST(p.size() == 1u, joined(p));
    BOOST_TEST(mentions(p, "other.dll: matches no subject"), joined(p));
}

// A report edited and the manifest sealed again passes the integrity check;
// the must-pass list still catches the missing case.
BOOST_AUTO_TEST_CASE(resealed_report_without_a_must_pass_case_is_incomplete) {
    Scratch s;
    BundleFiles files = sealed({report_for(s.dir / "a.dll", ws2022())}, ws2022());
    json report = json::parse(files["report.json"]);
    auto& cases = report["cases"];
    cases.erase(std::remove_if(cases.begin(), cases.end(), [](const json& c) { return c["id"] == "robust.no-fault"; }),
                cases.end());
    files["report.json"] = report.dump(2);
    seal(files);
    const auto p = verify_bundle(files, {}).problems;
    BOOST_TEST(mentions(p, "report.json: a.dll: must-pass case robust.no-fault has no result (incomplete)"), joined(p));
    BOOST_TEST(mentions(p, "certificate.json: says certified"), joined(p));
}

BOOST_AUTO_TEST_CASE(failed_or_missing_cases_do_not_certify) {
    Scratch s;
    BundleFiles failed =
        sealed({report_for(s.dir / "a.dll", ws2022(), "", "robust.clean-unload", Status::fail)}, ws2022());
    json c = json::parse(failed.at("certificate.json"));
    BOOST_TEST(c["verdict"] == "not certified");
    BOOST_TEST(c["shortfalls"].size() == 1u);
    auto p = verify_bundle(failed, {}).problems;
    BOOST_TEST(mentions(p, "report.json: a.dll: must-pass case robust.clean-unload is fail"), joined(p));
    BOOST_TEST(mentions(p, "certificate.json: the verdict is \"not certified\""), joined(p));

    // A warning on the case that may only warn does not matter; not-applicable meets a case.
    BundleFiles warned =
        sealed({report_for(s.dir / "b.dll", ws2022(), "", "robust.prompt-callouts", Status::warning)}, ws2022());
    BOOST_TEST(json::parse(warned.at("certificate.json"))["verdict"] == "certified");
    BundleFiles na =
        sealed({report_for(s.dir / "c.dll", ws2022(), "", "ex.callback-table", Status::not_applicable)}, ws2022());
    BOOST_TEST(json::parse(na.at("certificate.json"))["verdict"] == "certified");
    BundleFiles errored =
        sealed({report_for(s.dir / "d.dll", ws2022(), "", "robust.no-fault", Status::error)}, ws2022());
    BOOST_TEST(json::parse(errored.at("certificate.json"))["verdict"] == "not certified");

    BundleFiles incomplete = sealed({report_for(s.dir / "e.dll", ws2022(), "export.required")}, ws2022());
    c = json::parse(incomplete.at("certificate.json"));
    BOOST_TEST(c["verdict"] == "not certified");
    BOOST_TEST(c["shortfalls"].at(0).get<std::string>().find("export.required has no result") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(several_subjects_are_each_certified) {
    Scratch s;
    const BundleFiles files = sealed({report_for(s.dir / "a.dll", ws2022()),
                                      report_for(s.dir / "b.dll", ws2022(), "", "robust.no-fault", Status::fail)},
                                     ws2022());
    const json report = json::parse(files.at("report.json"));
    BOOST_TEST(report["runs"].size() == 2u);
    const auto p = verify_bundle(files, {}).problems;
    BOOST_TEST(mentions(p, "b.dll: must-pass case robust.no-fault is fail"), joined(p));
    BOOST_TEST(!mentions(p, "a.dll: must-pass"), joined(p));
}

BOOST_AUTO_TEST_CASE(what_is_not_a_bundle) {
    Scratch s;
    BOOST_TEST(read_bundle(s.dir / "absent").problem == "no such file or directory");
    std::ofstream(s.dir / "text.txt") << "just text\n";
    BOOST_TEST(read_bundle(s.dir / "text.txt").problem.find("not a bundle") == 0u,
               read_bundle(s.dir / "text.txt").problem);
    fs::create_directory(s.dir / "empty");
    BOOST_TEST(read_bundle(s.dir / "empty").problem == "not a bundle: it has no manifest.json");

    // A certificate naming a list this binary lacks cannot be judged.
    BundleFiles files = sealed({report_for(s.dir / "a.dll", ws2022())}, ws2022());
    json c = json::parse(files["certificate.json"]);
    c["mustpass"]["version"] = 99;
    files["certificate.json"] = c.dump();
    seal(files);
    BOOST_TEST(verify_bundle(files, {}).unusable.find("must-pass list 99/ws2022") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
