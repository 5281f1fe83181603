// Public API: feed a DLL's callouts the documented edge and range values of
// every input field from a seed, minimise a failing input and get a
// scenario that replays it (`rasconform fuzz`, ROBUST-6).
//
//   rasconform::FuzzCommandOptions o;
//   o.dll = "my_admin.dll";
//   o.plan.seed = 1;
//   o.plan.iterations = 500;
//   rasconform::FuzzRun run = rasconform::fuzz_command(o);
//   // run.exit_status 1: run.output names the field, run.scenario replays it (rasconform::simulate)
#pragma once

#include "conformance/fuzz_command.hpp"

namespace rasconform {

using conformance::FuzzCommandOptions;
using conformance::FuzzRun;
using conformance::fuzz_command;

}  // namespace rasconform
