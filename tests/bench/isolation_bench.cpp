// What each isolation mode costs per dynamic case under Wine (issue 5; goal:
// a process per case <= 15 ms). Google Benchmark with manual time: each
// iteration runs the whole dynamic suite on the reference DLL through the
// Linux tool and reports the mean wall time of one case, as the agent
// measured it (loads and host processes included, Wine's start-up not).
// Run with `meson test --benchmark`; never part of the test run.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

// Mean per-case wall time in seconds of the dynamic cases of one run, or a
// negative value when the run failed.
double mean_case_seconds(const std::string& isolation) {
    const std::string cmd = "'" + env("RASCONFORM_EXE") + "' check '" + env("RASCONFORM_EXAMPLE_DLL") +
                            "' --format json " + isolation + " 2>/dev/null";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
    if (!pipe) return -1;
    std::string out;
    char buf[65536];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe.get())) > 0;) out.append(buf, n);
    nlohmann::json report = nlohmann::json::parse(out, nullptr, false);
    if (!report.is_object() || report.value("verdict", "") != "pass") return -1;
    double total_ms = 0;
    int cases = 0;
    for (const auto& c : report.at("cases"))
        if (!c.at("trace").empty()) {  // the dynamic ones
            total_ms += c.value("duration_ms", 0.0);
            ++cases;
        }
    return cases ? total_ms / 1000.0 / cases : -1;
}

void per_case(benchmark::State& state, const std::string& isolation) {
    for (auto _ : state) {
        const double seconds = mean_case_seconds(isolation);
        if (seconds < 0) {
            state.SkipWithError("rasconform check failed: set RASCONFORM_EXE, RASCONFORM_EXAMPLE_DLL and a Wine prefix");
            return;
        }
        state.SetIterationTime(seconds);
    }
}

}  // namespace

BENCHMARK_CAPTURE(per_case, in_process, std::string("--isolate none"))->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(per_case, process_per_chain, std::string("--isolate chain"))->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(per_case, process_per_case, std::string("--isolate case"))->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
