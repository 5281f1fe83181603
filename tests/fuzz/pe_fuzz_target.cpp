// The fuzz target for the PE reader, in libFuzzer's form so that the same
// function serves clang's libFuzzer (pe-libfuzzer) and the seeded mutator
// that gcc builds run in CI (pe-fuzz, pe_mutator.cpp). Sanitizers catch
// memory and arithmetic errors; the checks here catch the rest of the
// reader's contract, which a crash-only fuzzer would miss.
#include "rasconform/pe_image.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>

namespace {

[[noreturn]] void contract_broken(const char* what, const std::string& detail) {
    std::fprintf(stderr, "pe fuzz target: %s: %s\n", what, detail.c_str());
    std::abort();
}

bool one_printable_line(const std::string& text) {
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f) return false;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rasconform;
    const auto bytes = std::as_bytes(std::span<const std::uint8_t>(data, size));
    const PeParseResult r = parse_pe(bytes);
    if (!r.image) {
        if (r.error.empty()) contract_broken("rejected without a reason", "");
        if (!one_printable_line(r.error)) contract_broken("error is not one printable line", r.error);
        return 0;
    }
    if (!r.error.empty()) contract_broken("an image and an error", r.error);
    const PeImage& image = *r.image;
    if (image.imports.size() != image.imported_dlls.size())
        contract_broken("imports and imported_dlls differ in length", std::to_string(image.imports.size()));
    for (std::size_t i = 1; i < image.functions.size(); ++i)
        if (image.functions[i - 1].rva > image.functions[i].rva) contract_broken("functions not sorted by RVA", "");
    // What inspect does with an image: name addresses and the machine.
    (void)machine_name(image.machine);
    for (const PeExport& e : image.exports) {
        (void)symbol_at(image, e.rva);
        (void)symbol_at(image, e.rva + 1);
    }
    (void)symbol_at(image, 0);
    (void)symbol_at(image, 0xffffffffu);
    return 0;
}
