// One end of the pipe between the engine and a host process: messages are
// CBOR documents, each preceded by its length (4 bytes, little-endian).
// Reads wait with a time-out and notice the peer's death, which is what lets
// the engine attribute a hang or a process end to the call in flight.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace rasconform::win32 {

class HostChannel {
public:
    // Takes ownership of `pipe`, opened with FILE_FLAG_OVERLAPPED.
    explicit HostChannel(void* pipe);
    ~HostChannel();
    HostChannel(const HostChannel&) = delete;
    HostChannel& operator=(const HostChannel&) = delete;

    enum class Status { ok, timeout, broken };
    // Server end: waits for the client to connect (same waiting rules as receive).
    Status accept(std::uint32_t timeout_ms, void* peer);
    // false when the pipe is broken.
    bool send(const nlohmann::json& message);
    // Waits at most `timeout_ms` (0xFFFFFFFF: forever). `peer` (a process
    // HANDLE, optional) ending also ends the wait, as `broken`.
    Status receive(nlohmann::json& message, std::uint32_t timeout_ms, void* peer = nullptr);

private:
    Status read_exactly(void* buffer, std::uint32_t size, std::uint32_t timeout_ms, void* peer);
    void* pipe_;
    void* event_;
};

}  // namespace rasconform::win32
