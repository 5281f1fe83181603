/*
 * Test subjects: one admin DLL source, built many times. Without any
 * SUBJECT_* macro it is a correct DLL; each macro plants exactly one bug
 * taken from a rule of the spec, and the .def file chosen in meson.build
 * decides the export set. The known-bad matrix in tests/e2e asserts which
 * case catches which bug, and that the good builds pass everything.
 *
 *   SUBJECT_REJECT_ALL                 policy: refuse every connection and link (still correct)
 *   SUBJECT_INIT_RESULT=n              MprAdminInitializeDll returns n          (INIT-3)
 *   SUBJECT_BUG_ORDER                  relies on the connection hang-up coming
 *                                      before the link hang-ups                  (ORDER-6)
 *   SUBJECT_BUG_HANGUP_WITHOUT_LINK    assumes every hung-up connection had a
 *                                      link                                      (HANGUP-4)
 *   SUBJECT_BUG_THROW_ON_SECOND_LINK   lets a C++ exception escape for a second
 *                                      link of a connection                      (ROBUST-1)
 *   SUBJECT_SLOW_INIT                  takes half a second in its first MprAdminInitializeDll in a process
 *                                      (a quality warning, not a bug)             (SERIAL-6)
 *   SUBJECT_BUG_VARIANT_POLICY         refuses "guest" in MprAdminAcceptNewConnection2
 *                                      only: the answer depends on which complete
 *                                      pair RRAS happens to use                  (VARIANT-3)
 *   SUBJECT_FAULT_ON_SECOND_LINK=FAULT_*
 *                                      the second link of a connection triggers
 *                                      one kind of fault (list below): an
 *                                      exception, or the end of the thread or
 *                                      of the whole service                      (ROBUST-1)
 *   SUBJECT_BUG_HANG_IN_INIT           never returns from MprAdminInitializeDll  (ROBUST-2)
 *   SUBJECT_BUG_SHARED_IP_STATE        admits only users it gave an address to,
 *                                      remembered in memory the notification
 *                                      process does not share                    (PROC-1, PROC-3)
 *   SUBJECT_NEEDS_VENDOR_HELPER        imports vendor_helper.dll, which is not
 *                                      shipped beside it                         (LOAD-7)
 *   SUBJECT_BUG_REENTRY                disconnects a port through the RAS
 *                                      administration API from inside the link
 *                                      hang-up callout                           (REENTRY-1)
 *   SUBJECT_BUG_WRITES_INPUT           upper-cases the user name in place in the
 *                                      RAS_CONNECTION_0 its accept callout gets  (ACCEPT-5)
 *   SUBJECT_BUG_KEEPS_USER_NAME        keeps the RAS_CONNECTION_0.wszUserName
 *                                      pointer from accept and reads it in the
 *                                      connection hang-up                        (ROBUST-5, STRUCT-18)
 *   SUBJECT_BUG_KEEPS_USER_NAME_IN_THREAD
 *                                      keeps that pointer too, and a logging
 *                                      thread it starts reads it after the
 *                                      hang-up hands over: a fault outside any
 *                                      callout, which ends the process           (ROBUST-5, STRUCT-18)
 *   SUBJECT_BUG_NOTIFY_UNWRITTEN       its Get IP address callout never writes
 *                                      *bNotifyRelease                           (IPADDR-3)
 *   SUBJECT_HOUSEKEEPING               policy: a housekeeping thread and a
 *                                      periodic timer started in Init, both
 *                                      stopped in Terminate (still correct)
 *   SUBJECT_BUG_THREAD_LEFT_RUNNING    starts that housekeeping thread in Init
 *                                      and never stops it                        (ROBUST-3)
 *   SUBJECT_BUG_TIMER_LEFT_RUNNING     creates that periodic timer-queue timer
 *                                      in Init and never deletes it              (ROBUST-3)
 *   SUBJECT_BUG_LEAKS_MEMORY           allocates a 1 KB audit record per accepted
 *                                      connection and never frees it             (ROBUST-4)
 *   SUBJECT_BUG_LEAKS_HANDLE           creates an event per accepted connection
 *                                      and never closes it                       (ROBUST-4)
 *   SUBJECT_BUG_NEEDS_ADDRESS_FIRST    admits a user only after handing out an
 *                                      address (counted in named shared memory,
 *                                      so the process split is handled): relies
 *                                      on Get coming before the accept           (IPADDR-11)
 *   SUBJECT_BUG_COUNT_AS_TRUE          admits a link by returning the connection's
 *                                      link count instead of TRUE (a quality
 *                                      warning: RRAS admits on any non-zero)     (LINK-1)
 *   SUBJECT_BUG_POOL_NEEDS_RELEASE     a two-address pool that only Release refills:
 *                                      an address handed to a refused connection
 *                                      is lost if RRAS does not release it       (IPADDR-14)
 *   SUBJECT_BUG_CHECKS_OBSOLETE        refuses a client whose NetBEUI result says
 *                                      it failed - a protocol modern RRAS no
 *                                      longer negotiates                         (VERSION-5)
 *   SUBJECT_BUG_NO_ADDRESS             its Get callout returns NO_ERROR without
 *                                      storing an address when given 0           (IPADDR-2)
 *   SUBJECT_BUG_NEEDS_RELEASE_LAST     drops the user's session in Release and
 *                                      dereferences it in the connection
 *                                      hang-up: relies on Release coming last    (IPADDR-12)
 *   SUBJECT_WITH_IPV6                  also exports the IPv6 address pair (with
 *                                      ipv6.def); given zero, Get picks an
 *                                      interface identifier                      (IPV6-1, IPV6-2)
 *   SUBJECT_BUG_NO_IPV6_ADDRESS        its IPv6 Get returns NO_ERROR leaving the
 *                                      address zero when given zero              (IPV6-1)
 *   SUBJECT_BUG_NOT_THREAD_SAFE        writes an audit line into one buffer shared
 *                                      by the link accept and the connection
 *                                      hang-up, without a lock: torn when RRAS
 *                                      overlaps the two (it may)                 (SERIAL-4)
 *   SUBJECT_BUG_THREAD_AFFINITY        keeps the policy it loads in Initialize in
 *                                      thread-local storage and refuses everyone
 *                                      when an accept finds none there: relies
 *                                      on RRAS calling on one thread             (SERIAL-7)
 *   SUBJECT_BUG_INTERFACE_TYPE_TABLE   looks the idle limit up in a table filled
 *                                      for clients and routers only: a dedicated,
 *                                      internal, loopback, tunnel or dial-out
 *                                      interface type reads a NULL entry         (ROBUST-6)
 *   SUBJECT_BUG_NULL_CONNECTION_HANDLE takes a NULL hConnection for a free slot of
 *                                      its connection table, so the link of a
 *                                      connection whose handle is NULL finds no
 *                                      record, which it uses unchecked           (ROBUST-6)
 *   SUBJECT_BLOCKING_IO                asks a (local, absent) policy server over
 *                                      TCP inside its accept callout and writes
 *                                      a debug line to the console in the hang-up
 *                                      (a quality warning; link with ws2_32)     (SERIAL-6)
 *   SUBJECT_BUG_TERMINATE_DRAINS       its Terminate waits until every connection
 *                                      with a link has been hung up: relies on
 *                                      RRAS hanging everyone up at shutdown      (TERM-4)
 *   SUBJECT_WITH_REAUTH_EX             also exports MprAdminAcceptReauthenticationEx
 *                                      (with reauth_both.def), which accepts   
 *   SUBJECT_BUG_REAUTH_EX_REFUSES      ... but its Ex form, never finished,
 *                                      refuses everyone                          (REAUTH-6)
 *   SUBJECT_WITH_REAUTH                also exports MprAdminAcceptReauthentication
 *                                      (with reauth.def), which accepts         (REAUTH-2)
 *   SUBJECT_BUG_REENTRY_IN_REAUTH      lifts the quarantine through the RAS
 *                                      administration API from inside its
 *                                      reauthentication callout                  (REAUTH-7)
 *   SUBJECT_OUTPUT_ASSERT_IN_INIT      says on stderr and with OutputDebugStringW
 *                                      that it reads its policy store, then an
 *                                      assert() in MprAdminInitializeDll ends
 *                                      the process (build without NDEBUG): the
 *                                      report must show both lines and the
 *                                      assertion text                            (ROBUST-1)
 *   SUBJECT_CHATTY                     policy: logs with printf, to stderr and
 *                                      with OutputDebugStringA/W in its callouts
 *                                      (still correct; the report shows it)
 *
 * Configuration read as vendors read it, in MprAdminInitializeDll, which
 * fails with ERROR_FILE_NOT_FOUND when it is missing (correct DLLs: they
 * need a deployment as installed, LOAD-1, LOAD-2, PROC-2):
 *   SUBJECT_READS_DISPLAY_NAME         DisplayName of HKLM\SOFTWARE\Microsoft\RAS\AdminDll
 *   SUBJECT_READS_VENDOR_KEY           PolicyServer (REG_SZ) and MaxSessions
 *                                      (REG_DWORD) of HKLM\SOFTWARE\Contoso\RasPolicy
 *   SUBJECT_READS_CONFIG_BESIDE        the file beside itself: its own path
 *                                      (GetModuleFileNameW) with .json for .dll
 * Each logs what it read with OutputDebugStringW and, when the environment
 * names a file in SUBJECT_REPORT_FILE, appends "<pid> <what>=<value>" lines
 * there (the tests read what each process saw).
 */
