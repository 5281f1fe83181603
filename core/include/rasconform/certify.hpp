// Public API of the Linux tool build: certification bundles - the suite's
// reports, the must-pass lists they were judged by, hashes and a seal
// (`rasconform certify`) - and their verification (`rasconform verify`).
// README.md, "Certification". Built with libarchive and libcrypto, so it is
// part of the rasconform program, not of the installed library.
#pragma once

#include "conformance/certify.hpp"

namespace rasconform {

using conformance::CertifyOptions;
using conformance::certify;
using conformance::verify;

}  // namespace rasconform
