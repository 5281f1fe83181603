#include "conformance/bench/suite_figures.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include <fmt/format.h>

#include "conformance/bench/trivial_admin_dll.hpp"
#include "conformance/suite.hpp"

namespace rasconform::bench {
namespace {

namespace fs = std::filesystem;
using conformance::CaseResult;
using conformance::Isolation;
using conformance::Status;
using Clock = std::chrono::steady_clock;

struct TimedRun {
    double seconds = 0;
    std::vector<CaseResult> dynamic;
    std::string problem;  // why the run does not count (no Wine, a case in error)
};

std::string tally(const std::vector<CaseResult>& results) {
    std::size_t pass = 0, not_applicable = 0, other = 0;
    for (const CaseResult& r : results) {
        if (r.status == Status::pass) ++pass;
        else if (r.status == Status::not_applicable) ++not_applicable;
        else ++other;
    }
    return fmt::format("{} cases: {} pass, {} not applicable, {} other", results.size(), pass, not_applicable, other);
}

// The suite as `rasconform check` runs it: static cases here, dynamic ones
// in the agent under Wine, timed from before the agent starts.
TimedRun timed_suite(const conformance::Subject& subject, conformance::RunnerOptions runner,
                     const Profile& profile = default_profile()) {
    TimedRun t;
    const auto t0 = Clock::now();
    std::vector<CaseResult> statics = runner.only_case.empty() ? conformance::run_static_cases(subject, profile)
                                                               : std::vector<CaseResult>{};
    conformance::DynamicRun dyn = conformance::run_dynamic(subject, profile, runner);
    t.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    t.dynamic = std::move(dyn.results);
    if (!dyn.fatal.empty()) t.problem = dyn.fatal;
    for (const CaseResult& r : t.dynamic)
        if (t.problem.empty() && r.status == Status::error) t.problem = r.id + ": " + r.message;
    return t;
}

const std::string all_profiles_title = "the default suite on one PE DLL under Wine in all the profiles, warm prefix";

// `rasconform check --profile all`: the suite once per profile, timed as one.
Figure all_profiles(const conformance::Subject& subject, const conformance::RunnerOptions& runner) {
    const std::string& title = all_profiles_title;
    double seconds = 0;
    std::size_t cases = 0;
    for (const Profile& p : profiles()) {
        TimedRun t = timed_suite(subject, runner, p);
        if (!t.problem.empty())
            return not_taken("suite.wine-all-profiles", title, Verdict::error, std::string(p.name) + ": " + t.problem);
        seconds += t.seconds;
        cases += t.dynamic.size();
    }
    return judged({"suite.wine-all-profiles", title, seconds, "s", Target{Target::Bound::at_most, 4.0},
                   fmt::format("{} profiles, {} dynamic case runs, as check --profile all runs them", profiles().size(),
                               cases)});
}

// ROBUST-4's soak alone (robust.bounded-resources) in the default isolation:
// complete connection lifecycles per second of the case's own wall time,
// the host's start and the DLL's load included.
Figure soak_rate(const conformance::Subject& subject, conformance::RunnerOptions runner) {
    const std::string title = "complete connection lifecycles per second under Wine, default isolation";
    runner.only_case = "robust.bounded-resources";
    TimedRun t = timed_suite(subject, runner);
    const CaseResult* soak = nullptr;
    for (const CaseResult& r : t.dynamic)
        if (r.id == runner.only_case) soak = &r;
    if (!t.problem.empty() || !soak || soak->status != Status::pass || soak->duration_ns == 0)
        return not_taken("soak.wine-lifecycles-per-second", title, Verdict::error,
                         !t.problem.empty() ? t.problem : "robust.bounded-resources did not pass");
    const double seconds = double(soak->duration_ns) / 1e9;
    return judged({"soak.wine-lifecycles-per-second", title, runner.soak_connections / seconds, "lifecycles/s",
                   Target{Target::Bound::at_least, 20000.0},
                   fmt::format("{} lifecycles (Get IP, accept, link, link hang-up, hang-up, release) in {:.3f} s",
                               runner.soak_connections, seconds)});
}

Figure native_suite() {
    const std::string title = "the dynamic suite on the native engine with an in-process test double";
    conformance::DynamicContext ctx{default_profile(), "trivial.dll", [] { return std::make_unique<TrivialAdminDll>(); }};
    const auto t0 = Clock::now();
    std::vector<CaseResult> results = conformance::run_dynamic_cases(ctx);
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    return judged({"suite.native", title, seconds, "s", Target{Target::Bound::at_most, 1.0}, tally(results)});
}

// A prefix of its own, created by the run and removed after it.
Figure first_run(const conformance::Subject& subject, conformance::RunnerOptions runner, const std::string& title) {
    std::string dir = (fs::temp_directory_path() / "rasconform-bench-prefix-XXXXXX").string();
    if (!mkdtemp(dir.data())) return not_taken("suite.wine-first-run", title, Verdict::error, "no temporary directory");
    const fs::path prefix = fs::path(dir) / "prefix";
    runner.wine_prefix = prefix.string();
    TimedRun t = timed_suite(subject, runner);
    std::system(fmt::format("WINEPREFIX='{}' wineserver -k >/dev/null 2>&1", prefix.string()).c_str());
    std::error_code ec;
    fs::remove_all(dir, ec);
    if (!t.problem.empty()) return not_taken("suite.wine-first-run", title, Verdict::error, t.problem);
    return judged({"suite.wine-first-run", title, t.seconds, "s", Target{Target::Bound::at_most, 12.0},
                   "prefix creation (wineboot) included, reported apart from the warm run"});
}

}  // namespace

std::vector<Figure> suite_figures(const SuiteBenchOptions& options) {
    std::vector<Figure> out;
    out.push_back(native_suite());

    const std::string first_title = "the same suite in a Wine prefix the run creates (first use)";
    const std::string warm_title = "the default suite on one PE DLL under Wine, warm prefix, starting Wine included";
    if (!options.subject) {
        for (const char* id : {"suite.wine-first-run", "suite.wine-warm", "suite.wine-all-profiles",
                               "soak.wine-lifecycles-per-second", "isolation.in-process", "isolation.chain",
                               "isolation.case", "isolation.case-overhead"})
            out.push_back(not_taken(id, std::string(id).rfind("suite.", 0) == 0 ? warm_title : "isolation cost",
                                    Verdict::error, "no PE DLL given (--dll)"));
        return out;
    }
    const conformance::Subject& subject = *options.subject;
    if (options.quick) {
        out.push_back(not_taken("suite.wine-first-run", first_title, Verdict::skipped, "not measured with --quick"));
    } else {
        out.push_back(first_run(subject, options.runner, first_title));
    }
    // Warm: the prefix exists (the untimed run makes sure of it).
    if (!options.quick) timed_suite(subject, options.runner);
    TimedRun warm = timed_suite(subject, options.runner);
    if (!warm.problem.empty()) {
        out.push_back(not_taken("suite.wine-warm", warm_title, Verdict::error, warm.problem));
        return out;
    }
    out.push_back(judged({"suite.wine-warm", warm_title, warm.seconds, "s", Target{Target::Bound::at_most, 1.5},
                          fmt::format("{} ({}); {}", subject.file_name, tally(warm.dynamic),
                                      "isolation: a host process per DLL chain (the default)")}));
    if (options.quick) {
        out.push_back(not_taken("suite.wine-all-profiles", all_profiles_title, Verdict::skipped,
                                "not measured with --quick"));
    } else {
        out.push_back(all_profiles(subject, options.runner));
    }
    out.push_back(soak_rate(subject, options.runner));

    // Each isolation mode over the same cases; --quick: one case.
    conformance::RunnerOptions runner = options.runner;
    if (options.quick) runner.only_case = "lifecycle.accepted-connection";
    struct Mode {
        Isolation isolation;
        const char* id;
        const char* title;
    };
    const Mode modes[] = {{Isolation::in_process, "isolation.in-process", "in the agent's process, with guards"},
                          {Isolation::chain, "isolation.chain", "a host process per DLL chain"},
                          {Isolation::per_case, "isolation.case", "a host process per case"}};
    std::map<Isolation, double> per_case;
    for (const Mode& m : modes) {
        runner.isolation = m.isolation;
        TimedRun t = timed_suite(subject, runner);
        const std::string title = fmt::format("wall time per dynamic case, {}", m.title);
        std::size_t ran = 0;
        for (const CaseResult& r : t.dynamic) ran += r.status != Status::not_applicable;
        if (!t.problem.empty() || ran == 0) {
            out.push_back(not_taken(m.id, title, Verdict::error, t.problem.empty() ? "no case ran" : t.problem));
            continue;
        }
        per_case[m.isolation] = t.seconds * 1000.0 / double(ran);
        out.push_back(judged({m.id, title, per_case[m.isolation], "ms/case", std::nullopt,
                              fmt::format("{:.2f} s for {} case{} that ran, Wine's start-up included", t.seconds, ran,
                                          ran == 1 ? "" : "s")}));
    }
    const std::string overhead_title = "what a host process per case adds to each case over in-process";
    if (per_case.count(Isolation::in_process) && per_case.count(Isolation::per_case))
        out.push_back(judged({"isolation.case-overhead", overhead_title,
                              per_case[Isolation::per_case] - per_case[Isolation::in_process], "ms/case",
                              Target{Target::Bound::at_most, 15.0},
                              "two fresh host processes per case (the DLL and its IP instance), started ahead "
                              "while the case before runs"}));
    else
        out.push_back(not_taken("isolation.case-overhead", overhead_title, Verdict::error, "a mode did not run"));
    return out;
}

}  // namespace rasconform::bench
