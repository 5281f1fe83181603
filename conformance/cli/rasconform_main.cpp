// The rasconform command line. The same source builds the Linux tool (static
// cases here, dynamic cases in the agent under Wine) and rasconform.exe
// (everything in-process on Windows, and the agent itself under Wine).
//
// Exit status: 0 conformant, 1 not conformant, 2 unusable input or usage.
#include <cstdio>
#include <filesystem>
#include <optional>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>

#include <CLI/CLI.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "conformance/cli/command_line.hpp"
#include "conformance/cli/progress.hpp"
#include "conformance/cli/terminal.hpp"
#ifdef RASCONFORM_BENCH
#include "rasconform/bench.hpp"
#endif
#include "rasconform/catalog.hpp"
#include "rasconform/deployment.hpp"
#include "rasconform/utf8_path.hpp"
#ifdef RASCONFORM_CERTIFY
#include "rasconform/certify.hpp"
#endif
#include "rasconform/fuzz.hpp"
#include "rasconform/inspect.hpp"
#include "rasconform/profile.hpp"
#include "rasconform/report.hpp"
#include "rasconform/simulate.hpp"
#include "rasconform/stress.hpp"
#include "rasconform/suite.hpp"
#include "rasconform/version.hpp"

namespace fs = std::filesystem;
using namespace rasconform;
using namespace rasconform::cli;

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
    std::vector<std::string> dlls;  // one DLLPath, in registry order
    std::string format = "text";
    std::string output;
    std::string profile = std::string(default_profile().name);
    std::string baseline;
    bool dynamic_only = false;
    std::string only_case;  // the agent's --case
    std::optional<std::size_t> subject;  // the agent's --subject: the DLL of the chain it judges
    RunnerOptions runner;
};

int write_out(const std::string& text, const std::string& output) {
    if (output.empty()) {
        std::fwrite(text.data(), 1, text.size(), stdout);
        return 0;
    }
    std::ofstream out(path_from_utf8(output), std::ios::binary);
    if (!out) return unusable(output, "cannot write the report");
    out << text;
    return out ? 0 : unusable(output, "cannot write the report");
}

// The suite through the public API (rasconform/suite.hpp), once per profile,
// the DLLs loaded once; rendering, the baseline and the exit status here.
// Several DLLs are one chain (one DLLPath, registry order): every case
// judges each of them and the report lists them all.
int check(const CheckOptions& o) {
    std::vector<const Profile*> chosen;
    if (o.profile == "all") {
        for (const Profile& p : profiles()) {
            // MULTI-1: a profile that loads one admin DLL has no chains.
            if (o.dlls.size() > 1 && !p.multiple_dlls) {
                std::fprintf(stderr, "rasconform: %s left out: it loads a single admin DLL [MULTI-1]\n",
                             std::string(p.name).c_str());
                continue;
            }
            chosen.push_back(&p);
        }
    } else if (const Profile* p = find_profile(o.profile)) {
        chosen.push_back(p);
    } else {
        return unusable(o.profile, "unknown profile (see rasconform list)");
    }
    std::optional<Baseline> baseline;
    if (!o.baseline.empty()) {
        BaselineLoad b = load_baseline(path_from_utf8(o.baseline));
        if (!b.baseline) {
            std::fprintf(stderr, "rasconform: %s\n", b.error.c_str());
            return exit_unusable;
        }
        baseline = std::move(b.baseline);
    }
    std::vector<Subject> chain;
    try {
        for (const std::string& dll : o.dlls) chain.push_back(load_dll(path_from_utf8(dll)));
    } catch (const SuiteError& e) {
        return unusable(e.file, e.problem);
    }
    const std::string chain_name = subjects_label(chain);
    const std::size_t judged = o.subject ? 1 : chain.size();

    std::vector<Report> reports;
    std::string fatal;
    std::size_t static_count = 0, dynamic_count = 0;
    for (const CaseInfo& c : all_cases()) {
        if (!o.only_case.empty() && c.id != o.only_case) continue;
        ++(c.kind == CaseKind::static_ ? static_count : dynamic_count);
    }
    if (o.dynamic_only) static_count = 0;
    dynamic_count *= judged;  // a chain's dynamic cases run once per DLL
    Progress progress((static_count + dynamic_count) * chosen.size(), stderr_is_terminal());
    for (const Profile* profile : chosen) {
        const std::size_t base = reports.size() * (static_count + dynamic_count);
        const std::string label =
            chosen.size() > 1 ? fmt::format("{} ({})", chain_name, profile->name) : chain_name;
        SuiteOptions suite;
        suite.profile = std::string(profile->name);
        suite.static_cases = !o.dynamic_only;
        if (!o.only_case.empty()) suite.cases = {o.only_case};
        suite.subject = o.subject;
        suite.runner = o.runner;
        // Case by case, also from an agent under Wine (its progress file).
        suite.on_progress = [&](std::size_t index, std::size_t count, std::string_view what) {
            progress.show(base + index, count, what, label);
        };
        SuiteRun run;
        try {
            run = run_suite(chain, suite);
        } catch (const SuiteError& e) {
            progress.done();
            return unusable(e.file, e.problem);
        }
        if (!run.fatal.empty()) fatal = run.fatal;
        Report report = make_report(std::move(run));
        if (baseline) {
            apply(*baseline, report);
            report.baseline = baseline->file;
        }
        reports.push_back(std::move(report));
    }
    progress.done();
    if (int e = write_out(render_reports(reports, o.format, o.output.empty() && stdout_is_terminal()), o.output)) return e;
    if (!fatal.empty()) {
        std::fprintf(stderr, "rasconform: %s\n", fatal.c_str());
        return exit_unusable;
    }
    for (const Report& r : reports)
        if (!conformant(r)) return exit_not_conformant;
    return exit_conformant;
}

