#pragma once

namespace rasconform::conformance {

// Colour only on a terminal, and never when NO_COLOR is set.
bool stdout_is_terminal();

}  // namespace rasconform::conformance
