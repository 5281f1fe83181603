// A bounds-checked reader for the parts of a PE image that the static cases
// need: machine, DLL flag, export names and imported DLL names. It never
// trusts an offset or a count from the file: every read is checked against
// the buffer, so a truncated or hostile file yields an error, not a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace rasconform {

inline constexpr std::uint16_t PE_MACHINE_I386 = 0x014c;
inline constexpr std::uint16_t PE_MACHINE_AMD64 = 0x8664;
inline constexpr std::uint16_t PE_MACHINE_ARMNT = 0x01c4;
inline constexpr std::uint16_t PE_MACHINE_ARM64 = 0xaa64;

struct PeExport {
    std::string name;        // exact bytes of the export name
    std::uint32_t ordinal;   // biased ordinal (Base + index)
    std::uint32_t rva;       // function RVA (forwarders: RVA of the forwarder string)
    bool forwarded = false;  // RVA points inside the export directory
    std::string forwarder;   // "OTHER.Function" when forwarded
};

// A function from the COFF symbol table (MinGW keeps one unless stripped).
struct PeSymbol {
    std::string name;
    std::uint32_t rva;
};

struct PeImport {
    std::string dll;                     // as written, e.g. "MPRAPI.dll"
    std::vector<std::string> functions;  // imported by name
    std::uint32_t by_ordinal = 0;        // imported by ordinal only
};

struct PeImage {
    std::uint16_t machine = 0;
    std::uint16_t characteristics = 0;  // COFF file header characteristics
    // COFF TimeDateStamp: seconds since 1970 as the linker wrote it (reproducible
    // builds put 0 or a hash there), recorded so a certificate names the build.
    std::uint32_t timestamp = 0;
    bool is_dll = false;                // IMAGE_FILE_DLL (0x2000)
    bool pe32_plus = false;             // optional header magic 0x20b
    std::vector<PeExport> exports;      // named exports, in export-table order
    std::uint32_t unnamed_exports = 0;  // exported by ordinal only
    std::vector<std::string> imported_dlls;
    std::vector<PeImport> imports;      // same order as imported_dlls
    std::uint32_t size_of_image = 0;    // optional header SizeOfImage
    std::vector<PeSymbol> functions;    // COFF function symbols by RVA; empty when stripped
};

struct PeParseResult {
    std::optional<PeImage> image;
    std::string error;  // set when image is empty: what is wrong, e.g. "not a PE file (no MZ signature)"
};

PeParseResult parse_pe(std::span<const std::byte> bytes);
// Reads the whole file; errors name the problem (not found, unreadable, not a PE, truncated ...).
PeParseResult read_pe_file(const std::filesystem::path& path);

// "name+0x12": the function (or, in a stripped image, the export) an RVA
// lies in, as far as the image says; empty when nothing precedes it.
std::string symbol_at(const PeImage& image, std::uint32_t rva);

// "x86_64", "i686", "arm64", "armnt", or "unknown (0x1234)".
std::string machine_name(std::uint16_t machine);

}  // namespace rasconform
