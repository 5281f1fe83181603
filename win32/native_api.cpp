#include "win32/native_api.hpp"

#include <algorithm>

namespace rasconform::win32 {

bool query_system_information(ULONG info_class, std::vector<unsigned char>& buffer) {
    using Query = LONG(WINAPI*)(ULONG, void*, ULONG, ULONG*);
    static const auto query = ntdll_function<Query>("NtQuerySystemInformation");
    if (!query) return false;
    constexpr LONG info_length_mismatch = static_cast<LONG>(0xC0000004);
    if (buffer.empty()) buffer.resize(64 * 1024);
    for (int tries = 0; tries < 6; ++tries) {
        ULONG needed = 0;
        const LONG status = query(info_class, buffer.data(), static_cast<ULONG>(buffer.size()), &needed);
        if (status != info_length_mismatch) return status == 0;
        buffer.resize(std::max<std::size_t>(buffer.size() * 2, needed + 64 * 1024));
    }
    return false;
}

}  // namespace rasconform::win32