#ifdef SUBJECT_BLOCKING_IO
#include <winsock2.h> /* before windows.h, which brings the old winsock.h */
#endif
#include <windows.h>
#include <mprapi.h>
#include <stdlib.h>
#include <string.h>
#if defined(SUBJECT_OUTPUT_ASSERT_IN_INIT) || defined(SUBJECT_CHATTY)
#include <assert.h>
#include <stdio.h>
#endif

#ifndef SUBJECT_INIT_RESULT
#define SUBJECT_INIT_RESULT NO_ERROR
#endif

#if defined(SUBJECT_READS_DISPLAY_NAME) || defined(SUBJECT_READS_VENDOR_KEY) || defined(SUBJECT_READS_CONFIG_BESIDE)
#define SUBJECT_READS_CONFIGURATION
static HMODULE this_module;

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH) this_module = instance;
    return TRUE;
}

/* What this process read, for the log and for the tests. */
static void report_read(const wchar_t *what, const wchar_t *value)
{
    wchar_t line[1024], file[MAX_PATH];
    HANDLE out;
    DWORD written;
    char utf8[3 * 1024];
    int n;
    wsprintfW(line, L"%lu %s=%s\r\n", GetCurrentProcessId(), what, value ? value : L"(missing)");
    OutputDebugStringW(line);
    if (!GetEnvironmentVariableW(L"SUBJECT_REPORT_FILE", file, MAX_PATH)) return;
    out = CreateFileW(file, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_ALWAYS, 0, NULL);
    if (out == INVALID_HANDLE_VALUE) return;
    n = WideCharToMultiByte(CP_UTF8, 0, line, -1, utf8, sizeof utf8, NULL, NULL);
    if (n > 1) WriteFile(out, utf8, (DWORD)(n - 1), &written, NULL);
    CloseHandle(out);
}

