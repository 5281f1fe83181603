// How many bytes one callout argument occupies in this process's layout and
// whether the callee writes it. What a backend needs to copy an argument
// somewhere else (another process, guarded pages) and the result back.
#pragma once

#include <cstddef>

#include "rasconform/callouts.hpp"

namespace rasconform {

// Bytes `arg` points to for a parameter of kind `p` (strings: up to and
// including the terminating NUL); 0 for a null pointer or a kind the engine
// does not build (NT 4.0 structures).
std::size_t param_bytes(Param p, const void* arg);

// True for the [out] and [in,out] parameters of `callout`, whose bytes must
// be copied back: the address and bNotifyRelease of a Get (IPADDR-2/3,
// IPV6-1/3) and the callback table (EX-1). Everything else is [in], including
// the address a Release gets (ACCEPT-5).
bool param_is_output(Param p, Callout callout);

}  // namespace rasconform
