// rasconform-host.exe: loads admin DLLs for an engine in another process and
// calls them on request (isolation modes `chain` and `case`). It is thin on
// purpose: the in-process backend does the loading, binding, fault guard and
// watchdog; this file only turns pipe messages into its calls.
//
//   rasconform-host.exe --pipe \\.\pipe\NAME --flight-recorder FILE --scratch DIR --parent PID
//                       [--parent-started FILETIME] [--output-capture BASE]
//
// With --output-capture, what the DLL writes to standard output and error
// and with OutputDebugString goes to BASE.stdout, .stderr and .debug, which
// the engine reads after each request (win32/output_capture.hpp).
//
// Requests (CBOR, see host_channel.hpp) and replies:
//   load {path, name, budget_ms, reentry, reentry_faithful}
//                                                  -> {exports: {name: address}, pid} | {error}
//   call {callout, fn, args: [bytes|null]}         -> {outcome: {...}, out: [bytes|null]}
//   unload {grace_ms?}                             -> {poisoned, tainted, unload?: {done, not_done, leftovers}}
//                       with grace_ms: the ROBUST-3 watch (unload_watch.hpp) runs here, in the DLL's process
//   resources                                      -> {available, not_available, private_bytes, handles, threads}
//                       ROBUST-4: this process's figures
//   scenario {scenario: soak|stress, ...}          -> the scenario's result | {error}
//                       ROBUST-4 soak, SERIAL-4/5 stress: a whole service life around the
//                       loaded DLL, run here (mock/whole_scenario.hpp)
//   quit                                           -> (exits)
#include "rasconform/callouts.hpp"
#include "rasconform/outcome_json.hpp"
#include "rasconform/param_layout.hpp"
#include "rasconform/pe_image.hpp"
#include "mock/whole_scenario.hpp"
#include "win32/flight_recorder.hpp"
#include "win32/host/host_channel.hpp"
#include "win32/output_capture.hpp"
#include "win32/process_resources.hpp"
#include "win32/registry_view.hpp"
#include "win32/unload_watch.hpp"
#include "win32/reentry_monitor.hpp"
#include "win32/win32_admin_dll.hpp"

#include <windows.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace rw = rasconform::win32;
using nlohmann::json;

namespace {

std::unique_ptr<rw::Win32AdminDll> dll;
// REENTRY-4: bound before the first subject that asks for it, kept for the
// life of the host (the subject's imports bind to it at load).
std::unique_ptr<rw::Win32ReentryMonitor> monitor;
std::size_t violations_reported = 0;

json load(const json& req) {
    const std::filesystem::path path = std::filesystem::u8path(req.at("path").get<std::string>());
    const std::string name = req.at("name").get<std::string>();
    const std::chrono::milliseconds budget(req.at("budget_ms").get<std::int64_t>());
    dll.reset();
    if (req.value("reentry", false) && !monitor) {
        std::string why_not;
        monitor = rw::Win32ReentryMonitor::load(rw::default_shim_path(), req.value("reentry_faithful", false), why_not);
        if (!monitor) return {{"error", name + ": " + why_not}};
    }
    try {
        // One DLL per host: an IP instance is the same file in a host of its own.
        dll = std::make_unique<rw::Win32AdminDll>(path, budget, name);
    } catch (const std::exception& e) {
        return {{"error", e.what()}};
    }
    // The engine binds by name; handing over every named export at once
    // saves a round trip per lookup.
    json exports = json::object();
    std::vector<std::string> names;
    for (const rasconform::CalloutInfo& c : rasconform::callout_catalog()) names.emplace_back(c.name);
    for (const rasconform::PeExport& e : dll->image().exports) names.push_back(e.name);
    for (const std::string& n : names)
        if (void* a = dll->resolve(n)) exports[n] = reinterpret_cast<std::uintptr_t>(a);
    return {{"exports", exports}, {"pid", GetCurrentProcessId()}};
}

json call(const json& req) {
    const auto id = rasconform::find_callout(req.at("callout").get<std::string>());
    if (!dll || !id) return {{"error", "no DLL loaded or unknown callout"}};
    // HDR-2: the engine says which convention (the exported IPv6 release is
    // __cdecl, the same function from the callback table __stdcall).
    const bool cdecl_call = req.value("cdecl", rasconform::info(*id).convention == rasconform::CallingConvention::cdecl_);
    const rasconform::CalloutInfo& callout =
        cdecl_call == (rasconform::info(*id).convention == rasconform::CallingConvention::cdecl_)
            ? rasconform::info(*id)
            : rasconform::table_info(*id);
    std::vector<std::vector<std::uint8_t>> storage;
    for (const json& a : req.at("args"))
        storage.push_back(a.is_binary() ? static_cast<const std::vector<std::uint8_t>&>(a.get_binary())
                                        : std::vector<std::uint8_t>{});
    std::vector<void*> args;  // a null argument stays null
    for (auto& bytes : storage) args.push_back(bytes.empty() ? nullptr : bytes.data());
    void* fn = reinterpret_cast<void*>(req.at("fn").get<std::uintptr_t>());
    rasconform::CallOutcome o = dll->call(callout, fn, args);
    json out = json::array();
    const auto params = callout.parameters();
    for (std::size_t i = 0; i < args.size(); ++i)
        out.push_back(i < params.size() && rasconform::param_is_output(params[i], callout.id) && args[i]
                          ? json::binary(storage[i])
                          : json());
    json outcome = json::object();
    rasconform::put_outcome(outcome, o);
    json reply{{"outcome", outcome}, {"out", out}};
    if (monitor) {
        // Only the ones this call added; the engine keeps the whole list.
        const auto all = monitor->violations();
        json list = json::array();
        for (; violations_reported < all.size(); ++violations_reported)
            list.push_back({{"function", all[violations_reported].function},
                            {"callout", all[violations_reported].callout}});
        reply["reentry"] = list;
    }
    return reply;
}

json whole_scenario(const json& req) {
    if (!dll) return {{"error", "no DLL loaded"}};
    return rasconform::mock::run_whole_scenario(*dll, req);
}

// The host must not outlive its engine, even while a callout is stuck (the
// main thread is then waiting on it, not on the pipe) and even where the
// job object's kill-on-close is not honoured (older Wine). TerminateProcess,
// not ExitProcess: a stuck subject may hold the loader lock that DLL detach
// would need.
DWORD WINAPI end_with_parent(void* parent) {
    WaitForSingleObject(static_cast<HANDLE>(parent), INFINITE);
    TerminateProcess(GetCurrentProcess(), 3);
    return 0;
}

// `started`: the parent's creation time as the engine gave it (0: not
// given). Wine hands out process ids again soon after they are freed, so a
// process with the parent's id but another start time is not the parent:
// the parent is gone.
void watch_parent(DWORD pid, std::uint64_t started) {
    HANDLE parent = OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
    if (!parent || (started && rw::process_start_time(parent) != started)) {  // already gone: nobody to serve
        TerminateProcess(GetCurrentProcess(), 3);
        return;
    }
    if (HANDLE t = CreateThread(nullptr, 64 * 1024, end_with_parent, parent, STACK_SIZE_PARAM_IS_A_RESERVATION, nullptr))
        CloseHandle(t);
}

}  // namespace

