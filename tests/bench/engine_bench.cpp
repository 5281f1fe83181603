// Engine benchmarks (Google Benchmark; `meson test --benchmark`, never a
// timed test): the cost of a full connection lifecycle and the memory the
// engine keeps per live connection (target <= 1 KB, structures built on demand).
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>

#include "mock/service.hpp"
#include "mock/stub_admin_dll.hpp"

using namespace rasconform;

namespace {

// Resident set size in bytes, from /proc (Linux).
std::size_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * 4096;
}

ConnectionModel model() {
    ConnectionModel m;
    m.links.push_back(LinkModel{});
    return m;
}

void lifecycle(benchmark::State& state) {
    mock::StubAdminDll dll(mock::StubAdminDll::Policy::accept_all);
    mock::Service service({&dll});
    service.start();
    const ConnectionModel m = model();
    for (auto _ : state) {
        mock::ConnectResult r = service.connect(m);
        service.hang_up(r.connection);
    }
    state.counters["lifecycles/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(lifecycle);

// Live connections held at once; the trace is what a run keeps for its
// report, so it is measured separately (bytes per callout).
void live_connection_memory(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    for (auto _ : state) {
        mock::StubAdminDll dll(mock::StubAdminDll::Policy::accept_all);
        mock::Service service({&dll});
        service.start();
        const ConnectionModel m = model();
        std::size_t before = resident_bytes();
        for (std::size_t i = 0; i < n; ++i) service.connect(m);
        std::size_t after = resident_bytes();
        // Both figures include the trace of the connects; the estimate of the
        // trace's own share (its array; argument strings come on top) is reported beside.
        double grown = double(after) - double(before);
        double trace_array = double(service.trace().capacity() * sizeof(TraceEvent));
        state.counters["rss bytes/connection"] = grown / double(n);
        state.counters["engine bytes/connection"] = (grown - trace_array) / double(n);
        state.counters["trace events/connection"] = double(service.trace().size()) / double(n);
        state.PauseTiming();
        service.stop();
        state.ResumeTiming();
    }
}
BENCHMARK(live_connection_memory)->Arg(10000)->Arg(100000)->Arg(1000000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
