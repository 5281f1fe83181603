// `rasconform certify` and `rasconform verify` (issue 6): a certification
// bundle is the evidence that DLLs met a profile's must-pass list, in a
// directory or one tar archive:
//
//   certificate.json  tool, version and git commit, profile, must-pass list
//                     version and cases, host (OS, Wine), each subject (SHA-256,
//                     size, PE machine, timestamp, exports, the inspection),
//                     and the verdict with every shortfall
//   report.json       the check report (schema 1; one run per DLL: "runs")
//   report.txt        the same for people
//   manifest.json     the SHA-256 and size of every other file
//
// manifest.json covers every other file and nothing covers it: it detects
// damage and edits of the covered files, but whoever rewrites the manifest
// as well goes unnoticed. Publish the manifest's (or the tar's) SHA-256, or
// sign it, where that matters.
//
// Linux only: it needs libarchive and libcrypto, which the MinGW build has not.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "conformance/dynamic_runner.hpp"
#include "conformance/mustpass.hpp"
#include "conformance/report.hpp"

namespace rasconform::conformance {

// Set at build time from `git describe` (vcs_tag); "unknown" outside a git checkout.
extern const char* const git_commit;

// Lower-case hex SHA-256 (OpenSSL libcrypto).
std::string sha256_of(std::string_view bytes);

// A bundle in memory: name inside the bundle ('/'-separated) -> content.
using BundleFiles = std::map<std::string, std::string>;

inline constexpr std::string_view manifest_name = "manifest.json";
inline constexpr std::string_view certificate_name = "certificate.json";
inline constexpr std::string_view report_json_name = "report.json";

struct Host {
    std::string os;    // "Linux 6.1.0-18-amd64 x86_64"
    std::string wine;  // `wine --version`, "unknown" without Wine
};
Host this_host();

// What keeps the runs from certifying under `list`, one line each
// ("x.dll: must-pass case C has no result"); empty when they certify.
// Reads report JSON (a single report or {"runs": [...]}), so certify and
// verify judge the same document the same way.
std::vector<std::string> shortfalls(const nlohmann::json& report, const MustPassList& list);

// Every file of a bundle except the manifest, for finished reports (one per
// subject, all under `list`'s profile). Reads each subject's file again for
// its size and SHA-256.
BundleFiles make_bundle(const std::vector<Report>& reports, const MustPassList& list, const Host& host,
                        const RunnerOptions& runner);
// Adds manifest.json over every other file.
void seal(BundleFiles& files);

// Writes a directory, or a tar archive when `out` ends in ".tar"; "" or one
// line naming the problem.
std::string write_bundle(const BundleFiles& files, const std::filesystem::path& out);

struct BundleRead {
    std::optional<BundleFiles> files;
    std::string problem;  // when files is empty: why `path` is not a readable bundle
};
// A directory or an archive libarchive reads (tar, compressed or not).
BundleRead read_bundle(const std::filesystem::path& path);

struct Verification {
    std::vector<std::string> problems;  // "FILE: what is wrong", FILE inside the bundle
    std::string unusable;               // set when the bundle cannot be judged at all
};
// Integrity against the manifest, completeness against the embedded
// must-pass list, consistency of certificate and report, and that each
// given DLL (name, SHA-256) is a subject of the bundle.
Verification verify_bundle(const BundleFiles& files,
                           const std::vector<std::pair<std::string, std::string>>& dll_hashes);

struct CertifyOptions {
    std::vector<std::string> dlls;
    // The DLLs as one chain (one DLLPath, registry order; conformance/chain.hpp):
    // one run judging each of them, instead of each certified on its own.
    bool chain = false;
    std::string profile;
    std::string output;
    RunnerOptions runner;
};
// The commands: messages to stdout/stderr, the exit status back
// (0 certified / valid, 1 not certified / invalid, 2 unusable input).
int certify(const CertifyOptions& options);
int verify(const std::string& bundle, const std::vector<std::string>& dlls);

}  // namespace rasconform::conformance