int main(int argc, char** argv) {
    std::string pipe_name;
    DWORD parent = 0;
    std::uint64_t parent_started = 0;
    std::string output_capture;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--pipe") == 0) pipe_name = argv[i + 1];
        // Read back by the engine if this process dies (HostProcess::last_finding).
        if (std::strcmp(argv[i], "--flight-recorder") == 0) rw::open_flight_recorder(argv[i + 1]);
        // Second instances copy the DLL there; the engine removes it after us.
        if (std::strcmp(argv[i], "--scratch") == 0) _putenv_s("RASCONFORM_SCRATCH", argv[i + 1]);
        if (std::strcmp(argv[i], "--parent") == 0) parent = static_cast<DWORD>(std::strtoul(argv[i + 1], nullptr, 10));
        if (std::strcmp(argv[i], "--parent-started") == 0) parent_started = std::strtoull(argv[i + 1], nullptr, 10);
        if (std::strcmp(argv[i], "--output-capture") == 0) output_capture = argv[i + 1];
    }
    // For the whole life of the process, before any DLL (and its C runtime)
    // comes: never given back, the process ends with it.
    if (!output_capture.empty()) new rw::OutputCapture(output_capture);
    if (parent) watch_parent(parent, parent_started);
    if (pipe_name.empty()) {
        std::fprintf(stderr, "rasconform-host.exe: started by rasconform, not by hand (--pipe NAME missing)\n");
        return 2;
    }
    HANDLE pipe = CreateFileA(pipe_name.c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING,
                              FILE_FLAG_OVERLAPPED, nullptr);
    if (pipe == INVALID_HANDLE_VALUE) {
        std::fprintf(stderr, "rasconform-host.exe: cannot open %s (error %lu)\n", pipe_name.c_str(), GetLastError());
        return 2;
    }
    rw::HostChannel channel(pipe);
    // The run's registry (deployment as installed) before any DLL loads; a
    // host that cannot have it says so instead of serving.
    json hello{{"hello", "rasconform-host"}};
    if (std::string view_error = rw::enter_registry_view_from_environment(); !view_error.empty())
        hello["error"] = view_error;
    if (!channel.send(hello) || hello.contains("error")) return 2;
    for (;;) {
        json req;
        if (channel.receive(req, INFINITE) != rw::HostChannel::Status::ok) return 0;  // the engine went away
        const std::string op = req.value("op", "");
        json reply;
        if (op == "load") reply = load(req);
        else if (op == "call") reply = call(req);
        else if (op == "scenario") reply = whole_scenario(req);
        else if (op == "threads") {  // Q-1, SERIAL-7
            reply = {{"ok", dll && dll->set_calling_threads(req.value("fresh", false)
                                                                ? rasconform::CallingThreads::fresh
                                                                : rasconform::CallingThreads::reuse)}};
        }
        else if (op == "unload") {
            const bool poisoned = dll && dll->poisoned();
            reply = {{"poisoned", poisoned}};
            if (req.contains("grace_ms")) {
                rasconform::UnloadResult u;
                if (dll) u = dll->unload(std::chrono::milliseconds(req["grace_ms"].get<std::int64_t>()));
                else u.not_done = "no DLL loaded";
                reply["unload"] = {{"done", u.done}, {"not_done", u.not_done}, {"leftovers", u.leftovers}};
            }
            // A poisoned DLL is left mapped (see Win32AdminDll); the engine kills us.
            dll.reset();
            // ROBUST-3: code of an unloaded DLL ran here (a timer of an earlier
            // load fires on): not a clean process for the next DLL.
            reply["tainted"] = rw::unloaded_code_runs() > 0;
        } else if (op == "resources") {
            const rasconform::ResourceUse r = rw::this_process_resources();
            reply = {{"available", r.available},   {"not_available", r.not_available},
                     {"private_bytes", r.private_bytes}, {"handles", r.handles},
                     {"threads", r.threads}};
        } else if (op == "quit") {
            dll.reset();
            return 0;
        } else {
            reply = {{"error", "unknown request " + op}};
        }
        if (!channel.send(reply)) return 0;
    }
}
