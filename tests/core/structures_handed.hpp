// Every structure the callouts of a connection and one of its links are
// handed, built by the engine's structure builders and concatenated as
// bytes: what tests compare to show that an input changes (or replays)
// exactly what a DLL sees.
#pragma once

#include <string>

#include "rasconform/abi.hpp"
#include "rasconform/connection.hpp"

namespace rasconform::test {

template <class T>
std::string struct_bytes(const T& s) {
    return std::string(reinterpret_cast<const char*>(&s), sizeof s);
}

inline std::string structures_handed(const ConnectionModel& m, const LinkModel& l) {
    using H = winabi::host;
    H::RAS_CONNECTION_0 c0;
    H::RAS_CONNECTION_1 c1;
    H::RAS_CONNECTION_2 c2;
    H::RAS_CONNECTION_3 c3;
    H::RAS_CONNECTION_EX ex;
    H::RAS_PORT_0 p0;
    H::RAS_PORT_1 p1;
    build(m, c0);
    build(m, c1);
    build(m, c2);
    build(m, c3);
    build(m, ex);
    build(m, l, p0);
    build(m, l, p1);
    const auto v6 = m.ipv6_address();
    return struct_bytes(c0) + struct_bytes(c1) + struct_bytes(c2) + struct_bytes(c3) + struct_bytes(ex) +
           struct_bytes(p0) + struct_bytes(p1) + struct_bytes(m.ipv4_address_dword()) + struct_bytes(v6);
}

}  // namespace rasconform::test
