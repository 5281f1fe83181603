// The rasconform command line. The same source builds the Linux tool (static
// cases here, dynamic cases in the agent under Wine) and rasconform.exe
// (everything in-process on Windows, and the agent itself under Wine).
//
// Exit status: 0 conformant, 1 not conformant, 2 unusable input or usage.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "conformance/dynamic_runner.hpp"
#include "conformance/report.hpp"
#include "conformance/suite.hpp"
#include "conformance/terminal.hpp"
#include "rasconform/rules.hpp"
#include "rasconform/sha256.hpp"
#include "rasconform/version.hpp"

namespace fs = std::filesystem;
using namespace rasconform;
using namespace rasconform::conformance;

namespace {

constexpr int exit_conformant = 0;
constexpr int exit_not_conformant = 1;
constexpr int exit_unusable = 2;

// Bad input: one line naming the file and the problem.
int unusable(const std::string& file, const std::string& problem) {
    std::fprintf(stderr, "rasconform: %s: %s\n", file.c_str(), problem.c_str());
    return exit_unusable;
}

struct CheckOptions {
    std::string dll;
    std::string format = "text";
    std::string output;
    std::string profile = std::string(default_profile().name);
    bool dynamic_only = false;
    RunnerOptions runner;
};

// Reads and vets the subject; an empty optional means the error was printed.
std::optional<Subject> load_subject(const std::string& file, int& status) {
    status = exit_unusable;
    std::error_code ec;
    if (!fs::exists(file, ec)) return unusable(file, "file not found"), std::nullopt;
    if (fs::is_directory(file, ec)) return unusable(file, "is a directory, not a DLL"), std::nullopt;
    std::ifstream in(file, std::ios::binary);
    if (!in) return unusable(file, "cannot be read"), std::nullopt;
    std::vector<char> chars((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto bytes = std::as_bytes(std::span(chars.data(), chars.size()));
    PeParseResult parsed = parse_pe(bytes);
    if (!parsed.image) return unusable(file, parsed.error), std::nullopt;
    const PeImage& pe = *parsed.image;
    if (pe.machine != PE_MACHINE_AMD64 && pe.machine != PE_MACHINE_I386)
        return unusable(file, fmt::format("unsupported machine {}: RRAS loads x86_64 (and, on old servers, i686) "
                                          "admin DLLs",
                                          machine_name(pe.machine))),
               std::nullopt;
    if (!pe.is_dll) return unusable(file, "is a PE executable, not a DLL (IMAGE_FILE_DLL not set)"), std::nullopt;
    status = 0;
    return Subject{file, fs::path(file).filename().string(), sha256_hex(bytes), pe};
}

int write_out(const std::string& text, const std::string& output) {
    if (output.empty()) {
        std::fwrite(text.data(), 1, text.size(), stdout);
        return 0;
    }
    std::ofstream out(output, std::ios::binary);
    if (!out) return unusable(output, "cannot write the report");
    out << text;
    return out ? 0 : unusable(output, "cannot write the report");
}

int check(const CheckOptions& o) {
    const Profile* profile = find_profile(o.profile);
    if (!profile) return unusable(o.profile, "unknown profile (see rasconform list --profiles)");
    int status = 0;
    std::optional<Subject> subject = load_subject(o.dll, status);
    if (!subject) return status;

    Report report;
    report.profile = std::string(profile->name);
    report.subjects.push_back(*subject);
    if (!o.dynamic_only) report.cases = run_static_cases(*subject, *profile);
    DynamicRun dyn = run_dynamic(*subject, *profile, o.runner);
    report.cases.insert(report.cases.end(), dyn.results.begin(), dyn.results.end());

    std::string text = o.format == "json" ? to_json(report).dump(2) + "\n"
                                          : to_text(report, o.output.empty() && stdout_is_terminal());
    if (int e = write_out(text, o.output)) return e;
    if (!dyn.fatal.empty()) {
        std::fprintf(stderr, "rasconform: %s\n", dyn.fatal.c_str());
        return exit_unusable;
    }
    return conformant(report) ? exit_conformant : exit_not_conformant;
}

int list(const std::string& format) {
    if (format == "json") {
        nlohmann::json cases = nlohmann::json::array();
        for (const CaseInfo& c : all_cases()) {
            std::vector<std::string> rules(c.rules.begin(), c.rules.end());
            cases.push_back({{"id", c.id},
                             {"kind", c.kind == CaseKind::static_ ? "static" : "dynamic"},
                             {"rules", rules},
                             {"summary", c.summary}});
        }
        nlohmann::json rules = nlohmann::json::array();
        for (const Rule& r : rule_catalog())
            rules.push_back({{"id", r.id}, {"tags", r.tags}, {"summary", r.summary}});
        nlohmann::json profiles = nlohmann::json::array();
        for (const Profile& p : rasconform::profiles())
            profiles.push_back({{"name", p.name}, {"windows", to_string(p.version)}});
        std::cout << nlohmann::json{{"schema", 1}, {"cases", cases}, {"rules", rules}, {"profiles", profiles}}.dump(2)
                  << "\n";
        return 0;
    }
    std::cout << "cases:\n";
    for (const CaseInfo& c : all_cases())
        std::cout << fmt::format("  {:<32} {:<7} [{}]\n      {}\n", c.id,
                                 c.kind == CaseKind::static_ ? "static" : "dynamic", fmt::join(c.rules, ", "),
                                 c.summary);
    std::cout << "profiles:\n";
    for (const Profile& p : rasconform::profiles())
        std::cout << fmt::format("  {:<10} {}{}\n", p.name, to_string(p.version),
                                 &p == &default_profile() ? " (default)" : "");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"rasconform: certify a Windows RAS administration DLL against the MprAdmin* callout contract"};
    app.set_version_flag("--version", fmt::format("rasconform {}", version));
    app.require_subcommand(1);

    CheckOptions co;
    CLI::App* check_cmd = app.add_subcommand("check", "run the conformance suite on an admin DLL");
    check_cmd->add_option("dll", co.dll, "the admin DLL (PE, x86_64 or i686)")->required();
    check_cmd->add_option("--format", co.format, "report format")->check(CLI::IsMember({"text", "json"}));
    check_cmd->add_option("--output", co.output, "write the report to FILE instead of standard output");
    check_cmd->add_option("--profile", co.profile, "Windows version to emulate (rasconform list)");
#ifndef _WIN32
    check_cmd->add_option("--wine-prefix", co.runner.wine_prefix,
                          "Wine prefix for the dynamic cases (default $XDG_CACHE_HOME/rasconform/wineprefix)");
    check_cmd->add_option("--agent", co.runner.agent, "the MinGW-built rasconform.exe that runs the dynamic cases");
#endif
    check_cmd->add_option("--timeout", co.runner.timeout_seconds, "seconds the dynamic run may take")
        ->check(CLI::PositiveNumber);
    // Used by the Linux tool when it runs this executable as its agent.
    check_cmd->add_flag("--dynamic-only", co.dynamic_only)->group("");

    std::string list_format = "text";
    CLI::App* list_cmd = app.add_subcommand("list", "list the cases, rules and profiles");
    list_cmd->add_option("--format", list_format, "output format")->check(CLI::IsMember({"text", "json"}));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : exit_unusable;
    }
    try {
        if (*check_cmd) return check(co);
        if (*list_cmd) return list(list_format);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rasconform: internal error: %s\n", e.what());
        return exit_unusable;
    }
    return exit_unusable;
}