struct MergeOptions {
    std::vector<std::string> reports;
    std::string format = "text";
    std::string output;
};

// A CI matrix's JSON reports as one document. An unreadable file or a run
// given twice is named on one line and the rest still merge; the exit
// status is then 2, else the verdict over every run.
int merge(const MergeOptions& o) {
    std::vector<std::filesystem::path> files(o.reports.begin(), o.reports.end());
    ReportMerge merged = merge_json_reports(files);
    for (const std::string& problem : merged.problems) std::fprintf(stderr, "rasconform: %s\n", problem.c_str());
    if (merged.reports.empty()) {
        std::fprintf(stderr, "rasconform: merge: no readable report among the %zu given\n", files.size());
        return exit_unusable;
    }
    if (int e = write_out(render_reports(merged.reports, o.format, o.output.empty() && stdout_is_terminal()),
                          o.output))
        return e;
    if (!merged.problems.empty()) return exit_unusable;
    for (const Report& r : merged.reports)
        if (!conformant(r)) return exit_not_conformant;
    return exit_conformant;
}

int run_simulate(const SimulateOptions& o) {
    SimulateRun r = simulate(o);
    if (!r.problem.empty()) {
        std::fprintf(stderr, "rasconform: %s\n", r.problem.c_str());
        return exit_unusable;
    }
    return write_out(r.output, o.output);
}

int list(const std::string& format, bool coverage) {
    if (coverage) return write_out(format == "json" ? coverage_json().dump(2) + "\n" : coverage_text(), "");
    return write_out(format == "json" ? catalog_json().dump(2) + "\n" : catalog_text(), "");
}

// A DLL's path as DLLPath holds it: absolute, as the process sees it (on
// Linux the agent is handed the Windows path and deploys that).
std::string deployed_path(const std::string& dll) {
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(path_from_utf8(dll), ec);
    return ec ? dll : path_to_utf8(absolute.lexically_normal());
}

