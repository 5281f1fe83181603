// A rasconform-host.exe process that loads admin DLLs on the engine's behalf
// (issue: isolation). The engine owns it through this class: starting it on a
// fresh pipe, one request/reply at a time with a time-out, and killing it
// when a call hangs or its answers stop making sense. Hosts are kept in a job
// object that kills them when the engine's process goes, however it goes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rasconform/dll_output.hpp"
#include "rasconform/output_capture_files.hpp"
#include "win32/host/host_channel.hpp"

namespace rasconform::win32 {

class HostProcess {
public:
    // Starts `exe`; throws std::runtime_error naming the executable and why.
    // What the DLL writes there (standard output and error, debug strings)
    // goes to `output`, line by line, with the callout of the request it
    // came with (rasconform/dll_output.hpp).
    explicit HostProcess(const std::filesystem::path& exe, std::shared_ptr<DllOutputLog> output = nullptr);
    ~HostProcess();  // asks the host to quit, and kills it if it does not
    HostProcess(const HostProcess&) = delete;
    HostProcess& operator=(const HostProcess&) = delete;

    enum class Result { ok, timeout, ended };
    // Sends `request` and waits up to `timeout_ms` for the reply. On a
    // time-out the host is killed; either way it is unusable afterwards.
    Result request(const nlohmann::json& request, nlohmann::json& reply, std::uint32_t timeout_ms);
    // Not killed, not broken, and still running (a thread of the last DLL
    // may have ended it between requests).
    bool usable() const;
    void kill();
    // After `ended`: "exit status 3: abort(), or exit(3)" and the like.
    std::string how_it_ended();
    std::uint32_t exit_status();
    // What the host's flight recorder says it died of, when its fault
    // handler knew (a DLL thread using a kept pointer, ROBUST-5); else empty.
    std::string last_finding() const;
    // The last lines of output of the DLL loaded last, for a message beside
    // the end of the process ("[stderr] Assertion failed: ..."); empty when
    // it wrote none.
    std::string last_output() const { return last_output_note(recent_output_); }

private:
    void start(const std::filesystem::path& exe);
    // Reads what the DLL wrote since the last read, attributed to `callout`.
    void collect_output(std::string_view callout);
    void* process_ = nullptr;
    std::filesystem::path scratch_;
    std::filesystem::path flight_;
    std::shared_ptr<DllOutputLog> output_;
    std::unique_ptr<CapturedOutputReader> output_reader_;
    DllOutput recent_output_;
    std::string dll_name_;  // as the last load named it
    std::unique_ptr<HostChannel> channel_;
    bool usable_ = true;
};

// Reads an exit status the way a DLL author needs it.
std::string describe_exit_status(std::uint32_t status);

// Where hosts come from. Process per chain keeps a host between DLL loads
// (returned ones are reused while usable). Process per case reuses hosts
// within one case only: begin_case() retires them, and fresh spares started
// in the background stand ready, so a case rarely waits for Wine to start a
// process (a host that never loaded anything is as fresh as a new one).
class HostPool {
public:
    enum class Policy { per_chain, per_case };
    // `output`: where the hosts' DLL output goes (HostProcess).
    HostPool(std::filesystem::path exe, Policy policy, std::shared_ptr<DllOutputLog> output = nullptr);
    ~HostPool();
    HostPool(const HostPool&) = delete;
    HostPool& operator=(const HostPool&) = delete;

    // Throws std::runtime_error when no host can be started.
    std::unique_ptr<HostProcess> acquire();
    void release(std::unique_ptr<HostProcess> host);
    void begin_case();

private:
    void keep_spares();  // the background thread
    std::filesystem::path exe_;
    Policy policy_;
    std::shared_ptr<DllOutputLog> output_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool spawn_failed_ = false;  // then acquire() starts hosts itself and reports why
    std::vector<std::unique_ptr<HostProcess>> idle_;    // used by this chain or case, reusable
    std::vector<std::unique_ptr<HostProcess>> spares_;  // never used
    std::thread spawner_;
};

// rasconform-host.exe beside the running executable, or $RASCONFORM_HOST.
std::filesystem::path default_host_path();

}  // namespace rasconform::win32
