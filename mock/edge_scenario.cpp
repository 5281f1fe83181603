#include "mock/edge_scenario.hpp"

#include <stdexcept>

#include "rasconform/edge_inputs.hpp"

namespace rasconform::mock {
namespace {

void play(Service& service, const EdgeInput* edge, std::vector<std::uint64_t>& connections) {
    ConnectionModel m;
    m.links.push_back(LinkModel{});
    if (edge) edge->apply(m);
    const ConnectResult r = service.connect(m);
    connections.push_back(r.connection);
    if (!r.admitted) return;  // refusing is policy
    LinkModel second = m.links.front();
    second.port_handle = 0;
    second.port_name = u"VPN1-1";
    service.add_link(r.connection, second);
    if (m.quarantine != winabi::RAS_QUAR_STATE_NORMAL &&
        !service.reauthenticate(r.connection, m.quarantine, m.probation_deadline))
        return;  // refused: RRAS disconnected it (REAUTH-5)
    service.hang_up(r.connection);
}

}  // namespace

EdgePlan every_edge_input() {
    EdgePlan plan;
    for (std::size_t i = 0; i < edge_inputs().size(); ++i) plan.inputs.push_back(i);
    return plan;
}

EdgeScenario edge_scenario(AdminDllBackend& dll, const Options& options, const EdgePlan& plan) {
    const auto& edges = edge_inputs();
    for (std::size_t i : plan.inputs)
        if (i >= edges.size()) throw std::runtime_error("no edge input " + std::to_string(i));
    Service service({&dll}, options);
    EdgeScenario out;
    out.start = service.start();
    if (out.start.started) {
        play(service, nullptr, out.connections);
        for (std::size_t i : plan.inputs) play(service, &edges[i], out.connections);
        service.stop();
    }
    for (const TraceEvent& e : service.trace())
        if (e.dll == dll.name() && !e.outcome.returned()) out.faults.push_back(e);
    return out;
}

}  // namespace rasconform::mock
