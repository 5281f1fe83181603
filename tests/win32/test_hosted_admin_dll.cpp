// The host-process backend under Wine: a subject in rasconform-host.exe, the
// engine's side talking to it over the pipe. What a hostile DLL does to its
// process must end or wedge the host only, be attributed to the call in
// flight, and leave the pool able to give the next load a fresh host.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "rasconform/abi.hpp"
#include "rasconform/connection.hpp"
#include "rasconform/dll_output.hpp"
#include "win32/host/hosted_admin_dll.hpp"
#include "win32/win32_admin_dll.hpp"
#include "win32/host/host_channel.hpp"
#include "win32/process_resources.hpp"
#include "connection_arguments.hpp"
#include "wine_paths.hpp"

#include <windows.h>
#undef exception_code

using namespace rasconform;
using test::subject;
namespace fs = std::filesystem;

namespace {


std::shared_ptr<win32::HostPool> pool(win32::HostPool::Policy policy = win32::HostPool::Policy::per_chain) {
    return std::make_shared<win32::HostPool>(test::wine_path("RASCONFORM_HOST", "rasconform-host.exe"), policy);
}

const std::chrono::milliseconds budget{2000};

// A second link for connection 0x40: what the planted faults wait for.
CallOutcome second_link(win32::HostedAdminDll& dll) {
    ConnectionModel m;
    m.handle = 0x40;
    m.links.push_back(LinkModel{});
    m.links.push_back(LinkModel{});
    m.links[0].port_handle = 0x41;
    m.links[1].port_handle = 0x42;
    m.links[1].port_name = u"VPN1-1";
    winabi::host::RAS_CONNECTION_0 c0;
    winabi::host::RAS_CONNECTION_1 c1;
    winabi::host::RAS_CONNECTION_2 c2;
    build(m, c0);
    build(m, c1);
    build(m, c2);
    void* accept[] = {&c0, &c1, &c2};
    const CalloutInfo& a2 = info(Callout::AcceptNewConnection2);
    BOOST_REQUIRE(dll.call(a2, dll.resolve(a2.name), accept).value == 1u);
    const CalloutInfo& link = info(Callout::AcceptNewLink);
    CallOutcome last;
    for (const LinkModel& l : m.links) {
        winabi::host::RAS_PORT_0 p0;
        winabi::host::RAS_PORT_1 p1;
        build(m, l, p0);
        build(m, l, p1);
        void* args[] = {&p0, &p1};
        last = dll.call(link, dll.resolve(link.name), args);
    }
    return last;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hosted_backend)

BOOST_AUTO_TEST_CASE(binds_and_calls_through_the_host) {
    win32::HostedAdminDll dll(pool(), subject("good_full.dll"), budget);
    BOOST_TEST(dll.name() == "good_full.dll");
    BOOST_TEST(dll.resolve("MprAdminAcceptNewLink") != nullptr);
    BOOST_TEST(dll.resolve("mpradminacceptnewlink") == nullptr);  // LOAD-8
    CallOutcome init = dll.call(info(Callout::InitializeDll), dll.resolve("MprAdminInitializeDll"), {});
    BOOST_TEST(init.returned());
    BOOST_TEST(init.value == 0u);
    BOOST_TEST(second_link(dll).value == 1u);
}

// Q-1, SERIAL-7: the choice of threads travels to the host's backend; the
// subject keeps its policy in thread-local storage from Initialize.
BOOST_AUTO_TEST_CASE(calling_threads_travel_to_the_host) {
    win32::HostedAdminDll dll(pool(), subject("bad_thread_affinity.dll"), budget);
    BOOST_TEST(dll.call(info(Callout::InitializeDll), dll.resolve("MprAdminInitializeDll"), {}).returned());
    const test::ConnectionArguments connection;
    const auto args = connection.args();
    const CalloutInfo& accept = info(Callout::AcceptNewConnection);
    BOOST_TEST(dll.call(accept, dll.resolve(accept.name), args).value == 1u);
    BOOST_TEST(dll.set_calling_threads(CallingThreads::fresh));
    BOOST_TEST(dll.call(accept, dll.resolve(accept.name), args).value == 0u);  // a new thread: no policy there
}

// SERIAL-6: what the host's backend noted comes back with the outcome.
BOOST_AUTO_TEST_CASE(blocking_calls_come_back) {
    win32::HostedAdminDll dll(pool(), subject("warn_blocking_io.dll"), budget);
    BOOST_TEST(dll.watches_blocking_calls());
    dll.call(info(Callout::InitializeDll), dll.resolve("MprAdminInitializeDll"), {});
    const test::ConnectionArguments connection;
    const CalloutInfo& accept = info(Callout::AcceptNewConnection);
    CallOutcome o = dll.call(accept, dll.resolve(accept.name), connection.args());
    BOOST_TEST(o.blocking_calls == std::vector<std::string>{"connect (ws2_32.dll)"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(out_parameters_come_back) {  // IPADDR-1/3 through the pipe
    win32::HostedAdminDll dll(pool(), subject("good_full.dll"), budget);
    const CalloutInfo& get = info(Callout::GetIpAddressForUser);
    std::u16string user = u"alice", port = u"VPN1-0";
    std::uint32_t address = 0x0302010A;
    std::int32_t notify = static_cast<std::int32_t>(0xCCCCCCCC);
    void* args[] = {user.data(), port.data(), &address, &notify};
    CallOutcome o = dll.call(get, dll.resolve(get.name), args);
    BOOST_TEST(o.returned());
    BOOST_TEST(o.value == 0u);
    BOOST_TEST(notify != static_cast<std::int32_t>(0xCCCCCCCC));  // written by the DLL, in the host
}

BOOST_AUTO_TEST_CASE(a_process_end_is_attributed_and_the_pool_recovers) {  // ROBUST-1
    auto p = pool();
    {
        win32::HostedAdminDll dll(p, subject("bad_fault_terminate.dll"), budget);
        CallOutcome o = second_link(dll);
        BOOST_TEST((o.kind == CallOutcome::Kind::process_ended));
        BOOST_TEST(o.exception_code == 7u);  // TerminateProcess(..., 7)
        BOOST_TEST(o.detail.find("exit status 7") != std::string::npos, o.detail);
        CallOutcome after = dll.call(info(Callout::TerminateDll), dll.resolve("MprAdminTerminateDll"), {});
        BOOST_TEST((after.kind == CallOutcome::Kind::not_called));
    }
    // The dead host is not handed out again.
    win32::HostedAdminDll next(p, subject("good_full.dll"), budget);
    BOOST_TEST(next.call(info(Callout::InitializeDll), next.resolve("MprAdminInitializeDll"), {}).returned());
}

BOOST_AUTO_TEST_CASE(the_dll_s_output_comes_with_its_callout_and_beside_its_end) {  // ROBUST-1
    auto output = std::make_shared<DllOutputLog>();
    auto p = std::make_shared<win32::HostPool>(test::wine_path("RASCONFORM_HOST", "rasconform-host.exe"),
                                               win32::HostPool::Policy::per_chain, output);
    win32::HostedAdminDll dll(p, subject("output_assert_in_init.dll"), budget);
    CallOutcome init = dll.call(info(Callout::InitializeDll), dll.resolve("MprAdminInitializeDll"), {});
    BOOST_TEST((init.kind == CallOutcome::Kind::process_ended));
    BOOST_TEST(init.exception_code == 3u);  // the C runtime's assert: abort
    // What the DLL said last is in the message, beside the end of its process.
    BOOST_TEST(init.detail.find("[stderr] Assertion failed: policy_store_reachable") != std::string::npos, init.detail);
    const DllOutput o = output->take();
    std::vector<std::string> texts;
    for (const OutputLine& l : o.lines) {
        texts.push_back(std::string(to_string(l.source)) + " " + l.text);
        BOOST_TEST(l.callout == "MprAdminInitializeDll");
        BOOST_TEST(l.dll == "output_assert_in_init.dll");
    }
    BOOST_REQUIRE(texts.size() == 3u);
    // Read stream by stream: stdout, stderr, then the debug strings.
    BOOST_TEST(texts[0] == "stderr output_assert_in_init: reading the policy store");
    BOOST_TEST(texts[1].starts_with("stderr Assertion failed: policy_store_reachable && \"the policy store is reachable\""));
    BOOST_TEST(texts[1].find("subject.c, line") != std::string::npos, texts[1]);
    BOOST_TEST(texts[2] == "debug output_assert_in_init: policy store unreachable (debug string \u00fc)");
}

BOOST_AUTO_TEST_CASE(a_hang_kills_the_host) {  // ROBUST-2
    auto p = pool();
    win32::HostedAdminDll dll(p, subject("bad_hangs.dll"), std::chrono::milliseconds(300));
    CallOutcome init = dll.call(info(Callout::InitializeDll), dll.resolve("MprAdminInitializeDll"), {});
    BOOST_TEST((init.kind == CallOutcome::Kind::timeout));
    BOOST_TEST(init.detail.find("300 ms") != std::string::npos, init.detail);
    CallOutcome again = dll.call(info(Callout::InitializeDll), dll.resolve("MprAdminInitializeDll"), {});
    BOOST_TEST((again.kind == CallOutcome::Kind::not_called));
}

BOOST_AUTO_TEST_CASE(contained_faults_keep_the_host) {
    win32::HostedAdminDll dll(pool(), subject("bad_fault_divide.dll"), budget);
    CallOutcome o = second_link(dll);
    BOOST_TEST((o.kind == CallOutcome::Kind::fault));
    BOOST_TEST(o.exception_code == 0xC0000094u);
    BOOST_TEST(o.where.rfind("bad_fault_divide.dll+0x", 0) == 0u, o.where);
    BOOST_TEST(dll.call(info(Callout::TerminateDll), dll.resolve("MprAdminTerminateDll"), {}).returned());
}

BOOST_AUTO_TEST_CASE(a_missing_dll_is_a_load_error_naming_it) {
    try {
        win32::HostedAdminDll dll(pool(), subject("no_such_subject.dll"), budget);
        BOOST_FAIL("loaded a missing DLL");
    } catch (const win32::LoadError& e) {
        BOOST_TEST(std::string(e.what()).find("no_such_subject.dll") != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_CASE(a_missing_host_executable_is_a_load_error) {
    auto nowhere = std::make_shared<win32::HostPool>("Z:/nonexistent/rasconform-host.exe",
                                                     win32::HostPool::Policy::per_case);
    try {
        win32::HostedAdminDll dll(nowhere, subject("good_full.dll"), budget);
        BOOST_FAIL("loaded without a host");
    } catch (const win32::LoadError& e) {
        BOOST_TEST(std::string(e.what()).find("rasconform-host.exe") != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_CASE(per_case_pools_never_hand_a_used_host_to_the_next_case) {
    auto host_of_a_load = [](const std::shared_ptr<win32::HostPool>& p) {
        win32::HostedAdminDll dll(p, subject("good_full.dll"), budget);
        return dll.host_process_id();
    };
    auto per_case = pool(win32::HostPool::Policy::per_case);
    const auto first = host_of_a_load(per_case);
    BOOST_TEST(first != 0u);
    BOOST_TEST(host_of_a_load(per_case) == first);  // within one case, the host is reused
    per_case->begin_case();
    BOOST_TEST(host_of_a_load(per_case) != first);

    auto per_chain = pool(win32::HostPool::Policy::per_chain);
    const auto chain_host = host_of_a_load(per_chain);
    per_chain->begin_case();
    BOOST_TEST(host_of_a_load(per_chain) == chain_host);
}

// rasconform-host.exe with `arguments`. Suspended, it is a live process
// that does nothing: a stand-in for an engine.
PROCESS_INFORMATION start_host(const std::wstring& arguments, DWORD flags = 0) {
    const fs::path host = test::wine_path("RASCONFORM_HOST", "rasconform-host.exe");
    STARTUPINFOW si{};
    si.cb = sizeof si;
    PROCESS_INFORMATION pi{};
    std::wstring cmd = L"\"" + host.wstring() + L"\" " + arguments;
    BOOST_REQUIRE(CreateProcessW(host.wstring().c_str(), cmd.data(), nullptr, nullptr, FALSE, flags, nullptr, nullptr,
                                 &si, &pi));
    return pi;
}

// Issue 5 "no Wine process left behind": the host watches the engine that
// started it (--parent) and ends with it, even while a callout is stuck and
// the pipe is still open, i.e. when nothing but that watch could end it.
BOOST_AUTO_TEST_CASE(a_host_stuck_in_a_callout_ends_with_its_engine) {
    // The "engine": any live process we can end at will.
    PROCESS_INFORMATION engine = start_host(L"", CREATE_SUSPENDED);
    PROCESS_INFORMATION child{};
    // Whatever fails below, neither process outlives the test.
    struct Reaper {
        PROCESS_INFORMATION& a;
        PROCESS_INFORMATION& b;
        ~Reaper() {
            for (PROCESS_INFORMATION* p : {&a, &b})
                if (p->hProcess) {
                    TerminateProcess(p->hProcess, 1);
                    CloseHandle(p->hProcess);
                    CloseHandle(p->hThread);
                }
        }
    } reaper{engine, child};
    const std::wstring pipe_name = L"\\\\.\\pipe\\rasconform-test-parent-" + std::to_wstring(GetCurrentProcessId());
    HANDLE pipe = CreateNamedPipeW(pipe_name.c_str(), PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE, 1,
                                   64 * 1024, 64 * 1024, 0, nullptr);
    BOOST_REQUIRE(pipe != INVALID_HANDLE_VALUE);
    win32::HostChannel channel(pipe);
    child = start_host(L"--pipe " + pipe_name + L" --parent " + std::to_wstring(engine.dwProcessId));
    nlohmann::json msg;
    BOOST_REQUIRE((channel.accept(30000, child.hProcess) == win32::HostChannel::Status::ok));
    BOOST_REQUIRE((channel.receive(msg, 30000, child.hProcess) == win32::HostChannel::Status::ok));
    // bad_hangs.dll never returns from Init; the budget outlasts the test.
    BOOST_REQUIRE(channel.send({{"op", "load"},
                                {"path", subject("bad_hangs.dll").string()},
                                {"name", "bad_hangs.dll"},
                                {"budget_ms", 600000}}));
    BOOST_REQUIRE((channel.receive(msg, 30000, child.hProcess) == win32::HostChannel::Status::ok));
    BOOST_REQUIRE_MESSAGE(msg.contains("exports"), msg.dump());
    const std::uintptr_t init = msg["exports"].at("MprAdminInitializeDll").get<std::uintptr_t>();
    BOOST_REQUIRE(channel.send({{"op", "call"}, {"callout", "MprAdminInitializeDll"}, {"fn", init},
                                {"args", nlohmann::json::array()}}));
    // Stuck: no reply, the host is alive.
    BOOST_TEST((channel.receive(msg, 500, child.hProcess) == win32::HostChannel::Status::timeout));
    BOOST_TEST(WaitForSingleObject(child.hProcess, 0) == WAIT_TIMEOUT);
    TerminateProcess(engine.hProcess, 1);
    BOOST_TEST(WaitForSingleObject(child.hProcess, 20000) == WAIT_OBJECT_0);
}

// Wine reuses process ids soon after they are freed, so `--parent PID`
// alone could name an unrelated long-lived process (services.exe ...) once
// the engine is gone, and the host would stay. With --parent-started, a
// process whose start time differs is not the parent: the host ends at once
// (status 3); with the right start time it carries on (and, given no pipe
// here, stops with status 2 for that).
BOOST_AUTO_TEST_CASE(a_host_ends_when_its_parents_id_names_another_process) {
    PROCESS_INFORMATION other = start_host(L"", CREATE_SUSPENDED);
    const std::uint64_t started = win32::process_start_time(other.hProcess);
    BOOST_REQUIRE(started != 0);
    auto exit_status_with = [&](std::uint64_t claimed_start) {
        const std::wstring pipe = L"\\\\.\\pipe\\rasconform-test-no-such-pipe-" + std::to_wstring(GetCurrentProcessId());
        PROCESS_INFORMATION child = start_host(L"--pipe " + pipe + L" --parent " + std::to_wstring(other.dwProcessId) +
                                               L" --parent-started " + std::to_wstring(claimed_start));
        DWORD status = STILL_ACTIVE;
        if (WaitForSingleObject(child.hProcess, 20000) == WAIT_OBJECT_0) GetExitCodeProcess(child.hProcess, &status);
        else TerminateProcess(child.hProcess, 1);
        CloseHandle(child.hProcess);
        CloseHandle(child.hThread);
        return status;
    };
    BOOST_TEST(exit_status_with(started + 1) == 3u);
    BOOST_TEST(exit_status_with(started) == 2u);
    TerminateProcess(other.hProcess, 1);
    CloseHandle(other.hProcess);
    CloseHandle(other.hThread);
}

BOOST_AUTO_TEST_SUITE_END()
