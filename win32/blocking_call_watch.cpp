#include "win32/blocking_call_watch.hpp"
#include "win32/native_api.hpp"

#include "win32/win32_admin_dll.hpp"

#include <windows.h>
#include <winternl.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <utility>

namespace rasconform::win32 {
namespace {

// What this thread called inside callouts: (module, function), static strings.
thread_local std::vector<std::pair<const char*, const char*>> noted;

void note(const char* module, const char* function) {
    if (!callout_in_progress()) return;  // the DLL's own threads may wait as they like
    const std::pair<const char*, const char*> call{module, function};
    if (std::find(noted.begin(), noted.end(), call) == noted.end()) noted.push_back(call);
}

// One wrapper per watched function, with its prototype (generic pointer and
// handle types: the headers of four libraries are not needed to pass values
// through). WINAPI and WSAAPI are both __stdcall.
#define RASCONFORM_WATCH(module, ret, name, params, args) \
    using name##_fn = ret(WINAPI*) params;               \
    name##_fn real_##name = nullptr;                     \
    ret WINAPI hook_##name params {                      \
        note(module, #name);                             \
        return real_##name args;                         \
    }

using SOCKET_ = UINT_PTR;

// Network (Winsock): a lookup or a server that does not answer waits for
// seconds, and RRAS waits with it.
RASCONFORM_WATCH("ws2_32.dll", int, connect, (SOCKET_ s, const void* a, int n), (s, a, n))
RASCONFORM_WATCH("ws2_32.dll", SOCKET_, accept, (SOCKET_ s, void* a, int* n), (s, a, n))
RASCONFORM_WATCH("ws2_32.dll", int, send, (SOCKET_ s, const char* b, int n, int f), (s, b, n, f))
RASCONFORM_WATCH("ws2_32.dll", int, recv, (SOCKET_ s, char* b, int n, int f), (s, b, n, f))
RASCONFORM_WATCH("ws2_32.dll", int, sendto, (SOCKET_ s, const char* b, int n, int f, const void* a, int an),
                 (s, b, n, f, a, an))
RASCONFORM_WATCH("ws2_32.dll", int, recvfrom, (SOCKET_ s, char* b, int n, int f, void* a, int* an),
                 (s, b, n, f, a, an))
RASCONFORM_WATCH("ws2_32.dll", int, select, (int n, void* r, void* w, void* e, const void* t), (n, r, w, e, t))
RASCONFORM_WATCH("ws2_32.dll", int, WSAPoll, (void* fds, ULONG n, INT t), (fds, n, t))
RASCONFORM_WATCH("ws2_32.dll", void*, gethostbyname, (const char* name), (name))
RASCONFORM_WATCH("ws2_32.dll", int, getaddrinfo, (const char* n, const char* s, const void* h, void** r),
                 (n, s, h, r))
RASCONFORM_WATCH("ws2_32.dll", int, GetAddrInfoW, (const wchar_t* n, const wchar_t* s, const void* h, void** r),
                 (n, s, h, r))
RASCONFORM_WATCH("ws2_32.dll", int, WSAConnect,
                 (SOCKET_ s, const void* a, int n, void* cd, void* cl, void* q, void* gq), (s, a, n, cd, cl, q, gq))
RASCONFORM_WATCH("ws2_32.dll", int, WSASend, (SOCKET_ s, void* b, DWORD n, DWORD* sent, DWORD f, void* o, void* c),
                 (s, b, n, sent, f, o, c))
RASCONFORM_WATCH("ws2_32.dll", int, WSARecv, (SOCKET_ s, void* b, DWORD n, DWORD* got, DWORD* f, void* o, void* c),
                 (s, b, n, got, f, o, c))
// HTTP: the same, one level up.
RASCONFORM_WATCH("winhttp.dll", BOOL, WinHttpSendRequest,
                 (void* r, const wchar_t* h, DWORD hn, void* o, DWORD on, DWORD t, DWORD_PTR c), (r, h, hn, o, on, t, c))
RASCONFORM_WATCH("winhttp.dll", BOOL, WinHttpReceiveResponse, (void* r, void* reserved), (r, reserved))
RASCONFORM_WATCH("wininet.dll", void*, InternetOpenUrlA,
                 (void* i, const char* u, const char* h, DWORD hn, DWORD f, DWORD_PTR c), (i, u, h, hn, f, c))
RASCONFORM_WATCH("wininet.dll", void*, InternetOpenUrlW,
                 (void* i, const wchar_t* u, const wchar_t* h, DWORD hn, DWORD f, DWORD_PTR c), (i, u, h, hn, f, c))
RASCONFORM_WATCH("wininet.dll", BOOL, HttpSendRequestA, (void* r, const char* h, DWORD hn, void* o, DWORD on),
                 (r, h, hn, o, on))
RASCONFORM_WATCH("wininet.dll", BOOL, HttpSendRequestW, (void* r, const wchar_t* h, DWORD hn, void* o, DWORD on),
                 (r, h, hn, o, on))
// Console: RRAS runs as a service without one; reading waits forever,
// allocating one pops a window on the server.
RASCONFORM_WATCH("kernel32.dll", BOOL, AllocConsole, (), ())
RASCONFORM_WATCH("kernel32.dll", BOOL, ReadConsoleA, (HANDLE h, void* b, DWORD n, DWORD* got, void* c),
                 (h, b, n, got, c))
RASCONFORM_WATCH("kernel32.dll", BOOL, ReadConsoleW, (HANDLE h, void* b, DWORD n, DWORD* got, void* c),
                 (h, b, n, got, c))
RASCONFORM_WATCH("kernel32.dll", BOOL, WriteConsoleA, (HANDLE h, const void* b, DWORD n, DWORD* put, void* r),
                 (h, b, n, put, r))
RASCONFORM_WATCH("kernel32.dll", BOOL, WriteConsoleW, (HANDLE h, const void* b, DWORD n, DWORD* put, void* r),
                 (h, b, n, put, r))
// A message box in a service waits for a click nobody can make.
RASCONFORM_WATCH("user32.dll", int, MessageBoxA, (HWND w, const char* t, const char* c, UINT f), (w, t, c, f))
RASCONFORM_WATCH("user32.dll", int, MessageBoxW, (HWND w, const wchar_t* t, const wchar_t* c, UINT f), (w, t, c, f))

#undef RASCONFORM_WATCH

struct Watched {
    const char* module;
    const char* name;
    void* hook;
    void** real;
};

#define RASCONFORM_ENTRY(module, name) \
    {module, #name, reinterpret_cast<void*>(&hook_##name), reinterpret_cast<void**>(&real_##name)}
const Watched watched[] = {
    RASCONFORM_ENTRY("ws2_32.dll", connect),          RASCONFORM_ENTRY("ws2_32.dll", accept),
    RASCONFORM_ENTRY("ws2_32.dll", send),             RASCONFORM_ENTRY("ws2_32.dll", recv),
    RASCONFORM_ENTRY("ws2_32.dll", sendto),           RASCONFORM_ENTRY("ws2_32.dll", recvfrom),
    RASCONFORM_ENTRY("ws2_32.dll", select),           RASCONFORM_ENTRY("ws2_32.dll", WSAPoll),
    RASCONFORM_ENTRY("ws2_32.dll", gethostbyname),    RASCONFORM_ENTRY("ws2_32.dll", getaddrinfo),
    RASCONFORM_ENTRY("ws2_32.dll", GetAddrInfoW),     RASCONFORM_ENTRY("ws2_32.dll", WSAConnect),
    RASCONFORM_ENTRY("ws2_32.dll", WSASend),          RASCONFORM_ENTRY("ws2_32.dll", WSARecv),
    RASCONFORM_ENTRY("winhttp.dll", WinHttpSendRequest), RASCONFORM_ENTRY("winhttp.dll", WinHttpReceiveResponse),
    RASCONFORM_ENTRY("wininet.dll", InternetOpenUrlA), RASCONFORM_ENTRY("wininet.dll", InternetOpenUrlW),
    RASCONFORM_ENTRY("wininet.dll", HttpSendRequestA), RASCONFORM_ENTRY("wininet.dll", HttpSendRequestW),
    RASCONFORM_ENTRY("kernel32.dll", AllocConsole),   RASCONFORM_ENTRY("kernel32.dll", ReadConsoleA),
    RASCONFORM_ENTRY("kernel32.dll", ReadConsoleW),   RASCONFORM_ENTRY("kernel32.dll", WriteConsoleA),
    RASCONFORM_ENTRY("kernel32.dll", WriteConsoleW),  RASCONFORM_ENTRY("user32.dll", MessageBoxA),
    RASCONFORM_ENTRY("user32.dll", MessageBoxW),
};
#undef RASCONFORM_ENTRY

// The PEB never moves; asked once (NtCurrentTeb trips GCC's bounds checks).
const PEB* this_process_peb() {
    static const PEB* peb = [] {
        using Query = LONG(WINAPI*)(HANDLE, int, void*, ULONG, ULONG*);
        const auto query = ntdll_function<Query>("NtQueryInformationProcess");
        PROCESS_BASIC_INFORMATION info{};
        if (!query || query(GetCurrentProcess(), 0 /* ProcessBasicInformation */, &info, sizeof info, nullptr) != 0)
            return static_cast<const PEB*>(nullptr);
        return static_cast<const PEB*>(info.PebBaseAddress);
    }();
    return peb;
}

// The file names of the loaded modules, lower case ("ws2_32.dll"), from the
// loader's own list, walked under its lock.
std::set<std::string> loaded_module_names() {
    std::set<std::string> names;
    using Lock = LONG(WINAPI*)(ULONG, ULONG*, void**);
    using Unlock = LONG(WINAPI*)(ULONG, void*);
    static const auto lock = ntdll_function<Lock>("LdrLockLoaderLock");
    static const auto unlock = ntdll_function<Unlock>("LdrUnlockLoaderLock");
    void* cookie = nullptr;
    if (!this_process_peb() || !lock || !unlock || lock(0, nullptr, &cookie) != 0) {
        // Without the lock the list may change under us: every name then
        // counts as loaded and GetModuleHandle decides, as it always did.
        for (const Watched& w : watched) names.insert(w.module);
        return names;
    }
    const LIST_ENTRY* head = &this_process_peb()->Ldr->InMemoryOrderModuleList;
    for (const LIST_ENTRY* e = head->Flink; e != head; e = e->Flink) {
        const auto* entry = CONTAINING_RECORD(e, LDR_DATA_TABLE_ENTRY, InMemoryOrderLinks);
        const UNICODE_STRING& full = entry->FullDllName;
        std::string name;
        for (USHORT i = full.Length / sizeof(WCHAR); i > 0; --i) {
            const WCHAR c = full.Buffer[i - 1];
            if (c == L'\\' || c == L'/') break;
            name.insert(name.begin(), c < 128 ? static_cast<char>(std::tolower(c)) : '?');
        }
        names.insert(std::move(name));
    }
    unlock(0, cookie);
    return names;
}

void patch(void** slot, void* value) {
    DWORD old = 0;
    if (!VirtualProtect(slot, sizeof *slot, PAGE_EXECUTE_READWRITE, &old)) return;
    *slot = value;
    VirtualProtect(slot, sizeof *slot, old, &old);
}

}  // namespace

int watch_blocking_calls(void* module) {
    auto* base = static_cast<unsigned char*>(module);
    const auto* dos = reinterpret_cast<const IMAGE_DOS_HEADER*>(base);
    const auto* nt = reinterpret_cast<const IMAGE_NT_HEADERS*>(base + dos->e_lfanew);
    const IMAGE_DATA_DIRECTORY& imports = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT];
    if (!imports.VirtualAddress || !imports.Size) return 0;
    // The addresses the loader put in import slots: a function forwarded
    // elsewhere (kernel32 -> kernelbase) is found at its final address.
    std::vector<std::pair<void*, const Watched*>> targets;
    const std::set<std::string> loaded = loaded_module_names();
    for (const Watched& w : watched) {
        // Not loaded: the DLL does not import it. Asked of the loader's list
        // first: Wine's GetModuleHandle of a module that is not loaded looks
        // for its file on disk, milliseconds per name.
        if (!loaded.count(w.module)) continue;
        HMODULE m = GetModuleHandleA(w.module);
        if (!m) continue;
        void* address = reinterpret_cast<void*>(GetProcAddress(m, w.name));
        if (!address) continue;
        *w.real = address;  // the same for every DLL of the process
        targets.emplace_back(address, &w);
    }
    int patched = 0;
    for (auto* d = reinterpret_cast<const IMAGE_IMPORT_DESCRIPTOR*>(base + imports.VirtualAddress); d->Name; ++d)
        for (auto** slot = reinterpret_cast<void**>(base + d->FirstThunk); *slot; ++slot)
            for (const auto& [address, w] : targets)
                if (*slot == address) {
                    patch(slot, w->hook);
                    ++patched;
                    break;
                }
    return patched;
}

std::vector<std::string> take_blocking_calls() {
    std::vector<std::string> out;
    for (const auto& [module, function] : noted) out.push_back(std::string(function) + " (" + module + ")");
    noted.clear();
    return out;
}

}  // namespace rasconform::win32
