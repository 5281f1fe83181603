// The lightest CallGate that keeps RRAS's serialization (SERIAL-1..3): calls
// sharing a serialization key wait for each other, everything else overlaps,
// and each call runs on the thread that makes it. It is what the in-process
// fast mode uses when several driver threads share one service (issue 7);
// unlike the stress scheduler it promises no reproducible order, and it
// leaves Options::record_every_call in force.
#pragma once

#include <array>
#include <atomic>
#include <mutex>

#include "mock/service.hpp"

namespace rasconform::mock {

class SerializingGate final : public CallGate {
public:
    std::uint64_t enter(std::size_t dll, Callout callout) override;
    CallOutcome run(const std::function<CallOutcome()>& call) override { return call(); }
    void leave(std::size_t dll, Callout callout) override;
    void continue_numbering(std::uint64_t last) override { seq_ = last; }
    std::uint64_t last_number() const override { return seq_; }
    bool orders_the_trace() const override { return false; }
    bool runs_on_the_caller() const override { return true; }

private:
    std::mutex& lock_of(std::size_t dll, Callout callout);

    // One lock per serialization key of the first eight DLLs; further DLLs
    // share locks with earlier ones, which serializes more than RRAS does
    // but never less.
    static constexpr std::size_t keys_per_dll = 32;  // the groups, then one per callout
    std::array<std::mutex, 8 * keys_per_dll> locks_;
    std::atomic<std::uint64_t> seq_ = 0;
};

}  // namespace rasconform::mock