// The options every command that runs DLLs shares.
void add_runner_options(CLI::App* cmd, RunnerOptions& runner) {
#ifndef _WIN32
    cmd->add_option("--wine-prefix", runner.wine_prefix,
                    "Wine prefix for running DLLs (default $XDG_CACHE_HOME/rasconform/wineprefix)");
    cmd->add_option("--agent", runner.agent, "the MinGW-built rasconform.exe that runs the DLLs");
#endif
    cmd->add_option("--display-name", runner.display_name,
                    "DisplayName of the run's HKLM\\SOFTWARE\\Microsoft\\RAS\\AdminDll key (default: the first "
                    "DLL's file name without its extension)");
    cmd->add_option("--registry", runner.registry_files,
                    "a regedit export (.reg) of the vendor's keys the DLL reads, applied to the run's registry "
                    "and gone after it; repeatable");
    cmd->add_option("--timeout", runner.timeout_seconds, "seconds the run may take")->check(CLI::PositiveNumber);
    cmd->add_option("--timeout-ms", runner.callout_budget_ms,
                    "milliseconds one callout may take before it counts as hung (ROBUST-2)")
        ->check(CLI::Range(10, 600000));
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"rasconform: certify a Windows RAS administration DLL against the MprAdmin* callout contract"};
    app.set_version_flag("--version", fmt::format("rasconform {}", version));
    app.require_subcommand(1);

    CheckOptions co;
    CLI::App* check_cmd = app.add_subcommand("check", "run the conformance suite on an admin DLL, or on several as one chain");
    check_cmd->add_option("dll", co.dlls,
                          "the admin DLL (PE, x86_64 or i686), or its Linux shared-object build (native mode); "
                          "several DLLs are checked as one DLLPath, in registry order")
        ->required();
    check_cmd->add_option("--format", co.format,
                          "report format: text, json (schema 1), junit (XML), sarif (2.1.0), html (one page)")
        ->check(CLI::IsMember(std::vector<std::string>(report_formats.begin(), report_formats.end())));
    check_cmd->add_option("--output", co.output, "write the report to FILE instead of standard output");
    check_cmd->add_option("--profile", co.profile, "Windows version to emulate (rasconform list), or all");
    check_cmd->add_option("--baseline", co.baseline,
                          "known failures with their reasons (TOML); they do not fail the verdict, an unexpected "
                          "pass does");
    add_runner_options(check_cmd, co.runner);
    check_cmd->add_option("--soak", co.runner.soak_connections,
                          "connection lifecycles of robust.bounded-resources (ROBUST-4), default 1000; measured "
                          "after a tenth of them and after all (the spec's figures: --soak 10000)")
        ->check(CLI::Range(1000, 1000000));
    check_cmd->add_option("--unload-grace-ms", co.runner.unload_grace_ms,
                          "milliseconds robust.clean-unload watches the process after unloading the DLL (ROBUST-3)")
        ->check(CLI::Range(0, 60000));
    check_cmd->add_option("--slow-ms", co.runner.slow_callout_ms,
                          "a callout taking longer draws a warning: RRAS serializes callouts (SERIAL-6), default 250")
        ->check(CLI::Range(1, 600000));
    // Used by the Linux tool when it runs this executable as its agent.
    check_cmd->add_flag("--dynamic-only", co.dynamic_only)->group("");
    check_cmd->add_option("--case", co.only_case)->group("");
    check_cmd->add_option("--subject", co.subject)->group("");
    check_cmd->add_option("--flight-recorder", co.runner.flight_recorder)->group("");
    check_cmd->add_option("--progress", co.runner.progress_file)->group("");
    const std::map<std::string, Isolation> isolations{
        {"none", Isolation::in_process}, {"chain", Isolation::chain}, {"case", Isolation::per_case}};
    CLI::Option* isolate_opt =
        check_cmd->add_option("--isolate", co.runner.isolation,
                              "where the DLL runs: chain = a host process per DLL chain (default), case = a fresh "
                              "host process per case, none = in rasconform's process, with guards")
            ->transform(CLI::CheckedTransformer(isolations));
    check_cmd->add_flag("--keep-going", co.runner.keep_going,
                        "where RRAS would not start the service (a required export missing, Init failing), start "
                        "it anyway and run every dynamic case, to see every problem in one run; the verdict stays "
                        "FAIL");
    check_cmd->add_flag("--reentry-faithful", co.runner.reentry_faithful,
                        "a RAS administration call from inside a callout blocks forever, as in RRAS (REENTRY-1), "
                        "instead of failing with ERROR_NOT_SUPPORTED; the hang is then cut off and named");
    check_cmd->add_flag_callback(
                 "--no-isolate", [&co] { co.runner.isolation = Isolation::debug; },
                 "in-process, no fault guard, no watchdog: for running rasconform.exe under winedbg or gdb")
        ->excludes(isolate_opt);

    SimulateOptions so;
    CLI::App* simulate_cmd = app.add_subcommand("simulate", "play a scenario file to admin DLLs and print the trace");
    CLI::Option* dll_opt = simulate_cmd->add_option("dll", so.dlls, "admin DLLs in registry order (LOAD-5)");
    simulate_cmd->add_flag("--installed", so.from_registry,
                           "take the DLLs from this machine's HKLM\\SOFTWARE\\Microsoft\\RAS\\AdminDll (DLLPath)")
        ->excludes(dll_opt);
    simulate_cmd->add_option("--scenario", so.scenario, "scenario file (TOML, see examples/scenarios)")->required();
    simulate_cmd->add_option("--profile", so.profile, "Windows version to emulate, or all");
    simulate_cmd->add_option("--format", so.format, "output format")->check(CLI::IsMember({"text", "json"}));
    simulate_cmd->add_option("--output", so.output, "write the trace to FILE instead of standard output");
    add_runner_options(simulate_cmd, so.runner);

    StressCommandOptions sto;
    CLI::App* stress_cmd = app.add_subcommand("stress", "many connections at once from a seed; reproducible");
    stress_cmd->add_option("dll", sto.dlls, "admin DLLs in registry order")->required();
    stress_cmd->add_option("--connections", sto.stress.connections, "connection lifecycles in total")
        ->check(CLI::PositiveNumber);
    stress_cmd->add_option("--threads", sto.stress.threads, "worker threads making the callouts")
        ->check(CLI::Range(1, 256));
    stress_cmd->add_option("--concurrency", sto.stress.concurrency, "connections alive at the same time")
        ->check(CLI::Range(1, 4096));
    stress_cmd->add_option("--seed", sto.stress.seed, "the interleaving; the same seed replays it");
    stress_cmd->add_option("--profile", sto.profile, "Windows version to emulate");
    stress_cmd->add_option("--format", sto.format, "output format")->check(CLI::IsMember({"text", "json"}));
    stress_cmd->add_option("--output", sto.output, "write the result to FILE");
    add_runner_options(stress_cmd, sto.runner);

    FuzzCommandOptions fo;
    CLI::App* fuzz_cmd = app.add_subcommand(
        "fuzz", "feed a DLL's callouts documented edge and range values from a seed; minimise and replay a failure "
                "(ROBUST-6)");
    fuzz_cmd->add_option("dll", fo.dll, "the admin DLL (PE x86_64, or a Linux shared object on Linux)")->required();
    fuzz_cmd->add_option("--seed", fo.plan.seed, "the inputs; the same seed gives the same inputs and findings");
    fuzz_cmd->add_option("--iterations", fo.plan.iterations, "inputs to try, one connection each (default 200)")
        ->check(CLI::Range(1, 10000000));
    fuzz_cmd->add_option("--handles", fo.plan.handles,
                         "drawn (default): hConnection, hInterface and hPort take edge values too, 0 included "
                         "(ROBUST-6); engine: the engine's unique non-NULL handles only (Q-27's default)")
        ->transform(CLI::CheckedTransformer(std::map<std::string, FuzzHandles>{{"drawn", FuzzHandles::drawn},
                                                                                {"engine", FuzzHandles::engine}})
                        .description(""))
        ->option_text("drawn|engine");
    fuzz_cmd->add_option("--profile", fo.profile, "Windows version to emulate");
    fuzz_cmd->add_option("--format", fo.format, "output format")->check(CLI::IsMember({"text", "json"}));
    fuzz_cmd->add_option("--output", fo.output, "write the report to FILE instead of standard output");
    fuzz_cmd->add_option("--scenario-out", fo.scenario_out,
                         "write the scenario replaying a failure to FILE (for rasconform simulate) instead of into "
                         "the report");
    add_runner_options(fuzz_cmd, fo.runner);
    // Used by the Linux tool when it runs this executable as its agent.
    fuzz_cmd->add_flag("--raw", fo.raw)->group("");

    std::string inspect_dll, inspect_format = "text", inspect_output;
    CLI::App* inspect_cmd =
        app.add_subcommand("inspect", "what a DLL offers RRAS, from the file alone (exports, imports, risks, profiles)");
    inspect_cmd->add_option("dll", inspect_dll, "the admin DLL")->required();
    inspect_cmd->add_option("--format", inspect_format, "output format")->check(CLI::IsMember({"text", "json"}));
    inspect_cmd->add_option("--output", inspect_output, "write to FILE instead of standard output");

    MergeOptions mo;
    CLI::App* merge_cmd = app.add_subcommand(
        "merge", "combine JSON reports (rasconform check --format json), e.g. a CI matrix of DLLs x profiles, into one "
                 "report with one verdict");
    merge_cmd->add_option("reports", mo.reports, "JSON reports, each of one run or several")->required();
    merge_cmd->add_option("--format", mo.format, "report format: text, json, junit, sarif, html")
        ->check(CLI::IsMember(std::vector<std::string>(report_formats.begin(), report_formats.end())));
    merge_cmd->add_option("--output", mo.output, "write the report to FILE instead of standard output");

    std::string list_format = "text";
    CLI::App* list_cmd = app.add_subcommand("list", "list the cases, rules and profiles");
    list_cmd->add_option("--format", list_format, "output format")->check(CLI::IsMember({"text", "json"}));
    bool list_coverage = false;
    list_cmd->add_flag("--coverage", list_coverage, "the rules of the spec and the cases that check each");

