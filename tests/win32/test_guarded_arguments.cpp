// Guarded argument pages (ACCEPT-5, ROBUST-5, STRUCT-18) under Wine: writes
// to [in] arguments are reported by field and never reach the engine's
// copy, [in,out]/[out] arguments come back, a read past an argument's end
// faults, and a pointer kept past its call faults on use and is attributed.
// Callouts are subject DLLs or functions of this test with the prototype
// (the backend calls whatever it is given).
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "rasconform/abi.hpp"
#include "rasconform/connection.hpp"
#include "win32/guarded_arguments.hpp"
#include "win32/win32_admin_dll.hpp"
#include "wine_paths.hpp"

#include <windows.h>
// excpt.h's SEH spelling would rename CallOutcome::exception_code.
#undef exception_code

using namespace rasconform;
using test::subject;

namespace {


// The structures of a variant-1 connection callout, built from one model.
struct Connection {
    explicit Connection(std::uint64_t handle) {
        model.handle = handle;
        model.user = u"alice";
        model.links.push_back(LinkModel{});
        build(model, c0);
        build(model, c1);
        build(model, model.links[0], p0);
        build(model, model.links[0], p1);
    }
    ConnectionModel model;
    winabi::host::RAS_CONNECTION_0 c0;
    winabi::host::RAS_CONNECTION_1 c1;
    winabi::host::RAS_PORT_0 p0;
    winabi::host::RAS_PORT_1 p1;
};

// Test callouts, called through the backend like a DLL's.
BOOL WINAPI writes_both_ports(void* p0, void* p1) {
    static_cast<winabi::host::RAS_PORT_0*>(p0)->wszPortName[0] = u'X';
    static_cast<winabi::host::RAS_PORT_1*>(p1)->dwBytesXmited = 0;  // pages of their own
    return TRUE;
}

volatile char sink;
BOOL WINAPI reads_past_the_end(void* p0, void* p1) {
    (void)p1;
    sink = static_cast<const char*>(p0)[sizeof(winabi::host::RAS_PORT_0)];
    return TRUE;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(guarded_arguments)

BOOST_AUTO_TEST_CASE(write_to_an_in_structure_is_reported_by_field_and_not_passed_on) {
    win32::Win32AdminDll dll(subject("bad_writes_input.dll"));
    BOOST_TEST(dll.guards_arguments());
    Connection c(0x40);
    void* args[] = {&c.c0, &c.c1};
    const CalloutInfo& accept = info(Callout::AcceptNewConnection);
    CallOutcome o = dll.call(accept, dll.resolve(accept.name), args);
    BOOST_TEST(o.returned());  // the callout went on after the write
    BOOST_TEST(o.value == 1u);
    BOOST_TEST(o.input_writes == std::vector<std::string>{"RAS_CONNECTION_0.wszUserName"},
               boost::test_tools::per_element());
    BOOST_TEST((std::u16string(c.c0.wszUserName) == u"alice"));  // upper-cased only in the DLL's copy
}

BOOST_AUTO_TEST_CASE(every_written_argument_is_reported_with_its_field) {
    win32::Win32AdminDll dll(subject("good_full.dll"));
    Connection c(0x44);
    c.p1.dwBytesXmited = 77;
    void* args[] = {&c.p0, &c.p1};
    CallOutcome o = dll.call(info(Callout::AcceptNewLink), reinterpret_cast<void*>(&writes_both_ports), args);
    BOOST_TEST(o.returned());
    BOOST_TEST(o.input_writes == (std::vector<std::string>{"RAS_PORT_0.wszPortName", "RAS_PORT_1.dwBytesXmited"}),
               boost::test_tools::per_element());
    BOOST_TEST(c.p1.dwBytesXmited == 77u);
    // The next call of the same backend starts clean.
    const CalloutInfo& link = info(Callout::AcceptNewLink);
    BOOST_TEST(dll.call(link, dll.resolve(link.name), args).input_writes.empty());
}

BOOST_AUTO_TEST_CASE(a_read_past_the_end_of_a_structure_faults) {
    win32::Win32AdminDll dll(subject("good_full.dll"));
    Connection c(0x48);
    void* args[] = {&c.p0, &c.p1};
    CallOutcome o = dll.call(info(Callout::AcceptNewLink), reinterpret_cast<void*>(&reads_past_the_end), args);
    BOOST_TEST((o.kind == CallOutcome::Kind::fault));
    BOOST_TEST(o.exception_code == 0xC0000005u);
    BOOST_TEST(!is_kept_pointer_fault(o));  // the call's own argument: not a kept pointer
}

BOOST_AUTO_TEST_CASE(a_kept_pointer_faults_in_the_later_callout_and_names_its_origin) {
    win32::Win32AdminDll dll(subject("bad_keeps_pointer.dll"));
    Connection c(0x4c);
    void* args[] = {&c.c0, &c.c1};
    const CalloutInfo& accept = info(Callout::AcceptNewConnection);
    const CalloutInfo& hangup = info(Callout::ConnectionHangupNotification);
    BOOST_TEST(dll.call(accept, dll.resolve(accept.name), args).value == 1u);
    CallOutcome o = dll.call(hangup, dll.resolve(hangup.name), args);
    BOOST_TEST((o.kind == CallOutcome::Kind::fault));
    BOOST_TEST(is_kept_pointer_fault(o), o.detail);
    BOOST_TEST(o.detail.find("read of RAS_CONNECTION_0.wszUserName passed to bad_keeps_pointer.dll's "
                             "MprAdminAcceptNewConnection (call #") == 0u,
               o.detail);
    BOOST_TEST(o.detail.find("connection 0x4c), after that call returned") != std::string::npos, o.detail);
    BOOST_TEST(o.where.rfind("bad_keeps_pointer.dll+0x", 0) == 0u, o.where);
    // Contained like any fault: the DLL stays callable.
    BOOST_TEST(dll.call(info(Callout::TerminateDll), dll.resolve("MprAdminTerminateDll"), {}).returned());
}

BOOST_AUTO_TEST_CASE(out_arguments_come_back_and_in_ones_stay_read_only) {
    win32::Win32AdminDll dll(subject("good_full.dll"));
    std::u16string user = u"alice", port = u"VPN1-0";
    std::uint32_t address = 0;  // IPADDR-2: the DLL must allocate
    std::uint32_t notify = 0xCCCCCCCC;
    void* get_args[] = {user.data(), port.data(), &address, &notify};
    const CalloutInfo& get = info(Callout::GetIpAddressForUser);
    CallOutcome o = dll.call(get, dll.resolve(get.name), get_args);
    BOOST_TEST(o.returned());
    BOOST_TEST(o.input_writes.empty());
    const auto* b = reinterpret_cast<const std::uint8_t*>(&address);
    BOOST_TEST((b[0] == 10 && b[1] == 9 && b[2] == 8 && b[3] == 7));  // the subject's 10.9.8.7
    BOOST_TEST(notify == 1u);                                         // TRUE, copied back (IPADDR-3)
    void* release_args[] = {user.data(), port.data(), &address};
    const CalloutInfo& release = info(Callout::ReleaseIpAddress);
    BOOST_TEST(dll.call(release, dll.resolve(release.name), release_args).input_writes.empty());
}

BOOST_AUTO_TEST_CASE(copies_end_at_a_page_end_and_are_inaccessible_after_the_call) {
    Connection c(0x50);
    void* args[] = {&c.c0, &c.c1};
    win32::GuardedArguments g(info(Callout::AcceptNewConnection), "test", args);
    BOOST_REQUIRE(g.guarded());
    const std::vector<void*> copies(g.pointers().begin(), g.pointers().end());  // finish() restores pointers()
    BOOST_TEST(copies[0] != static_cast<void*>(&c.c0));
    BOOST_TEST((reinterpret_cast<std::uintptr_t>(copies[0]) + sizeof c.c0) % 4096 == 0u);
    BOOST_TEST((reinterpret_cast<std::uintptr_t>(copies[1]) + sizeof c.c1) % 4096 == 0u);
    MEMORY_BASIC_INFORMATION mbi{};
    VirtualQuery(copies[0], &mbi, sizeof mbi);
    BOOST_TEST(mbi.Protect == static_cast<DWORD>(PAGE_READONLY));
    BOOST_TEST(g.finish().empty());
    VirtualQuery(copies[0], &mbi, sizeof mbi);
    BOOST_TEST(mbi.Protect == static_cast<DWORD>(PAGE_NOACCESS));  // inaccessible: ROBUST-5
    char detail[512];
    BOOST_TEST(win32::describe_retired_access(reinterpret_cast<std::uintptr_t>(copies[0]), false, detail, sizeof detail));
    BOOST_TEST(std::string(detail).find("read of RAS_CONNECTION_0.hConnection passed to test's "
                                        "MprAdminAcceptNewConnection") == 0u,
               detail);
}

BOOST_AUTO_TEST_SUITE_END()