#if defined(SUBJECT_READS_DISPLAY_NAME) || defined(SUBJECT_READS_VENDOR_KEY)
static BOOL read_string(HKEY root, const wchar_t *key_name, const wchar_t *value_name, wchar_t *value, DWORD size)
{
    HKEY key;
    DWORD type, bytes = size * sizeof(wchar_t);
    LSTATUS status;
    if (RegOpenKeyExW(root, key_name, 0, KEY_READ | KEY_WOW64_64KEY, &key) != ERROR_SUCCESS) return FALSE;
    status = RegQueryValueExW(key, value_name, NULL, &type, (BYTE *)value, &bytes);
    RegCloseKey(key);
    if (status != ERROR_SUCCESS || type != REG_SZ || bytes < sizeof(wchar_t)) return FALSE;
    value[bytes / sizeof(wchar_t) - 1] = 0;
    return TRUE;
}
#endif

static DWORD read_configuration(void)
{
    wchar_t value[512];
#ifdef SUBJECT_READS_DISPLAY_NAME
    if (!read_string(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Microsoft\\RAS\\AdminDll", L"DisplayName", value, 512)) {
        report_read(L"DisplayName", NULL);
        return ERROR_FILE_NOT_FOUND;
    }
    report_read(L"DisplayName", value);
#endif
#ifdef SUBJECT_READS_VENDOR_KEY
    {
        DWORD sessions = 0, size = sizeof sessions;
        if (!read_string(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Contoso\\RasPolicy", L"PolicyServer", value, 512) ||
            RegGetValueW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Contoso\\RasPolicy", L"MaxSessions", RRF_RT_REG_DWORD, NULL,
                         &sessions, &size) != ERROR_SUCCESS) {
            report_read(L"PolicyServer", NULL);
            return ERROR_FILE_NOT_FOUND;
        }
        report_read(L"PolicyServer", value);
    }
#endif
#ifdef SUBJECT_READS_CONFIG_BESIDE
    {
        wchar_t path[MAX_PATH + 8];
        DWORD n = GetModuleFileNameW(this_module, path, MAX_PATH);
        HANDLE config;
        if (n == 0 || n >= MAX_PATH || n < 4) return ERROR_FILE_NOT_FOUND;
        lstrcpyW(path + n - 4, L".json");
        config = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
        if (config == INVALID_HANDLE_VALUE) {
            report_read(L"ConfigFile", NULL);
            return ERROR_FILE_NOT_FOUND;
        }
        CloseHandle(config);
        report_read(L"ConfigFile", path);
    }
#endif
    (void)value;
    return NO_ERROR;
}
#endif

#ifdef SUBJECT_BUG_THROW_ON_SECOND_LINK
void subject_throw(void); /* throw_helper.cpp: throws std::runtime_error */
#endif

#define FAULT_EXIT 1              /* exit(3) */
#define FAULT_ACCESS_VIOLATION 2  /* write through a wild pointer */
#define FAULT_DIVIDE_BY_ZERO 3    /* integer division by zero */
#define FAULT_STACK_OVERFLOW 4    /* unbounded recursion */
#define FAULT_RAISE_EXCEPTION 5   /* RaiseException with an application code */
#define FAULT_ABORT 6             /* abort() */
#define FAULT_TERMINATE_PROCESS 7 /* TerminateProcess(GetCurrentProcess(), 7) */
#define FAULT_EXIT_THREAD 8       /* ExitThread(5) on RRAS's thread */

#ifdef SUBJECT_FAULT_ON_SECOND_LINK
static volatile int fault_zero = 0;
static volatile ULONG_PTR wild_address = 0x10; /* volatile: the compiler cannot see it is wild */
static volatile int keep_recursing = 1;

__attribute__((noinline)) static int recurse(int depth)
{
    volatile char frame[512];
    frame[0] = (char)depth;
    if (!keep_recursing)
        return frame[0];
    return recurse(depth + 1) + frame[0];
}

static void plant_fault(void)
{
    switch (SUBJECT_FAULT_ON_SECOND_LINK) {
    case FAULT_EXIT: exit(3);
    case FAULT_ACCESS_VIOLATION: *(volatile int *)wild_address = 1; break;
    case FAULT_DIVIDE_BY_ZERO: fault_zero = 100 / fault_zero; break;
    case FAULT_STACK_OVERFLOW: fault_zero = recurse(0); break;
    case FAULT_RAISE_EXCEPTION: RaiseException(0xE0424144, 0, 0, NULL); break;
    case FAULT_ABORT: abort();
    case FAULT_TERMINATE_PROCESS: TerminateProcess(GetCurrentProcess(), 7); break;
    case FAULT_EXIT_THREAD: ExitThread(5);
    }
}
#endif

#define MAX_CONNECTIONS 256

typedef struct {
    int links;
    HANDLE first_port;
} link_state;

typedef struct {
    HANDLE connection;
    link_state *state; /* heap, so the planted bugs can dangle or be NULL */
} record;

static SRWLOCK lock = SRWLOCK_INIT;
static record records[MAX_CONNECTIONS];

static record *find(HANDLE connection)
{
    for (int i = 0; i < MAX_CONNECTIONS; ++i)
        if (records[i].connection == connection)
            return &records[i];
    return NULL;
}

#ifdef SUBJECT_BUG_SHARED_IP_STATE
static WCHAR last_addressed_user[UNLEN + 1];
#endif

#ifdef SUBJECT_BUG_POOL_NEEDS_RELEASE
static volatile LONG pool_in_use; /* Get and Release share a process (PROC-1) */
#endif

#if defined(SUBJECT_BUG_NEEDS_ADDRESS_FIRST) || defined(SUBJECT_BUG_NEEDS_RELEASE_LAST)
/* State both instances see (PROC-3 done right): named shared memory. */
typedef struct {
    volatile LONG addresses_pending; /* handed out, not yet seen in an accept */
    volatile LONG released;          /* Release came for the current user */
} shared_state;
static HANDLE shared_mapping;
static shared_state *shared;

static void open_shared(void)
{
    shared_mapping = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, sizeof(shared_state),
                                        L"Local\\rasconform-subject-ip-order");
    shared = shared_mapping ? MapViewOfFile(shared_mapping, FILE_MAP_ALL_ACCESS, 0, 0, sizeof(shared_state)) : NULL;
}

