// A CLI source reaching past the public API: check_cli_includes.py must
// reject it (the meson test cli_includes_catches_internal expects failure).
#include <string>

#include "conformance/cli/progress.hpp"
#include "conformance/suite.hpp"
#include "rasconform/suite.hpp"
