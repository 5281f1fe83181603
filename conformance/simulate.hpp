// `rasconform simulate`: play a scenario file to a chain of admin DLLs under
// one profile or all of them and print the callout trace. Windows runs it
// in-process; Linux validates the inputs, then has the agent run it under Wine.
#pragma once

#include <string>
#include <vector>

#include "conformance/dynamic_runner.hpp"
#include "mock/scenario_player.hpp"
#include "rasconform/scenario.hpp"

namespace rasconform::conformance {

struct SimulateOptions {
    std::vector<std::string> dlls;  // registry order (LOAD-5)
    bool from_registry = false;     // take the chain from HKLM\...\RAS\AdminDll instead (Windows, or Wine's registry)
    std::string scenario;
    std::string profile = "ws2022";  // a profile name or "all"
    std::string format = "text";     // "text" or "json"
    std::string output;              // file, or empty for standard output
    RunnerOptions runner;
};

struct SimulateRun {
    std::string output;   // the rendered trace(s)
    std::string problem;  // one line "FILE: what is wrong" for unusable input; output is then empty
};

SimulateRun simulate(const SimulateOptions& options);

// Shared by both platforms.
struct ProfileRun {
    const Profile* profile;
    mock::PlayResult play;
    Trace trace;
};
struct Chain {
    std::vector<std::string> dlls;
    std::vector<std::string> warnings;  // from parsing DLLPath
};
std::string render_simulation(const SimulateOptions& options, const Chain& chain, const Scenario& scenario,
                              const std::vector<ProfileRun>& runs);
// The profiles `name` selects ("all" or one); empty when unknown.
std::vector<const Profile*> select_profiles(const std::string& name);

}  // namespace rasconform::conformance