#ifdef RASCONFORM_CERTIFY
    CertifyOptions certify_options;
    certify_options.profile = std::string(default_profile().name);
    CLI::App* certify_cmd =
        app.add_subcommand("certify", "run the suite and write a certification bundle (README.md, Certification)");
    certify_cmd->add_option("dll", certify_options.dlls, "the admin DLLs, each certified on its own")->required();
    certify_cmd->add_flag("--chain", certify_options.chain,
                          "certify the DLLs as one chain (one DLLPath, in registry order), as rasconform check A.dll "
                          "B.dll checks them");
    certify_cmd->add_option("--profile", certify_options.profile, "Windows version to certify for (rasconform list)");
    certify_cmd->add_option("-o,--output", certify_options.output, "bundle: a new or empty DIR, or FILE.tar")
        ->required();
    add_runner_options(certify_cmd, certify_options.runner);
    std::string bundle_path;
    std::vector<std::string> bundle_dlls;
    CLI::App* verify_cmd = app.add_subcommand(
        "verify", "check a certification bundle: integrity, must-pass completeness, and that DLLs are its subjects");
    verify_cmd->add_option("bundle", bundle_path, "bundle directory or .tar")->required();
    verify_cmd->add_option("dll", bundle_dlls, "DLLs that must each be a subject of the bundle");
