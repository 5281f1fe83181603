// Windows releases that matter to the admin-DLL contract, oldest first, so
// that "available since" is a plain comparison (VARIANT-2, VERSION-1).
#pragma once

#include <cstdint>
#include <string_view>

namespace rasconform {

enum class WindowsVersion : std::uint8_t {
    nt4,           // NT 4.0 RAS / RRAS redistributable
    w2000,         // Windows 2000 Server
    ws2003,        // Windows Server 2003
    ws2008,        // Windows Server 2008 (Vista kernel)
    ws2008r2,      // Windows Server 2008 R2 (Windows 7 kernel)
    ws2012,
    ws2012r2,
    ws2016,
    ws2019,
    ws2022,
};

std::string_view to_string(WindowsVersion v);

}  // namespace rasconform
