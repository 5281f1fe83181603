// The ROBUST-3 unload watch under Wine: a subject that leaves a thread or a
// periodic timer running after Terminate is caught executing its freed
// image, and the process survives it; clean subjects (one of which starts
// and properly stops a thread and a timer) leave nothing. Also the
// ROBUST-4 figures: they track what the process holds.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "rasconform/callouts.hpp"
#include "win32/process_resources.hpp"
#include "win32/win32_admin_dll.hpp"
#include "wine_paths.hpp"

#include <windows.h>
// excpt.h's SEH spelling would rename CallOutcome::exception_code.
#undef exception_code

using namespace rasconform;
using test::subject;

namespace {


// Init, Terminate, then the unload watch, as robust.clean-unload does.
UnloadResult serve_and_unload(const std::string& name) {
    win32::Win32AdminDll dll(subject(name));
    const CalloutInfo& init = info(Callout::InitializeDll);
    const CalloutInfo& term = info(Callout::TerminateDll);
    BOOST_TEST(dll.call(init, dll.resolve(init.name), {}).returned());
    BOOST_TEST(dll.call(term, dll.resolve(term.name), {}).returned());
    return dll.unload(std::chrono::milliseconds(200));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(unload_watch)

BOOST_AUTO_TEST_CASE(clean_dll_leaves_nothing) {
    UnloadResult r = serve_and_unload("good_full.dll");
    BOOST_TEST(r.supported);
    BOOST_TEST(r.done, r.not_done);
    BOOST_TEST(r.leftovers.empty());
}

BOOST_AUTO_TEST_CASE(stopped_thread_and_deleted_timer_leave_nothing) {
    // The system's own pool and timer threads outlive the DLL's timer; they
    // start in the system DLLs and are not the DLL's code.
    UnloadResult r = serve_and_unload("good_housekeeping.dll");
    BOOST_TEST(r.done, r.not_done);
    BOOST_TEST(r.leftovers.empty(), (r.leftovers.empty() ? "" : r.leftovers[0]));
}

BOOST_AUTO_TEST_CASE(thread_left_running_is_caught_and_ended) {
    UnloadResult r = serve_and_unload("bad_thread_left_running.dll");
    BOOST_TEST(r.done, r.not_done);
    BOOST_REQUIRE(!r.leftovers.empty());
    BOOST_TEST(r.leftovers[0].find("executed unloaded code at bad_thread_left_running.dll+0x") != std::string::npos,
               r.leftovers[0]);
}

BOOST_AUTO_TEST_CASE(timer_left_running_is_caught_each_time_it_fires) {
    UnloadResult r = serve_and_unload("bad_timer_left_running.dll");
    BOOST_TEST(r.done, r.not_done);
    BOOST_REQUIRE(!r.leftovers.empty());
    BOOST_TEST(r.leftovers[0].find("bad_timer_left_running.dll+0x") != std::string::npos, r.leftovers[0]);
    // The process goes on: a DLL loads and runs after it.
    BOOST_TEST(serve_and_unload("good_full.dll").leftovers.empty());
}

BOOST_AUTO_TEST_CASE(leftovers_of_many_loads_never_end_the_process) {
    // An in-process check loads the DLL again for every scenario (70 times
    // and more) and every unload of one of these leaves something running
    // in a range that stays trapped: more ranges than any fixed table
    // holds. Each is caught when it runs, unattended (no grace period, as
    // the backend's destructor unloads), and the process goes on.
    for (int i = 0; i < 80; ++i)
        for (const char* name : {"bad_thread_left_running.dll", "bad_timer_left_running.dll"}) {
            win32::Win32AdminDll dll(subject(name));
            const CalloutInfo& init = info(Callout::InitializeDll);
            const CalloutInfo& term = info(Callout::TerminateDll);
            BOOST_TEST(dll.call(init, dll.resolve(init.name), {}).returned());
            BOOST_TEST(dll.call(term, dll.resolve(term.name), {}).returned());
            BOOST_TEST(dll.unload(std::chrono::milliseconds(0)).done);
        }
    Sleep(100);  // every thread and timer left behind wakes at least once more
    // The last one is still caught, and a clean DLL still leaves nothing.
    UnloadResult r = serve_and_unload("bad_timer_left_running.dll");
    BOOST_REQUIRE(!r.leftovers.empty());
    BOOST_TEST(r.leftovers[0].find("bad_timer_left_running.dll+0x") != std::string::npos, r.leftovers[0]);
    BOOST_TEST(serve_and_unload("good_full.dll").leftovers.empty());
}

BOOST_AUTO_TEST_CASE(unloading_twice_says_so) {
    win32::Win32AdminDll dll(subject("good_full.dll"));
    BOOST_TEST(dll.unload(std::chrono::milliseconds(0)).done);
    UnloadResult again = dll.unload(std::chrono::milliseconds(0));
    BOOST_TEST(!again.done);
    BOOST_TEST(again.not_done.find("good_full.dll") != std::string::npos, again.not_done);
}

BOOST_AUTO_TEST_CASE(resource_figures_track_the_process) {  // ROBUST-4
    const ResourceUse before = win32::this_process_resources();
    BOOST_TEST(before.available, before.not_available);
    BOOST_TEST(before.threads >= 1u);
    std::vector<HANDLE> events;
    for (int i = 0; i < 100; ++i) events.push_back(CreateEventW(nullptr, TRUE, FALSE, nullptr));
    void* block = VirtualAlloc(nullptr, 1 << 20, MEM_COMMIT, PAGE_READWRITE);
    const ResourceUse after = win32::this_process_resources();
    BOOST_TEST(after.handles >= before.handles + 100);
    BOOST_TEST(after.private_bytes >= before.private_bytes + (1u << 20));
    for (HANDLE e : events) CloseHandle(e);
    VirtualFree(block, 0, MEM_RELEASE);
}

BOOST_AUTO_TEST_SUITE_END()
