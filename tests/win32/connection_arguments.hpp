// The arguments of a variant-1 connection callout (accept or hang-up) for
// one connection, built from the connection model: what the Win32 backend
// tests hand a DLL directly.
#pragma once

#include <cstdint>
#include <span>

#include "rasconform/abi.hpp"
#include "rasconform/connection.hpp"

namespace rasconform::test {

struct ConnectionArguments {
    explicit ConnectionArguments(std::uint64_t connection = 0x40) {
        ConnectionModel m;
        m.handle = connection;
        build(m, c0);
        build(m, c1);
    }
    ConnectionArguments(const ConnectionArguments&) = delete;
    ConnectionArguments& operator=(const ConnectionArguments&) = delete;
    std::span<void* const> args() const { return pointers; }

    winabi::host::RAS_CONNECTION_0 c0;
    winabi::host::RAS_CONNECTION_1 c1;
    void* const pointers[2] = {&c0, &c1};
};

}  // namespace rasconform::test
