// Public API: play a scenario file (TOML, examples/scenarios) to a chain of
// admin DLLs under one profile or all, and get the trace (`rasconform
// simulate`).
//
//   rasconform::SimulateOptions o;
//   o.dlls = {"my_admin.dll"};
//   o.scenario = "two_links.toml";
//   rasconform::SimulateRun run = rasconform::simulate(o);
//   if (!run.problem.empty()) throw std::runtime_error(run.problem);  // unusable input
//   std::cout << run.output;
#pragma once

#include "conformance/simulate.hpp"

namespace rasconform {

using conformance::SimulateOptions;
using conformance::SimulateRun;
using conformance::simulate;

}  // namespace rasconform