static void close_shared(void)
{
    if (shared)
        UnmapViewOfFile(shared);
    if (shared_mapping)
        CloseHandle(shared_mapping);
    shared = NULL;
    shared_mapping = NULL;
}
#else
static void open_shared(void) {}
static void close_shared(void) {}
#endif

#if defined(SUBJECT_BUG_KEEPS_USER_NAME) || defined(SUBJECT_BUG_KEEPS_USER_NAME_IN_THREAD)
/* Bug: "the name is in the structure anyway" - a pointer into RRAS's
 * memory, used after the accept callout returned. */
static const WCHAR *kept_user_name;
#endif

#ifdef SUBJECT_BUG_KEEPS_USER_NAME_IN_THREAD
/* The hang-up hands the kept name to a logging thread and waits until it is
 * logged, so the thread's read happens at a fixed point of the sequence. */
static HANDLE log_request, log_done;

static DWORD WINAPI log_thread(void *unused)
{
    (void)unused;
    while (WaitForSingleObject(log_request, INFINITE) == WAIT_OBJECT_0) {
        volatile WCHAR first = kept_user_name ? kept_user_name[0] : 0;
        (void)first;
        SetEvent(log_done);
    }
    return 0;
}

static void log_user_left(void)
{
    if (!log_request) {
        log_request = CreateEventW(NULL, FALSE, FALSE, NULL);
        log_done = CreateEventW(NULL, FALSE, FALSE, NULL);
        CloseHandle(CreateThread(NULL, 0, log_thread, NULL, 0, NULL));
    }
    SetEvent(log_request);
    WaitForSingleObject(log_done, INFINITE);
}
#endif

#if defined(SUBJECT_HOUSEKEEPING) || defined(SUBJECT_BUG_THREAD_LEFT_RUNNING)
/* Wakes up every few milliseconds "to expire stale records" until told to stop. */
static HANDLE housekeeping_stop, housekeeping_thread;
static volatile LONG housekeeping_rounds;

static DWORD WINAPI housekeeping(void *unused)
{
    (void)unused;
    while (WaitForSingleObject(housekeeping_stop, 5) == WAIT_TIMEOUT)
        InterlockedIncrement(&housekeeping_rounds);
    return 0;
}
#endif

#if defined(SUBJECT_HOUSEKEEPING) || defined(SUBJECT_BUG_TIMER_LEFT_RUNNING)
static HANDLE statistics_timer;
static volatile LONG statistics_ticks;

static VOID CALLBACK collect_statistics(PVOID unused, BOOLEAN fired)
{
    (void)unused;
    (void)fired;
    InterlockedIncrement(&statistics_ticks);
}
#endif

