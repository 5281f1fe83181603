#include "win32/process_resources.hpp"
#include "win32/native_api.hpp"

#include "win32/unload_watch.hpp"

#include <windows.h>
#include <psapi.h>
#include <winternl.h>
#undef exception_code

#include <vector>

namespace rasconform::win32 {
namespace {

// Committed private memory, region by region: what PrivateUsage counts.
// Wine 8 leaves PrivateUsage at 0, so this is the measure there.
std::uint64_t committed_private_bytes() {
    std::uint64_t total = 0;
    MEMORY_BASIC_INFORMATION m;
    for (auto* p = static_cast<const char*>(nullptr); VirtualQuery(p, &m, sizeof m) == sizeof m;
         p = static_cast<const char*>(m.BaseAddress) + m.RegionSize) {
        if (m.State == MEM_COMMIT && m.Type == MEM_PRIVATE) total += m.RegionSize;
        if (static_cast<const char*>(m.BaseAddress) + m.RegionSize < p) break;  // wrapped around
    }
    return total;
}

// The system's handle table, filtered to this process: Wine 8's
// GetProcessHandleCount answers 0, its SystemHandleInformation is right.
std::uint64_t handles_from_system_table() {
    struct Entry {  // SYSTEM_HANDLE_ENTRY
        ULONG owner_pid;
        BYTE object_type;
        BYTE flags;
        USHORT handle;
        void* object;
        ACCESS_MASK access;
    };
    std::vector<unsigned char> buffer(1 << 20);
    if (!query_system_information(16 /* SystemHandleInformation */, buffer)) return 0;
    const ULONG count = *reinterpret_cast<const ULONG*>(buffer.data());
    const auto* entries = reinterpret_cast<const Entry*>(buffer.data() + sizeof(void*));
    const DWORD self = GetCurrentProcessId();
    std::uint64_t mine = 0;
    for (ULONG i = 0; i < count; ++i) mine += entries[i].owner_pid == self;
    return mine;
}

}  // namespace

ResourceUse this_process_resources() {
    ResourceUse use;
    PROCESS_MEMORY_COUNTERS_EX memory{};
    memory.cb = sizeof memory;
    DWORD handles = 0;
    if (!GetProcessMemoryInfo(GetCurrentProcess(), reinterpret_cast<PROCESS_MEMORY_COUNTERS*>(&memory), sizeof memory) ||
        !GetProcessHandleCount(GetCurrentProcess(), &handles)) {
        use.not_available = "GetProcessMemoryInfo or GetProcessHandleCount failed with error " +
                            std::to_string(GetLastError());
        return use;
    }
    use.private_bytes = memory.PrivateUsage ? memory.PrivateUsage : committed_private_bytes();
    use.handles = handles ? handles : handles_from_system_table();
    use.threads = live_thread_ids().size();
    use.available = use.private_bytes != 0 && use.handles != 0;
    if (!use.available) use.not_available = "neither the process counters nor the fallbacks gave private bytes and handles";
    return use;
}

}  // namespace rasconform::win32

namespace rasconform::win32 {

std::uint64_t process_start_time(void* process) {
    FILETIME created{}, exited{}, kernel{}, user{};
    if (!GetProcessTimes(static_cast<HANDLE>(process), &created, &exited, &kernel, &user)) return 0;
    return (static_cast<std::uint64_t>(created.dwHighDateTime) << 32) | created.dwLowDateTime;
}

}  // namespace rasconform::win32
