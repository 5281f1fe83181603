/* The order a DLL author may already have: the platform headers first, then
 * <rasconform/admin_dll.h> (which then works around mingw-w64's HDR-2
 * declaration instead of renaming it). The RASCONFORM_TEST_MPRAPI_FIRST
 * variant of header_callouts.c in the MinGW trees. */
#include <windows.h>
#include <mprapi.h>
#include <rasconform/admin_dll.h>
