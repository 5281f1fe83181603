#include "conformance/bench/engine_benchmarks.hpp"

#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <fstream>
#include <malloc.h>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "conformance/bench/trivial_admin_dll.hpp"
#include "mock/call_arguments.hpp"
#include "mock/serializing_gate.hpp"
#include "mock/service.hpp"

namespace rasconform::bench {
namespace {

// Heap bytes in use (glibc): exact, where resident size would hide growth
// in memory an earlier benchmark freed.
std::size_t heap_bytes() {
    const struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

// Resident set size in bytes (Linux /proc).
std::size_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * 4096;
}

// The in-process fast mode of the figures: no trace kept (only calls that
// did not return), the trivial DLL called in place, no guard pages.
mock::Options fast_mode() {
    mock::Options o;
    o.record_every_call = false;
    return o;
}

// The irreducible part: for each callout of the lifecycle, build exactly the
// arguments the engine builds (mock::CallArguments, the same code) and call
// the function through its pointer.
void direct_lifecycle(benchmark::State& state) {
    TrivialAdminDll dll;
    ConnectionModel m = lifecycle_model();
    m.handle = 0xDEAD000000000004ull;
    m.interface_handle = 0xDEAD000000000008ull;
    m.links.front().port_handle = 0xDEAD00000000000Cull;
    const LinkModel& link = m.links.front();
    struct Step {
        Callout callout;
        const LinkModel* link;
    };
    const std::array<Step, callouts_per_lifecycle> steps{{{Callout::GetIpAddressForUser, &link},
                                                          {Callout::AcceptNewConnection, nullptr},
                                                          {Callout::AcceptNewLink, &link},
                                                          {Callout::LinkHangupNotification, &link},
                                                          {Callout::ConnectionHangupNotification, nullptr},
                                                          {Callout::ReleaseIpAddress, &link}}};
    std::array<void*, callouts_per_lifecycle> fn{};
    for (std::size_t i = 0; i < steps.size(); ++i) fn[i] = dll.resolve(info(steps[i].callout).name);
    for (auto _ : state) {
        for (std::size_t i = 0; i < steps.size(); ++i) {
            mock::CallArguments a(info(steps[i].callout), m, steps[i].link);
            benchmark::DoNotOptimize(invoke_callout(info(steps[i].callout), fn[i], a.pointers()));
        }
    }
    state.counters["lifecycles/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}

void engine_lifecycle(benchmark::State& state) {
    TrivialAdminDll dll;
    mock::Service service({&dll}, fast_mode());
    mock::SerializingGate serialization;
    if (!service.start().started) {
        state.SkipWithError("the trivial DLL did not start");
        return;
    }
    service.set_gate(&serialization);
    const ConnectionModel m = lifecycle_model();
    for (auto _ : state) {
        mock::ConnectResult r = service.connect(m);
        service.hang_up(r.connection);
    }
    service.set_gate(nullptr);
    service.stop();
    state.counters["lifecycles/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}

// N threads, one service: thread 0 sets it up before the loop and tears it
// down after (Google Benchmark holds the other threads at the loop's start
// and end until all are there).
struct SharedService {
    TrivialAdminDll dll;
    mock::Service service{{&dll}, fast_mode()};
    mock::SerializingGate serialization;
};
std::unique_ptr<SharedService> shared;

void engine_lifecycle_threads(benchmark::State& state) {
    if (state.thread_index() == 0) {
        shared = std::make_unique<SharedService>();
        shared->service.start();
        shared->service.set_gate(&shared->serialization);
    }
    const ConnectionModel m = lifecycle_model();
    for (auto _ : state) {
        mock::ConnectResult r = shared->service.connect(m);
        shared->service.hang_up(r.connection);
    }
    if (state.thread_index() == 0) {
        shared->service.set_gate(nullptr);
        shared->service.stop();
        shared.reset();
    }
    state.counters["lifecycles/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}

// N live connections at once: what the engine keeps per connection (heap
// bytes grown / N; structures are built per call, never stored) and the time
// to bring them all up.
void live_connections(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    for (auto _ : state) {
        TrivialAdminDll dll;
        mock::Service service({&dll}, fast_mode());
        service.start();
        const ConnectionModel m = lifecycle_model();
        const std::size_t before = heap_bytes();
        const auto t0 = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < n; ++i) service.connect(m);
        const std::chrono::duration<double> ramp = std::chrono::steady_clock::now() - t0;
        const std::size_t after = heap_bytes();
        state.counters["bytes/connection"] = (double(after) - double(before)) / double(n);
        state.counters["ramp-up s"] = ramp.count();
        state.counters["resident MB"] = double(resident_bytes()) / (1024.0 * 1024.0);
        state.counters["live"] = double(service.live_connections());
        state.PauseTiming();
        service.stop();
        state.ResumeTiming();
    }
}

}  // namespace

ConnectionModel lifecycle_model() {
    ConnectionModel m;
    m.links.push_back(LinkModel{});
    return m;
}

void register_engine_benchmarks(const EngineBenchmarkPlan& plan) {
    for (int k = 1; k <= plan.rounds; ++k) {
        benchmark::RegisterBenchmark(fmt::format("direct_lifecycle/round:{}", k).c_str(), direct_lifecycle)
            ->MinTime(plan.min_time_seconds);
        benchmark::RegisterBenchmark(fmt::format("engine_lifecycle/round:{}", k).c_str(), engine_lifecycle)
            ->MinTime(plan.min_time_seconds);
    }
    for (int t : plan.threads)
        benchmark::RegisterBenchmark("engine_lifecycle_threads", engine_lifecycle_threads)
            ->Threads(t)
            ->UseRealTime()
            ->MinTime(plan.min_time_seconds);
    for (std::size_t n : plan.live_connections)
        benchmark::RegisterBenchmark("live_connections", live_connections)
            ->Arg(static_cast<std::int64_t>(n))
            ->Iterations(1)
            ->Unit(benchmark::kMillisecond);
}

}  // namespace rasconform::bench
