#include "conformance/bench/figures.hpp"

#include <cstdio>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "rasconform/version.hpp"

namespace rasconform::bench {

std::string_view to_string(Verdict v) {
    switch (v) {
    case Verdict::pass: return "PASS";
    case Verdict::miss: return "MISS";
    case Verdict::info: return "info";
    case Verdict::skipped: return "skipped";
    case Verdict::error: return "error";
    }
    return "?";
}

Figure judged(Figure f) {
    if (!f.target) {
        f.verdict = Verdict::info;
        return f;
    }
    const bool met = f.target->bound == Target::Bound::at_most ? f.value <= f.target->limit : f.value >= f.target->limit;
    f.verdict = met ? Verdict::pass : Verdict::miss;
    return f;
}

Figure not_taken(std::string id, std::string title, Verdict why, std::string detail) {
    Figure f;
    f.id = std::move(id);
    f.title = std::move(title);
    f.verdict = why;
    f.detail = std::move(detail);
    return f;
}

Machine this_machine() {
    Machine m;
    m.cores = std::thread::hardware_concurrency();
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);)
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos) m.cpu_model = line.substr(line.find_first_not_of(' ', colon + 1));
            break;
        }
    return m;
}

namespace {

std::string number(double v, const std::string& unit) {
    if (unit == "lifecycles/s") return fmt::format("{:.0f}", v);
    if (unit == "x") return fmt::format("{:.2f}", v);
    if (unit == "B/connection") return fmt::format("{:.0f}", v);
    return fmt::format("{:.3g}", v);
}

std::string target_text(const Figure& f) {
    if (!f.target) return "";
    return fmt::format("{} {} {}", f.target->bound == Target::Bound::at_most ? "<=" : ">=",
                       number(f.target->limit, f.unit), f.unit);
}

}  // namespace

std::string bench_text(const Machine& m, const std::vector<Figure>& figures, bool colour) {
    std::string out = fmt::format("rasconform {} bench on {} core{}, {}{}\n", version, m.cores, m.cores == 1 ? "" : "s",
                                  m.cpu_model.empty() ? "unknown CPU" : m.cpu_model,
                                  m.wine_version.empty() ? "" : ", " + m.wine_version);
    for (const Figure& f : figures) {
        std::string verdict(to_string(f.verdict));
        if (colour && f.verdict == Verdict::pass) verdict = "\x1b[32m" + verdict + "\x1b[0m";
        if (colour && (f.verdict == Verdict::miss || f.verdict == Verdict::error)) verdict = "\x1b[31m" + verdict + "\x1b[0m";
        const bool measured = f.verdict != Verdict::skipped && f.verdict != Verdict::error;
        out += fmt::format("  {:<8} {:<28} {:>12} {:<14} {}\n", verdict, f.id, measured ? number(f.value, f.unit) : "-",
                           measured ? f.unit : "", target_text(f));
        out += fmt::format("           {}{}\n", f.title, f.detail.empty() ? "" : ": " + f.detail);
    }
    out += fmt::format("targets: {}\n", all_targets_met(figures) ? "all met" : "MISSED");
    return out;
}

nlohmann::json bench_json(const Machine& m, const std::vector<Figure>& figures) {
    nlohmann::json list = nlohmann::json::array();
    for (const Figure& f : figures) {
        nlohmann::json j{{"id", f.id}, {"title", f.title}, {"verdict", to_string(f.verdict)}, {"detail", f.detail}};
        if (f.verdict != Verdict::skipped && f.verdict != Verdict::error) {
            j["value"] = f.value;
            j["unit"] = f.unit;
        }
        if (f.target)
            j["target"] = {{"bound", f.target->bound == Target::Bound::at_most ? "at_most" : "at_least"},
                           {"limit", f.target->limit}};
        list.push_back(std::move(j));
    }
    nlohmann::json machine{{"cores", m.cores}, {"cpu", m.cpu_model}};
    if (!m.wine_version.empty()) machine["wine"] = m.wine_version;
    return {{"schema", 1},
            {"tool", "rasconform"},
            {"version", version},
            {"machine", machine},
            {"targets_met", all_targets_met(figures)},
            {"figures", list}};
}

bool all_targets_met(const std::vector<Figure>& figures) {
    for (const Figure& f : figures)
        if (f.verdict == Verdict::miss || f.verdict == Verdict::error) return false;
    return true;
}

}  // namespace rasconform::bench
