#include "win32/reentry_monitor.hpp"

#include <windows.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

#include "rasconform/forbidden_calls.hpp"
#include "win32/mprapi_shim/mprapi_host.h"
#include "win32/win32_admin_dll.hpp"

namespace rasconform::win32 {
namespace {

// The shim holds one host for the process, so the monitor state is global.
struct State {
    std::mutex mutex;
    mock::Service* service = nullptr;
    bool faithful = false;
    std::vector<mock::ReentryViolation> violations;
    std::vector<std::string> messages;
    std::map<unsigned long, std::string> blocked;  // thread id -> the forbidden call it waits in (faithful)
};
State state;

DWORD check(const char* function) {
    const CalloutInfo* callout = callout_in_progress();
    if (!callout) return NO_ERROR;
    bool faithful;
    {
        std::lock_guard lock(state.mutex);
        // The cases report the first ones; a soak (ROBUST-4) repeats the same
        // call thousands of times, and the list would be growth of the
        // harness in the DLL's process, blamed on the DLL. Small enough to be
        // full before the soak's first measurement.
        constexpr std::size_t kept_violations = 32;
        if (state.violations.size() < kept_violations)
            state.violations.push_back({function, std::string(callout->name)});
        faithful = state.faithful;
    }
    if (faithful) {
        {
            std::lock_guard lock(state.mutex);
            state.blocked[GetCurrentThreadId()] = function;
        }
        Sleep(INFINITE);  // RRAS never returns from it (REENTRY-1)
    }
    return ERROR_NOT_SUPPORTED;
}

DWORD port_disconnect(HANDLE port) {
    mock::Service* service;
    {
        std::lock_guard lock(state.mutex);
        service = state.service;
    }
    if (!service) return ERROR_SERVICE_NOT_ACTIVE;
    auto p = reinterpret_cast<std::uintptr_t>(port);
    std::uint64_t connection = service->connection_of_port(p);
    if (!connection) return ERROR_INVALID_HANDLE;
    service->drop_link(connection, p);  // the link hang-up follows, as after a real disconnect
    return NO_ERROR;
}

DWORD connection_handles(HANDLE* out, DWORD max, DWORD* total) {
    mock::Service* service;
    {
        std::lock_guard lock(state.mutex);
        service = state.service;
    }
    std::vector<std::uint64_t> all = service ? service->connections() : std::vector<std::uint64_t>{};
    *total = static_cast<DWORD>(all.size());
    DWORD n = std::min<DWORD>(max, *total);
    for (DWORD i = 0; i < n; ++i) out[i] = reinterpret_cast<HANDLE>(static_cast<std::uintptr_t>(all[i]));
    return n;
}

void user_message(HANDLE, const WCHAR* message) {
    std::wstring w = message ? message : L"";
    std::lock_guard lock(state.mutex);
    state.messages.emplace_back(w.begin(), w.end());
}

const rasconform_mprapi_host host{RASCONFORM_MPRAPI_HOST_VERSION, check, port_disconnect, connection_handles,
                                  user_message};

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

std::unique_ptr<Win32ReentryMonitor> Win32ReentryMonitor::load(const std::filesystem::path& shim, bool faithful,
                                                               std::string& why_not) {
    HMODULE m = LoadLibraryExW(std::filesystem::absolute(shim).wstring().c_str(), nullptr,
                               LOAD_WITH_ALTERED_SEARCH_PATH);
    if (!m) {
        why_not = "the replacement mprapi.dll (" + shim.string() + ") could not be loaded";
        return nullptr;
    }
    auto attach = reinterpret_cast<rasconform_mprapi_attach_fn>(
        reinterpret_cast<void*>(GetProcAddress(m, "rasconform_mprapi_attach")));
    if (!attach) {
        why_not = shim.string() + " is not rasconform's mprapi.dll";
        return nullptr;
    }
    {
        std::lock_guard lock(state.mutex);
        state.faithful = faithful;
        state.violations.clear();
        state.messages.clear();
    }
    attach(&host);
    return std::unique_ptr<Win32ReentryMonitor>(new Win32ReentryMonitor);
}

Win32ReentryMonitor::~Win32ReentryMonitor() { attach(nullptr); }

void Win32ReentryMonitor::attach(mock::Service* service) {
    std::lock_guard lock(state.mutex);
    state.service = service;
}

std::string forbidden_call_blocking(unsigned long thread_id) {
    std::lock_guard lock(state.mutex);
    auto it = state.blocked.find(thread_id);
    return it == state.blocked.end() ? std::string() : it->second;
}

std::vector<mock::ReentryViolation> Win32ReentryMonitor::violations() const {
    std::lock_guard lock(state.mutex);
    return state.violations;
}

std::vector<std::string> Win32ReentryMonitor::user_messages() const {
    std::lock_guard lock(state.mutex);
    return state.messages;
}

std::string shim_compatibility(const PeImage& subject) {
    std::string missing;
    for (const PeImport& imp : subject.imports) {
        if (lower(imp.dll) != "mprapi.dll") continue;
        for (const std::string& fn : imp.functions)
            if (!is_reentry_forbidden(fn))
                missing += (missing.empty() ? "" : ", ") + fn;
        if (imp.by_ordinal) missing += (missing.empty() ? "" : ", ") + std::string("imports by ordinal");
    }
    return missing.empty() ? std::string()
                           : "the DLL imports mprapi.dll functions the REENTRY detector does not emulate: " + missing;
}

std::filesystem::path default_shim_path() {
    wchar_t self[MAX_PATH];
    DWORD n = GetModuleFileNameW(nullptr, self, MAX_PATH);
    return std::filesystem::path(std::wstring(self, n)).parent_path() / "reentry" / "mprapi.dll";
}

}  // namespace rasconform::win32
