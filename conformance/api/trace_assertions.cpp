#include "rasconform/trace_assertions.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace rasconform {
namespace {

TraceCheck broken(std::string message) { return {false, std::move(message)}; }

std::string listed(const std::vector<const TraceEvent*>& events) {
    std::string out;
    for (const TraceEvent* e : events) out += "\n  " + describe(*e);
    return out;
}

bool is_release(Callout c) { return c == Callout::ReleaseIpAddress || c == Callout::ReleaseIpv6AddressForUser ||
                                    c == Callout::LegacyReleaseIpAddress; }

bool is_hangup(Callout c) { return is_connection_hangup(c) || c == Callout::LegacyConnectionHangupNotification; }

bool is_any_accept(Callout c) { return is_accept(c) || c == Callout::LegacyAcceptNewConnection; }

}  // namespace

bool matches(const TraceEvent& e, const TraceFilter& f) {
    return (f.dll.empty() || e.dll == f.dll) && (!f.connection || e.connection == *f.connection) &&
           (!f.link || e.link == *f.link);
}

std::vector<TraceEvent> events(const Trace& trace, const TraceFilter& filter) {
    std::vector<TraceEvent> out;
    for (const TraceEvent& e : trace)
        if (matches(e, filter)) out.push_back(e);
    return out;
}

std::string describe(const TraceEvent& e) {
    std::string outcome = e.outcome.returned() ? fmt::format("returned {}", e.outcome.value) : describe(e.outcome);
    return fmt::format("#{} {} {} connection={:#x} link={:#x} -> {}", e.seq, e.dll, info(e.callout).name,
                       e.connection, e.link, outcome);
}

TraceCheck no_callout_after_hangup(const Trace& trace, std::uint64_t connection) {
    std::vector<std::string> hung_up;  // DLLs whose hang-up for the connection was made
    std::vector<const TraceEvent*> after;
    for (const TraceEvent& e : trace) {
        if (e.connection != connection) continue;
        const bool done = std::find(hung_up.begin(), hung_up.end(), e.dll) != hung_up.end();
        if (done && !is_release(e.callout)) after.push_back(&e);
        if (!done && is_hangup(e.callout)) hung_up.push_back(e.dll);
    }
    if (after.empty()) return {};
    return broken(fmt::format("{} callout{} for connection {:#x} after its hang-up notification [HANGUP-1]:{}",
                              after.size(), after.size() == 1 ? "" : "s", connection, listed(after)));
}

TraceCheck called_times(const Trace& trace, Callout callout, std::size_t times, const TraceFilter& filter) {
    std::vector<const TraceEvent*> calls;
    for (const TraceEvent& e : trace)
        if (e.callout == callout && matches(e, filter)) calls.push_back(&e);
    if (calls.size() == times) return {};
    std::string scope;
    if (!filter.dll.empty()) scope += " in " + filter.dll;
    if (filter.connection) scope += fmt::format(" for connection {:#x}", *filter.connection);
    if (filter.link) scope += fmt::format(" for link {:#x}", *filter.link);
    return broken(fmt::format("{} called {} time{}{}, expected {}{}", info(callout).name, calls.size(),
                              calls.size() == 1 ? "" : "s", scope, times, listed(calls)));
}

TraceCheck connection_accepted(const Trace& trace, std::uint64_t connection) {
    std::vector<const TraceEvent*> accepts, refusals;
    std::optional<std::uint64_t> first_link;
    for (const TraceEvent& e : trace) {
        if (e.connection != connection) continue;
        if (is_any_accept(e.callout)) {
            accepts.push_back(&e);
            if (!e.outcome.returned() || e.outcome.value == 0) refusals.push_back(&e);
        }
        if (e.callout == Callout::AcceptNewLink) {
            if (!first_link) first_link = e.link;
            if (e.link == *first_link && (!e.outcome.returned() || e.outcome.value == 0)) refusals.push_back(&e);
        }
    }
    if (accepts.empty()) return broken(fmt::format("connection {:#x} was never asked to be accepted", connection));
    if (refusals.empty()) return {};
    return broken(fmt::format("connection {:#x} was not accepted:{}", connection, listed(refusals)));
}

TraceCheck every_callout_returned(const Trace& trace) {
    std::vector<const TraceEvent*> bad;
    for (const TraceEvent& e : trace)
        if (!e.outcome.returned()) bad.push_back(&e);
    if (bad.empty()) return {};
    return broken(fmt::format("{} callout{} did not return [ROBUST-1, ROBUST-2]:{}", bad.size(),
                              bad.size() == 1 ? "" : "s", listed(bad)));
}

}  // namespace rasconform
