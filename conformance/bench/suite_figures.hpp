// Whole-run figures (issue 7): the conformance suite end to end.
//   suite.native            the dynamic suite on the native engine with the
//                           trivial test double, <= 1 s
//   suite.wine-warm         the default suite on a PE DLL under Wine, warm
//                           prefix, starting Wine included, <= 10 s
//   suite.wine-first-run    the same in a prefix created for it (info)
//   isolation.MODE          wall time per dynamic case in each isolation mode (info)
//   isolation.case-overhead what a host process per case adds per case over
//                           in-process (info; issue 5 hoped for 15 ms)
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
