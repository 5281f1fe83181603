// A bounds-checked reader for what native mode needs to know of a Linux
// shared object before loading it: that it is one, its machine, and the
// functions it exports (.dynsym). Like the PE reader it trusts no offset or
// count from the file: a truncated or hostile file yields an error line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace rasconform {

inline constexpr std::uint16_t ELF_MACHINE_I386 = 3;
inline constexpr std::uint16_t ELF_MACHINE_X86_64 = 62;
inline constexpr std::uint16_t ELF_MACHINE_AARCH64 = 183;

struct ElfImage {
    bool is_64 = false;
    std::uint16_t type = 0;     // ET_DYN (3) for a shared object
    std::uint16_t machine = 0;  // ELF_MACHINE_*
    // Defined global or weak functions of default or protected visibility in
    // .dynsym, in table order: what dlsym can find.
    std::vector<std::string> exports;
    bool shared_object() const { return type == 3; }
};

struct ElfParseResult {
    std::optional<ElfImage> image;
    std::string error;  // when image is empty: "truncated ELF header", ...
};

// The four bytes 0x7f 'E' 'L' 'F'.
bool has_elf_signature(std::span<const std::byte> bytes);
ElfParseResult parse_elf(std::span<const std::byte> bytes);

// "x86_64", "i686", "aarch64", or "unknown ELF machine (N)".
std::string elf_machine_name(std::uint16_t machine);

}  // namespace rasconform
