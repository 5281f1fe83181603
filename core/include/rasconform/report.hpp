// Public API: reports - the results of suite runs rendered for people and
// machines, and baselines of known failures.
//
//   rasconform::SuiteRun run = rasconform::run_suite("my_admin.dll");
//   rasconform::Report report = rasconform::make_report(run);
//   std::string junit = rasconform::render_reports({&report, 1}, "junit", false);
//
// Formats: text, json (schema 1; README.md documents the keys), junit (XML),
// sarif (2.1.0), html (one self-contained page). Several reports (a DLL
// under several profiles, or several DLLs) make one document with one
// verdict over them; read_json_report turns `--format json` output back
// into reports and merge_json_reports gathers several such files, which is
// how `rasconform merge` combines the runs of a CI matrix.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/baseline.hpp"
#include "conformance/report.hpp"
#include "conformance/report_documents.hpp"
#include "rasconform/suite.hpp"

namespace rasconform {

using conformance::Report;
using conformance::conformant;
using conformance::subjects_label;
using conformance::json_text;
using conformance::render_reports;
using conformance::report_formats;
using conformance::read_json_report;
using conformance::JsonReportRead;
using conformance::ReportMerge;
using conformance::merge_json_reports;

// Known failures with their reasons (TOML, README.md "Baselines"): a listed
// failure does not fail the verdict, an unexpected pass does.
using conformance::Baseline;
using conformance::BaselineLoad;
using conformance::load_baseline;
using conformance::apply;

// The report of one suite run (its profile, its DLL or chain of DLLs, its results).
inline Report make_report(SuiteRun run) {
    Report report;
    report.profile = std::move(run.profile);
    if (run.subjects.empty()) report.subjects.push_back(std::move(run.subject));
    else report.subjects = std::move(run.subjects);
    report.cases = std::move(run.results);
    return report;
}

}  // namespace rasconform
