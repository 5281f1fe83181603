#include "mock/scenario_player.hpp"

#include <map>

#include <fmt/format.h>

namespace rasconform::mock {
namespace {

// A fixed scenario epoch (2026-01-01T00:00:00Z as FILETIME) keeps probation
// deadlines, and so traces, identical from run to run.
constexpr std::uint64_t epoch_filetime = 134116992000000000ull;

winabi::FILETIME deadline(std::uint32_t at_ms, std::uint32_t seconds) {
    std::uint64_t t = epoch_filetime + (std::uint64_t(at_ms) + std::uint64_t(seconds) * 1000) * 10000;
    return {static_cast<std::uint32_t>(t), static_cast<std::uint32_t>(t >> 32)};
}

}  // namespace

PlayResult play(Service& service, const Scenario& scenario) {
    PlayResult r;
    r.start = service.start();
    if (!r.start.started) return r;
    std::map<std::string, const ScenarioConnection*> defined;
    for (const ScenarioConnection& c : scenario.connections) defined[c.id] = &c;
    std::map<std::string, std::uint64_t> live;  // id -> hConnection while up

    auto skip = [&](const ScenarioStep& s, const std::string& why) {
        r.notes.push_back(fmt::format("line {}: {} {}; {} skipped", s.line, s.connection, why, to_string(s.action)));
    };
    for (const ScenarioStep& s : scenario.steps) {
        auto up = live.find(s.connection);
        if (s.action == ScenarioStep::Action::restart_service) {
            service.stop();
            live.clear();
            r.start = service.start();
            if (!r.start.started) return r;
            continue;
        }
        if (s.action == ScenarioStep::Action::connect) {
            if (up != live.end()) {
                skip(s, "is already connected");
                continue;
            }
            const ScenarioConnection& defined_as = *defined.at(s.connection);
            ConnectionModel m = defined_as.model;
            if (m.quarantine == winabi::RAS_QUAR_STATE_PROBATION && !defined_as.probation_deadline_given)
                m.probation_deadline = deadline(s.at_ms, 3600);
            ConnectResult c = service.connect(m);
            if (c.admitted)
                live[s.connection] = c.connection;
            else
                r.notes.push_back(fmt::format("line {}: {} was refused: {}", s.line, s.connection, c.refused_by));
            continue;
        }
        if (up == live.end() || service.links_of(up->second).empty()) {
            live.erase(s.connection);
            skip(s, "is not connected");
            continue;
        }
        std::uint64_t h = up->second;
        switch (s.action) {
        case ScenarioStep::Action::add_link:
            if (!service.add_link(h, s.link))
                r.notes.push_back(fmt::format("line {}: a link of {} was refused", s.line, s.connection));
            break;
        case ScenarioStep::Action::drop_link: {
            auto links = service.links_of(h);
            if (s.link_index >= links.size()) {
                skip(s, fmt::format("has no link {}", s.link_index));
                break;
            }
            service.drop_link(h, links[s.link_index]);
            if (service.links_of(h).empty()) live.erase(s.connection);  // the last link took it down
            break;
        }
        case ScenarioStep::Action::reauthenticate:
            if (!service.reauthenticate(h, s.quarantine, deadline(s.at_ms, s.probation_seconds))) {
                live.erase(s.connection);
                r.notes.push_back(fmt::format("line {}: reauthentication of {} was refused; disconnected", s.line,
                                              s.connection));
            }
            break;
        case ScenarioStep::Action::hang_up:
            if (s.cause == HangupCause::service_stop) {
                service.stop();  // TERM-4: stopping tears down every live connection
                live.clear();
                r.start = service.start();
                if (!r.start.started) return r;
            } else {
                service.hang_up(h, s.cause);
                live.erase(s.connection);
            }
            break;
        default: break;
        }
    }
    service.stop();
    return r;
}

}  // namespace rasconform::mock
