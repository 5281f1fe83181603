/* A vendor's helper DLL that the bad_missing_dependency subject imports but
 * that is not shipped beside it (built one folder away on purpose). */
#include <windows.h>

__declspec(dllexport) DWORD vendor_helper_answer(void) { return NO_ERROR; }
