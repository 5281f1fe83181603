#include "win32/win32_admin_dll.hpp"

#include "win32/blocking_call_watch.hpp"
#include "win32/flight_recorder.hpp"
#include "win32/reentry_monitor.hpp"
#include "win32/guarded_arguments.hpp"
#include "win32/handoff.hpp"
#include "win32/process_resources.hpp"
#include "win32/unload_watch.hpp"

#include <windows.h>
// <excpt.h> defines exception_code as a macro; CallOutcome has a member of that name.
#undef exception_code

#include <cstdlib>
#include <string>

namespace rasconform::win32 {

// One request at a time: the caller fills it, signals `go`, waits on `done`.
struct Win32AdminDll::Worker {
    ~Worker() {
        if (thread) {
            forget_own_thread(id);
            CloseHandle(thread);
        }
    }
    HANDLE thread = nullptr;
    DWORD id = 0;
    Handoff go;    // a call (or `stop`) for the worker
    Handoff done;  // the call's result is in `result`
    bool stop = false;
    const CalloutInfo* callout = nullptr;
    void* fn = nullptr;
    std::span<void* const> args;
    CallOutcome result;

    static DWORD WINAPI main(void* self) {
        auto* w = static_cast<Worker*>(self);
        for (;;) {
            w->go.wait(INFINITE);
            if (w->stop) return 0;
            w->result = guarded_invoke(*w->callout, w->fn, w->args);
            w->result.blocking_calls = take_blocking_calls();  // SERIAL-6
            w->done.post();
        }
    }
};

namespace {

std::string last_error_text(DWORD err) {
    switch (err) {
    case ERROR_MOD_NOT_FOUND: return "the DLL or one of the DLLs it imports was not found (error 126)";
    case ERROR_BAD_EXE_FORMAT: return "not a valid DLL for this architecture (error 193)";
    case ERROR_DLL_INIT_FAILED: return "DllMain returned FALSE (error 1114)";
    case ERROR_PROC_NOT_FOUND: return "an imported function was not found (error 127)";
    default: return "LoadLibraryExW failed with error " + std::to_string(err);
    }
}

}  // namespace

Win32AdminDll::Win32AdminDll(const std::filesystem::path& path, std::chrono::milliseconds budget,
                             std::string display_name, Containment containment)
    : name_(display_name.empty() ? path.filename().string() : std::move(display_name)),
      budget_(budget),
      containment_(containment) {
    // LOAD_WITH_ALTERED_SEARCH_PATH: dependencies are looked up beside the
    // DLL, as when RRAS loads it from its full DLLPath.
    std::filesystem::path absolute = std::filesystem::absolute(path);
    // ROBUST-3: threads alive before the load cannot be the DLL's.
    threads_before_load_ = live_thread_ids();
    // The DLL's DllMain runs in the load: if it ends the process, the
    // parent reads whose code it was (ROBUST-1), not "outside any callout".
    note_callout(name_, "DllMain(DLL_PROCESS_ATTACH)");
    HMODULE m = LoadLibraryExW(absolute.wstring().c_str(), nullptr, LOAD_WITH_ALTERED_SEARCH_PATH);
    const DWORD load_error = GetLastError();
    note_idle();
    if (!m) throw LoadError(name_ + ": " + last_error_text(load_error));
    module_ = m;
    if (auto pe = read_pe_file(absolute); pe.image) image_ = std::move(*pe.image);
    watch_blocking_calls(m);  // SERIAL-6, before any callout
}

std::unique_ptr<Win32AdminDll> Win32AdminDll::second_instance(const std::filesystem::path& path,
                                                              const std::string& display_name,
                                                              std::chrono::milliseconds budget,
                                                              Containment containment) {
    namespace fs = std::filesystem;
    fs::path original = fs::absolute(path);
    // The Linux tool hands the agent a scratch folder it removes afterwards,
    // even if this process dies; standalone, the temp folder is used.
    const char* scratch = std::getenv("RASCONFORM_SCRATCH");
    fs::path dir = (scratch && *scratch ? fs::path(scratch) : fs::temp_directory_path()) /
                   ("rasconform-" + std::to_string(GetCurrentProcessId()));
    fs::path copy = dir / (original.stem().string() + ".ip-process" + original.extension().string());
    // The copies go when the process does (after the backends unloaded them).
    static struct RemoveAtExit {
        fs::path dir;
        ~RemoveAtExit() {
            std::error_code ignored;
            if (!dir.empty()) fs::remove_all(dir, ignored);
        }
    } cleanup;
    cleanup.dir = dir;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (!fs::exists(copy)) fs::copy_file(original, copy, ec);
    if (ec) throw LoadError(display_name + ": cannot copy the DLL for its second instance: " + ec.message());
    // Its dependencies still come from beside the original.
    SetDllDirectoryW(original.parent_path().wstring().c_str());
    auto dll = std::make_unique<Win32AdminDll>(copy, budget, display_name, containment);
    SetDllDirectoryW(nullptr);
    return dll;
}

void Win32AdminDll::stop_idle_workers() {
    for (Worker* w : idle_) {
        w->stop = true;
        w->go.post();
        WaitForSingleObject(w->thread, INFINITE);
    }
    idle_.clear();
    workers_.clear();
}

Win32AdminDll::~Win32AdminDll() {
    stop_idle_workers();
    // After a terminated thread the loader lock may be held: unloading could
    // deadlock, so a poisoned DLL stays mapped until the process ends.
    // Otherwise every unload is watched, without a grace period: a thread the
    // DLL left running (ROBUST-3) is then ended when it next runs the DLL's
    // code instead of taking the whole process down in a later case; only
    // robust.clean-unload waits and reports.
    // Not while a callout is on this thread's stack: the DLL called exit()
    // and the C runtime is running static destructors (the host's); the
    // process is ending, and the DLL's code must stay to return into.
    if (module_ && !poisoned_ && !callout_in_progress()) unload_and_watch(module_, name_, threads_before_load_, std::chrono::milliseconds(0));
}

Win32AdminDll::Worker* Win32AdminDll::take_worker() {
    std::lock_guard lock(pool_mutex_);
    // Fresh threads: an idle worker made calls already.
    if (!idle_.empty() && calling_threads_ == CallingThreads::reuse) {
        Worker* w = idle_.back();
        idle_.pop_back();
        return w;
    }
    auto w = std::make_unique<Worker>();
    // Suspended until noted as ours, so the unload watch never mistakes it
    // for a thread of the DLL.
    if (w->go.valid() && w->done.valid()) w->thread = CreateThread(nullptr, 0, &Worker::main, w.get(), CREATE_SUSPENDED, &w->id);
    if (!w->thread) return nullptr;
    note_own_thread(w->id);
    ResumeThread(w->thread);
    workers_.push_back(std::move(w));
    return workers_.back().get();
}

void* Win32AdminDll::resolve(std::string_view export_name) const {
    std::string name(export_name);
    return reinterpret_cast<void*>(GetProcAddress(static_cast<HMODULE>(module_), name.c_str()));
}

CallOutcome Win32AdminDll::call(const CalloutInfo& callout, void* fn, std::span<void* const> args) {
    CallOutcome out;
    if (containment_ == Containment::none) {
        // --no-isolate: on the caller's thread, nothing in the way of a debugger.
        note_callout(name_, callout.name);
        out = unguarded_invoke(callout, fn, args);
        out.blocking_calls = take_blocking_calls();  // SERIAL-6
        note_idle();
        return out;
    }
    Worker* w = poisoned_ ? nullptr : take_worker();
    if (!w) {
        out.kind = CallOutcome::Kind::not_called;
        out.detail = poisoned_ ? "not called: an earlier callout of this DLL hung and was terminated"
                               : "not called: no thread could be started for the call";
        return out;
    }
    // ACCEPT-5, ROBUST-5: the DLL sees read-only copies of its [in]
    // arguments, whose pages become inaccessible once the call is over.
    GuardedArguments guarded(callout, name_, args);
    w->callout = &callout;
    w->fn = fn;
    w->args = guarded.pointers();
    note_callout(name_, callout.name);
    w->go.post();
    const DWORD r = w->done.wait(static_cast<DWORD>(budget_.count()), w->thread);
    if (r == WAIT_OBJECT_0) {
        note_idle();
        out = w->result;
        symbolize(out);
        out.input_writes = guarded.finish();
        // After a stack overflow the thread's guard page is spent: a second
        // one would end the process, so the thread retires; so does every
        // thread when each call must have a fresh one.
        if ((out.kind == CallOutcome::Kind::fault && out.exception_code == 0xC00000FD) ||
            calling_threads_ == CallingThreads::fresh) {
            retire(w);
            return out;
        }
        std::lock_guard lock(pool_mutex_);
        idle_.push_back(w);
        return out;
    }
    if (r == WAIT_OBJECT_0 + 1) {
        // The callout ended the thread it was called on (ExitThread, or a
        // CRT _endthreadex): RRAS's worker would be gone too.
        note_idle();
        DWORD code = 0;
        GetExitCodeThread(w->thread, &code);
        out.kind = CallOutcome::Kind::fault;
        out.detail = "the callout ended the thread it was called on (ExitThread, exit code " + std::to_string(code) + ")";
        retire(w);
        return out;
    }
    const std::string blocked_in = forbidden_call_blocking(GetThreadId(w->thread));
    TerminateThread(w->thread, 0xDEAD);
    WaitForSingleObject(w->thread, INFINITE);
    note_idle();  // the callout is over, cut off
    poisoned_ = true;  // the terminated worker is never reused
    out.kind = CallOutcome::Kind::timeout;
    out.detail = "no return within " + std::to_string(budget_.count()) + " ms; the calling thread was terminated";
    if (!blocked_in.empty())
        out.detail += "; it was blocked in " + blocked_in +
                      ", a RAS administration call RRAS never returns from inside a callout [REENTRY-1]";
    out.input_writes = guarded.finish();
    return out;
}

void Win32AdminDll::symbolize(CallOutcome& out) const {
    const auto base = reinterpret_cast<std::uintptr_t>(module_);
    if (out.kind != CallOutcome::Kind::fault || out.fault_address < base) return;
    const auto rva = out.fault_address - base;
    if (rva >= image_.size_of_image) return;
    const std::string symbol = symbol_at(image_, static_cast<std::uint32_t>(rva));
    if (symbol.empty()) return;
    // After the module+offset, before any ", via ..." that follows it.
    const std::size_t end = std::min(out.where.find(','), out.where.size());
    out.where.insert(end, " (" + symbol + ")");
}

UnloadResult Win32AdminDll::unload(std::chrono::milliseconds grace) {
    UnloadResult r;
    if (!module_) {
        r.not_done = name_ + " is not loaded";
        return r;
    }
    if (poisoned_) {
        r.not_done = name_ + ": an earlier callout hung and its thread was terminated; unloading could deadlock on a "
                             "lock that thread held, so the DLL stays loaded";
        return r;
    }
    // Our workers go first: only the DLL's own threads may be left.
    stop_idle_workers();
    void* module = module_;
    module_ = nullptr;
    return unload_and_watch(module, name_, threads_before_load_, grace);
}

bool Win32AdminDll::set_calling_threads(CallingThreads threads) {
    calling_threads_ = threads;
    return containment_ == Containment::guarded;
}

ResourceUse Win32AdminDll::resource_use() { return this_process_resources(); }

void Win32AdminDll::retire(Worker* w) {
    w->stop = true;
    w->go.post();
    WaitForSingleObject(w->thread, INFINITE);
    std::lock_guard lock(pool_mutex_);
    std::erase_if(workers_, [w](const std::unique_ptr<Worker>& p) { return p.get() == w; });
}

}  // namespace rasconform::win32