static void start_housekeeping(void)
{
#if defined(SUBJECT_HOUSEKEEPING) || defined(SUBJECT_BUG_THREAD_LEFT_RUNNING)
    housekeeping_stop = CreateEventW(NULL, TRUE, FALSE, NULL);
    housekeeping_thread = CreateThread(NULL, 0, housekeeping, NULL, 0, NULL);
#endif
#if defined(SUBJECT_HOUSEKEEPING) || defined(SUBJECT_BUG_TIMER_LEFT_RUNNING)
    CreateTimerQueueTimer(&statistics_timer, NULL, collect_statistics, NULL, 10, 10, WT_EXECUTEDEFAULT);
#endif
}

static void stop_housekeeping(void)
{
#ifdef SUBJECT_HOUSEKEEPING
    /* What a correct DLL does before Terminate returns (ROBUST-3): the
     * thread is told to stop and waited for, the timer deleted with its
     * callbacks waited for (INVALID_HANDLE_VALUE). */
    SetEvent(housekeeping_stop);
    WaitForSingleObject(housekeeping_thread, INFINITE);
    CloseHandle(housekeeping_thread);
    CloseHandle(housekeeping_stop);
    DeleteTimerQueueTimer(NULL, statistics_timer, INVALID_HANDLE_VALUE);
#endif
    /* SUBJECT_BUG_THREAD_LEFT_RUNNING, SUBJECT_BUG_TIMER_LEFT_RUNNING: "the
     * process is going away anyway" - but RRAS unloads the DLL and goes on. */
}

static BOOL on_accept(HANDLE connection)
{
#ifdef SUBJECT_REJECT_ALL
    (void)connection;
    return FALSE;
#else
#ifdef SUBJECT_BUG_LEAKS_MEMORY
    /* Bug: an audit record per connection that nothing ever frees. */
    volatile char *audit = malloc(1024);
    if (audit)
        audit[0] = 1;
#endif
#ifdef SUBJECT_BUG_LEAKS_HANDLE
    /* Bug: a "connection ready" event per connection, never closed. */
    CreateEventW(NULL, TRUE, FALSE, NULL);
#endif
    AcquireSRWLockExclusive(&lock);
    record *r = find(connection);
    if (!r)
        r = find(NULL);
    if (r) {
        r->connection = connection;
        r->state = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(link_state));
    }
    ReleaseSRWLockExclusive(&lock);
    return r != NULL;
#endif
}

#ifdef SUBJECT_BUG_NOT_THREAD_SAFE
/* Bug: one audit buffer for the link accept and the connection hang-up, no
 * lock - "RRAS serializes callouts". It does only per function and group
 * (SERIAL-1..3), so a link accept for one client and a hang-up for another
 * can be in here together. The writer that finds another one inside stands
 * for the torn line: it faults, so the tear is seen every time it happens. */
static WCHAR audit_line[256];
static volatile LONG audit_writers;
static volatile ULONG_PTR torn_line_address = 0x10;

static void audit(const WCHAR *what, HANDLE connection)
{
    if (InterlockedIncrement(&audit_writers) != 1)
        *(volatile int *)torn_line_address = 0;
    wsprintfW(audit_line, L"%s %p", what, connection);
    Sleep(2); /* the write to the audit log */
    InterlockedDecrement(&audit_writers);
}
#else
#define audit(what, connection) ((void)0)
#endif

static void on_hangup(HANDLE connection)
{
    audit(L"hang-up", connection);
    AcquireSRWLockShared(&lock);
    record *r = find(connection);
    link_state *state = r ? r->state : NULL;
    ReleaseSRWLockShared(&lock);
#ifdef SUBJECT_BUG_NEEDS_RELEASE_LAST
    /* Bug: the session was dropped by the Release, assumed to come last. */
    if (shared && shared->released) {
        volatile link_state *gone = NULL;
        gone->links = 0;
    }
#endif
#if defined(SUBJECT_BUG_ORDER)
    /* Bug: the state was dropped by the last link hang-up, as if the
     * connection hang-up had to come first; dereferences NULL. */
    volatile int links = state->links;
    (void)links;
#elif defined(SUBJECT_BUG_HANGUP_WITHOUT_LINK)
    /* Bug: assumes the connection had a first link; it has none when
     * another DLL rejected it. */
    link_state *first = state && state->first_port ? state : NULL;
    volatile int links = first->links;
    (void)links;
#endif
#ifdef SUBJECT_BUG_KEEPS_USER_NAME
    if (kept_user_name) { /* "log who left": reads the accept's argument */
        volatile WCHAR first = kept_user_name[0];
        (void)first;
    }
#endif
#ifdef SUBJECT_BUG_KEEPS_USER_NAME_IN_THREAD
    log_user_left();
#endif
    (void)state;
    AcquireSRWLockExclusive(&lock);
    r = find(connection);
    if (r) { /* absent when this DLL rejected the connection: HANGUP-4 */
        HeapFree(GetProcessHeap(), 0, r->state);
        memset(r, 0, sizeof *r);
    }
    ReleaseSRWLockExclusive(&lock);
}

#ifdef SUBJECT_NEEDS_VENDOR_HELPER
__declspec(dllimport) DWORD vendor_helper_answer(void);
#endif

#ifdef SUBJECT_BUG_THREAD_AFFINITY
static DWORD policy_slot = TLS_OUT_OF_INDEXES;
static int loaded_policy = 1;
#endif

