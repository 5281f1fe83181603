#include "win32/unload_watch.hpp"
#include "win32/fault_reporting.hpp"
#include "win32/flight_recorder.hpp"
#include "win32/native_api.hpp"
#include "win32/system_modules.hpp"

#include "win32/win32_admin_dll.hpp"

#include <windows.h>
#include <tlhelp32.h>
#include <winternl.h>
// <excpt.h> defines exception_code as a macro; CallOutcome has a member of that name.
#undef exception_code

#include <algorithm>
#include <atomic>
#include <cstring>
#include <map>
#include <mutex>
#include <new>
#include <set>

#include <fmt/format.h>

namespace rasconform::win32 {
namespace {

// The watched ranges stay for the life of the process when something of
// the DLL was left running (it may run again later: a periodic timer, a
// sleeping thread); a clean unload gives its range back. Several DLLs may be
// unloaded in one process (the Win32 tests do), and one DLL many times (an
// in-process check loads it again for every scenario, two instances each,
// and a DLL that leaves a thread or a timer behind every time keeps every
// one of those ranges trapped), so the table grows by blocks and never runs
// out: a freed image left untrapped would let the DLL's leftover run into
// whatever is mapped there next - the same DLL loaded again at the same
// address, say, in the middle of its relocation - and take the process down
// in a later case. It is read by the vectored handler on any thread, so it
// is lock-free for readers: a slot is filled, then published by raising its
// block's `used`; a block is published by linking it; nothing is ever freed.
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
    std::atomic<bool> reserved{false};  // the range is our reservation (the image is gone)
    std::atomic<unsigned> hits_used{0};
    Hit hits[max_hits];
};
constexpr unsigned ranges_per_block = 32;
struct RangeBlock {
    WatchedRange ranges[ranges_per_block];
    std::atomic<unsigned> used{0};
    std::atomic<RangeBlock*> next{nullptr};
};
RangeBlock first_block;
std::mutex claim_mutex;               // the writers: unloads on several threads
RangeBlock* last_block = &first_block;  // under claim_mutex

// A slot watching [base, base + size), live from now on; nullptr only when
// no memory is left for another block.
WatchedRange* claim_range(std::uintptr_t base, std::uintptr_t size) {
    std::lock_guard lock(claim_mutex);
    RangeBlock* block = last_block;
    unsigned slot = block->used.load(std::memory_order_relaxed);
    if (slot == ranges_per_block) {
        auto* fresh = new (std::nothrow) RangeBlock;
        if (!fresh) return nullptr;
        block->next.store(fresh, std::memory_order_release);
        last_block = block = fresh;
        slot = 0;
    }
    WatchedRange& r = block->ranges[slot];
    r.base = base;
    r.size = size;
    r.live.store(true, std::memory_order_release);
    block->used.store(slot + 1, std::memory_order_release);
    return &r;
}

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
    static const auto query = ntdll_function<Query>("NtQueryInformationThread");
    void* start = nullptr;
    if (!query || query(thread, 9 /* ThreadQuerySetWin32StartAddress */, &start, sizeof start, nullptr) != 0)
        return nullptr;
    return start;
}


}  // namespace

namespace {

// The snapshot way: under Wine every Thread32Next is a request to wineserver
// over every thread of every Wine process of the session, tens of
// milliseconds on a busy machine. Kept for when the one-request way below
// is refused.
std::vector<std::uint32_t> thread_ids_by_snapshot() {
    std::vector<std::uint32_t> ids;
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    if (snap == INVALID_HANDLE_VALUE) return ids;
    THREADENTRY32 e;
    e.dwSize = sizeof e;
    const DWORD self = GetCurrentProcessId();
    for (BOOL more = Thread32First(snap, &e); more; more = Thread32Next(snap, &e))
        if (e.th32OwnerProcessID == self) ids.push_back(e.th32ThreadID);
    CloseHandle(snap);
    return ids;
}

// Threads follow each process's entry (the documented Windows layout).
#ifdef _WIN64
static_assert(sizeof(SYSTEM_PROCESS_INFORMATION) == 0x100 && sizeof(SYSTEM_THREAD_INFORMATION) == 0x50);
#else
static_assert(sizeof(SYSTEM_PROCESS_INFORMATION) == 0xB8 && sizeof(SYSTEM_THREAD_INFORMATION) == 0x40);
#endif

// NtQuerySystemInformation(SystemProcessInformation): every process with its
// threads in one request. Empty when refused, or when this thread is not in
// the answer (a layout this code does not know).
std::vector<std::uint32_t> thread_ids_by_process_list() {
    static thread_local std::vector<unsigned char> buffer(256 * 1024);
    if (!query_system_information(5 /* SystemProcessInformation */, buffer)) return {};
    std::vector<std::uint32_t> ids;
    const auto self = static_cast<std::uintptr_t>(GetCurrentProcessId());
    for (std::size_t at = 0;;) {
        const auto* p = reinterpret_cast<const SYSTEM_PROCESS_INFORMATION*>(buffer.data() + at);
        if (reinterpret_cast<std::uintptr_t>(p->UniqueProcessId) == self) {
            const auto* t = reinterpret_cast<const SYSTEM_THREAD_INFORMATION*>(p + 1);
            for (ULONG i = 0; i < p->NumberOfThreads; ++i)
                ids.push_back(static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(t[i].ClientId.UniqueThread)));
            break;
        }
        if (!p->NextEntryOffset) break;
        at += p->NextEntryOffset;
    }
    if (std::find(ids.begin(), ids.end(), GetCurrentThreadId()) == ids.end()) return {};
    return ids;
}

}  // namespace

