// End to end: `rasconform certify` on the example DLL (dynamic cases under
// Wine) into a directory and a tar archive, `rasconform verify` on both, then
// on copies tampered with in every way the verifier must name.
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "e2e_scratch.hpp"

#include "rasconform/sha256.hpp"

namespace fs = std::filesystem;
using rasconform::test::env;
using rasconform::test::quote;
using rasconform::test::scratch;
using nlohmann::json;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spit(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

struct ToolRun {
    int exit_status = -1;
    std::string out, err;
};

ToolRun run_tool(const std::string& args) {
    static int n = 0;
    const fs::path out = scratch() / ("stdout" + std::to_string(++n)), err = scratch() / ("stderr" + std::to_string(n));
    const std::string cmd =
        quote(env("RASCONFORM_EXE")) + " " + args + " >" + quote(out.string()) + " 2>" + quote(err.string());
    const int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

fs::path example_dll() { return env("RASCONFORM_EXAMPLE_DLL"); }

// Each bundle is made once (a real run takes 20-60 s) and only copies are tampered with.
const fs::path& certified(const std::string& name) {
    static std::map<std::string, fs::path> made;
    auto it = made.find(name);
    if (it == made.end()) {
        const fs::path out = scratch() / name;
        const ToolRun r =
            run_tool("certify " + quote(example_dll().string()) + " --profile ws2022 -o " + quote(out.string()));
        BOOST_TEST_REQUIRE(r.exit_status == 0, "certify exited " << r.exit_status << ": " << r.out << r.err);
        it = made.emplace(name, out).first;
    }
    return it->second;
}

fs::path copy_of(const fs::path& bundle, const std::string& name) {
    const fs::path to = scratch() / name;
    fs::copy(bundle, to, fs::copy_options::recursive);
    return to;
}

ToolRun verify(const fs::path& bundle, const std::string& dlls = "") {
    return run_tool("verify " + quote(bundle.string()) + (dlls.empty() ? "" : " " + dlls));
}

std::string sha256(const std::string& s) {
    return rasconform::sha256_hex(std::as_bytes(std::span(s.data(), s.size())));
}

}  // namespace

// Before static destruction: scratch() keeps its path in a static.

BOOST_AUTO_TEST_SUITE(certify)

BOOST_AUTO_TEST_CASE(directory_bundle_holds_the_evidence_and_verifies) {
    const fs::path& dir = certified("bundle");
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    BOOST_TEST(names == (std::vector<std::string>{"certificate.json", "manifest.json", "report.html", "report.json", "report.txt"}),
               boost::test_tools::per_element());

    const json c = json::parse(slurp(dir / "certificate.json"));
    const std::string dll = slurp(example_dll());
    BOOST_TEST(c["verdict"] == "certified");
    BOOST_TEST(c["profile"] == "ws2022");
    BOOST_TEST(c["mustpass"]["version"] == 2);
    BOOST_TEST(c["mustpass"]["cases"].size() == 33u);
    BOOST_TEST(c["subjects"].size() == 1u);
    BOOST_TEST(c["subjects"][0]["sha256"] == sha256(dll));
    BOOST_TEST(c["subjects"][0]["size"] == dll.size());
    BOOST_TEST(c["subjects"][0]["machine"] == "x86_64");
    BOOST_TEST(c["subjects"][0]["exports"].size() > 4u);
    BOOST_TEST(c["host"]["wine"].get<std::string>().rfind("wine-", 0) == 0u, c["host"]["wine"]);
    // This test runs from a git checkout: a 40-digit commit, perhaps "-dirty".
    BOOST_TEST(c["tool"]["commit"].get<std::string>().size() >= 40u, c["tool"]["commit"]);
    const json report = json::parse(slurp(dir / "report.json"));
    BOOST_TEST(report["verdict"] == "pass");
    BOOST_TEST(report["cases"].size() == 37u);
    const json m = json::parse(slurp(dir / "manifest.json"));
    BOOST_TEST(m["files"]["report.json"]["sha256"] == sha256(slurp(dir / "report.json")));

    ToolRun r = verify(dir);
    BOOST_TEST(r.exit_status == 0, r.out << r.err);
    BOOST_TEST(r.out.find("valid") != std::string::npos, r.out);
    r = verify(dir, quote(example_dll().string()));
    BOOST_TEST(r.exit_status == 0, r.out << r.err);
}

BOOST_AUTO_TEST_CASE(tar_bundle_verifies) {
    const fs::path& tar = certified("bundle.tar");
    BOOST_TEST(fs::is_regular_file(tar));
    const ToolRun r = verify(tar, quote(example_dll().string()));
    BOOST_TEST(r.exit_status == 0, r.out << r.err);
}

BOOST_AUTO_TEST_CASE(changed_byte_in_the_report) {
    const fs::path b = copy_of(certified("bundle"), "changed");
    std::string report = slurp(b / "report.json");
    const std::size_t at = report.find("\"profile\": \"ws2022\"");
    BOOST_TEST_REQUIRE(at != std::string::npos);
    report[at + 12] = 'x';  // "ws2022" -> "xs2022"
    spit(b / "report.json", report);
    const ToolRun r = verify(b);
    BOOST_TEST(r.exit_status == 1, r.out << r.err);
    BOOST_TEST(r.out.find("report.json: changed: its SHA-256 is") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(changed_byte_inside_the_tar) {
    const fs::path tar = scratch() / "changed.tar";
    fs::copy_file(certified("bundle.tar"), tar);
    std::string bytes = slurp(tar);
    // Only report.json says this ("tool" is an object in certificate.json).
    const std::size_t at = bytes.find("\"tool\": \"rasconform\"");
    BOOST_TEST_REQUIRE(at != std::string::npos);
    bytes[at + 11] = 'R';
    spit(tar, bytes);
    const ToolRun r = verify(tar);
    BOOST_TEST(r.exit_status == 1, r.out << r.err);
    BOOST_TEST(r.out.find("report.json: changed") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(deleted_file) {
    const fs::path b = copy_of(certified("bundle"), "deleted");
    fs::remove(b / "report.txt");
    const ToolRun r = verify(b);
    BOOST_TEST(r.exit_status == 1, r.out << r.err);
    BOOST_TEST(r.out.find("report.txt: listed in manifest.json but missing") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(added_file) {
    const fs::path b = copy_of(certified("bundle"), "added");
    spit(b / "waiver.txt", "case robust.no-fault: waived\n");
    const ToolRun r = verify(b);
    BOOST_TEST(r.exit_status == 1, r.out << r.err);
    BOOST_TEST(r.out.find("waiver.txt: not listed in manifest.json") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(different_dll) {
    const fs::path other = fs::path(env("RASCONFORM_WIN_SUBJECTS")) / "good_full.dll";
    const ToolRun r = verify(certified("bundle"), quote(example_dll().string()) + " " + quote(other.string()));
    BOOST_TEST(r.exit_status == 1, r.out << r.err);
    BOOST_TEST(r.out.find(other.string() + ": matches no subject of the bundle") != std::string::npos, r.out);
    BOOST_TEST(r.out.find(example_dll().string() + ":") == std::string::npos, r.out);
}

// Integrity alone is not enough: a report without a must-pass case, with
// the manifest made to match, is incomplete.
BOOST_AUTO_TEST_CASE(report_without_a_must_pass_case) {
    const fs::path b = copy_of(certified("bundle"), "incomplete");
    json report = json::parse(slurp(b / "report.json"));
    auto& cases = report["cases"];
    cases.erase(
        std::remove_if(cases.begin(), cases.end(), [](const json& c) { return c["id"] == "robust.bounded-resources"; }),
        cases.end());
    const std::string text = report.dump(2) + "\n";
    spit(b / "report.json", text);
    json m = json::parse(slurp(b / "manifest.json"));
    m["files"]["report.json"] = {{"sha256", sha256(text)}, {"size", text.size()}};
    spit(b / "manifest.json", m.dump(2));
    const ToolRun r = verify(b);
    BOOST_TEST(r.exit_status == 1, r.out << r.err);
    BOOST_TEST(r.out.find("must-pass case robust.bounded-resources has no result (incomplete)") != std::string::npos,
               r.out);
    BOOST_TEST(r.out.find("changed") == std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(unusable_input) {
    ToolRun r = verify(scratch() / "absent");
    BOOST_TEST(r.exit_status == 2);
    BOOST_TEST(r.err.find("no such file or directory") != std::string::npos, r.err);
    r = verify(example_dll());  // a file, but no archive
    BOOST_TEST(r.exit_status == 2);
    BOOST_TEST(r.err.find("not a bundle") != std::string::npos, r.err);
    r = verify(certified("bundle"), quote((scratch() / "absent.dll").string()));
    BOOST_TEST(r.exit_status == 2);
    BOOST_TEST(r.err.find("absent.dll: file not found") != std::string::npos, r.err);
    // Refused before anything runs.
    r = run_tool("certify " + quote(example_dll().string()) + " --profile ws2099 -o " +
                 quote((scratch() / "never").string()));
    BOOST_TEST(r.exit_status == 2);
    BOOST_TEST(r.err == "rasconform: ws2099: unknown profile (see rasconform list)\n");
    BOOST_TEST(!fs::exists(scratch() / "never"));
    r = run_tool("certify " + quote(example_dll().string()) + " -o " + quote(certified("bundle").string()));
    BOOST_TEST(r.exit_status == 2);
    BOOST_TEST(r.err.find("is not empty") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
