// header_callouts.c compiled as C++20: extern "C" linkage from the header's
// declarations, typed table slots, no C-only construct in the header.
#include "header_callouts.c"
