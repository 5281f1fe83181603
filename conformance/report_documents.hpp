// Reports as documents: several reports rendered as one in any format, and
// JSON reports read back and merged - what `rasconform check` writes and
// `rasconform merge` combines (a CI matrix of DLLs x profiles, one report).
#pragma once

#include <array>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/report.hpp"

namespace rasconform::conformance {

inline constexpr std::array<std::string_view, 5> report_formats{"text", "json", "junit", "sarif", "html"};

// Several reports (profiles side by side, or several DLLs) make one
// document with one verdict over them; one report renders as itself.
// `format` is one of report_formats; `colour` is for text on a terminal.
std::string render_reports(std::span<const Report> reports, std::string_view format, bool colour);

struct JsonReportRead {
    std::vector<Report> reports;  // one per run the document holds
    std::string problem;          // one line, "FILE: what is wrong"; reports is then empty
};
// Reads a `--format json` document (schema 1): one run, or several under
// "runs". Subjects come back with the machine and exports the report
// recorded (Subject::recorded), not with their images.
JsonReportRead read_json_report(const std::filesystem::path& file);

struct ReportMerge {
    std::vector<Report> reports;        // every run of every readable file, in the order given
    std::vector<std::string> problems;  // one line each: a file that cannot be read, a run given twice
};
// The runs of several JSON reports as one list. A file that cannot be read
// is a problem and the others still merge; a run of the same DLL (sha256)
// under the same profile as an earlier one is a problem and left out, so
// no result counts twice.
ReportMerge merge_json_reports(const std::vector<std::filesystem::path>& files);

}  // namespace rasconform::conformance
