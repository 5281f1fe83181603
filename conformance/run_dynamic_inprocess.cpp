// Windows: the dynamic cases call the DLL in this process.
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "conformance/dynamic_runner.hpp"
#include "conformance/scenario.hpp"
#include "conformance/suite.hpp"
#include "win32/fault_reporting.hpp"
#include "win32/flight_recorder.hpp"
#include "win32/host/hosted_admin_dll.hpp"
#include "win32/output_capture.hpp"
#include "win32/reentry_monitor.hpp"
#include "win32/win32_admin_dll.hpp"

namespace rasconform::conformance {
namespace {

// The harness proves itself before it judges a DLL: a known-good admin DLL
// shipped beside rasconform.exe (the reference DLL, as
// rasconform-canary.dll) runs one whole connection in the same prefix, the
// same kind of process and the same isolation as the subject will. If that
// does not pass, whatever the suite found would say more about the machine
// than about the DLL: empty when it passes, else the one-line reason.
std::string harness_self_test(const Profile& profile, const std::filesystem::path& canary,
                              const BackendFactory& open_canary) {
    if (!std::filesystem::exists(canary))
        return "rasconform is incomplete: " + canary.string() + " is missing (it ships beside rasconform.exe)";
    DynamicContext ctx{profile, canary.filename().string(), open_canary};
    ctx.split_processes = false;
    ScenarioSpec spec;
    spec.body = connect_and_hang_up;
    ScenarioOutcome o = run_scenario(ctx, std::move(spec));
    std::string why;
    if (!o.loaded) why = o.load_error;
    else if (!o.start.started) why = "the service did not start: " + o.start.reason;
    else if (const TraceEvent* f = first_fault(o.trace, ctx.subject_name)) why = fault_message(*f);
    else if (o.trace.size() < 4) why = "the connection's callouts did not reach the DLL";
    if (why.empty()) return {};
    return "the harness failed its self-test, so no DLL can be judged here: the known-good " +
           canary.filename().string() + " did not pass one connection (" + why +
           "). The Wine prefix or rasconform's own files are broken: try a new prefix (--wine-prefix EMPTY_DIR) "
           "and check that rasconform.exe, rasconform-host.exe and rasconform-canary.dll come from one build";
}

}  // namespace

namespace {

// ACCEPT-5 and ROBUST-5 are seen through guard pages, which need faults
// that carry their address (win32/fault_reporting.hpp). Without them those
// cases saw nothing: a pass would claim what was not checked, so it is
// `error` with the reason. A failure found otherwise stands.
void unprovable_without_guard_pages(std::vector<CaseResult>& results) {
    for (CaseResult& r : results) {
        if ((r.id != "robust.inputs-read-only" && r.id != "robust.no-kept-pointers") || r.status != Status::pass)
            continue;
        r.status = Status::error;
        r.message = fmt::format("not checked: the DLL's arguments could not be put on guard pages, because {}. Run "
                                "it where 32-bit programs run natively (a kernel with IA-32 emulation, "
                                "ia32_emulation=on, or 32-bit Windows)",
                                win32::misreported_faults_note());
    }
}

}  // namespace

DynamicRun run_dynamic(std::span<const Subject> chain, std::size_t subject_index, const Profile& profile,
                       const RunnerOptions& options) {
    const Subject& subject = chain[subject_index];
    constexpr std::uint16_t host_machine = sizeof(void*) == 8 ? PE_MACHINE_AMD64 : PE_MACHINE_I386;
    if (subject.pe.machine != host_machine)
        return {dynamic_cases_with(Status::error,
                                   fmt::format("{} is a {} DLL and this rasconform.exe is {}: a process can only "
                                               "load DLLs of its own architecture; run the {} rasconform.exe",
                                               subject.file_name, machine_name(subject.pe.machine),
                                               machine_name(host_machine), machine_name(subject.pe.machine))),
                {}};
    std::filesystem::path path = subject.path;
    const std::chrono::milliseconds budget(options.callout_budget_ms);
    const std::string name = subject.file_name;
    const std::string ip_name = ip_instance_name(subject.file_name);
    // REENTRY-4: rasconform's mprapi.dll goes in before the subject (in the
    // subject's process, whichever that is), when it can stand in for
    // everything the subject imports from mprapi.dll.
    const std::filesystem::path shim_path = options.host_dir.empty()
                                                ? win32::default_shim_path()
                                                : std::filesystem::path(options.host_dir) / "reentry" / "mprapi.dll";
    const std::filesystem::path host_path = options.host_dir.empty()
                                                ? win32::default_host_path()
                                                : std::filesystem::path(options.host_dir) / "rasconform-host.exe";
    std::string why_not = win32::shim_compatibility(subject.pe);
    if (why_not.empty() && !std::filesystem::exists(shim_path))
        why_not = "the replacement mprapi.dll is missing (" + shim_path.string() + ")";
    const bool reentry = why_not.empty();
    const std::filesystem::path canary_path = host_path.parent_path() / "rasconform-canary.dll";
    BackendFactory open_canary;
    DynamicContext ctx{profile, name, nullptr};
    ctx.reentry_unavailable = why_not;
    ctx.soak_connections = options.soak_connections;
    ctx.unload_grace = std::chrono::milliseconds(options.unload_grace_ms);
    ctx.slow_callout = std::chrono::milliseconds(options.slow_callout_ms);
    ctx.keep_going = options.keep_going;
    // What the DLL writes (standard output and error, debug strings), case by case.
    auto output = std::make_shared<DllOutputLog>();
    ctx.take_output = [output] { return output->take(); };
    const bool hosted = options.isolation == Isolation::chain || options.isolation == Isolation::per_case;
    if (hosted) {
        // PROC-1: the IP instance gets a host of its own, as RRAS gives it a process of its own.
        auto pool = std::make_shared<win32::HostPool>(
            host_path,
            options.isolation == Isolation::chain ? win32::HostPool::Policy::per_chain : win32::HostPool::Policy::per_case,
            output);
        ctx.begin_case = [pool] { pool->begin_case(); };
        static auto log = std::make_shared<win32::HostedReentryLog>(options.reentry_faithful);
        auto forbidden = reentry ? log : nullptr;
        ctx.open_subject = [=] {
            return std::make_unique<win32::HostedAdminDll>(pool, path, budget, name, forbidden);
        };
        ctx.open_ip_instance = [=] {
            return std::make_unique<win32::HostedAdminDll>(pool, path, budget, ip_name, forbidden);
        };
        open_canary = [=] {
            return std::make_unique<win32::HostedAdminDll>(pool, canary_path, budget, canary_path.filename().string());
        };
        // The chain's other DLLs, each in a host of its own, without the
        // replacement mprapi.dll: the forbidden-call cases judge the subject.
        for (std::size_t i = 0; i < chain.size(); ++i)
            if (i != subject_index)
                (i < subject_index ? ctx.open_before : ctx.open_after)
                    .push_back([=, peer = chain[i].path, peer_name = chain[i].file_name] {
                        return std::make_unique<win32::HostedAdminDll>(pool, peer, budget, peer_name);
                    });
        ctx.whole_scenario_where_the_dll_runs = [](AdminDllBackend& subject, const nlohmann::json& request,
                                                   std::chrono::milliseconds expected) {
            return dynamic_cast<win32::HostedAdminDll&>(subject).run_whole_scenario(request, expected);
        };
        if (reentry) ctx.reentry = log.get();
    } else {
        const win32::Containment containment =
            options.isolation == Isolation::debug ? win32::Containment::none : win32::Containment::guarded;
        ctx.open_subject = [=] { return std::make_unique<win32::Win32AdminDll>(path, budget, name, containment); };
        ctx.open_ip_instance = [=] { return win32::Win32AdminDll::second_instance(path, ip_name, budget, containment); };
        open_canary = [=] {
            return std::make_unique<win32::Win32AdminDll>(canary_path, budget, canary_path.filename().string(),
                                                          containment);
        };
        for (std::size_t i = 0; i < chain.size(); ++i)
            if (i != subject_index)
                (i < subject_index ? ctx.open_before : ctx.open_after)
                    .push_back([=, peer = chain[i].path, peer_name = chain[i].file_name] {
                        return std::make_unique<win32::Win32AdminDll>(peer, budget, peer_name, containment);
                    });
        ctx.ip_instance_note = "with --isolate none the IP process's instance is a renamed copy in a scratch folder, "
                               "because one process cannot load one file twice: GetModuleFileName names the copy "
                               "there; the default isolation loads the DLL's own file in a second process";
        static std::unique_ptr<win32::Win32ReentryMonitor> monitor;
        if (reentry && !monitor) monitor = win32::Win32ReentryMonitor::load(shim_path, options.reentry_faithful, why_not);
        if (monitor) ctx.reentry = monitor.get();
        else ctx.reentry_unavailable = why_not;
    }
    if (std::string broken = harness_self_test(profile, canary_path, open_canary); !broken.empty())
        return {dynamic_cases_with(Status::error, broken), broken};
    output->take();  // the canary's, if it said anything
    if (!options.flight_recorder.empty()) win32::open_flight_recorder(options.flight_recorder);
    // In this process, the DLL's output is this process's: its standard
    // streams go to files for the run (this program writes its report to a
    // file or after the run). Beside the flight recorder when there is one,
    // so that the Linux tool can read what the DLL said before it ended the
    // process.
    std::unique_ptr<win32::InProcessOutput> in_process_output;
    if (!hosted) {
        in_process_output = std::make_unique<win32::InProcessOutput>(options.flight_recorder, output);
        ctx.take_output = [output, capture = in_process_output.get()] {
            capture->collect();
            return output->take();
        };
    }
    // Progress for whoever waits: this process's own display, and the Linux
    // tool reading the agent's progress file.
    std::shared_ptr<std::FILE> progress;
    if (!options.progress_file.empty())
        progress.reset(std::fopen(options.progress_file.c_str(), "ab"), [](std::FILE* f) { std::fclose(f); });
    ctx.on_case = [&options, progress](std::size_t index, std::string_view id) {
        if (options.on_case) options.on_case(index, id);
        if (progress) {
            std::fprintf(progress.get(), "%zu %.*s\n", index, static_cast<int>(id.size()), id.data());
            std::fflush(progress.get());
        }
    };
    std::vector<CaseResult> results = run_dynamic_cases(ctx, options.only_case);
    if (!win32::faults_reported_faithfully()) unprovable_without_guard_pages(results);
    return {std::move(results), {}};
}

}  // namespace rasconform::conformance
