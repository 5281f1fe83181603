// ntdll functions the SDK's import libraries do not offer (NtQuery*,
// NtDeleteKey, the loader lock), looked up once by name, and the one way to
// ask NtQuerySystemInformation for a table whose size is not known ahead.
#pragma once

#include <windows.h>

#include <vector>

namespace rasconform::win32 {

// `name` in ntdll as a `Function` pointer, nullptr where this ntdll lacks it.
// Callers keep the result in a function-local static: one lookup a process.
template <class Function>
Function ntdll_function(const char* name) {
    return reinterpret_cast<Function>(reinterpret_cast<void*>(GetProcAddress(GetModuleHandleW(L"ntdll.dll"), name)));
}

// NtQuerySystemInformation(`info_class`) into `buffer`, which grows until the
// answer fits; false when the call is refused or unavailable.
bool query_system_information(ULONG info_class, std::vector<unsigned char>& buffer);

}  // namespace rasconform::win32