#endif

#ifdef RASCONFORM_BENCH
    BenchOptions bo;
    CLI::App* bench_cmd = app.add_subcommand(
        "bench", "speed and memory figures of the engine and of whole runs, each with its target (README.md, Bench)");
    bench_cmd->add_option("--format", bo.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    bench_cmd->add_option("--output", bo.output, "write the figures to FILE instead of standard output");
    bench_cmd->add_option("--dll", bo.dll, "the PE DLL of the Wine figures (default: the bundled example DLL)");
    bench_cmd->add_flag("--quick", bo.quick,
                        "smaller sizes and fewer runs, to check the command rather than the machine");
    add_runner_options(bench_cmd, bo.runner);
#endif

#ifdef _WIN32
    // The arguments as UTF-8, from the wide command line: main's argv is in
    // the ANSI code page, which cannot hold "ü" in a path on most systems.
    std::vector<std::string> utf8_arguments = utf8_command_line();
    std::vector<char*> utf8_argv;
    for (std::string& a : utf8_arguments) utf8_argv.push_back(a.data());
    if (!utf8_argv.empty()) {
        argc = static_cast<int>(utf8_argv.size());
        argv = utf8_argv.data();
    }
#endif
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : exit_unusable;
    }
#ifdef _WIN32
    // The report file exists from here on: the Linux tool tells "Wine never
    // started this program" (a prefix that starts nothing) from "it started
    // and died" by it.
    for (CLI::App* command : app.get_subcommands())
        if (const CLI::Option* out = command->get_option_no_throw("--output"); out && out->count())
            std::ofstream(path_from_utf8(out->as<std::string>()), std::ios::app);