std::vector<std::uint32_t> live_thread_ids() {
    // Under qemu's i386 emulation 32-bit Wine was seen to hang now and then
    // with the one-request list (the cause is not known); the snapshot,
    // slower, is what ran there before.
    std::vector<std::uint32_t> ids = emulated_i386() ? std::vector<std::uint32_t>{} : thread_ids_by_process_list();
    if (ids.empty()) ids = thread_ids_by_snapshot();
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

// What fills a page of a freed image that holds a silenced entry: `hlt`,
// which faults in user mode (a privileged instruction) wherever something
// else of the DLL resumes on that page, and is then handled like a fetch
// from the rest of the range.
constexpr unsigned char filler = 0xF4;

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

std::atomic_flag silencing = ATOMIC_FLAG_INIT;

// A timer, wait or pool callback the DLL left registered is called again
// and again into its freed image, for the life of the process (a periodic
// timer: a hundred times a second). Each call was trapped once, which is
// what ROBUST-3 reports; it then gets `xor eax, eax; ret` at its entry, so
// that from then on it returns 0 at once instead of costing a fault each
// time: a fault storm of every earlier load's timers would load the process
// and grow the system's thread pool, and show in later cases (ROBUST-4's
// resource figures). Only a reserved range (the image gone, the addresses
// ours); never blocks (a fault handler): when another thread is at it, this
// call is simply returned from as before.
void silence_entry(WatchedRange& r, std::uintptr_t at) {
    if (!r.reserved.load(std::memory_order_acquire) || silencing.test_and_set(std::memory_order_acquire)) return;
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    const std::uintptr_t page_size = si.dwPageSize;
    const std::uintptr_t page = at & ~(page_size - 1);
    static constexpr unsigned char stub[] = {0x31, 0xC0, 0xC3};  // xor eax, eax; ret
    if (page >= r.base && at + sizeof stub <= page + page_size && at + sizeof stub <= r.base + r.size) {
        MEMORY_BASIC_INFORMATION m;
        const bool committed = VirtualQuery(reinterpret_cast<void*>(page), &m, sizeof m) == sizeof m &&
                               m.State == MEM_COMMIT;
        auto* p = reinterpret_cast<unsigned char*>(page);
        DWORD old = 0;
        // Not executable while it is written: a thread there faults and is
        // handled as before.
        const bool writable =
            committed ? VirtualProtect(p, page_size, PAGE_READWRITE, &old) != 0
                      : VirtualAlloc(p, page_size, MEM_COMMIT, PAGE_READWRITE) == p;
        if (writable) {
            if (!committed) std::memset(p, filler, page_size);
            std::memcpy(reinterpret_cast<void*>(at), stub, sizeof stub);
            VirtualProtect(p, page_size, PAGE_EXECUTE_READ, &old);
            FlushInstructionCache(GetCurrentProcess(), p, page_size);
        }
    }
    silencing.clear(std::memory_order_release);
}
#endif

}  // namespace

std::uint64_t unloaded_code_runs() { return runs_in_unloaded_code.load(); }

