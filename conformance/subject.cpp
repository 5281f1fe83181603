#include "conformance/subject.hpp"

#include <fstream>
#include <iterator>
#include <vector>

#include <fmt/format.h>

#include "rasconform/sha256.hpp"

namespace rasconform::conformance {

SubjectLoad load_subject(const std::string& file) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(file, ec)) return {std::nullopt, "file not found"};
    if (fs::is_directory(file, ec)) return {std::nullopt, "is a directory, not a DLL"};
    std::ifstream in(file, std::ios::binary);
    if (!in) return {std::nullopt, "cannot be read"};
    std::vector<char> chars((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto bytes = std::as_bytes(std::span(chars.data(), chars.size()));
    PeParseResult parsed = parse_pe(bytes);
    if (!parsed.image) return {std::nullopt, parsed.error};
    const PeImage& pe = *parsed.image;
    if (pe.machine != PE_MACHINE_AMD64 && pe.machine != PE_MACHINE_I386)
        return {std::nullopt, fmt::format("unsupported machine {}: RRAS loads x86_64 (and, on old servers, i686) "
                                          "admin DLLs",
                                          machine_name(pe.machine))};
    if (!pe.is_dll) return {std::nullopt, "is a PE executable, not a DLL (IMAGE_FILE_DLL not set)"};
    return {Subject{file, fs::path(file).filename().string(), sha256_hex(bytes), pe}, {}};
}

}  // namespace rasconform::conformance
