// Windows: the dynamic cases call the DLL in this process.
#include <fmt/format.h>

#include "conformance/dynamic_runner.hpp"
#include "conformance/scenario.hpp"
#include "conformance/suite.hpp"
#include "win32/flight_recorder.hpp"
#include "win32/host/hosted_admin_dll.hpp"
#include "win32/reentry_monitor.hpp"
#include "win32/win32_admin_dll.hpp"

namespace rasconform::conformance {

DynamicRun run_dynamic(const Subject& subject, const Profile& profile, const RunnerOptions& options) {
    constexpr std::uint16_t host_machine = sizeof(void*) == 8 ? PE_MACHINE_AMD64 : PE_MACHINE_I386;
    if (subject.pe.machine != host_machine)
        return {dynamic_cases_with(Status::not_applicable,
                                   fmt::format("{} is a {} DLL and this rasconform.exe is {}: a process can only "
                                               "load DLLs of its own architecture",
                                               subject.file_name, machine_name(subject.pe.machine),
                                               machine_name(host_machine))),
                {}};
    std::filesystem::path path = subject.path;
    const std::chrono::milliseconds budget(options.callout_budget_ms);
    const std::string name = subject.file_name;
    const std::string ip_name = ip_instance_name(subject.file_name);
    // In this process: what --isolate=none and --no-isolate use, and what the
    // cases that need the subject beside the engine use in every mode.
    const win32::Containment containment =
        options.isolation == Isolation::debug ? win32::Containment::none : win32::Containment::guarded;
    BackendFactory open_here = [=] { return std::make_unique<win32::Win32AdminDll>(path, budget, name, containment); };
    BackendFactory open_ip_here = [=] {
        return win32::Win32AdminDll::second_instance(path, ip_name, budget, containment);
    };
    DynamicContext ctx{profile, name, open_here};
    ctx.open_ip_instance = open_ip_here;
    ctx.open_subject_in_process = open_here;
    ctx.open_ip_instance_in_process = open_ip_here;
    if (options.isolation == Isolation::chain || options.isolation == Isolation::per_case) {
        // PROC-1: the IP instance gets a host of its own, as RRAS gives it a process of its own.
        auto pool = std::make_shared<win32::HostPool>(win32::default_host_path(), options.isolation == Isolation::chain);
        ctx.open_subject = [=] { return std::make_unique<win32::HostedAdminDll>(pool, path, budget, name); };
        ctx.open_ip_instance = [=] {
            return std::make_unique<win32::HostedAdminDll>(pool, path, budget, ip_name, true);
        };
    }
    // REENTRY-4: the replacement mprapi.dll goes in before the subject, when
    // it can stand in for everything the subject imports from mprapi.dll.
    static std::unique_ptr<win32::Win32ReentryMonitor> monitor;
    std::string why_not = win32::shim_compatibility(subject.pe);
    if (why_not.empty() && !monitor) monitor = win32::Win32ReentryMonitor::load(win32::default_shim_path(), false, why_not);
    if (why_not.empty() && monitor) ctx.reentry = monitor.get();
    else ctx.reentry_unavailable = why_not;
    if (!options.flight_recorder.empty()) win32::open_flight_recorder(options.flight_recorder);
    return {run_dynamic_cases(ctx, options.only_case), {}};
}

}  // namespace rasconform::conformance
