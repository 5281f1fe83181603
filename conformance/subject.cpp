#include "conformance/subject.hpp"

#include <fstream>
#include <iterator>
#include <vector>

#include <fmt/format.h>

#include "rasconform/sha256.hpp"
#include "rasconform/utf8_path.hpp"

namespace rasconform::conformance {

namespace {

// Native mode (issue 8): the DLL's portable sources built as a Linux shared
// object, loaded into this process - so it must be one of this machine.
SubjectLoad load_shared_object(const std::string& file, std::span<const std::byte> bytes) {
#ifdef _WIN32
    (void)file;
    (void)bytes;
    return {std::nullopt, "is a Linux shared object (ELF): native mode runs in the Linux rasconform"};
#else
    ElfParseResult parsed = parse_elf(bytes);
    if (!parsed.image) return {std::nullopt, parsed.error};
    const ElfImage& elf = *parsed.image;
    if (!elf.shared_object())
        return {std::nullopt, fmt::format("is an ELF file of type {}, not a shared object (ET_DYN)", elf.type)};
#if defined(__x86_64__)
    constexpr std::uint16_t host = ELF_MACHINE_X86_64;
#elif defined(__aarch64__)
    constexpr std::uint16_t host = ELF_MACHINE_AARCH64;
#else
    constexpr std::uint16_t host = ELF_MACHINE_I386;
#endif
    if (elf.machine != host || elf.is_64 != (sizeof(void*) == 8))
        return {std::nullopt, fmt::format("is a {} shared object; this rasconform ({}) can only load its own "
                                          "architecture's",
                                          elf_machine_name(elf.machine), elf_machine_name(host))};
    const std::filesystem::path path = path_from_utf8(file);
    Subject s{path, path_to_utf8(path.filename()), sha256_hex(bytes), {}, elf, std::nullopt};
    return {std::move(s), {}};
#endif
}

}  // namespace

SubjectLoad load_subject(const std::string& file) {
    namespace fs = std::filesystem;
    const fs::path path = path_from_utf8(file);
    std::error_code ec;
    if (!fs::exists(path, ec)) return {std::nullopt, "file not found"};
    if (fs::is_directory(path, ec)) return {std::nullopt, "is a directory, not a DLL"};
    std::ifstream in(path, std::ios::binary);
    if (!in) return {std::nullopt, "cannot be read"};
    std::vector<char> chars((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto bytes = std::as_bytes(std::span(chars.data(), chars.size()));
    if (has_elf_signature(bytes)) return load_shared_object(file, bytes);
    PeParseResult parsed = parse_pe(bytes);
    if (!parsed.image) return {std::nullopt, parsed.error};
    const PeImage& pe = *parsed.image;
    if (pe.machine != PE_MACHINE_AMD64 && pe.machine != PE_MACHINE_I386)
        return {std::nullopt, fmt::format("unsupported machine {}: RRAS loads x86_64 (and, on old servers, i686) "
                                          "admin DLLs",
                                          machine_name(pe.machine))};
    if (!pe.is_dll) return {std::nullopt, "is a PE executable, not a DLL (IMAGE_FILE_DLL not set)"};
    return {Subject{path, path_to_utf8(path.filename()), sha256_hex(bytes), pe, std::nullopt, std::nullopt}, {}};
}

}  // namespace rasconform::conformance
