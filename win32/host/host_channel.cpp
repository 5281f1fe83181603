#include "win32/host/host_channel.hpp"

#include <windows.h>

#include <vector>

namespace rasconform::win32 {

HostChannel::HostChannel(void* pipe) : pipe_(pipe), event_(CreateEventW(nullptr, TRUE, FALSE, nullptr)) {}

HostChannel::~HostChannel() {
    if (pipe_ && pipe_ != INVALID_HANDLE_VALUE) CloseHandle(pipe_);
    if (event_) CloseHandle(event_);
}

HostChannel::Status HostChannel::accept(std::uint32_t timeout_ms, void* peer) {
    OVERLAPPED ov{};
    ov.hEvent = event_;
    ResetEvent(event_);
    if (ConnectNamedPipe(pipe_, &ov)) return Status::ok;
    switch (GetLastError()) {
    case ERROR_PIPE_CONNECTED: return Status::ok;
    case ERROR_IO_PENDING: break;
    default: return Status::broken;
    }
    HANDLE waits[2] = {event_, peer};
    DWORD r = WaitForMultipleObjects(peer ? 2 : 1, waits, FALSE, timeout_ms);
    DWORD ignored = 0;
    if (r == WAIT_OBJECT_0 && GetOverlappedResult(pipe_, &ov, &ignored, FALSE)) return Status::ok;
    CancelIo(pipe_);
    GetOverlappedResult(pipe_, &ov, &ignored, TRUE);
    return r == WAIT_TIMEOUT ? Status::timeout : Status::broken;
}

bool HostChannel::send(const nlohmann::json& message) {
    std::vector<std::uint8_t> body = nlohmann::json::to_cbor(message);
    const auto size = static_cast<std::uint32_t>(body.size());
    std::vector<std::uint8_t> frame(4 + body.size());
    for (int i = 0; i < 4; ++i) frame[i] = static_cast<std::uint8_t>(size >> (8 * i));
    std::copy(body.begin(), body.end(), frame.begin() + 4);
    OVERLAPPED ov{};
    ov.hEvent = event_;
    ResetEvent(event_);
    DWORD written = 0;
    if (!WriteFile(pipe_, frame.data(), static_cast<DWORD>(frame.size()), &written, &ov)) {
        if (GetLastError() != ERROR_IO_PENDING) return false;
        // A pipe write completes once the peer's buffer takes it; the peer
        // always reads, so waiting here cannot hang on a live peer.
        if (!GetOverlappedResult(pipe_, &ov, &written, TRUE)) return false;
    }
    return written == frame.size();
}

HostChannel::Status HostChannel::read_exactly(void* buffer, std::uint32_t size, std::uint32_t timeout_ms, void* peer) {
    auto* p = static_cast<std::uint8_t*>(buffer);
    while (size > 0) {
        OVERLAPPED ov{};
        ov.hEvent = event_;
        ResetEvent(event_);
        DWORD got = 0;
        if (!ReadFile(pipe_, p, size, &got, &ov)) {
            if (GetLastError() != ERROR_IO_PENDING) return Status::broken;
            HANDLE waits[2] = {event_, peer};
            DWORD r = WaitForMultipleObjects(peer ? 2 : 1, waits, FALSE, timeout_ms);
            if (r != WAIT_OBJECT_0) {
                CancelIo(pipe_);
                GetOverlappedResult(pipe_, &ov, &got, TRUE);  // the cancelled read must finish before `ov` goes
                return r == WAIT_TIMEOUT ? Status::timeout : Status::broken;
            }
            if (!GetOverlappedResult(pipe_, &ov, &got, FALSE)) return Status::broken;
        }
        if (got == 0) return Status::broken;
        p += got;
        size -= got;
    }
    return Status::ok;
}

HostChannel::Status HostChannel::receive(nlohmann::json& message, std::uint32_t timeout_ms, void* peer) {
    std::uint8_t header[4];
    if (Status s = read_exactly(header, 4, timeout_ms, peer); s != Status::ok) return s;
    const std::uint32_t size = header[0] | header[1] << 8 | header[2] << 16 | static_cast<std::uint32_t>(header[3]) << 24;
    std::vector<std::uint8_t> body(size);
    // The rest of a message follows its header at once.
    if (Status s = read_exactly(body.data(), size, timeout_ms, peer); s != Status::ok) return s;
    message = nlohmann::json::from_cbor(body, true, false);
    return message.is_discarded() ? Status::broken : Status::ok;
}

}  // namespace rasconform::win32
