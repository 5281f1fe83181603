// Linux, native mode (issue 8): the dynamic cases on a shared object built
// from the DLL's portable sources, in this process, so that the sanitizers
// this process was built with (-Db_sanitize=address,undefined or thread)
// watch the DLL's logic. What needs a Windows process - fault containment,
// the unload watch, resource figures, the forbidden-call detector - is the
// Win32 backend's; those cases say so as not-applicable.
#include <memory>

#include "conformance/dynamic_runner.hpp"
#include "conformance/scenario.hpp"
#include "conformance/suite.hpp"
#include "mock/shared_object_admin_dll.hpp"

namespace rasconform::conformance {

DynamicRun run_dynamic_native(std::span<const Subject> chain, std::size_t subject_index, const Profile& profile,
                              const RunnerOptions& options) {
    const Subject& subject = chain[subject_index];
    std::shared_ptr<mock::SharedObjectCopies> copies;
    DynamicContext ctx{profile, subject.file_name, nullptr};
    try {
        copies = std::make_shared<mock::SharedObjectCopies>(subject.path);
        // The chain's other shared objects, each with copies of its own.
        for (std::size_t i = 0; i < chain.size(); ++i) {
            if (i == subject_index) continue;
            auto peer = std::make_shared<mock::SharedObjectCopies>(chain[i].path);
            (i < subject_index ? ctx.open_before : ctx.open_after)
                .push_back([peer, name = chain[i].file_name] {
                    return std::make_unique<mock::SharedObjectAdminDll>(peer, name);
                });
        }
    } catch (const std::exception& e) {
        return {dynamic_cases_with(Status::error, e.what()), e.what()};
    }
    // A fresh private copy per load: clean statics per case, and a second
    // instance of its own for the IP address callouts (PROC-1, Q-14).
    const std::string name = subject.file_name, ip_name = ip_instance_name(subject.file_name);
    ctx.open_subject = [copies, name] { return std::make_unique<mock::SharedObjectAdminDll>(copies, name); };
    ctx.open_ip_instance = [copies, ip_name] { return std::make_unique<mock::SharedObjectAdminDll>(copies, ip_name); };
    ctx.reentry_unavailable =
        "native mode: forbidden administration calls (REENTRY-4) are detected by the Windows build's replacement "
        "mprapi.dll; check the PE DLL for them";
    ctx.soak_connections = options.soak_connections;
    ctx.unload_grace = std::chrono::milliseconds(options.unload_grace_ms);
    ctx.slow_callout = std::chrono::milliseconds(options.slow_callout_ms);
    ctx.keep_going = options.keep_going;
    ctx.on_case = options.on_case;
    return {run_dynamic_cases(ctx, options.only_case), {}};
}

}  // namespace rasconform::conformance
