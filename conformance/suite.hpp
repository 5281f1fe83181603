// The suite: every case, and how static and dynamic cases are run and merged.
#pragma once

#include <span>
#include <vector>

#include "conformance/case.hpp"

namespace rasconform::conformance {

// All cases in report order: static first, then dynamic.
const std::vector<CaseInfo>& all_cases();
const CaseInfo* find_case(std::string_view id);

std::vector<CaseResult> run_static_cases(const Subject& subject, const Profile& profile);
// Runs every dynamic case (or just `only`) in this process through `ctx.open_subject`.
std::vector<CaseResult> run_dynamic_cases(DynamicContext& ctx, std::string_view only = {});
// Every dynamic case marked with one status and reason (e.g. not-applicable
// for an i686 DLL, error when Wine is missing).
std::vector<CaseResult> dynamic_cases_with(Status status, const std::string& reason);

// Families, one file each under conformance/cases/.
std::vector<CaseInfo> answer_cases();
std::vector<CaseInfo> argument_memory_cases();
std::vector<CaseInfo> callback_table_cases();
std::vector<CaseInfo> calling_convention_cases();
std::vector<CaseInfo> deploy_cases();
std::vector<CaseInfo> edge_input_cases();
std::vector<CaseInfo> export_cases();
std::vector<CaseInfo> ipaddr_cases();
std::vector<CaseInfo> lifecycle_cases();
std::vector<CaseInfo> option_cases();
std::vector<CaseInfo> process_cases();
std::vector<CaseInfo> reentry_cases();
std::vector<CaseInfo> robust_cases();
std::vector<CaseInfo> serial_cases();
std::vector<CaseInfo> soak_cases();
std::vector<CaseInfo> unload_cases();
std::vector<CaseInfo> variant_cases();

}  // namespace rasconform::conformance
