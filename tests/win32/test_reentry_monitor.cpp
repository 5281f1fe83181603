// The REENTRY detector (REENTRY-1..5) with the replacement mprapi.dll under
// Wine: outside a callout the administration API works against the mock;
// inside one every call is reported and refused.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <optional>

// rasconform headers before <windows.h>: winerror.h defines NO_ERROR & co as macros.
#include "mock/service.hpp"
#include "win32/reentry_monitor.hpp"
#include "win32/win32_admin_dll.hpp"
#include "wine_paths.hpp"

#include <windows.h>

using namespace rasconform;

namespace {


win32::Win32ReentryMonitor& monitor() {
    static std::unique_ptr<win32::Win32ReentryMonitor> m = [] {
        std::string why;
        auto loaded = win32::Win32ReentryMonitor::load(test::wine_path("RASCONFORM_MPRAPI_SHIM", ""), false, why);
        BOOST_REQUIRE_MESSAGE(loaded, why);
        return loaded;
    }();
    return *m;
}

template <class F>
F shim_function(const char* name) {
    HMODULE m = GetModuleHandleW(L"mprapi.dll");
    BOOST_REQUIRE(m);
    return reinterpret_cast<F>(reinterpret_cast<void*>(GetProcAddress(m, name)));
}

// A started service on one subject, watched by the monitor, one connection up.
struct Session {
    explicit Session(const char* subject)
        : dll(test::subject(subject)), service({&dll}) {
        monitor().attach(&service);
        BOOST_REQUIRE(service.start().started);
        ConnectionModel m;
        m.links.push_back(LinkModel{});
        connection = service.connect(m);
    }
    ~Session() {
        service.stop();
        monitor().attach(nullptr);
    }
    win32::Win32AdminDll dll;
    mock::Service service;
    mock::ConnectResult connection;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(reentry_monitor)

BOOST_AUTO_TEST_CASE(outside_callouts_the_api_acts_on_the_mock) {  // REENTRY-5
    win32::Win32ReentryMonitor& mon = monitor();
    std::optional<Session> s(std::in_place, "good_full.dll");
    mock::Service& service = s->service;
    const mock::ConnectResult r = s->connection;
    BOOST_REQUIRE(r.admitted);

    using Enum = DWORD(WINAPI*)(HANDLE, DWORD, LPBYTE*, DWORD, LPDWORD, LPDWORD, LPDWORD);
    using Disconnect = DWORD(WINAPI*)(HANDLE, HANDLE);
    using Free = DWORD(WINAPI*)(LPVOID);
    LPBYTE buffer = nullptr;
    DWORD read = 0, total = 0;
    BOOST_TEST(shim_function<Enum>("MprAdminConnectionEnum")(nullptr, 0, &buffer, ~0u, &read, &total, nullptr) == 0u);
    BOOST_TEST(read == 1u);
    BOOST_TEST(reinterpret_cast<std::uintptr_t>(*reinterpret_cast<HANDLE*>(buffer)) == r.connection);
    shim_function<Free>("MprAdminBufferFree")(buffer);

    std::uint64_t port = service.links_of(r.connection).at(0);
    BOOST_TEST(shim_function<Disconnect>("MprAdminPortDisconnect")(nullptr, reinterpret_cast<HANDLE>(port)) == 0u);
    BOOST_TEST(service.live_connections() == 0u);  // its only link went, and the connection with it
    bool link_down = false, hung_up = false;  // the callouts of a real disconnect followed
    for (const TraceEvent& e : service.trace()) {
        link_down |= e.callout == Callout::LinkHangupNotification && e.link == port;
        hung_up |= e.callout == Callout::ConnectionHangupNotification2 && e.connection == r.connection;
    }
    BOOST_TEST(link_down);
    BOOST_TEST(hung_up);
    s.reset();
    BOOST_TEST(mon.violations().empty());
}

BOOST_AUTO_TEST_CASE(inside_a_callout_calls_are_reported_and_refused) {  // REENTRY-1, REENTRY-4
    win32::Win32ReentryMonitor& mon = monitor();
    std::size_t before = mon.violations().size();
    {
        Session s("bad_reentry.dll");
        s.service.hang_up(s.connection.connection);
    }
    auto v = mon.violations();
    BOOST_REQUIRE(v.size() == before + 1);
    BOOST_TEST(v.back().function == "MprAdminPortDisconnect");
    BOOST_TEST(v.back().callout == "MprAdminLinkHangupNotification");
}

BOOST_AUTO_TEST_CASE(shim_stands_in_only_for_what_it_emulates) {
    PeImage pe;
    pe.imports.push_back({"MPRAPI.dll", {"MprAdminPortDisconnect", "MprAdminServerConnect"}, 0});
    BOOST_TEST(win32::shim_compatibility(pe).empty());
    pe.imports.push_back({"mprapi.dll", {"MprConfigServerConnect"}, 0});
    BOOST_TEST(win32::shim_compatibility(pe).find("MprConfigServerConnect") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