#endif
    // Deployment as installed: the run's AdminDll values and the vendor's
    // keys, for every command that loads DLLs. Windows: a registry view of
    // the run's own, for this process and its hosts, gone with `deployment`;
    // Linux: the .reg files are checked here and the agent builds the view.
    // `simulate --installed` plays the machine's own deployment.
    std::optional<DeploymentScope> deployment;
    auto deploy = [&](const std::vector<std::string>& dlls, const RunnerOptions& runner) {
        Deployment d{{}, runner.display_name, runner.registry_files};
        for (const std::string& dll : dlls) d.dll_paths.push_back(deployed_path(dll));
        deployment.emplace(d);
        return deployment->problem();
    };
    std::string deployment_problem;
    if (*check_cmd) deployment_problem = deploy(co.dlls, co.runner);
    if (*simulate_cmd && !so.from_registry) deployment_problem = deploy(so.dlls, so.runner);
    if (*stress_cmd) deployment_problem = deploy(sto.dlls, sto.runner);
    if (*fuzz_cmd) deployment_problem = deploy({fo.dll}, fo.runner);
#ifdef RASCONFORM_CERTIFY
    if (*certify_cmd) deployment_problem = deploy(certify_options.dlls, certify_options.runner);
#endif
#ifdef RASCONFORM_BENCH
    if (*bench_cmd) deployment_problem = deploy({}, bo.runner);
#endif
    if (!deployment_problem.empty()) {
        std::fprintf(stderr, "rasconform: %s\n", deployment_problem.c_str());
        return exit_unusable;
    }
    try {
        if (*check_cmd) return check(co);
#ifdef RASCONFORM_BENCH
        if (*bench_cmd) {
            bo.colour = bo.output.empty() && stdout_is_terminal();
            return run_bench(bo);
        }
#endif
#ifdef RASCONFORM_CERTIFY
        if (*certify_cmd) return certify(certify_options);
        if (*verify_cmd) return verify(bundle_path, bundle_dlls);
#endif
        if (*list_cmd) return list(list_format, list_coverage);
        if (*merge_cmd) return merge(mo);
        if (*inspect_cmd) {
            std::optional<Subject> subject;
            try {
                subject = load_dll(path_from_utf8(inspect_dll));
            } catch (const SuiteError& e) {
                return unusable(e.file, e.problem);
            }
            if (subject->shared_object())
                return unusable(inspect_dll, "is a Linux shared object; inspect reads PE DLLs (rasconform check runs "
                                             "shared objects in native mode)");
            nlohmann::json j = inspect(*subject);
            return write_out(inspect_format == "json" ? json_text(j) : inspect_text(j), inspect_output);
        }
        if (*stress_cmd) {
            CommandRun r = stress_command(sto);
            if (!r.problem.empty()) {
                std::fprintf(stderr, "rasconform: %s\n", r.problem.c_str());
                return exit_unusable;
            }
            if (int e = write_out(r.output, sto.output)) return e;
            return r.exit_status;
        }
        if (*fuzz_cmd) {
            FuzzRun r = fuzz_command(fo);
            if (!r.problem.empty()) {
                std::fprintf(stderr, "rasconform: %s\n", r.problem.c_str());
                return exit_unusable;
            }
            if (!fo.scenario_out.empty() && !r.scenario.empty()) {
                std::ofstream out(path_from_utf8(fo.scenario_out), std::ios::binary);
                if (!(out << r.scenario)) return unusable(fo.scenario_out, "cannot write the scenario");
            }
            if (int e = write_out(r.output, fo.output)) return e;
            return r.exit_status;
        }
        if (*simulate_cmd) {
            if (so.dlls.empty() && !so.from_registry) {
                std::fprintf(stderr, "rasconform: simulate: name the admin DLLs or pass --installed\n");
                return exit_unusable;
            }
            return run_simulate(so);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rasconform: internal error: %s\n", e.what());
        return exit_unusable;
    }
    return exit_unusable;
}
