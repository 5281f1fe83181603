// Public API: questions about a callout trace, each answered with whether it
// holds and, when not, a message naming the events that break it - for any
// test framework (rasconform/boost_test.hpp wraps them for Boost.Test).
//
//   rasconform::TraceCheck c = rasconform::no_callout_after_hangup(server.trace(), alice.handle);
//   if (!c) std::cerr << c.message << "\n";
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rasconform/callouts.hpp"
#include "rasconform/trace.hpp"

namespace rasconform {

struct TraceCheck {
    bool holds = true;
    std::string message;  // why not, naming the events (seq, DLL, callout); empty when it holds
    explicit operator bool() const { return holds; }
};

// Which events count: every field left empty matches everything.
struct TraceFilter {
    std::string dll;                          // TraceEvent::dll, the DLL's file name
    std::optional<std::uint64_t> connection;  // hConnection
    std::optional<std::uint64_t> link;        // hPort

    TraceFilter in(std::string name) const {
        TraceFilter f = *this;
        f.dll = std::move(name);
        return f;
    }
    TraceFilter of(std::uint64_t connection_handle) const {
        TraceFilter f = *this;
        f.connection = connection_handle;
        return f;
    }
    TraceFilter on(std::uint64_t port) const {
        TraceFilter f = *this;
        f.link = port;
        return f;
    }
};

// Filters naming one field; combine with the setters:
// for_connection(c.handle).in("a.dll").
inline TraceFilter in_dll(std::string dll) {
    TraceFilter f;
    f.dll = std::move(dll);
    return f;
}
inline TraceFilter for_connection(std::uint64_t connection) {
    TraceFilter f;
    f.connection = connection;
    return f;
}
inline TraceFilter for_link(std::uint64_t port) {
    TraceFilter f;
    f.link = port;
    return f;
}

bool matches(const TraceEvent& e, const TraceFilter& filter);
// The events the filter matches, in trace order.
std::vector<TraceEvent> events(const Trace& trace, const TraceFilter& filter = {});
// One line per event: "#12 x.dll MprAdminAcceptNewLink connection=0x3 link=0x4 -> returned 1".
std::string describe(const TraceEvent& e);

// HANGUP-1, ORDER-6: once a DLL's connection hang-up notification for
// `connection` was made, that DLL gets no other callout for it - except the
// release of its addresses, which RRAS makes after the hang-up (IPADDR-12).
// Holds too for a connection that never hung up.
TraceCheck no_callout_after_hangup(const Trace& trace, std::uint64_t connection);
// `callout` was called exactly `times` times among the events `filter` matches.
TraceCheck called_times(const Trace& trace, Callout callout, std::size_t times, const TraceFilter& filter = {});
// The chain admitted `connection`: it was asked at least once, every accept
// callout (any variant) for it returned TRUE, and so did every
// MprAdminAcceptNewLink for its first link.
TraceCheck connection_accepted(const Trace& trace, std::uint64_t connection);
// Every callout of the trace returned (no fault, hang, C++ exception or process end).
TraceCheck every_callout_returned(const Trace& trace);

}  // namespace rasconform
