#include "win32/unload_watch.hpp"

#include "win32/win32_admin_dll.hpp"

#include <windows.h>
#include <tlhelp32.h>
// <excpt.h> defines exception_code as a macro; CallOutcome has a member of that name.
#undef exception_code

#include <algorithm>
#include <atomic>
#include <cstring>
#include <map>
#include <mutex>
#include <set>

#include <fmt/format.h>

namespace rasconform::win32 {
namespace {

// The watched ranges stay for the life of the process when something of
// the DLL was left running (it may run again later: a periodic timer, a
// sleeping thread); a clean unload gives its range back. Several DLLs may be
// unloaded in one process (the Win32 tests do), hence a small table. It is
// read by the vectored handler on any thread, so it is lock-free: a slot is
// filled, then published by raising `ranges_used`.
struct WatchedRange {
    std::uintptr_t base = 0;
    std::uintptr_t size = 0;
    std::atomic<bool> live{false};
};
constexpr int max_ranges = 32;
WatchedRange ranges[max_ranges];
std::atomic<int> ranges_used{0};

// One execution of unloaded code: where, and on which thread.
struct Hit {
    std::atomic<bool> ready{false};
    int range = 0;
    DWORD thread = 0;
    std::uintptr_t offset = 0;
};
constexpr unsigned max_hits = 256;  // a periodic timer fires again and again; the first ones tell
Hit hits[max_hits];
std::atomic<unsigned> hits_used{0};

// The exit code of a thread ended for running unloaded code.
constexpr DWORD ended_in_unloaded_image = 0xE0524233;

std::mutex own_mutex;
std::set<std::uint32_t>& own_threads() {
    static std::set<std::uint32_t> ids;
    return ids;
}

bool is_own(std::uint32_t id) {
    std::lock_guard lock(own_mutex);
    return own_threads().count(id) != 0;
}

// ThreadQuerySetWin32StartAddress: the function the thread was started
// with (CreateThread's lpStartAddress), not the loader's thunk.
void* start_address(HANDLE thread) {
    using Query = LONG(WINAPI*)(HANDLE, int, void*, ULONG, ULONG*);
    static const auto query =
        reinterpret_cast<Query>(reinterpret_cast<void*>(GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "NtQueryInformationThread")));
    void* start = nullptr;
    if (!query || query(thread, 9 /* ThreadQuerySetWin32StartAddress */, &start, sizeof start, nullptr) != 0)
        return nullptr;
    return start;
}

// Threads that the system starts for itself (the thread pool's workers, the
// timer queue's thread) begin in these; work the DLL left with them shows
// when it runs, in the watched range.
bool starts_in_system(void* start) {
    HMODULE module = nullptr;
    if (!GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                            static_cast<LPCWSTR>(start), &module))
        return false;
    return module == GetModuleHandleW(L"ntdll.dll") || module == GetModuleHandleW(L"kernel32.dll") ||
           module == GetModuleHandleW(L"kernelbase.dll");
}

}  // namespace

std::vector<std::uint32_t> live_thread_ids() {
    std::vector<std::uint32_t> ids;
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    if (snap == INVALID_HANDLE_VALUE) return ids;
    THREADENTRY32 e;
    e.dwSize = sizeof e;
    const DWORD self = GetCurrentProcessId();
    for (BOOL more = Thread32First(snap, &e); more; more = Thread32Next(snap, &e))
        if (e.th32OwnerProcessID == self) ids.push_back(e.th32ThreadID);
    CloseHandle(snap);
    std::sort(ids.begin(), ids.end());
    return ids;
}

void note_own_thread(std::uint32_t id) {
    std::lock_guard lock(own_mutex);
    own_threads().insert(id);
}

void forget_own_thread(std::uint32_t id) {
    std::lock_guard lock(own_mutex);
    own_threads().erase(id);
}

void end_thread_in_unloaded_image(const void* exception_pointers) {
    const auto* info = static_cast<const EXCEPTION_POINTERS*>(exception_pointers);
    if (info->ExceptionRecord->ExceptionCode != EXCEPTION_ACCESS_VIOLATION) return;
    // Executing there: the instruction pointer itself is in the range (a
    // call through a stale pointer faults on the fetch at its target).
    const auto at = reinterpret_cast<std::uintptr_t>(info->ExceptionRecord->ExceptionAddress);
    const int used = ranges_used.load(std::memory_order_acquire);
    for (int i = 0; i < used; ++i) {
        const WatchedRange& r = ranges[i];
        if (!r.live.load(std::memory_order_acquire) || at < r.base || at - r.base >= r.size) continue;
        const unsigned slot = hits_used.fetch_add(1);
        if (slot < max_hits) {
            hits[slot].range = i;
            hits[slot].thread = GetCurrentThreadId();
            hits[slot].offset = at - r.base;
            hits[slot].ready.store(true, std::memory_order_release);
        }
        // Nothing to return to: the code is gone. Only this thread ends.
        ExitThread(ended_in_unloaded_image);
    }
}

