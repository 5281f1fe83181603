#include "rasconform/forbidden_calls.hpp"

#include <algorithm>
#include <array>

namespace rasconform {
namespace {

constexpr std::array<std::string_view, 20> forbidden{
    // RAS Administration Functions
    "MprAdminConnectionClearStats", "MprAdminConnectionEnum", "MprAdminConnectionEnumEx", "MprAdminConnectionGetInfo",
    "MprAdminConnectionGetInfoEx", "MprAdminConnectionRemoveQuarantine", "MprAdminPortClearStats",
    "MprAdminPortDisconnect", "MprAdminPortEnum", "MprAdminPortGetInfo", "MprAdminPortReset",
    // shared with router administration
    "MprAdminBufferFree", "MprAdminGetErrorString", "MprAdminIsServiceRunning", "MprAdminServerConnect",
    "MprAdminServerDisconnect",
    // RAS User Administration Functions
    "MprAdminGetPDCServer", "MprAdminSendUserMessage", "MprAdminUserGetInfo", "MprAdminUserSetInfo"};

}  // namespace

std::span<const std::string_view> reentry_forbidden_functions() { return forbidden; }

bool is_reentry_forbidden(std::string_view function) {
    return std::find(forbidden.begin(), forbidden.end(), function) != forbidden.end();
}

}  // namespace rasconform
