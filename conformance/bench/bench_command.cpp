#include "conformance/bench/bench_command.hpp"

#include <cstdio>
#include <fstream>

#include "conformance/bench/engine_figures.hpp"
#include "conformance/bench/suite_figures.hpp"
#include "conformance/subject.hpp"
#include "conformance/wine_agent.hpp"

#ifndef RASCONFORM_DEFAULT_EXAMPLE
#define RASCONFORM_DEFAULT_EXAMPLE ""
#endif

namespace rasconform::bench {

int run_bench(const BenchOptions& options) {
    SuiteBenchOptions suite{std::nullopt, options.runner, options.quick};
    const std::string dll = options.dll.empty() ? std::string(RASCONFORM_DEFAULT_EXAMPLE) : options.dll;
    if (!dll.empty()) {  // checked before anything is measured: a bad DLL is unusable input
        conformance::SubjectLoad loaded = conformance::load_subject(dll);
        if (!loaded.subject) {
            std::fprintf(stderr, "rasconform: %s: %s\n", dll.c_str(), loaded.problem.c_str());
            return 2;
        }
        suite.subject = std::move(loaded.subject);
    }
    EngineBenchmarkPlan plan;
    if (options.quick) {
        plan.rounds = 2;
        plan.min_time_seconds = 0.02;
        plan.live_connections = {10000, 100000};
    }
    Machine machine = this_machine();
    machine.wine_version = conformance::wine_version();
    std::vector<Figure> figures = engine_figures(plan);
    for (Figure& f : suite_figures(suite)) figures.push_back(std::move(f));

    const std::string text = options.format == "json"
                                 ? bench_json(machine, figures).dump(2) + "\n"
                                 : bench_text(machine, figures, options.colour);
    if (options.output.empty()) {
        std::fwrite(text.data(), 1, text.size(), stdout);
    } else {
        std::ofstream out(options.output, std::ios::binary);
        out << text;
        if (!out) {
            std::fprintf(stderr, "rasconform: %s: cannot write the figures\n", options.output.c_str());
            return 2;
        }
    }
    return all_targets_met(figures) ? 0 : 1;
}

}  // namespace rasconform::bench
