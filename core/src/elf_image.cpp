#include "rasconform/elf_image.hpp"

#include <string_view>

namespace rasconform {

namespace {

// Offsets of the ELF structures (System V gABI), for both classes; named
// here rather than taken from <elf.h> so the reader builds everywhere.
struct ClassLayout {
    std::uint64_t e_shoff, e_shentsize, e_shnum, e_shstrndx, header_size;
    std::uint64_t sh_type, sh_offset, sh_size, sh_link, sh_entsize, section_size;
    std::uint64_t st_name, st_info, st_other, st_shndx, symbol_size;
    unsigned word;  // bytes of an address or offset
};
constexpr ClassLayout elf64{40, 58, 60, 62, 64, 4, 24, 32, 40, 56, 64, 0, 4, 5, 6, 24, 8};
constexpr ClassLayout elf32{32, 46, 48, 50, 52, 4, 16, 20, 24, 36, 40, 0, 12, 13, 14, 16, 4};

constexpr std::uint16_t E_TYPE = 16;
constexpr std::uint16_t E_MACHINE = 18;
constexpr std::uint32_t SHT_DYNSYM = 11;
constexpr std::uint8_t STB_GLOBAL = 1, STB_WEAK = 2, STT_FUNC = 2, STV_HIDDEN = 2, STV_INTERNAL = 1;
// Anything bigger is not an admin DLL's symbol table but a hostile count.
constexpr std::uint64_t max_symbols = 1u << 20;

class Reader {
public:
    explicit Reader(std::span<const std::byte> b) : bytes_(b) {}
    bool has(std::uint64_t offset, std::uint64_t size) const {
        return offset <= bytes_.size() && size <= bytes_.size() - offset;
    }
    std::uint64_t read(std::uint64_t offset, unsigned size) const {
        std::uint64_t v = 0;  // little-endian only (checked by the caller)
        for (unsigned i = 0; i < size; ++i)
            v |= static_cast<std::uint64_t>(std::to_integer<std::uint8_t>(bytes_[offset + i])) << (8 * i);
        return v;
    }
    // A NUL-terminated string inside [begin, begin + size); empty when it runs out.
    std::optional<std::string> string_at(std::uint64_t begin, std::uint64_t size, std::uint64_t index) const {
        if (index >= size) return std::nullopt;
        std::string s;
        for (std::uint64_t i = begin + index; i < begin + size; ++i) {
            const char c = static_cast<char>(bytes_[i]);
            if (c == '\0') return s;
            s.push_back(c);
        }
        return std::nullopt;
    }

private:
    std::span<const std::byte> bytes_;
};

}  // namespace

bool has_elf_signature(std::span<const std::byte> bytes) {
    return bytes.size() >= 4 && bytes[0] == std::byte{0x7f} && bytes[1] == std::byte{'E'} &&
           bytes[2] == std::byte{'L'} && bytes[3] == std::byte{'F'};
}

std::string elf_machine_name(std::uint16_t machine) {
    switch (machine) {
    case ELF_MACHINE_I386: return "i686";
    case ELF_MACHINE_X86_64: return "x86_64";
    case ELF_MACHINE_AARCH64: return "aarch64";
    }
    return "unknown ELF machine (" + std::to_string(machine) + ")";
}

ElfParseResult parse_elf(std::span<const std::byte> bytes) {
    if (!has_elf_signature(bytes)) return {std::nullopt, "not an ELF file (no \\x7fELF signature)"};
    const Reader r(bytes);
    if (!r.has(0, 20)) return {std::nullopt, "truncated ELF header"};
    const auto cls = r.read(4, 1), data = r.read(5, 1);
    if (cls != 1 && cls != 2) return {std::nullopt, "ELF class " + std::to_string(cls) + " is neither 32- nor 64-bit"};
    if (data != 1) return {std::nullopt, "big-endian ELF file: no RRAS machine is big-endian"};
    const ClassLayout& L = cls == 2 ? elf64 : elf32;
    if (!r.has(0, L.header_size)) return {std::nullopt, "truncated ELF header"};
    ElfImage image;
    image.is_64 = cls == 2;
    image.type = static_cast<std::uint16_t>(r.read(E_TYPE, 2));
    image.machine = static_cast<std::uint16_t>(r.read(E_MACHINE, 2));

    // Exports come from the section headers' .dynsym. A file without section
    // headers (sstrip) still loads; it just shows no exports here.
    const std::uint64_t shoff = r.read(L.e_shoff, L.word);
    const std::uint64_t shentsize = r.read(L.e_shentsize, 2), shnum = r.read(L.e_shnum, 2);
    if (shoff == 0 || shnum == 0) return {image, {}};
    if (shentsize < L.section_size) return {std::nullopt, "ELF section header entries are too small"};
    if (!r.has(shoff, shnum * shentsize)) return {std::nullopt, "ELF section headers lie past the end of the file"};
    for (std::uint64_t i = 0; i < shnum; ++i) {
        const std::uint64_t sh = shoff + i * shentsize;
        if (r.read(sh + L.sh_type, 4) != SHT_DYNSYM) continue;
        const std::uint64_t sym_off = r.read(sh + L.sh_offset, L.word), sym_size = r.read(sh + L.sh_size, L.word);
        const std::uint64_t entsize = r.read(sh + L.sh_entsize, L.word), link = r.read(sh + L.sh_link, 4);
        if (entsize < L.symbol_size) return {std::nullopt, ".dynsym entries are too small"};
        if (!r.has(sym_off, sym_size)) return {std::nullopt, ".dynsym lies past the end of the file"};
        if (sym_size / entsize > max_symbols) return {std::nullopt, ".dynsym has an implausible symbol count"};
        if (link >= shnum) return {std::nullopt, ".dynsym names a string table that does not exist"};
        const std::uint64_t strh = shoff + link * shentsize;
        const std::uint64_t str_off = r.read(strh + L.sh_offset, L.word), str_size = r.read(strh + L.sh_size, L.word);
        if (!r.has(str_off, str_size)) return {std::nullopt, ".dynstr lies past the end of the file"};
        for (std::uint64_t s = sym_off; s + entsize <= sym_off + sym_size; s += entsize) {
            const auto info = static_cast<std::uint8_t>(r.read(s + L.st_info, 1));
            const auto visibility = static_cast<std::uint8_t>(r.read(s + L.st_other, 1) & 3);
            const auto bind = static_cast<std::uint8_t>(info >> 4), type = static_cast<std::uint8_t>(info & 0xf);
            const bool defined = r.read(s + L.st_shndx, 2) != 0;
            if (!defined || type != STT_FUNC || (bind != STB_GLOBAL && bind != STB_WEAK) ||
                visibility == STV_HIDDEN || visibility == STV_INTERNAL)
                continue;
            auto name = r.string_at(str_off, str_size, r.read(s + L.st_name, 4));
            if (!name) return {std::nullopt, ".dynsym names a symbol outside .dynstr"};
            if (!name->empty()) image.exports.push_back(std::move(*name));
        }
        break;
    }
    return {image, {}};
}

}  // namespace rasconform
