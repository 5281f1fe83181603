// Public API: run the conformance suite (every case, or chosen ones) on an
// admin DLL under a profile and get one result per case.
//
//   rasconform::SuiteRun run = rasconform::run_suite("my_admin.dll", {.profile = "ws2022"});
//   for (const rasconform::CaseResult& r : run.results)
//       std::cout << r.id << " " << rasconform::to_string(r.status) << " " << r.message << "\n";
//   return run.conformant() ? 0 : 1;
//
// The same path `rasconform check` takes: static cases read the file; the
// dynamic ones call the DLL - in this process in a Windows (MinGW) build,
// through the MinGW-built agent under Wine in a Linux build (RunnerOptions
// say where the agent, the Wine prefix and, on Windows, the host process
// live; pkg-config's `agentdir` variable names the installed ones).
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/case.hpp"
#include "conformance/dynamic_runner.hpp"
#include "rasconform/profile.hpp"

namespace rasconform {

using conformance::CaseResult;
using conformance::Isolation;
using conformance::RunnerOptions;
using conformance::Status;
using conformance::Subject;
using conformance::to_string;

// Unusable input: a file that is not an admin DLL of a machine RRAS loads,
// an unknown profile or case id. `file` is what it is about, `problem` one line.
class SuiteError : public std::runtime_error {
public:
    SuiteError(std::string file, std::string problem)
        : std::runtime_error(file + ": " + problem), file(std::move(file)), problem(std::move(problem)) {}
    std::string file;
    std::string problem;
};

struct SuiteOptions {
    std::string profile = std::string(default_profile().name);
    // Case ids to run (rasconform::case_ids()); empty: the whole suite. A
    // chosen dynamic case runs alone, so the cases that also judge what the
    // other cases saw (robust.no-fault, answers.boolean, ...) judge only
    // their own scenario.
    std::vector<std::string> cases;
    bool static_cases = true;   // false: skip the static cases (the agent's --dynamic-only)
    bool dynamic_cases = true;  // false: only what the file alone shows
    // Where and how the dynamic cases run: isolation, callout budget, soak
    // size, agent and Wine prefix (Linux), host folder (Windows), time-out.
    RunnerOptions runner;
    // A chain (run_suite on several DLLs): judge only the DLL at this index,
    // the others running around it (the agent's --subject); its results are
    // then its own, not folded. Empty: every DLL in turn.
    std::optional<std::size_t> subject;
    // Progress, for a display: (first index, how many, what) as the static
    // cases start (what = "static cases"), as the dynamic ones start
    // ("dynamic cases") and as each dynamic case starts (its id, count 1).
    // Indices count the cases this run makes, statics first; a chain's
    // dynamic cases run once per DLL, one DLL after the other.
    std::function<void(std::size_t index, std::size_t count, std::string_view what)> on_progress;
};

struct SuiteRun {
    std::string profile;
    Subject subject;                  // the (first) DLL
    std::vector<Subject> subjects;    // every DLL of the chain, in registry order
    // Static cases first, then dynamic, in suite order. For a chain each case
    // has judged every DLL; its one result is the worst, naming each DLL
    // that had it (conformance/chain.hpp).
    std::vector<CaseResult> results;
    // Set when the environment made the dynamic cases impossible (no Wine,
    // no agent); they then carry `error` with this reason.
    std::string fatal;

    // No case failed or errored (warnings and not-applicable pass).
    bool conformant() const;
    const CaseResult* find(std::string_view case_id) const;
};

// Every case id in suite order (static ones first).
std::vector<std::string> case_ids();
// Reads and vets the DLL (rasconform check's checks); throws SuiteError.
Subject load_dll(const std::filesystem::path& dll);
// Runs the suite on `dll`; throws SuiteError on unusable input. Results
// never throw: a case the harness cannot run is an `error` result.
SuiteRun run_suite(const std::filesystem::path& dll, const SuiteOptions& options = {});
// The same on a DLL already loaded, e.g. once for several profiles.
SuiteRun run_suite(const Subject& subject, const SuiteOptions& options = {});
// A chain: the DLLs as one DLLPath, in registry order (first-DLL-only
// address callouts, the AND of the answers). Every case judges every DLL,
// the others loaded around it. Throws SuiteError when the DLLs cannot form
// a chain (a file name twice, mixed machines) or the profile loads a single
// admin DLL (MULTI-1).
SuiteRun run_suite(const std::vector<Subject>& chain, const SuiteOptions& options = {});

}  // namespace rasconform
