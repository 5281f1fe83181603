// rasconform::run_suite: the static cases here, the dynamic ones through
// conformance::run_dynamic (in-process on Windows, the agent under Wine on
// Linux), merged in suite order.
#include "rasconform/suite.hpp"
#include "rasconform/utf8_path.hpp"

#include <algorithm>

#include "conformance/subject.hpp"
#include "conformance/suite.hpp"

namespace rasconform {

bool SuiteRun::conformant() const {
    return std::none_of(results.begin(), results.end(),
                        [](const CaseResult& r) { return r.status == Status::fail || r.status == Status::error; });
}

const CaseResult* SuiteRun::find(std::string_view case_id) const {
    auto it = std::find_if(results.begin(), results.end(), [&](const CaseResult& r) { return r.id == case_id; });
    return it == results.end() ? nullptr : &*it;
}

std::vector<std::string> case_ids() {
    std::vector<std::string> ids;
    for (const conformance::CaseInfo& c : conformance::all_cases()) ids.emplace_back(c.id);
    return ids;
}

Subject load_dll(const std::filesystem::path& dll) {
    conformance::SubjectLoad loaded = conformance::load_subject(path_to_utf8(dll));
    if (!loaded.subject) throw SuiteError(path_to_utf8(dll), loaded.problem);
    return std::move(*loaded.subject);
}

SuiteRun run_suite(const std::filesystem::path& dll, const SuiteOptions& options) {
    return run_suite(load_dll(dll), options);
}

SuiteRun run_suite(const Subject& subject, const SuiteOptions& options) {
    using conformance::CaseInfo;
    using conformance::CaseKind;
    const Profile* profile = find_profile(options.profile);
    if (!profile) throw SuiteError(options.profile, "unknown profile (see rasconform list)");
    for (const std::string& id : options.cases)
        if (!conformance::find_case(id)) throw SuiteError(id, "unknown case (see rasconform list)");
    auto chosen = [&](std::string_view id) {
        return options.cases.empty() || std::find(options.cases.begin(), options.cases.end(), id) != options.cases.end();
    };
    std::vector<const CaseInfo*> statics, dynamics;
    for (const CaseInfo& c : conformance::all_cases()) {
        if (!chosen(c.id)) continue;
        if (c.kind == CaseKind::static_ && options.static_cases) statics.push_back(&c);
        if (c.kind == CaseKind::dynamic && options.dynamic_cases) dynamics.push_back(&c);
    }

    SuiteRun run;
    run.profile = std::string(profile->name);
    run.subject = subject;
    auto progress = [&](std::size_t index, std::size_t count, std::string_view what) {
        if (options.on_progress) options.on_progress(index, count, what);
    };
    if (!statics.empty()) {
        progress(0, statics.size(), "static cases");
        for (CaseResult& r : conformance::run_static_cases(subject, *profile))
            if (chosen(r.id)) run.results.push_back(std::move(r));
    }
    if (dynamics.empty()) return run;
    progress(statics.size(), dynamics.size(), "dynamic cases");
    // The whole dynamic suite in one run, or each chosen case alone (the
    // runner's only_case, as `rasconform check --case`).
    std::vector<std::string> passes;
    if (options.cases.empty())
        passes.emplace_back();
    else
        for (const CaseInfo* c : dynamics) passes.emplace_back(c->id);
    std::size_t done = 0;
    for (const std::string& only : passes) {
        RunnerOptions runner = options.runner;
        runner.only_case = only;
        runner.on_case = [&, only_one = !only.empty()](std::size_t index, std::string_view id) {
            progress(statics.size() + (only_one ? done : index), 1, id);
        };
        conformance::DynamicRun dyn = conformance::run_dynamic(subject, *profile, runner);
        // A runner that falls back to one agent per case may answer for more.
        for (CaseResult& r : dyn.results)
            if (only.empty() ? chosen(r.id) : r.id == only) run.results.push_back(std::move(r));
        if (!dyn.fatal.empty()) run.fatal = dyn.fatal;
        ++done;
    }
    return run;
}

}  // namespace rasconform