UnloadResult unload_and_watch(void* module, const std::string& name, const std::vector<std::uint32_t>& threads_before,
                              std::chrono::milliseconds grace) {
    UnloadResult result;
    result.done = true;
    const auto base = reinterpret_cast<std::uintptr_t>(module);
    const auto* dos = reinterpret_cast<const IMAGE_DOS_HEADER*>(module);
    const auto* nt = reinterpret_cast<const IMAGE_NT_HEADERS*>(base + dos->e_lfanew);
    const std::uintptr_t size = nt->OptionalHeader.SizeOfImage;
    // A later load of a relocatable DLL goes elsewhere, so its old range can
    // stay trapped for good: a timer or wait the DLL left registered fires
    // whenever its period says, possibly long after any grace period.
    const bool relocatable = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_BASERELOC].Size != 0 &&
                             !(nt->FileHeader.Characteristics & IMAGE_FILE_RELOCS_STRIPPED);
    install_fault_handler();
    const unsigned hits_before = hits_used.load();

    FreeLibrary(static_cast<HMODULE>(module));
    int range = -1;
    HMODULE still = nullptr;
    if (GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                           reinterpret_cast<LPCWSTR>(module), &still)) {
        result.leftovers.push_back(fmt::format(
            "{} is still loaded after its FreeLibrary: it holds a reference on itself (LoadLibrary of itself, or a "
            "pinned module), so its code can go on running",
            name));
    } else if (VirtualAlloc(module, size, MEM_RESERVE, PAGE_NOACCESS) == module) {
        // Right away: until this returns, a straggler would run whatever the
        // range holds next (nothing: it faults too, but unattributed).
        range = ranges_used.load();
        if (range < max_ranges) {
            ranges[range].base = base;
            ranges[range].size = size;
            ranges[range].live.store(true, std::memory_order_release);
            ranges_used.store(range + 1, std::memory_order_release);
        } else {
            VirtualFree(module, 0, MEM_RELEASE);
            range = -1;
        }
    }
    if (grace.count() > 0) Sleep(static_cast<DWORD>(grace.count()));

    // What ran in the freed image during the grace period, by address (a
    // periodic timer runs the same callback on pool thread after pool thread).
    std::set<DWORD> trapped;
    std::map<std::uintptr_t, std::vector<DWORD>> by_offset;
    const unsigned hits_after = std::min(hits_used.load(), max_hits);
    for (unsigned i = hits_before; i < hits_after; ++i) {
        if (!hits[i].ready.load(std::memory_order_acquire) || hits[i].range != range) continue;
        trapped.insert(hits[i].thread);
        by_offset[hits[i].offset].push_back(hits[i].thread);
    }
    for (const auto& [offset, threads] : by_offset) {
        if (threads.size() == 1) {
            result.leftovers.push_back(fmt::format("thread {} executed unloaded code at {}+0x{:x} (ended by the harness)",
                                                   threads[0], name, offset));
            continue;
        }
        constexpr std::size_t named = 3;
        std::vector<DWORD> first(threads.begin(), threads.begin() + std::min(named, threads.size()));
        result.leftovers.push_back(fmt::format(
            "unloaded code at {}+0x{:x} executed {} times, on threads {}{} (each ended by the harness)", name, offset,
            threads.size(), fmt::join(first, ", "),
            threads.size() > named ? fmt::format(" and {} more", threads.size() - named) : std::string()));
    }
    // Threads started since the load that are still alive and not ours.
    const DWORD self = GetCurrentThreadId();
    for (std::uint32_t id : live_thread_ids()) {
        if (id == self || trapped.count(id) || std::binary_search(threads_before.begin(), threads_before.end(), id) ||
            is_own(id))
            continue;
        HANDLE t = OpenThread(THREAD_QUERY_INFORMATION, FALSE, id);
        if (!t) continue;
        DWORD code = 0;
        const bool alive = GetExitCodeThread(t, &code) && code == STILL_ACTIVE;
        void* start = alive ? start_address(t) : nullptr;
        CloseHandle(t);
        if (!alive) continue;
        const auto s = reinterpret_cast<std::uintptr_t>(start);
        if (s >= base && s - base < size)
            result.leftovers.push_back(fmt::format(
                "thread {} is still alive; it was started at {}+0x{:x}, inside the unloaded image", id, name, s - base));
        else if (start && !starts_in_system(start))
            result.leftovers.push_back(fmt::format("thread {} started after the load at {} is still alive", id,
                                                   module_offset(start)));
    }
    if (result.leftovers.empty() && range >= 0 && !relocatable) {
        // Nothing of the DLL was seen running, and it can only load at its
        // preferred base: give the range back, or it could not load again.
        ranges[range].live.store(false, std::memory_order_release);
        VirtualFree(module, 0, MEM_RELEASE);
    }
    return result;
}

}  // namespace rasconform::win32