#ifdef SUBJECT_BLOCKING_IO
/* Asks the policy server, inline: quick on the bench, seconds on a server
 * whose RADIUS box is down. Here nothing listens, so it is refused at once. */
static void ask_policy_server(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in server;
    if (s == INVALID_SOCKET)
        return;
    memset(&server, 0, sizeof server);
    server.sin_family = AF_INET;
    server.sin_port = htons(1);
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connect(s, (const struct sockaddr *)&server, sizeof server);
    closesocket(s);
}
#endif

#ifdef SUBJECT_OUTPUT_ASSERT_IN_INIT
static volatile int policy_store_reachable; /* never set: the store is not there */
#endif

DWORD APIENTRY MprAdminInitializeDll(void)
{
#ifdef SUBJECT_OUTPUT_ASSERT_IN_INIT
    fprintf(stderr, "output_assert_in_init: reading the policy store\n");
    OutputDebugStringW(L"output_assert_in_init: policy store unreachable (debug string \x00fc)");
    assert(policy_store_reachable && "the policy store is reachable");
#endif
#ifdef SUBJECT_CHATTY
    printf("chatty: initializing\n");
    OutputDebugStringW(L"chatty: policy loaded (debug string W)");
#endif
#ifdef SUBJECT_BLOCKING_IO
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
#endif
#ifdef SUBJECT_BUG_THREAD_AFFINITY
    /* Bug: a per-thread policy cache, filled on the thread that initializes. */
    policy_slot = TlsAlloc();
    TlsSetValue(policy_slot, &loaded_policy);
#endif
#ifdef SUBJECT_NEEDS_VENDOR_HELPER
    if (vendor_helper_answer() != NO_ERROR)
        return ERROR_DLL_INIT_FAILED;
#endif
#ifdef SUBJECT_BUG_HANG_IN_INIT
    Sleep(INFINITE);
#endif
#ifdef SUBJECT_SLOW_INIT
    /* A synchronous policy-server lookup, made once per process: the answer
       is kept in the environment, which outlives a reload of the DLL (and
       keeps the known-bad run short: every case loads the DLL again). */
    if (!GetEnvironmentVariableA("SUBJECT_POLICY_LOOKED_UP", NULL, 0)) {
        Sleep(500);
        SetEnvironmentVariableA("SUBJECT_POLICY_LOOKED_UP", "1");
    }
#endif
#ifdef SUBJECT_READS_CONFIGURATION
    {
        DWORD configured = read_configuration();
        if (configured != NO_ERROR) return configured;
    }
#endif
    start_housekeeping();
    open_shared();
    return SUBJECT_INIT_RESULT;
}

DWORD APIENTRY MprAdminTerminateDll(void)
{
#ifdef SUBJECT_CHATTY
    fprintf(stderr, "chatty: terminating\n");
#endif
#ifdef SUBJECT_BUG_TERMINATE_DRAINS
    /* Bug: "RRAS hangs everyone up before it stops us" - it need not. */
    for (;;) {
        int busy = 0;
        AcquireSRWLockShared(&lock);
        for (int i = 0; i < MAX_CONNECTIONS; ++i)
            if (records[i].state && records[i].state->links > 0)
                busy = 1;
        ReleaseSRWLockShared(&lock);
        if (!busy)
            break;
        Sleep(10);
    }
#endif
#ifdef SUBJECT_BLOCKING_IO
    WSACleanup();
#endif
#ifdef SUBJECT_BUG_THREAD_AFFINITY
    TlsFree(policy_slot);
    policy_slot = TLS_OUT_OF_INDEXES;
#endif
    stop_housekeeping();
    close_shared();
    AcquireSRWLockExclusive(&lock);
    for (int i = 0; i < MAX_CONNECTIONS; ++i)
        if (records[i].state)
            HeapFree(GetProcessHeap(), 0, records[i].state);
    memset(records, 0, sizeof records);
    ReleaseSRWLockExclusive(&lock);
    return NO_ERROR;
}

#ifdef SUBJECT_BUG_INTERFACE_TYPE_TABLE
static const DWORD idle_minutes_client = 30, idle_minutes_router = 0;
/* One slot per ROUTER_INTERFACE_TYPE value, filled for the types the vendor thought of. */
static const DWORD *const idle_minutes_by_type[8] = {&idle_minutes_client, &idle_minutes_router, &idle_minutes_router};
static volatile DWORD idle_minutes;
#endif

