// The admin-DLL backend that runs the DLL in a host process (isolation modes
// `chain` and `case`). Every resolve and call is a request over the host's
// pipe; arguments travel as bytes in this process's layout (the host has the
// same bitness) and [out] ones come back. Whatever the DLL does to its
// process - exit, abort, TerminateProcess, a stack overflow, a hang - ends or
// wedges the host, never the engine: the call in flight gets the cause, later
// calls of this load are `not_called`, and the next load gets a fresh host.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <vector>
#include <string>

#include "mock/reentry.hpp"
#include "rasconform/backend.hpp"
#include "win32/fault_reporting.hpp"
#include "win32/host/host_process.hpp"

namespace rasconform::win32 {

// REENTRY-4 across the process boundary: the host binds rasconform's
// mprapi.dll before the subject and reports every forbidden call with the
// reply of the callout it came from; this collects them for the cases. Calls
// from the DLL's own threads outside callouts get ERROR_SERVICE_NOT_ACTIVE in
// a host (they cannot reach the engine's service).
class HostedReentryLog final : public mock::ReentryMonitor {
public:
    explicit HostedReentryLog(bool faithful = false) : faithful_(faithful) {}
    bool faithful() const { return faithful_; }
    void attach(mock::Service*) override {}
    std::vector<mock::ReentryViolation> violations() const override;
    void add(mock::ReentryViolation v);

private:
    const bool faithful_;
    mutable std::mutex mutex_;
    std::vector<mock::ReentryViolation> violations_;
};

class HostedAdminDll final : public AdminDllBackend {
public:
    // Loads `path` in a host from `pool`: the file itself, also for the IP
    // instance (PROC-1, PROC-2: RRAS loads the same file in its second
    // process, and a DLL finding its configuration beside itself with
    // GetModuleFileName must find it there too); with `reentry`, the host binds the replacement
    // mprapi.dll first and forbidden calls go to that log. Throws LoadError
    // naming the DLL and the reason.
    HostedAdminDll(std::shared_ptr<HostPool> pool, const std::filesystem::path& path, std::chrono::milliseconds budget,
                   std::string display_name = {},
                   std::shared_ptr<HostedReentryLog> reentry = nullptr);
    ~HostedAdminDll() override;

    const std::string& name() const override { return name_; }
    void* resolve(std::string_view export_name) const override;
    CallOutcome call(const CalloutInfo& callout, void* fn, std::span<void* const> args) override;
    // The host calls through the guarded in-process backend.
    bool guards_arguments() const override { return true; }
    bool watches_blocking_calls() const override { return true; }
    // Q-1, SERIAL-7: the host's backend picks the threads; asked only when
    // the choice changes.
    bool set_calling_threads(CallingThreads threads) override;
    // The process the DLL runs in (0 once it is gone).
    std::uint32_t host_process_id() const { return host_pid_; }
    // ROBUST-3: the host unloads and watches (the DLL's threads and timers
    // live in the host); a host with leftovers is not reused.
    UnloadResult unload(std::chrono::milliseconds grace) override;
    // ROBUST-4: the host process's figures, where the DLL's memory is.
    ResourceUse resource_use() override;
    // A whole service life (mock/whole_scenario.hpp: the ROBUST-4 soak, the
    // SERIAL-4/5 stress) run in the host around the DLL loaded there: no
    // pipe round trip per callout, and overlapping callouts overlap there.
    // The reply, or {"lost": why} when the host ended or stopped answering;
    // `expected`: how long the scenario may take beyond the usual backstop.
    nlohmann::json run_whole_scenario(nlohmann::json request, std::chrono::milliseconds expected);

private:
    // The host answers within the DLL's budget (it has a watchdog of its
    // own); this margin covers the host itself being wedged.
    // The callout's budget plus the harness's own margin (a host's start and
    // load), wider under i386 emulation (win32/fault_reporting.hpp).
    std::uint32_t backstop_ms() const {
        return static_cast<std::uint32_t>(budget_.count()) + (emulated_i386() ? 30000 : 5000);
    }
    // `why` the host ended, with the DLL's last lines of output there.
    std::string with_last_output(std::string why) const;
    std::shared_ptr<HostPool> pool_;
    std::unique_ptr<HostProcess> host_;
    std::string name_;
    std::chrono::milliseconds budget_;
    std::shared_ptr<HostedReentryLog> reentry_;
    std::string gone_;        // why the host can no longer be asked (empty while it can)
    std::uint32_t host_pid_ = 0;
    bool unloaded_ = false;  // unload() ran: the destructor has nothing left to unload
    CallingThreads calling_threads_ = CallingThreads::reuse;  // what the host's backend was told
    mutable std::map<std::string, void*, std::less<>> exports_;
};

}  // namespace rasconform::win32
