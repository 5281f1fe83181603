// The plain DWORD counters and durations of a scenario file's [[connection]]
// and [connection.port] tables: one list, read by scenario_file.cpp and
// written by fuzz_trial_toml.cpp, so a key cannot be added to one side only.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>

#include "rasconform/connection.hpp"

namespace rasconform::scenario_keys {

template <class Model>
using Counter = std::pair<std::string_view, std::uint32_t Model::*>;

inline constexpr Counter<ConnectionModel> connection_counters[] = {
    {"connect_duration", &ConnectionModel::connect_duration},
    {"bytes_xmited", &ConnectionModel::bytes_xmited},
    {"bytes_rcved", &ConnectionModel::bytes_rcved},
    {"frames_xmited", &ConnectionModel::frames_xmited},
    {"frames_rcved", &ConnectionModel::frames_rcved},
    {"compression_in", &ConnectionModel::compression_in},
    {"compression_out", &ConnectionModel::compression_out},
    {"switch_overs", &ConnectionModel::switch_overs},
};

inline constexpr Counter<LinkModel> port_counters[] = {
    {"total_calls", &LinkModel::total_calls},
    {"connect_duration", &LinkModel::connect_duration},
    {"line_speed", &LinkModel::line_speed},
    {"bytes_xmited", &LinkModel::bytes_xmited},
    {"bytes_rcved", &LinkModel::bytes_rcved},
    {"frames_xmited", &LinkModel::frames_xmited},
    {"frames_rcved", &LinkModel::frames_rcved},
    {"compression_in", &LinkModel::compression_in},
    {"compression_out", &LinkModel::compression_out},
};

}  // namespace rasconform::scenario_keys
