#include "win32/system_modules.hpp"

#include <windows.h>

namespace rasconform::win32 {

bool in_system_dll(const void* address) {
    HMODULE module = nullptr;
    if (!GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                            static_cast<LPCWSTR>(address), &module))
        return false;
    return module == GetModuleHandleW(L"ntdll.dll") || module == GetModuleHandleW(L"kernelbase.dll") ||
           module == GetModuleHandleW(L"kernel32.dll");
}

}  // namespace rasconform::win32
