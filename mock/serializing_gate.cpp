#include "mock/serializing_gate.hpp"

namespace rasconform::mock {

std::mutex& SerializingGate::lock_of(std::size_t dll, Callout callout) {
    static_assert(static_cast<std::size_t>(SerialGroup::own) + callout_count < keys_per_dll);
    const std::uint64_t key = serialization_key(dll, callout);
    const std::uint64_t what = key & 0xFFFF;
    const std::size_t slot = what >= 0x100 ? static_cast<std::size_t>(SerialGroup::own) + 1 + (what - 0x100) : what;
    return locks_[(dll * keys_per_dll + slot) % locks_.size()];
}

std::uint64_t SerializingGate::enter(std::size_t dll, Callout callout) {
    lock_of(dll, callout).lock();
    return ++seq_;
}

void SerializingGate::leave(std::size_t dll, Callout callout) { lock_of(dll, callout).unlock(); }

}  // namespace rasconform::mock
