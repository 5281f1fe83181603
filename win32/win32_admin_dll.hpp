// The real-DLL backend: a PE admin DLL loaded with LoadLibraryExW, callouts
// resolved by exact undecorated name (LOAD-8) and called under a fault guard
// so that a crash or a C++ throw fails the case instead of the run (ROBUST-1).
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "rasconform/backend.hpp"
#include "rasconform/pe_image.hpp"

namespace rasconform::win32 {

// The DLL could not be loaded; what() names the file and the Win32 error.
class LoadError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// ROBUST-2: the default budget of one callout.
inline constexpr std::chrono::milliseconds default_callout_budget{2000};

// How a call is made. `guarded`: on a worker thread, under the fault guard
// and the budget. `none` (--no-isolate): directly on the calling thread, so
// that a debugger (winedbg, gdb) stops at the fault itself.
enum class Containment { guarded, none };

// Each callout runs on one of the backend's worker threads (one per call in
// flight, reused) while the caller waits with a time-out: a callout that never returns (a deadlock, a wait on
// a forbidden API, an endless loop) is cut off with TerminateThread, and the
// DLL is then treated as unusable, because the killed thread may hold its
// locks or the loader's (toolchain.md section 7).
class Win32AdminDll final : public AdminDllBackend {
public:
    // `display_name` replaces the file name in traces and messages.
    explicit Win32AdminDll(const std::filesystem::path& path,
                           std::chrono::milliseconds budget = default_callout_budget, std::string display_name = {},
                           Containment containment = Containment::guarded);

    // PROC-2: the same DLL copied under another name and loaded again, which
    // gives an instance with globals of its own (the IP "process").
    static std::unique_ptr<Win32AdminDll> second_instance(const std::filesystem::path& path,
                                                          const std::string& display_name,
                                                          std::chrono::milliseconds budget = default_callout_budget,
                                                          Containment containment = Containment::guarded);
    ~Win32AdminDll() override;
    Win32AdminDll(const Win32AdminDll&) = delete;
    Win32AdminDll& operator=(const Win32AdminDll&) = delete;

    const std::string& name() const override { return name_; }
    void* resolve(std::string_view export_name) const override;
    CallOutcome call(const CalloutInfo& callout, void* fn, std::span<void* const> args) override;
    // A callout hung and its thread was terminated: the DLL is not called
    // again nor unloaded (the thread may have held the loader lock).
    bool poisoned() const { return poisoned_; }
    bool guards_arguments() const override { return true; }
    // SERIAL-6: the DLL's imports of network, console and UI functions are
    // watched (blocking_call_watch.hpp).
    bool watches_blocking_calls() const override { return true; }
    // Q-1, SERIAL-7: `fresh` retires each worker after its call. Not with
    // Containment::none, whose calls run on the caller's thread.
    bool set_calling_threads(CallingThreads threads) override;
    // ROBUST-3: ends the workers, frees the DLL and watches its image range
    // and the threads started since the load (unload_watch.hpp).
    UnloadResult unload(std::chrono::milliseconds grace) override;
    // ROBUST-4: this process's figures.
    ResourceUse resource_use() override;
    // The DLL's file as read at the load (its exports and symbols); empty
    // when it could not be read.
    const PeImage& image() const { return image_; }

private:
    struct Worker;
    Worker* take_worker();
    void retire(Worker* w);  // ends a worker that must not be reused
    void symbolize(CallOutcome& out) const;  // "x.dll+0x1602 (plant_fault+0x12)"
    void stop_idle_workers();
    void* module_ = nullptr;  // HMODULE
    PeImage image_;           // the DLL's symbols and exports, for fault addresses
    std::vector<std::uint32_t> threads_before_load_;  // ROBUST-3: what was running before the DLL came
    std::string name_;
    std::chrono::milliseconds budget_;
    Containment containment_;
    std::mutex pool_mutex_;
    std::vector<std::unique_ptr<Worker>> workers_;
    std::vector<Worker*> idle_;
    std::atomic<bool> poisoned_{false};
    std::atomic<CallingThreads> calling_threads_{CallingThreads::reuse};
};

// Runs `invoke_callout` with structured-exception and C++-exception
// containment on the calling thread. Shared by every backend that calls
// native code in this process.
CallOutcome guarded_invoke(const CalloutInfo& callout, void* fn, std::span<void* const> args);
// The same without any containment: for --no-isolate under a debugger.
CallOutcome unguarded_invoke(const CalloutInfo& callout, void* fn, std::span<void* const> args);

// The vectored handler behind guarded_invoke (also the ROBUST-3 range trap
// of unload_watch.hpp); installed once per process, on first use.
void install_fault_handler();
// "name.dll+0x1a2b" when the address lies inside a loaded module, else empty.
std::string module_offset(const void* address);

// The callout the calling thread is executing, nullptr outside callouts
// (what the REENTRY detector asks).
const CalloutInfo* callout_in_progress();

}  // namespace rasconform::win32
