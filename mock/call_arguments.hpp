// The arguments of one callout, built on demand from the connection model in
// the layout of this process (structures are never stored per connection).
// Only the structures the callout's prototype names are built.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <string>

#include "rasconform/abi.hpp"
#include "rasconform/callouts.hpp"
#include "rasconform/connection.hpp"

namespace rasconform::mock {

class CallArguments {
public:
    // `link` is the port for link callouts and the port name for IP callouts.
    CallArguments(const CalloutInfo& callout, const ConnectionModel& model, const LinkModel* link);
    // For the address callouts, which name the port but take no port structure.
    CallArguments(const CalloutInfo& callout, const ConnectionModel& model, std::u16string_view port_name);
    CallArguments(const CallArguments&) = delete;
    CallArguments& operator=(const CallArguments&) = delete;

    std::span<void* const> pointers() const { return {ptrs_.data(), count_}; }
    // "user=alice port=VPN1-0 ip=10.1.2.3" for the trace.
    std::string summary() const;

    // In/out values of the IP callouts; read back after the call.
    std::uint32_t ipv4 = 0;
    winabi::IN6_ADDR ipv6{};
    // IPADDR-3: a sentinel the DLL must overwrite ([out]).
    static constexpr std::uint32_t notify_sentinel = 0xCCCCCCCC;
    std::uint32_t notify_release = notify_sentinel;

private:
    CallArguments(const CalloutInfo& callout, const ConnectionModel& model, const LinkModel* link,
                  std::u16string_view port_name);

    const CalloutInfo& callout_;
    winabi::host::RAS_CONNECTION_0 c0_;
    winabi::host::RAS_CONNECTION_1 c1_;
    winabi::host::RAS_CONNECTION_2 c2_;
    winabi::host::RAS_CONNECTION_3 c3_;
    winabi::host::RAS_CONNECTION_EX cex_;
    winabi::host::RAS_PORT_0 p0_;
    winabi::host::RAS_PORT_1 p1_;
    std::u16string user_, port_;
    std::array<void*, 4> ptrs_{};
    std::size_t count_ = 0;
};

}  // namespace rasconform::mock
