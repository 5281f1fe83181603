#include "win32/host/host_process.hpp"
#include "win32/process_resources.hpp"

#include <windows.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace rasconform::win32 {
namespace {

// Every host goes into this job; closing its last handle (the engine's
// process ending) kills them all.
HANDLE host_job() {
    static HANDLE job = [] {
        HANDLE j = CreateJobObjectW(nullptr, nullptr);
        if (j) {
            JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits{};
            limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
            SetInformationJobObject(j, JobObjectExtendedLimitInformation, &limits, sizeof limits);
        }
        return j;
    }();
    return job;
}

std::wstring unique_pipe_name() {
    static std::atomic<unsigned> counter{0};
    wchar_t name[96];
    std::swprintf(name, 96, L"\\\\.\\pipe\\rasconform-host-%lu-%u", GetCurrentProcessId(), counter++);
    return name;
}

std::string error_text(DWORD e) { return "error " + std::to_string(e); }

}  // namespace

HostProcess::HostProcess(const std::filesystem::path& exe, std::shared_ptr<DllOutputLog> output)
    : output_(std::move(output)) {
    try {
        start(exe);
    } catch (...) {
        // No destructor runs for a half-built object: undo what start() made.
        if (process_) {
            kill();
            CloseHandle(process_);
        }
        output_reader_.reset();
        std::error_code ignored;
        std::filesystem::remove_all(scratch_, ignored);
        throw;
    }
}

void HostProcess::start(const std::filesystem::path& exe) {
    const std::wstring pipe_name = unique_pipe_name();
    // The host's files (its flight recorder, the copies it makes for second
    // instances) live in a folder this object removes once the host is gone,
    // however it went; inside the Linux tool's scratch folder when there is one.
    const char* scratch = std::getenv("RASCONFORM_SCRATCH");
    std::error_code ec;
    const std::filesystem::path parent =
        scratch && *scratch ? std::filesystem::path(scratch) : std::filesystem::temp_directory_path(ec);
    scratch_ = parent / std::filesystem::path(pipe_name).filename();
    std::filesystem::create_directories(scratch_, ec);
    flight_ = scratch_ / L"host.flight";
    const std::filesystem::path output_base = scratch_ / L"dll";
    output_reader_ = std::make_unique<CapturedOutputReader>(output_base);
    HANDLE pipe = CreateNamedPipeW(pipe_name.c_str(), PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED | FILE_FLAG_FIRST_PIPE_INSTANCE,
                                   PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT, 1, 64 * 1024, 64 * 1024, 0, nullptr);
    if (pipe == INVALID_HANDLE_VALUE) throw std::runtime_error("cannot create the host pipe: " + error_text(GetLastError()));
    channel_ = std::make_unique<HostChannel>(pipe);
    std::wstring command = L"\"" + exe.wstring() + L"\" --pipe " + pipe_name + L" --flight-recorder \"" +
                           flight_.wstring() + L"\" --scratch \"" + scratch_.wstring() + L"\" --parent " +
                           std::to_wstring(GetCurrentProcessId()) + L" --parent-started " +
                           std::to_wstring(process_start_time(GetCurrentProcess())) + L" --output-capture \"" +
                           output_base.wstring() + L"\"";
    STARTUPINFOW si{};
    si.cb = sizeof si;
    PROCESS_INFORMATION pi{};
    // Suspended until it is in the job, so not even its start escapes it.
    if (!CreateProcessW(exe.wstring().c_str(), command.data(), nullptr, nullptr, FALSE, CREATE_SUSPENDED, nullptr,
                        nullptr, &si, &pi))
        throw std::runtime_error(exe.filename().string() + ": cannot start the host process: " +
                                 error_text(GetLastError()) + " (is it beside rasconform.exe?)");
    if (HANDLE job = host_job()) AssignProcessToJobObject(job, pi.hProcess);
    ResumeThread(pi.hThread);
    CloseHandle(pi.hThread);
    process_ = pi.hProcess;
    // The host connects first thing; its hello proves the pipe works.
    nlohmann::json hello;
    if (channel_->accept(30000, process_) != HostChannel::Status::ok ||
        channel_->receive(hello, 30000, process_) != HostChannel::Status::ok ||
        hello.value("hello", "") != "rasconform-host") {
        kill();
        throw std::runtime_error(exe.filename().string() + ": the host process did not start (" + how_it_ended() + ")");
    }
    if (hello.contains("error")) {
        kill();
        throw std::runtime_error(exe.filename().string() + ": " + hello["error"].get<std::string>());
    }
}

HostProcess::~HostProcess() {
    if (process_) {
        if (!(usable() && channel_->send({{"op", "quit"}}) && WaitForSingleObject(process_, 5000) == WAIT_OBJECT_0))
            kill();
        CloseHandle(process_);
        collect_output({});  // a DLL still loaded says its last at DLL_PROCESS_DETACH
    }
    output_reader_.reset();  // its files are in the folder removed next
    std::error_code ignored;
    std::filesystem::remove_all(scratch_, ignored);
}

bool HostProcess::usable() const { return usable_ && process_ && WaitForSingleObject(process_, 0) == WAIT_TIMEOUT; }

std::string HostProcess::last_finding() const {
    std::ifstream in(flight_);
    std::string line;
    std::getline(in, line);
    return line.rfind("FINDING ", 0) == 0 ? line.substr(8) : std::string();
}

void HostProcess::kill() {
    usable_ = false;
    if (!process_) return;
    TerminateProcess(process_, 0xDEAD);
    WaitForSingleObject(process_, 10000);
}

