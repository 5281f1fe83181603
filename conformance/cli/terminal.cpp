#include "conformance/cli/terminal.hpp"

#include <cstdio>
#include <cstdlib>

#ifdef _WIN32
#include <io.h>
#define RASCONFORM_ISATTY(fd) _isatty(fd)
#else
#include <sys/ioctl.h>
#include <unistd.h>
#define RASCONFORM_ISATTY(fd) isatty(fd)
#endif

namespace rasconform::cli {

bool stdout_is_terminal() {
    const char* no_colour = std::getenv("NO_COLOR");
    if (no_colour && *no_colour) return false;
    return RASCONFORM_ISATTY(fileno(stdout)) != 0;
}

bool stderr_is_terminal() { return RASCONFORM_ISATTY(fileno(stderr)) != 0; }

int stderr_columns() {
#ifndef _WIN32
    winsize ws{};
    if (ioctl(fileno(stderr), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
#endif
    // Shells export COLUMNS on both systems; the Windows console API would
    // bring windows.h into the portable library for one number.
    if (const char* c = std::getenv("COLUMNS"); c && std::atoi(c) > 0) return std::atoi(c);
    return 80;
}

}  // namespace rasconform::cli
