// The fast mode's concurrency driver (issue 7): SerializingGate keeps
// RRAS's serialization (SERIAL-1..3) and nothing more, and a service driven
// through it in fast mode keeps only the calls that did not return.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <future>

#include "mock/serializing_gate.hpp"
#include "scripted_admin_dll.hpp"

using namespace rasconform;
using namespace rasconform::mock;
using namespace std::chrono_literals;

namespace {

// enter() on another thread; ready once the gate let it in.
std::future<std::uint64_t> enter_async(SerializingGate& gate, std::size_t dll, Callout c) {
    return std::async(std::launch::async, [&gate, dll, c] { return gate.enter(dll, c); });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(serializing_gate)

BOOST_AUTO_TEST_CASE(same_group_waits_other_groups_and_dlls_do_not) {
    SerializingGate gate;
    gate.enter(0, Callout::AcceptNewConnection);  // held: the connection group of DLL 0 (SERIAL-3)
    auto same_group = enter_async(gate, 0, Callout::ConnectionHangupNotification);
    auto other_group = enter_async(gate, 0, Callout::GetIpAddressForUser);        // SERIAL-2: its own group
    auto other_dll = enter_async(gate, 1, Callout::AcceptNewConnection);          // SERIAL-5: DLLs overlap
    BOOST_TEST((other_group.wait_for(10s) == std::future_status::ready));
    BOOST_TEST((other_dll.wait_for(10s) == std::future_status::ready));
    BOOST_TEST((same_group.wait_for(50ms) == std::future_status::timeout));
    gate.leave(0, Callout::AcceptNewConnection);
    BOOST_TEST((same_group.wait_for(10s) == std::future_status::ready));
    gate.leave(0, Callout::ConnectionHangupNotification);
    gate.leave(0, Callout::GetIpAddressForUser);
    gate.leave(1, Callout::AcceptNewConnection);
}

BOOST_AUTO_TEST_CASE(a_callout_serialized_only_with_itself) {  // SERIAL-1
    SerializingGate gate;
    gate.enter(0, Callout::AcceptNewLink);
    auto again = enter_async(gate, 0, Callout::AcceptNewLink);
    auto link_hangup = enter_async(gate, 0, Callout::LinkHangupNotification);
    BOOST_TEST((link_hangup.wait_for(10s) == std::future_status::ready));
    BOOST_TEST((again.wait_for(50ms) == std::future_status::timeout));
    gate.leave(0, Callout::AcceptNewLink);
    BOOST_TEST((again.wait_for(10s) == std::future_status::ready));
    gate.leave(0, Callout::AcceptNewLink);
    gate.leave(0, Callout::LinkHangupNotification);
}

BOOST_AUTO_TEST_CASE(fast_mode_keeps_only_calls_that_did_not_return) {
    test::ScriptedAdminDll dll("subject.dll", test::plain_exports);
    dll.writes_notify = true;
    Options fast;
    fast.record_every_call = false;
    Service service({&dll}, fast);
    SerializingGate gate;
    BOOST_REQUIRE(service.start().started);
    service.set_gate(&gate);
    ConnectionModel m;
    m.links.push_back(LinkModel{});
    for (int i = 0; i < 3; ++i) service.hang_up(service.connect(m).connection);
    dll.fault_next(Callout::LinkHangupNotification);
    service.hang_up(service.connect(m).connection);
    service.set_gate(nullptr);
    service.stop();
    BOOST_TEST(dll.calls.size() == 2u + 4u * 6u);  // Init, Terminate, six per lifecycle
    BOOST_REQUIRE(service.trace().size() == 1u);
    const TraceEvent& e = service.trace().front();
    BOOST_TEST((e.callout == Callout::LinkHangupNotification));
    BOOST_TEST((e.outcome.kind == CallOutcome::Kind::fault));
    BOOST_TEST(e.dll == "subject.dll");
    BOOST_TEST(e.args.find("port=") != std::string::npos, e.args);
    BOOST_TEST(e.seq > 20u);  // numbered among all calls, kept or not
}

BOOST_AUTO_TEST_SUITE_END()
