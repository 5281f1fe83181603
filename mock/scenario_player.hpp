// Plays a scenario (rasconform/scenario.hpp) on the mock service: start,
// the steps in time order, stop. Steps naming a connection that is not up
// (refused, or already gone) are skipped and noted, since a DLL's policy
// decides which connections exist.
#pragma once

#include <string>
#include <vector>

#include "mock/service.hpp"
#include "rasconform/scenario.hpp"

namespace rasconform::mock {

struct PlayResult {
    StartResult start;
    std::vector<std::string> notes;  // "line 12: alice is not connected (refused); add-link skipped"
};

PlayResult play(Service& service, const Scenario& scenario);

}  // namespace rasconform::mock