void HostProcess::collect_output(std::string_view callout) {
    if (!output_reader_) return;
    DllOutput fresh = output_reader_->read(dll_name_, callout);
    if (fresh.empty()) return;
    recent_output_.add(fresh);
    if (output_) output_->add(fresh);
}

namespace {

// What a request runs in the DLL, as output read after it is attributed.
std::string callout_of(const nlohmann::json& request) {
    const std::string op = request.value("op", "");
    if (op == "call") return request.value("callout", "");
    if (op == "load") return "DllMain(DLL_PROCESS_ATTACH)";
    if (op == "unload") return "DllMain(DLL_PROCESS_DETACH)";
    return {};  // a whole scenario (many callouts), or nothing of the DLL's
}

}  // namespace

HostProcess::Result HostProcess::request(const nlohmann::json& request, nlohmann::json& reply,
                                         std::uint32_t timeout_ms) {
    if (!usable_) return Result::ended;
    // Written since the last request: by the DLL's threads, between callouts.
    collect_output({});
    if (request.value("op", "") == "load") {
        dll_name_ = request.value("name", "");
        recent_output_ = {};  // last_output() is about this load's DLL
    }
    const std::string callout = callout_of(request);
    if (!channel_->send(request)) {
        usable_ = false;
        collect_output(callout);
        return Result::ended;
    }
    switch (channel_->receive(reply, timeout_ms, process_)) {
    case HostChannel::Status::ok: collect_output(callout); return Result::ok;
    case HostChannel::Status::timeout:
        kill();
        collect_output(callout);
        return Result::timeout;
    case HostChannel::Status::broken: break;
    }
    usable_ = false;
    // The pipe breaks as the process goes; give it a moment to be gone, so
    // that its exit status is the real one (and its last words are written).
    if (WaitForSingleObject(process_, 5000) != WAIT_OBJECT_0) kill();
    collect_output(callout);
    return Result::ended;
}

std::uint32_t HostProcess::exit_status() {
    DWORD code = 0;
    if (!process_ || !GetExitCodeProcess(process_, &code)) return 0;
    return code;
}

std::string HostProcess::how_it_ended() { return describe_exit_status(exit_status()); }

std::string describe_exit_status(std::uint32_t status) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08X", status);
    switch (status) {
    case STILL_ACTIVE: return "still running";
    case 0xDEAD: return "killed by rasconform";
    case 3: return "exit status 3: abort(), or exit(3)";
    case 0xC00000FD: return std::string("exit status ") + hex + ": stack overflow";
    case 0xC0000409: return std::string("exit status ") + hex + ": fail-fast or stack buffer overrun";
    case 0xC0000005: return std::string("exit status ") + hex + ": access violation beyond containment";
    case 0xC0000374: return std::string("exit status ") + hex + ": heap corruption";
    default: break;
    }
    if (status >= 0xC0000000) return std::string("exit status ") + hex + ": unhandled exception";
    return "exit status " + std::to_string(status) + ": exit(), ExitProcess or TerminateProcess";
}

namespace {
// Spares kept ready in per-case mode: a case needs two hosts (the subject
// and its IP instance, PROC-1).
constexpr std::size_t spare_count = 2;
}  // namespace

HostPool::HostPool(std::filesystem::path exe, Policy policy, std::shared_ptr<DllOutputLog> output)
    : exe_(std::move(exe)), policy_(policy), output_(std::move(output)) {
    if (policy_ == Policy::per_case) spawner_ = std::thread([this] { keep_spares(); });
}

HostPool::~HostPool() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (spawner_.joinable()) spawner_.join();
}

void HostPool::keep_spares() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || spares_.size() < spare_count; });
        if (stopping_) return;
        lock.unlock();
        std::unique_ptr<HostProcess> fresh;
        try {
            fresh = std::make_unique<HostProcess>(exe_, output_);
        } catch (const std::exception&) {
            lock.lock();
            spawn_failed_ = true;  // acquire() will start one itself and say why
            return;
        }
        lock.lock();
        spares_.push_back(std::move(fresh));
        wake_.notify_all();
    }
}

std::unique_ptr<HostProcess> HostPool::acquire() {
    {
        std::lock_guard lock(mutex_);
        while (!idle_.empty()) {
            std::unique_ptr<HostProcess> h = std::move(idle_.back());
            idle_.pop_back();
            if (h->usable()) return h;
        }
        while (!spares_.empty()) {
            std::unique_ptr<HostProcess> h = std::move(spares_.back());
            spares_.pop_back();
            wake_.notify_all();  // start its replacement
            if (h->usable()) return h;
        }
    }
    return std::make_unique<HostProcess>(exe_, output_);
}

void HostPool::release(std::unique_ptr<HostProcess> host) {
    if (!host->usable()) return;  // destroyed here: killed, or ended by its DLL
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(host));
}

void HostPool::begin_case() {
    if (policy_ != Policy::per_case) return;
    std::vector<std::unique_ptr<HostProcess>> retired;
    {
        std::lock_guard lock(mutex_);
        retired.swap(idle_);
    }
    // Destroyed here, outside the lock: each is asked to quit.
}

std::filesystem::path default_host_path() {
    if (const char* env = std::getenv("RASCONFORM_HOST"); env && *env) return env;
    wchar_t self[MAX_PATH];
    DWORD n = GetModuleFileNameW(nullptr, self, MAX_PATH);
    return std::filesystem::path(std::wstring(self, n)).parent_path() / "rasconform-host.exe";
}

}  // namespace rasconform::win32