BOOL APIENTRY MprAdminAcceptNewConnection(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1)
{
    (void)c1;
#ifdef SUBJECT_CHATTY
    printf("chatty: accepting a connection\n");
    OutputDebugStringA("chatty: connection accepted (debug string A)\n");
#endif
#ifdef SUBJECT_BLOCKING_IO
    ask_policy_server();
#endif
#ifdef SUBJECT_BUG_INTERFACE_TYPE_TABLE
    idle_minutes = *idle_minutes_by_type[c0->dwInterfaceType & 7];
#endif
#ifdef SUBJECT_BUG_WRITES_INPUT
    /* Bug: normalizes the name where it lies instead of in a copy. */
    for (WCHAR *w = c0->wszUserName; *w; ++w)
        if (*w >= L'a' && *w <= L'z')
            *w = (WCHAR)(*w - L'a' + L'A');
#endif
#if defined(SUBJECT_BUG_KEEPS_USER_NAME) || defined(SUBJECT_BUG_KEEPS_USER_NAME_IN_THREAD)
    kept_user_name = c0->wszUserName;
#endif
#ifdef SUBJECT_BUG_SHARED_IP_STATE
    if (lstrcmpW(c0->wszUserName, last_addressed_user) != 0)
        return FALSE;
#endif
#ifdef SUBJECT_BUG_CHECKS_OBSOLETE
    /* Bug: "every protocol must have come up" - NetBEUI included. */
    if (c1->PppInfo.nbf.dwError != NO_ERROR)
        return FALSE;
#endif
#ifdef SUBJECT_BUG_THREAD_AFFINITY
    /* No policy loaded (on this thread, that is): fail closed. */
    if (!TlsGetValue(policy_slot))
        return FALSE;
#endif
#ifdef SUBJECT_BUG_NEEDS_ADDRESS_FIRST
    /* Bug: "no address, no entry" - but the order of Get and accept is undocumented. */
    if (!shared || InterlockedDecrement(&shared->addresses_pending) < 0) {
        if (shared)
            InterlockedIncrement(&shared->addresses_pending);
        return FALSE;
    }
#endif
    return on_accept(c0->hConnection);
}

BOOL APIENTRY MprAdminAcceptNewConnection2(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1, RAS_CONNECTION_2 *c2)
{
    (void)c2;
#ifdef SUBJECT_BUG_VARIANT_POLICY
    /* Bug: the guest rule was added to the newer entry point only. */
    if (wcscmp(c0->wszUserName, L"guest") == 0)
        return FALSE;
#endif
    return MprAdminAcceptNewConnection(c0, c1);
}

void APIENTRY MprAdminConnectionHangupNotification(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1)
{
    (void)c1;
#ifdef SUBJECT_BLOCKING_IO
    {
        DWORD written;
        WriteConsoleA(GetStdHandle(STD_OUTPUT_HANDLE), "hang-up\n", 8, &written, NULL);
    }
#endif
    on_hangup(c0->hConnection);
}

void APIENTRY MprAdminConnectionHangupNotification2(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1,
                                                    RAS_CONNECTION_2 *c2)
{
    (void)c1;
    (void)c2;
    on_hangup(c0->hConnection);
}

#ifdef SUBJECT_WITH_REAUTH_EX
/* The structure is RAS_CONNECTION_EX, which mingw's mprapi.h lacks; unread. */
BOOL APIENTRY MprAdminAcceptReauthenticationEx(void *connection)
{
    (void)connection;
#ifdef SUBJECT_BUG_REAUTH_EX_REFUSES
    return FALSE; /* Bug: the policy was written for the plain form only. */
#else
    return TRUE;
#endif
}
#endif

#ifdef SUBJECT_WITH_REAUTH
BOOL APIENTRY MprAdminAcceptReauthentication(RAS_CONNECTION_0 *c0, RAS_CONNECTION_1 *c1, RAS_CONNECTION_2 *c2,
                                             RAS_CONNECTION_3 *c3)
{
    (void)c1;
    (void)c2;
    (void)c3;
#ifdef SUBJECT_BUG_REENTRY_IN_REAUTH
    /* Bug: "the client is healthy again, lift its quarantine now" - a call
     * RRAS never returns from inside a callout. */
    MprAdminConnectionRemoveQuarantine(NULL, c0->hConnection, FALSE);
#else
    (void)c0;
#endif
    return TRUE;
}
#endif

BOOL APIENTRY MprAdminAcceptNewLink(RAS_PORT_0 *p0, RAS_PORT_1 *p1)
{
    (void)p1;
#ifdef SUBJECT_REJECT_ALL
    (void)p0;
    return FALSE;
#else
    int links = 0;
    audit(L"link", p0->hConnection);
#ifdef SUBJECT_BUG_NULL_CONNECTION_HANDLE
    {
        /* Bug: "RRAS never hands a NULL handle" - a NULL slot is a free one,
         * skipped by this lookup, and the record found is not checked. */
        record *mine = NULL;
        AcquireSRWLockShared(&lock);
        for (int i = 0; i < MAX_CONNECTIONS && !mine; ++i)
            if (records[i].connection != NULL && records[i].connection == p0->hConnection)
                mine = &records[i];
        ReleaseSRWLockShared(&lock);
        volatile int links_before = mine->state->links;
        (void)links_before;
    }
#endif
    AcquireSRWLockExclusive(&lock);
    record *r = find(p0->hConnection);
    if (r && r->state) {
        if (r->state->links++ == 0)
            r->state->first_port = p0->hPort;
        links = r->state->links;
    }
    ReleaseSRWLockExclusive(&lock);
#ifdef SUBJECT_BUG_THROW_ON_SECOND_LINK
    if (links == 2)
        subject_throw();
#endif
#ifdef SUBJECT_FAULT_ON_SECOND_LINK
    if (links == 2)
        plant_fault();
#endif
#ifdef SUBJECT_BUG_COUNT_AS_TRUE
    /* "non-zero is TRUE anyway" */
    return links ? links : TRUE;
#endif
    (void)links;
    return TRUE;
#endif
}

