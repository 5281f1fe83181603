#pragma once

namespace rasconform::cli {

// Colour only on a terminal, and never when NO_COLOR is set.
bool stdout_is_terminal();

// Whether standard error is a terminal: the live progress line of `check`
// is drawn there only (NO_COLOR does not matter, it carries no colour).
bool stderr_is_terminal();

// Columns of the terminal on standard error, for lines that must not wrap
// (a wrapped line cannot be rewritten in place); 80 when unknown.
int stderr_columns();

}  // namespace rasconform::cli