bool recover_from_unloaded_image(void* exception_pointers) {
    auto* info = static_cast<EXCEPTION_POINTERS*>(exception_pointers);
    const EXCEPTION_RECORD* record = info->ExceptionRecord;
    const auto at = reinterpret_cast<std::uintptr_t>(record->ExceptionAddress);
    // Executing there: the fault is on fetching the instruction at the
    // instruction pointer itself (a call through a stale pointer faults on
    // the fetch at its target). Only such a fault counts: a range is watched
    // from just before its FreeLibrary, while the DLL's detach code still
    // runs there, and a data access of that code that faults is its own.
    // Or the filler of a page with a silenced entry (below).
    bool on_filler = false;
    if (record->ExceptionCode == EXCEPTION_ACCESS_VIOLATION) {
        if (record->NumberParameters < 2 || static_cast<std::uintptr_t>(record->ExceptionInformation[1]) != at)
            return false;
    } else if (record->ExceptionCode == EXCEPTION_PRIV_INSTRUCTION) {
        on_filler = true;
    } else {
        return false;
    }
    // The latest live range holding it (an older one there may still be
    // live if its reservation failed and the address was given out again).
    WatchedRange* found = nullptr;
    for (RangeBlock* b = &first_block; b; b = b->next.load(std::memory_order_acquire)) {
        const unsigned used = b->used.load(std::memory_order_acquire);
        for (unsigned i = 0; i < used; ++i) {
            WatchedRange& r = b->ranges[i];
            if (r.live.load(std::memory_order_acquire) && at >= r.base && at - r.base < r.size &&
                (!on_filler || r.reserved.load(std::memory_order_acquire)))
                found = &r;
        }
    }
    if (!found) return false;
    // Our filler, in a page we committed inside our own reservation.
    if (on_filler && *reinterpret_cast<const unsigned char*>(at) != filler) return false;
    WatchedRange& r = *found;
    runs_in_unloaded_code.fetch_add(1);
    const unsigned slot = r.hits_used.fetch_add(1);
    if (slot < max_hits) {
        r.hits[slot].thread = GetCurrentThreadId();
        r.hits[slot].offset = at - r.base;
        r.hits[slot].ready.store(true, std::memory_order_release);
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
        silence_entry(r, at);
        return true;
    }
#endif
    // In the middle of the DLL's code (a thread of the DLL coming back
    // from a wait): nothing to return to. Only this thread ends.
    ExitThread(ended_in_unloaded_image);
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

    // Watched from before the FreeLibrary: the loader unmaps the image in
    // it, and a thread of the DLL that wakes between the unmapping and the
    // reservation below executes unmapped memory - a fault nothing would
    // claim, which ends the process (in a later case, for all it shows).
    WatchedRange* range = claim_range(base, size);
    // The DLL's DllMain runs in there: if it ends the process, the parent
    // reads whose code it was.
    note_callout(name, "DllMain(DLL_PROCESS_DETACH)");
    FreeLibrary(static_cast<HMODULE>(module));
    note_idle();
    bool reserved = false;
    HMODULE still = nullptr;
    if (GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                           reinterpret_cast<LPCWSTR>(module), &still)) {
        // Still mapped: its code runs normally, nothing there to trap.
        if (range) range->live.store(false, std::memory_order_release);
        range = nullptr;
        result.leftovers.push_back(fmt::format(
            "{} is still loaded after its FreeLibrary: it holds a reference on itself (LoadLibrary of itself, or a "
            "pinned module), so its code can go on running",
            name));
    } else {
        // Right away: until this returns, the range could be given to the
        // next allocation, and a straggler would run whatever it holds.
        // Should that have happened already, the range stays watched all
        // the same: an instruction fetched there faults (data is not
        // executable) and is still the DLL's.
        reserved = VirtualAlloc(module, size, MEM_RESERVE, PAGE_NOACCESS) == module;
        if (range && reserved) range->reserved.store(true, std::memory_order_release);
    }
    if (grace.count() > 0) Sleep(static_cast<DWORD>(grace.count()));

    // What ran in the freed image during the grace period, by address (a
    // periodic timer runs the same callback on pool thread after pool thread).
    std::set<DWORD> trapped;
    std::map<std::uintptr_t, std::vector<DWORD>> by_offset;
    std::uint64_t runs = 0;
    if (range) {
        WatchedRange& w = *range;
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
    if (result.leftovers.empty() && range && !relocatable) {
        // Nothing of the DLL was seen running, and it can only load at its
        // preferred base: give the range back, or it could not load again.
        range->live.store(false, std::memory_order_release);
        range->reserved.store(false, std::memory_order_release);
        if (reserved) VirtualFree(module, 0, MEM_RELEASE);
    }
    return result;
}

}  // namespace rasconform::win32
