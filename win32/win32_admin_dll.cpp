#include "win32/win32_admin_dll.hpp"

#include <windows.h>

#include <string>

namespace rasconform::win32 {

// One request at a time: the caller fills it, signals `go`, waits on `done`.
struct Win32AdminDll::Worker {
    HANDLE thread = nullptr;
    HANDLE go = nullptr;
    HANDLE done = nullptr;
    bool stop = false;
    const CalloutInfo* callout = nullptr;
    void* fn = nullptr;
    std::span<void* const> args;
    CallOutcome result;

    static DWORD WINAPI main(void* self) {
        auto* w = static_cast<Worker*>(self);
        for (;;) {
            WaitForSingleObject(w->go, INFINITE);
            if (w->stop) return 0;
            w->result = guarded_invoke(*w->callout, w->fn, w->args);
            SetEvent(w->done);
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

Win32AdminDll::Win32AdminDll(const std::filesystem::path& path, std::chrono::milliseconds budget)
    : name_(path.filename().string()), budget_(budget) {
    // LOAD_WITH_ALTERED_SEARCH_PATH: dependencies are looked up beside the
    // DLL, as when RRAS loads it from its full DLLPath.
    std::filesystem::path absolute = std::filesystem::absolute(path);
    HMODULE m = LoadLibraryExW(absolute.wstring().c_str(), nullptr, LOAD_WITH_ALTERED_SEARCH_PATH);
    if (!m) throw LoadError(name_ + ": " + last_error_text(GetLastError()));
    module_ = m;
    worker_ = new Worker;
    worker_->go = CreateEventW(nullptr, FALSE, FALSE, nullptr);
    worker_->done = CreateEventW(nullptr, FALSE, FALSE, nullptr);
    worker_->thread = CreateThread(nullptr, 0, &Worker::main, worker_, 0, nullptr);
    if (!worker_->go || !worker_->done || !worker_->thread) throw LoadError(name_ + ": cannot start a worker thread");
}

Win32AdminDll::~Win32AdminDll() {
    if (!poisoned_) {
        worker_->stop = true;
        SetEvent(worker_->go);
        WaitForSingleObject(worker_->thread, INFINITE);
    }
    CloseHandle(worker_->thread);
    CloseHandle(worker_->go);
    CloseHandle(worker_->done);
    delete worker_;
    // After a terminated thread the loader lock may be held: unloading could
    // deadlock, so a poisoned DLL stays mapped until the process ends.
    if (module_ && !poisoned_) FreeLibrary(static_cast<HMODULE>(module_));
}

void* Win32AdminDll::resolve(std::string_view export_name) const {
    std::string name(export_name);
    return reinterpret_cast<void*>(GetProcAddress(static_cast<HMODULE>(module_), name.c_str()));
}

CallOutcome Win32AdminDll::call(const CalloutInfo& callout, void* fn, std::span<void* const> args) {
    CallOutcome out;
    if (poisoned_) {
        out.kind = CallOutcome::Kind::not_called;
        out.detail = "not called: an earlier callout of this DLL hung and was terminated";
        return out;
    }
    worker_->callout = &callout;
    worker_->fn = fn;
    worker_->args = args;
    SetEvent(worker_->go);
    if (WaitForSingleObject(worker_->done, static_cast<DWORD>(budget_.count())) == WAIT_OBJECT_0)
        return worker_->result;
    TerminateThread(worker_->thread, 0xDEAD);
    WaitForSingleObject(worker_->thread, INFINITE);
    poisoned_ = true;
    out.kind = CallOutcome::Kind::timeout;
    out.detail = "no return within " + std::to_string(budget_.count()) + " ms; the calling thread was terminated";
    return out;
}

}  // namespace rasconform::win32
