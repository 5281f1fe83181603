// Lets a C++ exception escape from the subject's C code (ROBUST-1 bug).
#include <stdexcept>

extern "C" void subject_throw(void) { throw std::runtime_error("second link not supported"); }
