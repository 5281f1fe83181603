// A one-way signal between two threads that costs no Wine server round trip
// while the other side is looking. Under Wine every SetEvent and every wait
// on an event is a request to wineserver; handing each callout to a worker
// thread and its result back took four (two event_op, two select), two
// thirds of all the requests a ROBUST-4 soak made. Here the waiter first
// spins briefly on an atomic and sleeps on the event only when nothing
// came; the poster signals the event only when the waiter sleeps.
#pragma once

#include <windows.h>

#include <atomic>
#include <chrono>

namespace rasconform::win32 {

class Handoff {
public:
    Handoff() : event_(CreateEventW(nullptr, FALSE, FALSE, nullptr)) {}
    ~Handoff() {
        if (event_) CloseHandle(event_);
    }
    Handoff(const Handoff&) = delete;
    Handoff& operator=(const Handoff&) = delete;
    bool valid() const { return event_ != nullptr; }

    void post() {
        posted_.store(true);
        // The waiter set `sleeping_` before its last look at `posted_`: one
        // of the two sees the other's store (both sequentially consistent).
        if (sleeping_.exchange(false)) SetEvent(event_);
    }

    // WAIT_OBJECT_0 when posted, WAIT_OBJECT_0 + 1 when `also` (a thread
    // handle, say) is signalled first, WAIT_TIMEOUT after `timeout_ms`
    // (INFINITE waits for ever).
    DWORD wait(DWORD timeout_ms, HANDLE also = nullptr) {
        using clock = std::chrono::steady_clock;
        const auto start = clock::now();
        const auto spin_until = start + spin;
        do {
            for (int i = 0; i < 64; ++i) {
                if (posted_.exchange(false)) return WAIT_OBJECT_0;
                YieldProcessor();
            }
        } while (clock::now() < spin_until);
        for (;;) {
            sleeping_.store(true);
            if (posted_.exchange(false)) {
                sleeping_.store(false);
                return WAIT_OBJECT_0;
            }
            DWORD left = INFINITE;
            if (timeout_ms != INFINITE) {
                const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start).count();
                left = spent >= timeout_ms ? 0 : timeout_ms - static_cast<DWORD>(spent);
            }
            HANDLE handles[2] = {event_, also};
            const DWORD r = WaitForMultipleObjects(also ? 2 : 1, handles, FALSE, left);
            sleeping_.store(false);
            if (posted_.exchange(false)) return WAIT_OBJECT_0;
            // The event without the flag: a late signal of an earlier round.
            if (r == WAIT_OBJECT_0) continue;
            return r;
        }
    }

private:
    // Long enough for a callout that returns at once and for the engine to
    // prepare the next call; short against any budget.
    static constexpr std::chrono::microseconds spin{200};
    HANDLE event_;
    std::atomic<bool> posted_{false};
    std::atomic<bool> sleeping_{false};
};

}  // namespace rasconform::win32
