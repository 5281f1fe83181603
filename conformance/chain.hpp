// A chain: several admin DLLs checked as one DLLPath, in registry order
// (`rasconform check A.dll B.dll`). Every case judges every DLL of the chain
// in turn (the others run around it as RRAS would run them); this folds the
// per-DLL results of a case into the one result the report shows, so that a
// failure names the DLL whose code broke the rule and no other.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "conformance/case.hpp"

namespace rasconform::conformance {

// One case's results, one per DLL of the chain (`dlls`: their file names, in
// the same order), as one result: the worst status (fail, then error,
// warning, pass, not-applicable); the message gives each DLL with that
// status, named first ("b.dll: ..."), and only those - except for a pass,
// which names every DLL with its own finding. The trace is the first such
// DLL's. One DLL: its result unchanged.
CaseResult fold_case(std::span<const std::string> dlls, std::vector<CaseResult> per_dll);

// Whole result lists, one per DLL, folded case by case in the order of the
// first list; a case missing from some list is folded from those that have it.
std::vector<CaseResult> fold_chain(std::span<const std::string> dlls, std::vector<std::vector<CaseResult>> per_dll);

// What keeps DLLs from being checked as one chain: a file name given twice
// (traces and messages name DLLs by file name), PE DLLs of different
// machines (one RRAS process loads its own architecture's), a PE DLL with a
// Linux shared object. `file` is the DLL it is about.
struct ChainProblem {
    std::string file;
    std::string problem;
};
std::optional<ChainProblem> chain_problem(std::span<const Subject> chain);

}  // namespace rasconform::conformance