void APIENTRY MprAdminLinkHangupNotification(RAS_PORT_0 *p0, RAS_PORT_1 *p1)
{
    (void)p1;
#ifdef SUBJECT_BUG_REENTRY
    /* Bug: "make sure the port is really gone" - a call RRAS never returns from here. */
    MprAdminPortDisconnect(NULL, p0->hPort);
#endif
    AcquireSRWLockExclusive(&lock);
    record *r = find(p0->hConnection);
    if (r && r->state && r->state->links > 0) {
        --r->state->links;
#ifdef SUBJECT_BUG_ORDER
        if (r->state->links == 0) {
            HeapFree(GetProcessHeap(), 0, r->state);
            r->state = NULL;
        }
#endif
    }
    ReleaseSRWLockExclusive(&lock);
}

DWORD APIENTRY MprAdminGetIpAddressForUser(WCHAR *user, WCHAR *port, DWORD *address, BOOL *notify_release)
{
    (void)port;
#ifdef SUBJECT_BUG_SHARED_IP_STATE
    lstrcpynW(last_addressed_user, user, UNLEN + 1);
#else
    (void)user;
#endif
#ifdef SUBJECT_BUG_NEEDS_ADDRESS_FIRST
    if (shared)
        InterlockedIncrement(&shared->addresses_pending);
#endif
#ifdef SUBJECT_BUG_NEEDS_RELEASE_LAST
    if (shared)
        InterlockedExchange(&shared->released, 0);
#endif
#ifdef SUBJECT_BUG_POOL_NEEDS_RELEASE
    /* Bug: the pool is refilled by Release only, and RRAS may not release
     * the address of a connection refused after the Get. */
    if (InterlockedIncrement(&pool_in_use) > 2) {
        InterlockedDecrement(&pool_in_use);
        return ERROR_NO_MORE_ITEMS;
    }
#endif
#ifdef SUBJECT_BUG_NO_ADDRESS
    /* Bug: "RRAS always picks one" - not when it passes 0. */
    if (0) {
#else
    if (*address == 0) {
#endif
        BYTE *b = (BYTE *)address;
        b[0] = 10, b[1] = 9, b[2] = 8, b[3] = 7;
    }
#ifdef SUBJECT_BUG_NOTIFY_UNWRITTEN
    /* Bug: "RRAS will release it anyway" - the [out] BOOL is left as it came. */
    (void)notify_release;
#else
    *notify_release = TRUE;
#endif
    return NO_ERROR;
}

#ifdef SUBJECT_WITH_IPV6
/* The SDK declares the IPv6 release VOID without APIENTRY (HDR-2), mingw-w64
 * DWORD CALLBACK: this C name avoids the clash, ipv6.def exports it under
 * the SDK's name. */
#ifdef SUBJECT_BUG_IPV6_RELEASE_STDCALL
/* Bug: "every callout is APIENTRY" - not this one: the SDK's prototype has no
 * APIENTRY, and 32-bit RRAS calls the export __cdecl (HDR-2). */
#define SUBJECT_IPV6_RELEASE_CONVENTION APIENTRY
#else
#define SUBJECT_IPV6_RELEASE_CONVENTION
#endif
void SUBJECT_IPV6_RELEASE_CONVENTION SubjectReleaseIpv6AddressForUser(WCHAR *user, WCHAR *port, IN6_ADDR *address);

DWORD APIENTRY MprAdminGetIpv6AddressForUser(WCHAR *user, WCHAR *port, IN6_ADDR *address, BOOL *notify_release)
{
    static const BYTE zero[16];
    static LONG next_host;
    (void)user;
    (void)port;
#ifndef SUBJECT_BUG_NO_IPV6_ADDRESS
    if (memcmp(address, zero, sizeof zero) == 0) {
        /* IPV6-2: a prefix of ours and an interface identifier per user. */
        static const BYTE prefix[8] = {0xfd, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02};
        BYTE *b = (BYTE *)address;
        LONG host = InterlockedIncrement(&next_host);
        memcpy(b, prefix, sizeof prefix);
        b[8] = 0x02;
        b[14] = (BYTE)(host >> 8);
        b[15] = (BYTE)host;
    }
#else
    /* Bug: "RRAS always has an address for IPv6 clients" - so nothing is
     * allocated when it has none, and the user is left without one. */
    (void)zero;
    (void)next_host;
    (void)address;
#endif
    *notify_release = TRUE;
    return NO_ERROR;
}

void SUBJECT_IPV6_RELEASE_CONVENTION SubjectReleaseIpv6AddressForUser(WCHAR *user, WCHAR *port, IN6_ADDR *address)
{
    (void)user;
    (void)port;
    (void)address;
}
#endif

void APIENTRY MprAdminReleaseIpAddress(WCHAR *user, WCHAR *port, DWORD *address)
{
    (void)user;
    (void)port;
    (void)address;
#ifdef SUBJECT_BUG_NEEDS_RELEASE_LAST
    if (shared)
        InterlockedExchange(&shared->released, 1);
#endif
#ifdef SUBJECT_BUG_POOL_NEEDS_RELEASE
    InterlockedDecrement(&pool_in_use);
#endif
}
