// A scenario: the story a mock RRAS plays to an admin DLL, as data. Loaded
// from TOML files (core/src/scenario_file.cpp) by `rasconform simulate`,
// and built in code by cases and tests. The engine (mock/) plays it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "rasconform/connection.hpp"

namespace rasconform {

// Why a connection goes away; each is a different path through RRAS.
enum class HangupCause : std::uint8_t {
    user,          // the client hangs up
    idle,          // idle time-out
    admin,         // an administrator disconnects it (MprAdminPortDisconnect / ConnectionRemove)
    link_failure,  // the last link drops
    service_stop,  // the service stops with the connection up (TERM-4, Q-7)
};

struct ScenarioConnection {
    std::string id;          // name used by the steps, unique in the scenario
    ConnectionModel model;   // user, domain, tunnel, quarantine, addresses, links (>= 1); handles are assigned by the engine
    // The file sets the probation deadline of a connection starting in
    // probation (probation_deadline); otherwise the player picks one.
    bool probation_deadline_given = false;
    int line = 0;            // where it was defined, for messages
};

struct ScenarioStep {
    enum class Action : std::uint8_t {
        connect,          // connection: its first links come up (ORDER-7)
        add_link,         // connection: one more link joins (ORDER-4); `link` describes it
        drop_link,        // connection: link number `link_index` (0-based, in order of joining) goes down (ORDER-5)
        reauthenticate,   // connection: the NAP state changes to `quarantine` (REAUTH-1); `probation_seconds` when probation
        hang_up,          // connection: goes away for `cause`
        restart_service,  // Terminate every DLL (live connections torn down first), then Init again
    };
    Action action = Action::connect;
    std::string connection;  // ScenarioConnection::id; empty for restart_service
    std::uint32_t at_ms = 0; // scenario time of the step; steps are sorted by it, ties keep file order
    LinkModel link;          // add_link
    std::size_t link_index = 0;  // drop_link
    winabi::RAS_QUARANTINE_STATE quarantine = winabi::RAS_QUAR_STATE_NORMAL;  // reauthenticate
    std::uint32_t probation_seconds = 0;  // reauthenticate to probation: deadline = now + this (REAUTH-4)
    HangupCause cause = HangupCause::user;  // hang_up
    int line = 0;
};

struct Scenario {
    std::string name;
    std::string description;
    std::vector<ScenarioConnection> connections;
    std::vector<ScenarioStep> steps;  // sorted by at_ms (stable)
};

struct ScenarioLoad {
    std::optional<Scenario> scenario;
    // "FILE:LINE: what is wrong" (one line) when scenario is empty.
    std::string error;
};

ScenarioLoad load_scenario(const std::filesystem::path& file);
ScenarioLoad parse_scenario(std::string_view toml_text, const std::string& source_name);

std::string_view to_string(HangupCause c);
std::string_view to_string(ScenarioStep::Action a);

// How scenario files spell these values (for programs that write them).
std::string_view scenario_spelling(TunnelType t);
std::string_view scenario_spelling(winabi::ROUTER_INTERFACE_TYPE t);
std::string_view scenario_spelling(winabi::RAS_QUARANTINE_STATE q);
std::string_view scenario_spelling(winabi::RAS_PORT_CONDITION c);
std::string_view scenario_spelling(winabi::RAS_HARDWARE_CONDITION h);
// The device name a link of a `t` tunnel gets when the file names none.
std::u16string default_device_name(TunnelType t);

}  // namespace rasconform
