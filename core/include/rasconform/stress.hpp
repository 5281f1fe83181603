// Public API: many connection lifecycles at once against a chain of admin
// DLLs, the interleaving drawn from a seed so a failure replays
// (`rasconform stress`; SERIAL-4/5, the rules' serialization groups).
//
//   rasconform::StressCommandOptions o;
//   o.dlls = {"my_admin.dll"};
//   o.stress.connections = 2000;
//   o.stress.seed = 7;
//   rasconform::CommandRun run = rasconform::stress_command(o);
//   // run.problem: unusable input; run.exit_status 0 clean, 1 a finding; run.output the result
#pragma once

#include "conformance/stress_command.hpp"

namespace rasconform {

using conformance::CommandRun;
using conformance::StressCommandOptions;
using conformance::stress_command;

}  // namespace rasconform
