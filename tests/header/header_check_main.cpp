// <rasconform/mprapi_compat.h> as a vendor's C++ sources see it (built with
// -Wall -Wextra -Werror -pedantic), linked with admin_header_layout.c, the
// same header in C11 with every structure's layout asserted against the
// spec's tables. Compiling is most of the test; running checks that the C
// side asserted the layout of this architecture, and that the C++ view of
// the types has the Windows sizes (a Linux long or wchar_t would not).
#include <rasconform/mprapi_compat.h>

#include <cstdio>
#include <cstring>

extern "C" const char* rasconform_layout_checked_arch(void);

static_assert(sizeof(DWORD) == 4 && sizeof(BOOL) == 4 && sizeof(WCHAR) == 2 && sizeof(ULONG64) == 8);
static_assert(sizeof(HANDLE) == sizeof(void*));
static_assert(sizeof(MPRAPI_ADMIN_DLL_CALLBACKS) == (sizeof(void*) == 8 ? 104 : 52), "13 slots and the revision");
static_assert(sizeof(MPRAPI_TEXT("blocked")) == 8 * sizeof(WCHAR));

int main() {
    const char* want = sizeof(void*) == 8 ? "x64" : "x86";
    const char* got = rasconform_layout_checked_arch();
    std::printf("mprapi_compat.h: layout asserted for %s (this build: %s)\n", got, want);
    return std::strcmp(got, want) == 0 ? 0 : 1;
}
