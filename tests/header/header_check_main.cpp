// <rasconform/admin_dll.h> in portable mode as a vendor's C++ sources see it
// (built with -Wall -Wextra -Werror -pedantic), linked with
// header_callouts.c (the callouts defined in C11, and admin_header_layout.c:
// every structure's layout asserted against the spec's tables).
// Compiling is most of the test; running checks that the C side asserted
// this architecture's layout, that the C++ view of the types has the Windows
// sizes (a Linux long or wchar_t would not), and that the C callouts fill the
// 13-slot table where the SDK's RRAS reads them (spec 4.4: slot 12 is
// HangupNotificationEx, one further than mingw-w64's table puts it).
#include <rasconform/admin_dll.h>

#include <cstddef>
#include <cstdio>
#include <cstring>

extern "C" const char* rasconform_layout_checked_arch(void);

static_assert(sizeof(DWORD) == 4 && sizeof(BOOL) == 4 && sizeof(WCHAR) == 2 && sizeof(ULONG64) == 8);
static_assert(sizeof(HANDLE) == sizeof(void*));
static_assert(sizeof(MPRAPI_ADMIN_DLL_CALLBACKS) == (sizeof(void*) == 8 ? 104 : 52), "13 slots and the revision");
static_assert(sizeof(MPRAPI_TEXT("blocked")) == 8 * sizeof(WCHAR));
static_assert(offsetof(RASCONFORM_ADMIN_DLL_CALLBACKS, lpfnRasAdminConnectionHangupNotificationEx) ==
              11 * sizeof(void*));

int main() {
    const char* want = sizeof(void*) == 8 ? "x64" : "x86";
    const char* got = rasconform_layout_checked_arch();
    std::printf("admin_dll.h: layout asserted for %s (this build: %s)\n", got, want);
    if (std::strcmp(got, want) != 0)
        return 1;
    MPRAPI_ADMIN_DLL_CALLBACKS table;
    std::memset(&table, 0, sizeof table);
    if (MprAdminInitializeDllEx(&table) != NO_ERROR)
        return 1;
    const bool filled = table.revision == MPRAPI_ADMIN_DLL_VERSION_2 &&
                        table.lpfnRasAdminConnectionHangupNotificationEx == &MprAdminConnectionHangupNotificationEx &&
                        table.lpfnRasAdminAcceptReauthenticationEx == &MprAdminAcceptReauthenticationEx &&
                        table.lpfnRasAdminAcceptEndpointChangeEx == nullptr;
    std::printf("admin_dll.h: MprAdminInitializeDllEx filled the 13-slot table %s\n", filled ? "as the SDK reads it" : "WRONG");
    return filled ? 0 : 1;
}
