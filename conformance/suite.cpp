#include "conformance/suite.hpp"

#include <algorithm>
#include <chrono>

namespace rasconform::conformance {

const std::vector<CaseInfo>& all_cases() {
    static const std::vector<CaseInfo> cases = [] {
        std::vector<CaseInfo> v;
        // The cases that also look at what the others saw come last, robust.no-fault at the very end.
        for (auto family : {export_cases, deploy_cases, lifecycle_cases, callback_table_cases, calling_convention_cases, process_cases,
                            variant_cases, option_cases, ipaddr_cases, reentry_cases, argument_memory_cases, unload_cases, soak_cases, serial_cases, edge_input_cases, answer_cases,
                            robust_cases}) {
            auto f = family();
            v.insert(v.end(), f.begin(), f.end());
        }
        return v;
    }();
    return cases;
}

const CaseInfo* find_case(std::string_view id) {
    const auto& all = all_cases();
    auto it = std::find_if(all.begin(), all.end(), [&](const CaseInfo& c) { return c.id == id; });
    return it == all.end() ? nullptr : &*it;
}

namespace {

// What a case costs is part of its result: the isolation benchmark and
// slow-case warnings read it.
template <class Run>
CaseResult timed(Run run) {
    const auto start = std::chrono::steady_clock::now();
    CaseResult r = run();
    r.duration_ns = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count());
    return r;
}

}  // namespace

std::vector<CaseResult> run_static_cases(const Subject& subject, const Profile& profile) {
    std::vector<CaseResult> out;
    for (const CaseInfo& c : all_cases()) {
        if (c.kind != CaseKind::static_) continue;
        if (subject.shared_object())
            out.push_back(result_for(c, Status::not_applicable,
                                     subject.file_name + " is a Linux shared object (native mode): the static cases "
                                                         "read a PE image; check the Windows build of the DLL for them"));
        else
            out.push_back(timed([&] { return c.run_static(subject, profile); }));
    }
    return out;
}

std::vector<CaseResult> run_dynamic_cases(DynamicContext& ctx, std::string_view only) {
    std::vector<CaseResult> out;
    ctx.earlier = &out;
    std::size_t index = 0;
    for (const CaseInfo& c : all_cases()) {
        if (c.kind != CaseKind::dynamic) continue;
        const std::size_t this_index = index++;
        if (!only.empty() && c.id != only) continue;
        if (ctx.on_case) ctx.on_case(this_index, c.id);
        try {
            if (ctx.begin_case) ctx.begin_case();
            ctx.rras_would_not_start->clear();
            CaseResult r = timed([&] { return c.run_dynamic(ctx); });
            if (!ctx.rras_would_not_start->empty()) {
                r.rras_would_not_start = *ctx.rras_would_not_start;
                r.message += " (--keep-going: RRAS would not have started the service: " + r.rras_would_not_start + ")";
            }
            // What went wrong first was the harness's (a host lost outside
            // any callout, no sign of the DLL's code): not the DLL's fault.
            auto first_broken = std::find_if(r.trace.begin(), r.trace.end(),
                                             [](const TraceEvent& e) { return !e.outcome.returned(); });
            // The same for a scenario the harness lost that way.
            if (r.status == Status::fail && first_broken != r.trace.end() &&
                first_broken->outcome.kind == CallOutcome::Kind::not_called &&
                first_broken->outcome.detail.find(harness_loss_marker) != std::string::npos) {
                r.message = first_broken->outcome.detail + "; not counted against the DLL (the case would have said: " +
                            r.message + ")";
                r.status = Status::error;
            } else if (r.status == Status::fail && r.message.find(harness_loss_marker) != std::string::npos) {
                r.message = "not counted against the DLL: " + r.message;
                r.status = Status::error;
            }
            if (ctx.take_output) r.output.add(ctx.take_output());
            out.push_back(std::move(r));
        } catch (const std::exception& e) {
            out.push_back(result_for(c, Status::error, std::string("harness error: ") + e.what()));
            if (ctx.take_output) out.back().output = ctx.take_output();
        }
    }
    ctx.earlier = nullptr;
    return out;
}

std::vector<CaseResult> dynamic_cases_with(Status status, const std::string& reason) {
    std::vector<CaseResult> out;
    for (const CaseInfo& c : all_cases())
        if (c.kind == CaseKind::dynamic) out.push_back(result_for(c, status, reason));
    return out;
}

}  // namespace rasconform::conformance
