// Whole-run figures: the conformance suite end to end.
//   suite.native            the dynamic suite on the native engine with the
//                           trivial test double, <= 1 s
//   suite.wine-warm         the default suite on a PE DLL under Wine, warm
//                           prefix, starting Wine included, <= 1.5 s
//   suite.wine-all-profiles the same once per profile, as check --profile
//                           all, <= 4 s
//   soak.wine-lifecycles-per-second
//                           robust.bounded-resources alone: its lifecycles
//                           per second of the case's wall time, >= 20,000
//   suite.wine-first-run    the same suite in a prefix created for it, <= 12 s
//   isolation.MODE          wall time per dynamic case in each isolation mode (info)
//   isolation.case-overhead what a host process per case adds per case over
//                           in-process, <= 15 ms
#pragma once

#include <optional>
#include <vector>

#include "conformance/bench/figures.hpp"
#include "conformance/case.hpp"
#include "conformance/dynamic_runner.hpp"

namespace rasconform::bench {

struct SuiteBenchOptions {
    std::optional<conformance::Subject> subject;  // the PE DLL of the Wine figures; none: they are errors
    conformance::RunnerOptions runner; // agent, prefix
    // Fewer runs: the Wine suite once, the isolation modes on one case, no
    // prefix created (for the test of the command itself).
    bool quick = false;
};

std::vector<Figure> suite_figures(const SuiteBenchOptions& options);

}  // namespace rasconform::bench
