// What crosses a process boundary for one call: the outcome's JSON form
// (reports, the host protocol) and the byte size of each argument kind.
#include <boost/test/unit_test.hpp>

#include "rasconform/abi.hpp"
#include "rasconform/outcome_json.hpp"
#include "rasconform/param_layout.hpp"

using namespace rasconform;

BOOST_AUTO_TEST_SUITE(call_marshalling)

BOOST_AUTO_TEST_CASE(every_outcome_kind_round_trips) {
    for (auto kind : {CallOutcome::Kind::returned, CallOutcome::Kind::fault, CallOutcome::Kind::cxx_exception,
                      CallOutcome::Kind::timeout, CallOutcome::Kind::not_called, CallOutcome::Kind::process_ended}) {
        CallOutcome o;
        o.kind = kind;
        o.value = 1;
        if (!o.returned()) {
            o.exception_code = 0xC00000FD;
            o.fault_address = 0x7ff612340000;
            o.where = "subject.dll+0x1a2b";
            o.detail = "the host process ended during the call (exit status 3)";
        }
        o.input_writes = {"RAS_CONNECTION_0.wszUserName (+0x10) in MprAdminAcceptNewConnection"};
        o.blocking_calls = {"connect (ws2_32.dll)", "WriteConsoleA (kernel32.dll)"};
        nlohmann::json j = nlohmann::json::object();
        put_outcome(j, o);
        CallOutcome back = get_outcome(j);
        BOOST_TEST((back.kind == kind), to_string(kind));
        BOOST_TEST(back.value == o.value);
        BOOST_TEST(back.exception_code == o.exception_code);
        BOOST_TEST(back.fault_address == o.fault_address);
        BOOST_TEST(back.where == o.where);
        BOOST_TEST(back.detail == o.detail);
        BOOST_TEST(back.input_writes == o.input_writes, boost::test_tools::per_element());
        BOOST_TEST(back.blocking_calls == o.blocking_calls, boost::test_tools::per_element());
    }
}

BOOST_AUTO_TEST_CASE(an_unknown_outcome_is_an_error_naming_it) {
    nlohmann::json j{{"outcome", "exploded"}, {"value", 0}};
    try {
        get_outcome(j);
        BOOST_FAIL("accepted an unknown outcome");
    } catch (const std::runtime_error& e) {
        BOOST_TEST(std::string(e.what()).find("exploded") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(argument_sizes_follow_the_host_layout) {
    using H = winabi::host;
    H::RAS_CONNECTION_0 c0{};
    BOOST_TEST(param_bytes(Param::RasConnection0, &c0) == sizeof(H::RAS_CONNECTION_0));
    BOOST_TEST(param_bytes(Param::RasConnectionEx, &c0) == sizeof(H::RAS_CONNECTION_EX));
    BOOST_TEST(param_bytes(Param::RasPort1, &c0) == sizeof(H::RAS_PORT_1));
    BOOST_TEST(param_bytes(Param::CallbackTable, &c0) == sizeof(H::MPRAPI_ADMIN_DLL_CALLBACKS));
    std::u16string user = u"alice";
    BOOST_TEST(param_bytes(Param::UserName, user.data()) == 12u);  // five characters and the NUL
    std::u16string empty;
    BOOST_TEST(param_bytes(Param::PortName, empty.data()) == 2u);
    BOOST_TEST(param_bytes(Param::RasConnection0, nullptr) == 0u);
    // STRUCT-15: the authentication data trails the structure.
    alignas(8) unsigned char buffer[sizeof(H::AUTH_VALIDATION_EX) + 64] = {};
    auto* auth = reinterpret_cast<H::AUTH_VALIDATION_EX*>(buffer);
    auth->AuthInfoSize = 40;
    BOOST_TEST(param_bytes(Param::AuthValidationEx, auth) == offsetof(H::AUTH_VALIDATION_EX, AuthInfo) + 40);
}

BOOST_AUTO_TEST_CASE(only_out_parameters_come_back) {
    BOOST_TEST(param_is_output(Param::Ipv4Address, Callout::GetIpAddressForUser));
    BOOST_TEST(!param_is_output(Param::Ipv4Address, Callout::ReleaseIpAddress));  // [in] there
    BOOST_TEST(param_is_output(Param::Ipv6Address, Callout::GetIpv6AddressForUser));
    BOOST_TEST(param_is_output(Param::NotifyRelease, Callout::GetIpAddressForUser));
    BOOST_TEST(param_is_output(Param::CallbackTable, Callout::InitializeDllEx));
    BOOST_TEST(!param_is_output(Param::RasConnection0, Callout::AcceptNewConnection));  // ACCEPT-5: [in]
    BOOST_TEST(!param_is_output(Param::UserName, Callout::GetIpAddressForUser));
}

BOOST_AUTO_TEST_SUITE_END()
