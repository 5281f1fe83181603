#include "conformance/bench/engine_figures.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace rasconform::bench {
namespace {

// Keeps every run; prints nothing (the figures are printed instead).
class Collector final : public benchmark::BenchmarkReporter {
public:
    bool ReportContext(const Context&) override { return true; }
    void ReportRuns(const std::vector<Run>& runs) override { runs_.insert(runs_.end(), runs.begin(), runs.end()); }
    const std::vector<Run>& runs() const { return runs_; }

private:
    std::vector<Run> runs_;
};

double counter(const benchmark::BenchmarkReporter::Run& r, const char* name) {
    auto it = r.counters.find(name);
    return it == r.counters.end() ? 0.0 : double(it->second);
}

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

constexpr std::size_t million = 1000000;

}  // namespace

std::vector<Figure> engine_figures(const EngineBenchmarkPlan& plan) {
    register_engine_benchmarks(plan);
    Collector collector;
    benchmark::RunSpecifiedBenchmarks(&collector);
    benchmark::ClearRegisteredBenchmarks();

    std::vector<double> direct, engine;           // seconds per lifecycle, one per round
    std::map<int, double> by_threads;              // lifecycles/s
    std::map<std::size_t, const benchmark::BenchmarkReporter::Run*> by_count;
    std::vector<std::string> errors;
    for (const auto& r : collector.runs()) {
        const std::string name = r.benchmark_name();
        if (r.error_occurred) {
            errors.push_back(name + ": " + r.error_message);
            continue;
        }
        const double rate = counter(r, "lifecycles/s");
        if (starts_with(name, "direct_lifecycle/") && rate > 0) direct.push_back(1.0 / rate);
        else if (starts_with(name, "engine_lifecycle/") && rate > 0) engine.push_back(1.0 / rate);
        else if (starts_with(name, "engine_lifecycle_threads")) by_threads[static_cast<int>(r.threads)] = rate;
        else if (starts_with(name, "live_connections/"))
            by_count[static_cast<std::size_t>(counter(r, "live"))] = &r;
    }

    std::vector<Figure> out;
    const std::string failed = errors.empty() ? "no run" : fmt::format("{}", fmt::join(errors, "; "));
    if (direct.empty() || engine.empty()) {
        out.push_back(not_taken("dispatch.ratio", "dispatch cost per callout, fast mode vs direct call", Verdict::error, failed));
        out.push_back(not_taken("lifecycles.per-second", "full lifecycles per second, one core", Verdict::error, failed));
    } else {
        // The least disturbed round of each: the machine is shared, and
        // interference only ever adds time.
        const double d = *std::min_element(direct.begin(), direct.end());
        const double e = *std::min_element(engine.begin(), engine.end());
        Figure ratio{"dispatch.ratio", "dispatch cost per callout, in-process fast mode vs the direct call", e / d, "x",
                     Target{Target::Bound::at_most, 1.5},
                     fmt::format("engine {:.0f} ns, direct {:.0f} ns per callout (arguments built and the function "
                                 "called through its pointer); best of {} interleaved rounds",
                                 e / callouts_per_lifecycle * 1e9, d / callouts_per_lifecycle * 1e9, engine.size())};
        out.push_back(judged(ratio));
        Figure rate{"lifecycles.per-second",
                    "full lifecycles per second on one core (Get IP, accept, link, link hang-up, hang-up, release)",
                    1.0 / e, "lifecycles/s", Target{Target::Bound::at_least, 300000},
                    fmt::format("trivial in-process DLL, trace off, serialization on; {:.2f} us per lifecycle", e * 1e6)};
        out.push_back(judged(rate));
    }
    const double one = by_threads.count(1) ? by_threads[1] : 0;
    for (int t : plan.threads) {
        const std::string id = fmt::format("scaling.threads-{}", t);
        const std::string title = fmt::format("lifecycles per second with {} driver thread{} on one service", t,
                                              t == 1 ? "" : "s");
        if (!by_threads.count(t)) {
            out.push_back(not_taken(id, title, Verdict::error, failed));
            continue;
        }
        out.push_back(judged({id, title, by_threads[t], "lifecycles/s", std::nullopt,
                              one > 0 ? fmt::format("{:.2f}x one thread; callouts serialized as RRAS does "
                                                    "(SERIAL-1..3)",
                                                    by_threads[t] / one)
                                      : std::string()}));
    }
    for (std::size_t n : plan.live_connections) {
        const std::string id = fmt::format("memory.connections-{}", n);
        const std::string title = fmt::format("engine heap per live connection with {} up", n);
        if (!by_count.count(n)) {
            out.push_back(not_taken(id, title, Verdict::error, failed));
            continue;
        }
        const auto& r = *by_count[n];
        out.push_back(judged({id, title, counter(r, "bytes/connection"), "B/connection", std::nullopt,
                              fmt::format("{:.1f} MB resident, ramp-up {:.2f} s", counter(r, "resident MB"),
                                          counter(r, "ramp-up s"))}));
    }
    // The targets: per connection at the largest count measured, and the million.
    const std::string per_title = "engine memory per live connection (structures built per call, never stored)";
    if (by_count.empty()) {
        out.push_back(not_taken("memory.per-connection", per_title, Verdict::error, failed));
    } else {
        const auto& [n, r] = *by_count.rbegin();
        out.push_back(judged({"memory.per-connection", per_title, counter(*r, "bytes/connection"), "B/connection",
                              Target{Target::Bound::at_most, 1024},
                              fmt::format("heap bytes in use (glibc mallinfo2) grown over {} connections", n)}));
    }
    const std::string resident_title = "resident size with 1,000,000 connections up in one process";
    const std::string ramp_title = "time to bring 1,000,000 connections up";
    if (!by_count.count(million)) {
        const std::string why = "not measured (1,000,000 is not among the counts of this run; --quick?)";
        out.push_back(not_taken("memory.million", resident_title, Verdict::skipped, why));
        out.push_back(not_taken("rampup.million", ramp_title, Verdict::skipped, why));
    } else {
        const auto& r = *by_count[million];
        out.push_back(judged({"memory.million", resident_title, counter(r, "resident MB"), "MB",
                              Target{Target::Bound::at_most, 2048}, "the whole process: engine, trivial DLL, runtime"}));
        out.push_back(judged({"rampup.million", ramp_title, counter(r, "ramp-up s"), "s",
                              Target{Target::Bound::at_most, 10},
                              "Get IP, accept and first link for each, one thread, trace off"}));
    }
    return out;
}

}  // namespace rasconform::bench
