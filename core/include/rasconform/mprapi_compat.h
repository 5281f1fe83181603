/*
 * <rasconform/mprapi_compat.h> - the first name of the portable mode of
 * <rasconform/admin_dll.h> (native mode, issue 8), kept so sources that
 * include it keep building. New code includes <rasconform/admin_dll.h>,
 * which is this same header on Linux and the mingw-w64/SDK companion on
 * Windows.
 */
#ifndef RASCONFORM_MPRAPI_COMPAT_H
#define RASCONFORM_MPRAPI_COMPAT_H

#if defined(_WIN32)
#error "<rasconform/mprapi_compat.h> is for portable (non-Windows) builds; include <rasconform/admin_dll.h>"
#endif

#include <rasconform/admin_dll.h>

#endif /* RASCONFORM_MPRAPI_COMPAT_H */
