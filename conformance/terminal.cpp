#include "conformance/terminal.hpp"

#include <cstdio>
#include <cstdlib>

#ifdef _WIN32
#include <io.h>
#define RASCONFORM_ISATTY(fd) _isatty(fd)
#else
#include <unistd.h>
#define RASCONFORM_ISATTY(fd) isatty(fd)
#endif

namespace rasconform::conformance {

bool stdout_is_terminal() {
    const char* no_colour = std::getenv("NO_COLOR");
    if (no_colour && *no_colour) return false;
    return RASCONFORM_ISATTY(fileno(stdout)) != 0;
}

}  // namespace rasconform::conformance
