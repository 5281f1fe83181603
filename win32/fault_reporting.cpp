#include "win32/fault_reporting.hpp"

#include <cstdlib>

namespace rasconform::win32 {

bool emulated_i386() {
    static const bool emulated = [] {
        const char* emulator = std::getenv("RASCONFORM_EMULATED_I386");
        return sizeof(void*) == 4 && emulator && *emulator;
    }();
    return emulated;
}

bool faults_reported_faithfully() { return !emulated_i386(); }

std::string_view misreported_faults_note() {
    return "this 32-bit Wine runs under qemu user emulation (a kernel without IA-32 emulation), which reports hardware "
           "faults with the wrong codes: an access violation arrives as an illegal instruction 0xC000001D without its "
           "address, an integer division by zero as 0xC0000090";
}

}  // namespace rasconform::win32
