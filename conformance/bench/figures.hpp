// What `rasconform bench` reports (issue 7): each figure with its value, its
// target or the figure it is a ratio of, and PASS/MISS. Figures without a
// target show how cost grows (threads, connection counts) and are `info`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rasconform::bench {

enum class Verdict { pass, miss, info, skipped, error };
std::string_view to_string(Verdict v);

struct Target {
    enum class Bound { at_most, at_least };
    Bound bound = Bound::at_most;
    double limit = 0;
};

struct Figure {
    std::string id;       // stable: "dispatch.ratio", "suite.wine-warm", ...
    std::string title;    // what it is, in words
    double value = 0;
    std::string unit;     // "x", "lifecycles/s", "B/connection", "s", "ms/case", "MB"
    std::optional<Target> target;
    std::string detail;   // how it was taken, the figures behind a ratio
    Verdict verdict = Verdict::info;
};

// Sets the verdict from the value and the target (info without a target).
Figure judged(Figure f);
// A figure that could not be taken, and why.
Figure not_taken(std::string id, std::string title, Verdict why, std::string detail);

struct Machine {
    unsigned cores = 0;
    std::string cpu_model;
    std::string wine_version;  // empty: no Wine figures
};
Machine this_machine();

std::string bench_text(const Machine& m, const std::vector<Figure>& figures, bool colour);
nlohmann::json bench_json(const Machine& m, const std::vector<Figure>& figures);
// Every figure with a target met (skipped ones do not count against it).
bool all_targets_met(const std::vector<Figure>& figures);

}  // namespace rasconform::bench
