// ROBUST-4: resource use per connection is bounded. A soak of complete
// connection lifecycles (Get IP -> accept -> link -> link hang-up ->
// hang-up -> release) measures the process the DLL runs in (private bytes,
// handles, threads) after a warm-up, after a tenth of the lifecycles,
// halfway and after all of them (1,000 and 10,000 by default, as the spec's
// mock note says); growth from the tenth to the end, per connection, must
// stay within a small tolerance, and counts only when both halves of that
// span grew. The loop itself is mock::run_soak (mock/soak.hpp): it runs in
// the host process where the DLL lives when there is one.
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "conformance/scenario.hpp"
#include "conformance/suite.hpp"

namespace rasconform::conformance {
namespace {

// Tolerances, per connection torn down, between the two measurements.
// Private bytes: the process's heaps grow and shrink in whole pages and
// segments and keep free-list fragments of the harness's own (freed)
// per-call allocations; over 9,000 connections that noise stays far below
// 16 B a connection (144 KB), while the smallest heap block a DLL could keep
// per connection (its data plus the heap's header) is above it.
constexpr double private_bytes_tolerance = 16.0;
// Handles: a leak is a whole handle per connection (or per few); the system
// may open a handful lazily (thread-pool events, registry keys): one per 100
// connections leaves room for those and none for a leak.
constexpr double handle_tolerance = 0.01;
// Threads: the system thread pool may add a few workers of its own; one per
// 1,000 connections allows that, a thread kept per connection is far above.
constexpr double thread_tolerance = 0.001;
// Floors under those, whatever the connection count: heaps commit memory in
// steps of up to 64 KB, so one step is noise at any count; the system thread
// pool starts and keeps a worker or two, and opens a handle or a few with
// them. Growth up to a floor is never counted.
constexpr double private_bytes_floor = 64 * 1024;
constexpr double handle_floor = 8;
constexpr double thread_floor = 2;

// "10,000"
std::string grouped(std::uint64_t v) {
    std::string digits = std::to_string(v), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

CaseInfo bounded_resources() {
    CaseInfo c{"robust.bounded-resources", {"ROBUST-4"},
               "private bytes, handles and threads of the process hosting the DLL do not grow with the number of "
               "connections torn down (measured after a tenth of the --soak lifecycles, halfway and after all; growth "
               "must show in both halves)",
               CaseKind::dynamic, {}, {}};
    c.run_dynamic = [c](DynamicContext& ctx) {
        ScenarioSpec spec;
        spec.soak = mock::SoakPlan{ctx.soak_connections};
        // One process: every callout of the DLL lands in the one measured.
        spec.split = false;
        // The engine's own trace must not be growth of the process measured
        // (in-process mode it is the same process).
        spec.options.record_every_call = false;
        ScenarioOutcome o = run_scenario(ctx, std::move(spec));
        if (!o.start.started) return not_started(c, o);
        const std::vector<mock::SoakSample>& samples = o.soak.samples;
        std::string stopped;  // why the soak ended early
        if (o.soak.stopped_at) {
            const TraceEvent* fault = first_fault(o.trace, ctx.subject_name);
            stopped = fmt::format("the soak stopped at connection {}: {}", grouped(o.soak.stopped_at),
                                  fault ? fault_message(*fault) : std::string("a callout did not return"));
        }
        CaseResult r;
        if (!o.lost.empty()) {
            r = result_for(c, Status::error, o.lost);
        } else if (!samples.empty() && !samples.back().use.available) {
            const ResourceUse& u = samples.back().use;
            r = result_for(c, u.supported ? Status::error : Status::not_applicable,
                           u.supported ? "could not measure the process: " + u.not_available : u.not_available);
        } else if (!stopped.empty()) {
            // A fault is robust.no-fault's; growth needs complete lifecycles.
            r = result_for(c, Status::error, stopped + "; growth can only be measured over complete lifecycles");
        } else if (samples.size() < 4) {
            r = result_for(c, Status::error, "the engine took fewer measurements than planned");
        } else {
            const mock::SoakSample& a = samples[1];
            const mock::SoakSample& m = samples[2];
            const mock::SoakSample& b = samples[3];
            const double n = b.connections - a.connections;
            // Growth per connection over the whole span, counted only when
            // both halves grew: a leak grows with every connection, a
            // one-time step (the pool starting a thread) shows in one half.
            auto per = [&](auto figure) {
                const double first_half = static_cast<double>(figure(m)) - static_cast<double>(figure(a));
                const double second_half = static_cast<double>(figure(b)) - static_cast<double>(figure(m));
                return first_half > 0 && second_half > 0 ? (first_half + second_half) / n : 0.0;
            };
            const double bytes = per([](const mock::SoakSample& x) { return x.use.private_bytes; });
            const double handles = per([](const mock::SoakSample& x) { return x.use.handles; });
            const double threads = per([](const mock::SoakSample& x) { return x.use.threads; });
            const std::string between = fmt::format("between {} and {} connections", grouped(a.connections),
                                                    grouped(b.connections));
            std::vector<std::string> over;
            auto over_by = [&](double per_connection, double tolerance, double floor) {
                return per_connection > tolerance && per_connection * n > floor;
            };
            if (over_by(bytes, private_bytes_tolerance, private_bytes_floor))
                over.push_back(fmt::format("private bytes +{:.0f} B per connection {} ({} B -> {} B; tolerance {:.0f} B, at least {} B in all)",
                                           bytes, between, grouped(a.use.private_bytes), grouped(b.use.private_bytes),
                                           private_bytes_tolerance, grouped(static_cast<std::uint64_t>(private_bytes_floor))));
            if (over_by(handles, handle_tolerance, handle_floor))
                over.push_back(fmt::format("handles +{:.2f} per connection {} ({} -> {}; tolerance {:.2f})", handles,
                                           between, a.use.handles, b.use.handles, handle_tolerance));
            if (over_by(threads, thread_tolerance, thread_floor))
                over.push_back(fmt::format("threads +{:.3f} per connection {} ({} -> {}; tolerance {:.3f})", threads,
                                           between, a.use.threads, b.use.threads, thread_tolerance));
            const std::string figures = fmt::format(
                "after {} (warm-up), {}, {} and {} complete connection lifecycles: private bytes {} / {} / {} / {} B, "
                "handles {} / {} / {} / {}, threads {} / {} / {} / {}",
                grouped(samples[0].connections), grouped(a.connections), grouped(m.connections),
                grouped(b.connections), grouped(samples[0].use.private_bytes), grouped(a.use.private_bytes),
                grouped(m.use.private_bytes), grouped(b.use.private_bytes), samples[0].use.handles, a.use.handles,
                m.use.handles, b.use.handles, samples[0].use.threads, a.use.threads, m.use.threads, b.use.threads);
            if (!over.empty())
                r = result_for(c, Status::fail,
                               fmt::format("{}: the process hosting it grows with connections that are gone: {}; "
                                           "expected no growth once they are torn down [ROBUST-4] ({})",
                                           ctx.subject_name, fmt::join(over, "; "), figures));
            else
                r = result_for(c, Status::pass,
                               fmt::format("{}: no growth {} beyond tolerance (private bytes {:+.1f} B, handles "
                                           "{:+.3f}, threads {:+.4f} per connection); {}",
                                           ctx.subject_name, between, bytes, handles, threads, figures));
        }
        r.trace = o.trace;
        return r;
    };
    return c;
}

}  // namespace

std::vector<CaseInfo> soak_cases() { return {bounded_resources()}; }

}  // namespace rasconform::conformance
