#include "win32/unload_watch.hpp"
#include "win32/system_modules.hpp"

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
// One execution of unloaded code: where, and on which thread.
struct Hit {
    std::atomic<bool> ready{false};
    DWORD thread = 0;
    std::uintptr_t offset = 0;
};
constexpr unsigned max_hits = 32;  // a periodic timer fires again and again; the first ones tell

// Each range records its own hits, so the firings of an earlier DLL's
// leftovers never crowd out those of the one being watched.
struct WatchedRange {
    std::uintptr_t base = 0;
    std::uintptr_t size = 0;
    std::atomic<bool> live{false};
    std::atomic<unsigned> hits_used{0};
    Hit hits[max_hits];
};
constexpr int max_ranges = 32;
WatchedRange ranges[max_ranges];
std::atomic<int> ranges_used{0};
std::atomic<std::uint64_t> runs_in_unloaded_code{0};

// The exit code of a thread ended for running unloaded code.
constexpr DWORD ended_in_unloaded_image = 0xE0524233;

std::mutex own_mutex;
// Never destroyed: the host's static backend is destroyed after function
// statics when a DLL calls exit(), and still asks.
std::set<std::uint32_t>& own_threads() {
    static auto* ids = new std::set<std::uint32_t>;
    return *ids;
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

namespace {

#ifdef _WIN64
// Whether `ret` is the return address of a call instruction: the bytes
// before it encode `call rel32` or `call r/m64` (register, [reg], [reg+disp8],
// [reg+disp32], [rip+disp32], with or without SIB). Checked before trusting
// the top of the stack as one.
bool follows_a_call(std::uintptr_t ret) {
    MEMORY_BASIC_INFORMATION m;
    if (VirtualQuery(reinterpret_cast<void*>(ret - 8), &m, sizeof m) != sizeof m || m.State != MEM_COMMIT ||
        !(m.Protect & (PAGE_EXECUTE | PAGE_EXECUTE_READ | PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY)))
        return false;
    const auto* b = reinterpret_cast<const unsigned char*>(ret);
    auto indirect = [&](int back, unsigned mod, bool sib) {
        const unsigned char modrm = b[-back + 1];
        return b[-back] == 0xFF && (modrm & 0x38) == 0x10 && (modrm >> 6) == mod && (((modrm & 7) == 4) == sib);
    };
    return b[-5] == 0xE8 || indirect(2, 3, false) || indirect(2, 0, false) || indirect(3, 1, false) ||
           indirect(3, 0, true) || indirect(4, 1, true) || indirect(6, 2, false) || indirect(7, 2, true) ||
           (b[-6] == 0xFF && b[-5] == 0x15);
}
#endif

}  // namespace

std::uint64_t unloaded_code_runs() { return runs_in_unloaded_code.load(); }

bool recover_from_unloaded_image(void* exception_pointers) {
    auto* info = static_cast<EXCEPTION_POINTERS*>(exception_pointers);
    if (info->ExceptionRecord->ExceptionCode != EXCEPTION_ACCESS_VIOLATION) return false;
    // Executing there: the instruction pointer itself is in the range (a
    // call through a stale pointer faults on the fetch at its target).
    const auto at = reinterpret_cast<std::uintptr_t>(info->ExceptionRecord->ExceptionAddress);
    const int used = ranges_used.load(std::memory_order_acquire);
    for (int i = 0; i < used; ++i) {
        const WatchedRange& r = ranges[i];
        if (!r.live.load(std::memory_order_acquire) || at < r.base || at - r.base >= r.size) continue;
        WatchedRange& w = ranges[i];
        runs_in_unloaded_code.fetch_add(1);
        const unsigned slot = w.hits_used.fetch_add(1);
        if (slot < max_hits) {
            w.hits[slot].thread = GetCurrentThreadId();
            w.hits[slot].offset = at - r.base;
            w.hits[slot].ready.store(true, std::memory_order_release);
        }
#ifdef _WIN64
        // A call into the freed image (a timer, thread-pool or wait
        // callback; a thread's start routine) faults on the callee's first
        // instruction, with the return address on top of the stack. Then the
        // call is made to return 0 to its caller outside the image: the
        // system's pool thread goes on serving, rather than ending with the
        // pool's bookkeeping still counting it busy (which starves the pool).
        CONTEXT* c = info->ContextRecord;
        const auto ret = *reinterpret_cast<const std::uintptr_t*>(c->Rsp);
        if ((ret < r.base || ret - r.base >= r.size) && follows_a_call(ret)) {
            c->Rip = ret;
            c->Rsp += 8;
            c->Rax = 0;
            return true;
        }
#endif
        // In the middle of the DLL's code (a thread of the DLL coming back
        // from a wait): nothing to return to. Only this thread ends.
        ExitThread(ended_in_unloaded_image);
    }
    return false;
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
    std::uint64_t runs = 0;
    if (range >= 0) {
        WatchedRange& w = ranges[range];
        runs = w.hits_used.load();
        for (unsigned i = 0; i < std::min<std::uint64_t>(runs, max_hits); ++i) {
            if (!w.hits[i].ready.load(std::memory_order_acquire)) continue;
            trapped.insert(w.hits[i].thread);
            by_offset[w.hits[i].offset].push_back(w.hits[i].thread);
        }
    }
    for (const auto& [offset, threads] : by_offset) {
        if (threads.size() == 1) {
            result.leftovers.push_back(fmt::format("thread {} executed unloaded code at {}+0x{:x} (cut off by the harness)",
                                                   threads[0], name, offset));
            continue;
        }
        const std::set<DWORD> distinct(threads.begin(), threads.end());
        result.leftovers.push_back(fmt::format(
            "unloaded code at {}+0x{:x} executed {}{} times, on thread{} {} (each time cut off by the harness)", name,
            offset, threads.size(), runs > max_hits ? "+" : "", distinct.size() > 1 ? "s" : "",
            fmt::join(distinct, ", ")));
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
        else if (start && !in_system_dll(start))
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
