// rasconform::run_suite: the static cases here, the dynamic ones through
// conformance::run_dynamic (in-process on Windows, the agent under Wine on
// Linux), merged in suite order.
#include "rasconform/suite.hpp"
#include "rasconform/utf8_path.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "conformance/chain.hpp"
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
    return run_suite(std::vector<Subject>{subject}, options);
}

SuiteRun run_suite(const std::vector<Subject>& chain, const SuiteOptions& options) {
    using conformance::CaseInfo;
    using conformance::CaseKind;
    if (chain.empty()) throw SuiteError("(no DLL)", "name the admin DLLs to check");
    const Profile* profile = find_profile(options.profile);
    if (!profile) throw SuiteError(options.profile, "unknown profile (see rasconform list)");
    for (const std::string& id : options.cases)
        if (!conformance::find_case(id)) throw SuiteError(id, "unknown case (see rasconform list)");
    if (std::optional<conformance::ChainProblem> p = conformance::chain_problem(chain))
        throw SuiteError(p->file, p->problem);
    if (chain.size() > 1 && !profile->multiple_dlls)
        throw SuiteError(options.profile, fmt::format("loads a single admin DLL [MULTI-1, LOAD-6], so a chain of {} "
                                                      "DLLs cannot run under it; check each DLL on its own",
                                                      chain.size()));
    if (options.subject && *options.subject >= chain.size())
        throw SuiteError(std::to_string(*options.subject),
                         fmt::format("no such DLL in the chain (it has {})", chain.size()));
    auto chosen = [&](std::string_view id) {
        return options.cases.empty() || std::find(options.cases.begin(), options.cases.end(), id) != options.cases.end();
    };
    std::vector<const CaseInfo*> statics, dynamics;
    for (const CaseInfo& c : conformance::all_cases()) {
        if (!chosen(c.id)) continue;
        if (c.kind == CaseKind::static_ && options.static_cases) statics.push_back(&c);
        if (c.kind == CaseKind::dynamic && options.dynamic_cases) dynamics.push_back(&c);
    }
    // Which DLLs the cases judge, each in turn; their results fold into one per case.
    std::vector<std::size_t> judged;
    std::vector<std::string> judged_names;
    for (std::size_t i = 0; i < chain.size(); ++i)
        if (!options.subject || *options.subject == i) judged.push_back(i), judged_names.push_back(chain[i].file_name);

    SuiteRun run;
    run.profile = std::string(profile->name);
    run.subject = chain.front();
    run.subjects = chain;
    auto progress = [&](std::size_t index, std::size_t count, std::string_view what) {
        if (options.on_progress) options.on_progress(index, count, what);
    };
    if (!statics.empty()) {
        progress(0, statics.size(), "static cases");
        std::vector<std::vector<CaseResult>> per_dll;
        for (std::size_t i : judged) {
            per_dll.emplace_back();
            for (CaseResult& r : conformance::run_static_cases(chain[i], *profile))
                if (chosen(r.id)) per_dll.back().push_back(std::move(r));
        }
        for (CaseResult& r : conformance::fold_chain(judged_names, std::move(per_dll))) run.results.push_back(std::move(r));
    }
    if (dynamics.empty()) return run;
    progress(statics.size(), dynamics.size() * judged.size(), "dynamic cases");
    // The whole dynamic suite in one run, or each chosen case alone (the
    // runner's only_case, as `rasconform check --case`).
    std::vector<std::string> passes;
    if (options.cases.empty())
        passes.emplace_back();
    else
        for (const CaseInfo* c : dynamics) passes.emplace_back(c->id);
    std::vector<std::vector<CaseResult>> per_dll;
    std::size_t done = 0;
    for (std::size_t k = 0; k < judged.size(); ++k) {
        per_dll.emplace_back();
        const std::size_t first = statics.size() + k * dynamics.size();
        for (const std::string& only : passes) {
            RunnerOptions runner = options.runner;
            runner.only_case = only;
            runner.on_case = [&, only_one = !only.empty()](std::size_t index, std::string_view id) {
                progress(only_one ? statics.size() + done : first + index, 1, id);
            };
            conformance::DynamicRun dyn = conformance::run_dynamic(chain, judged[k], *profile, runner);
            // A runner that falls back to one agent per case may answer for more.
            for (CaseResult& r : dyn.results)
                if (only.empty() ? chosen(r.id) : r.id == only) per_dll.back().push_back(std::move(r));
            if (!dyn.fatal.empty()) run.fatal = dyn.fatal;
            ++done;
        }
        // The environment cannot run any DLL (no Wine, a broken prefix):
        // that one reason stands for the whole chain.
        if (!run.fatal.empty()) {
            per_dll = {std::move(per_dll.back())};
            judged_names = {judged_names[k]};
            break;
        }
    }
    for (CaseResult& r : conformance::fold_chain(judged_names, std::move(per_dll))) run.results.push_back(std::move(r));
    return run;
}

}  // namespace rasconform
