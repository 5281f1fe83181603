#include "conformance/report_documents.hpp"

#include <fstream>
#include <iterator>
#include <map>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "rasconform/version.hpp"

namespace rasconform::conformance {

namespace {

bool all_conformant(std::span<const Report> reports) {
    for (const Report& r : reports)
        if (!conformant(r)) return false;
    return true;
}

// What a run is about: its DLL, or its chain of DLLs in registry order.
std::string subjects_key(const Report& r) {
    std::string key;
    for (const Subject& s : r.subjects) key += s.sha256 + " ";
    return key;
}

// Whether the reports are all about one DLL or chain (--profile all), or
// gather several (rasconform merge of a CI matrix): then each run is named
// by DLL (or chain) and profile.
bool one_dll(std::span<const Report> reports) {
    for (const Report& r : reports)
        if (subjects_key(r) != subjects_key(reports.front())) return false;
    return true;
}

}  // namespace

std::string render_reports(std::span<const Report> reports, std::string_view format, bool colour) {
    if (format == "junit") return to_junit(reports);
    if (format == "sarif") return json_text(to_sarif(reports));
    if (format == "html") return to_html(reports);
    if (reports.size() == 1)
        return format == "json" ? json_text(to_json(reports.front())) : to_text(reports.front(), colour);
    const bool all = all_conformant(reports);
    if (format == "json") {
        nlohmann::json runs = nlohmann::json::array();
        for (const Report& r : reports) runs.push_back(to_json(r));
        return json_text(nlohmann::json{{"schema", 1}, {"tool", "rasconform"}, {"version", version},
                                        {"verdict", all ? "pass" : "fail"}, {"runs", runs}});
    }
    std::string out;
    for (const Report& r : reports) out += to_text(r, colour) + "\n";
    const bool by_profile = one_dll(reports);
    out += by_profile ? "verdict per profile:\n" : "verdict per DLL and profile:\n";
    for (const Report& r : reports) {
        const std::string label = by_profile || r.subjects.empty()
                                      ? r.profile
                                      : fmt::format("{} ({})", subjects_label(r.subjects), r.profile);
        out += fmt::format("  {:<10} {}\n", label, conformant(r) ? "PASS" : "FAIL");
    }
    out += fmt::format("verdict: {}\n", all ? "PASS" : "FAIL");
    return out;
}

namespace {

Subject subject_from_json(const nlohmann::json& j) {
    Subject s;
    s.path = j.at("path").get<std::string>();
    s.file_name = s.path.filename().string();
    s.sha256 = j.at("sha256").get<std::string>();
    s.recorded = Subject::Recorded{j.at("machine").get<std::string>(), j.at("exports").get<std::vector<std::string>>()};
    return s;
}

Report report_from_json(const nlohmann::json& run) {
    if (!run.is_object() || !run.contains("cases")) throw std::runtime_error("a run without \"cases\"");
    Report r;
    r.profile = run.at("profile").get<std::string>();
    for (const nlohmann::json& s : run.at("subjects")) r.subjects.push_back(subject_from_json(s));
    for (const nlohmann::json& c : run.at("cases")) r.cases.push_back(case_from_json(c));
    if (run.contains("baseline")) r.baseline = run["baseline"].at("file").get<std::string>();
    return r;
}

}  // namespace

JsonReportRead read_json_report(const std::filesystem::path& file) {
    const std::string name = file.string();
    std::ifstream in(file, std::ios::binary);
    if (!in) return {{}, name + ": cannot read the file"};
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded()) return {{}, name + ": not JSON"};
    if (!doc.is_object() || doc.value("tool", "") != "rasconform")
        return {{}, name + ": not a rasconform report (rasconform check --format json)"};
    if (!doc.contains("schema") || doc["schema"] != 1)
        return {{}, name + ": report schema " + (doc.contains("schema") ? doc["schema"].dump() : "missing") +
                        ", this rasconform reads schema 1"};
    JsonReportRead read;
    try {
        if (doc.contains("runs")) {
            for (const nlohmann::json& run : doc.at("runs")) read.reports.push_back(report_from_json(run));
        } else {
            read.reports.push_back(report_from_json(doc));
        }
    } catch (const std::exception& e) {
        return {{}, name + ": malformed report: " + e.what()};
    }
    return read;
}

ReportMerge merge_json_reports(const std::vector<std::filesystem::path>& files) {
    ReportMerge merged;
    std::map<std::pair<std::string, std::string>, std::string> first_seen;  // (sha256s, profile) -> file
    for (const std::filesystem::path& file : files) {
        JsonReportRead read = read_json_report(file);
        if (!read.problem.empty()) {
            merged.problems.push_back(read.problem);
            continue;
        }
        for (Report& r : read.reports) {
            // A chain is its own run: a.dll alone and a.dll + b.dll both merge.
            auto [at, fresh] = first_seen.emplace(std::pair(subjects_key(r), r.profile), file.string());
            if (!fresh) {
                merged.problems.push_back(fmt::format("{}: {} under {} is already in {}; left out", file.string(),
                                                      subjects_label(r.subjects), r.profile, at->second));
                continue;
            }
            merged.reports.push_back(std::move(r));
        }
    }
    return merged;
}

}  // namespace rasconform::conformance
