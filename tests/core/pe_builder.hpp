// A small but complete PE image built in memory: two sections, an export
// directory (named, forwarded and ordinal-only exports), an import directory
// (names and an ordinal) and a COFF symbol table with a string table. It is
// header-only and free of Boost so that the malformed-input tests and the
// fuzz driver share it: the tests corrupt one field of it at a time, the
// fuzzer starts from it. Every offset a test may want to patch is recorded,
// so no test hard-codes the layout.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace rasconform::pe_test {

// Fixed layout: headers in 0x400 bytes, .text at RVA 0x1000 (file 0x400),
// .rdata at RVA 0x2000 (file 0x600), then the symbol and string tables.
inline constexpr std::uint32_t E_LFANEW = 0x80;
inline constexpr std::uint32_t SIZE_OF_HEADERS = 0x400;
inline constexpr std::uint32_t TEXT_RVA = 0x1000;
inline constexpr std::uint32_t TEXT_OFFSET = 0x400;
inline constexpr std::uint32_t TEXT_RAW_SIZE = 0x200;
inline constexpr std::uint32_t RDATA_RVA = 0x2000;
inline constexpr std::uint32_t RDATA_OFFSET = TEXT_OFFSET + TEXT_RAW_SIZE;
inline constexpr std::uint32_t ALPHA_RVA = TEXT_RVA;         // "AlphaExport", COFF "alpha"
inline constexpr std::uint32_t BETA_RVA = TEXT_RVA + 0x10;   // "BetaExport", COFF "beta_implementation"
inline constexpr std::uint32_t ORDINAL_ONLY_RVA = TEXT_RVA + 0x20;

inline void put16(std::vector<std::byte>& v, std::size_t at, std::uint16_t value) {
    v.at(at) = static_cast<std::byte>(value & 0xff);
    v.at(at + 1) = static_cast<std::byte>(value >> 8);
}

inline void put32(std::vector<std::byte>& v, std::size_t at, std::uint32_t value) {
    for (std::size_t i = 0; i < 4; ++i) v.at(at + i) = static_cast<std::byte>((value >> (8 * i)) & 0xff);
}

inline void put64(std::vector<std::byte>& v, std::size_t at, std::uint64_t value) {
    put32(v, at, static_cast<std::uint32_t>(value));
    put32(v, at + 4, static_cast<std::uint32_t>(value >> 32));
}

inline std::uint32_t get32(const std::vector<std::byte>& v, std::size_t at) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) value |= static_cast<std::uint32_t>(v.at(at + i)) << (8 * i);
    return value;
}

inline void put_text(std::vector<std::byte>& v, std::size_t at, std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) v.at(at + i) = static_cast<std::byte>(text[i]);
}

struct TestPe {
    std::vector<std::byte> bytes;
    bool pe32_plus = true;

    // File offsets of the structures a test corrupts.
    std::size_t coff = 0;              // COFF file header
    std::size_t optional = 0;          // optional header
    std::size_t number_of_rva_and_sizes = 0;
    std::size_t data_directories = 0;  // export entry; the import entry follows at +8
    std::size_t section_table = 0;     // .text header; .rdata header at +40
    std::size_t export_directory = 0;
    std::size_t export_address_table = 0;  // 4 entries: alpha, beta, forwarder, ordinal-only
    std::size_t name_pointers = 0;         // 3 entries: AlphaExport, BetaExport, GammaForward
    std::size_t name_ordinals = 0;
    std::size_t forwarder = 0;             // "OTHER.Gamma"
    std::size_t import_descriptors = 0;    // KERNEL32.dll, msvcrt.dll, terminator
    std::size_t lookup_table = 0;          // KERNEL32.dll's: GetLastError, Sleep, #5, end
    std::size_t address_table = 0;         // KERNEL32.dll's FirstThunk copy
    std::size_t hint_name = 0;             // GetLastError's hint/name entry
    std::size_t rdata_end = 0;             // one past .rdata's raw data
    std::size_t symbol_table = 0;          // .file + aux, alpha, beta_implementation (long name), data
    std::size_t string_table = 0;

    std::size_t thunk_size() const { return pe32_plus ? 8 : 4; }
    std::size_t section_header(std::size_t index) const { return section_table + 40 * index; }
    std::size_t symbol(std::size_t index) const { return symbol_table + 18 * index; }
    // RVA of a file offset inside .rdata.
    static std::uint32_t rdata_rva(std::size_t file_offset) {
        return static_cast<std::uint32_t>(RDATA_RVA + (file_offset - RDATA_OFFSET));
    }
};

inline TestPe build_test_pe(bool pe32_plus = true) {
    TestPe pe;
    pe.pe32_plus = pe32_plus;
    std::vector<std::byte> sec;  // .rdata contents; index = RVA - RDATA_RVA
    auto append = [&sec](std::size_t count) {
        const std::size_t at = sec.size();
        sec.resize(at + count);
        return at;
    };
    auto append_string = [&](std::string_view text) {
        const std::size_t at = append(text.size() + 1);
        put_text(sec, at, text);
        return at;
    };
    auto align = [&sec](std::size_t alignment) { sec.resize((sec.size() + alignment - 1) / alignment * alignment); };
    auto rva = [](std::size_t at) { return static_cast<std::uint32_t>(RDATA_RVA + at); };

    // Exports. Name table sorted, as the loader's binary search expects.
    const std::size_t dir = append(40);
    const std::size_t eat = append(4 * 4);
    const std::size_t names = append(4 * 3);
    const std::size_t ordinals = append(2 * 3);
    const std::size_t dll_name = append_string("subject.dll");
    const std::size_t alpha = append_string("AlphaExport");
    const std::size_t beta = append_string("BetaExport");
    const std::size_t gamma = append_string("GammaForward");
    const std::size_t forwarder = append_string("OTHER.Gamma");
    const std::size_t export_size = sec.size() - dir;  // covers the forwarder string
    put32(sec, dir + 12, rva(dll_name));
    put32(sec, dir + 16, 1);   // Base
    put32(sec, dir + 20, 4);   // NumberOfFunctions
    put32(sec, dir + 24, 3);   // NumberOfNames
    put32(sec, dir + 28, rva(eat));
    put32(sec, dir + 32, rva(names));
    put32(sec, dir + 36, rva(ordinals));
    put32(sec, eat + 0, ALPHA_RVA);
    put32(sec, eat + 4, BETA_RVA);
    put32(sec, eat + 8, rva(forwarder));
    put32(sec, eat + 12, ORDINAL_ONLY_RVA);
    const std::size_t name_offsets[] = {alpha, beta, gamma};
    for (std::size_t i = 0; i < 3; ++i) {
        put32(sec, names + 4 * i, rva(name_offsets[i]));
        put16(sec, ordinals + 2 * i, static_cast<std::uint16_t>(i));
    }

    // Imports: lookup and address tables are separate copies, as a linker
    // writes them before binding.
    align(8);
    const std::size_t descriptors = append(20 * 3);
    const std::size_t thunk = pe32_plus ? 8 : 4;
    const std::size_t k32_lookup = append(thunk * 4);
    const std::size_t k32_address = append(thunk * 4);
    const std::size_t crt_lookup = append(thunk * 2);
    const std::size_t crt_address = append(thunk * 2);
    auto hint_name = [&](std::uint16_t hint, std::string_view name) {
        align(2);
        const std::size_t at = append(2);
        put16(sec, at, hint);
        append_string(name);
        return at;
    };
    const std::size_t get_last_error = hint_name(0x1f0, "GetLastError");
    const std::size_t sleep = hint_name(0x5a0, "Sleep");
    const std::size_t malloc_entry = hint_name(0x40, "malloc");
    const std::size_t k32_name = append_string("KERNEL32.dll");
    const std::size_t crt_name = append_string("msvcrt.dll");
    auto put_thunk = [&](std::size_t at, std::uint64_t value) {
        if (pe32_plus) put64(sec, at, value);
        else put32(sec, at, static_cast<std::uint32_t>(value));
    };
    const std::uint64_t by_ordinal = pe32_plus ? (std::uint64_t{1} << 63) : (std::uint64_t{1} << 31);
    for (std::size_t table : {k32_lookup, k32_address}) {
        put_thunk(table, rva(get_last_error));
        put_thunk(table + thunk, rva(sleep));
        put_thunk(table + 2 * thunk, by_ordinal | 5);
    }
    for (std::size_t table : {crt_lookup, crt_address}) put_thunk(table, rva(malloc_entry));
    put32(sec, descriptors + 0, rva(k32_lookup));
    put32(sec, descriptors + 12, rva(k32_name));
    put32(sec, descriptors + 16, rva(k32_address));
    put32(sec, descriptors + 20 + 0, rva(crt_lookup));
    put32(sec, descriptors + 20 + 12, rva(crt_name));
    put32(sec, descriptors + 20 + 16, rva(crt_address));

    const auto rdata_virtual_size = static_cast<std::uint32_t>(sec.size());
    // End the raw data with non-NUL bytes, so a string or table that runs
    // past them finds no terminator inside the section.
    align(0x200);
    for (std::size_t i = rdata_virtual_size; i < sec.size(); ++i) sec[i] = std::byte{0x41};

    std::vector<std::byte>& img = pe.bytes;
    img.resize(SIZE_OF_HEADERS);
    put_text(img, 0, "MZ");
    put32(img, 0x3c, E_LFANEW);
    put_text(img, E_LFANEW, std::string_view("PE\0\0", 4));
    pe.coff = E_LFANEW + 4;
    const std::uint16_t optional_size = pe32_plus ? 0xf0 : 0xe0;
    put16(img, pe.coff + 0, pe32_plus ? 0x8664 : 0x014c);
    put16(img, pe.coff + 2, 2);  // NumberOfSections
    put16(img, pe.coff + 16, optional_size);
    put16(img, pe.coff + 18, pe32_plus ? 0x2022 : 0x2102);  // DLL | EXECUTABLE | (LARGE_ADDRESS_AWARE or 32BIT)

    pe.optional = pe.coff + 20;
    put16(img, pe.optional + 0, pe32_plus ? 0x20b : 0x10b);
    put32(img, pe.optional + 32, 0x1000);  // SectionAlignment
    put32(img, pe.optional + 36, 0x200);   // FileAlignment
    put32(img, pe.optional + 56, RDATA_RVA + 0x1000);  // SizeOfImage
    put32(img, pe.optional + 60, SIZE_OF_HEADERS);
    pe.number_of_rva_and_sizes = pe.optional + (pe32_plus ? 108 : 92);
    put32(img, pe.number_of_rva_and_sizes, 16);
    pe.data_directories = pe.number_of_rva_and_sizes + 4;
    put32(img, pe.data_directories + 0, rva(dir));
    put32(img, pe.data_directories + 4, static_cast<std::uint32_t>(export_size));
    put32(img, pe.data_directories + 8, rva(descriptors));
    put32(img, pe.data_directories + 12, 20 * 3);

    pe.section_table = pe.optional + optional_size;
    const std::size_t text = pe.section_table;
    put_text(img, text, ".text");
    put32(img, text + 8, 0x30);
    put32(img, text + 12, TEXT_RVA);
    put32(img, text + 16, TEXT_RAW_SIZE);
    put32(img, text + 20, TEXT_OFFSET);
    put32(img, text + 36, 0x60000020);  // CODE | MEM_EXECUTE | MEM_READ
    const std::size_t rdata = text + 40;
    put_text(img, rdata, ".rdata");
    put32(img, rdata + 8, rdata_virtual_size);
    put32(img, rdata + 12, RDATA_RVA);
    put32(img, rdata + 16, static_cast<std::uint32_t>(sec.size()));
    put32(img, rdata + 20, RDATA_OFFSET);
    put32(img, rdata + 36, 0x40000040);  // INITIALIZED_DATA | MEM_READ

    img.resize(TEXT_OFFSET + TEXT_RAW_SIZE, std::byte{0xcc});  // int3 padding
    for (std::uint32_t f : {ALPHA_RVA, BETA_RVA, ORDINAL_ONLY_RVA}) img.at(TEXT_OFFSET + (f - TEXT_RVA)) = std::byte{0xc3};
    img.insert(img.end(), sec.begin(), sec.end());
    pe.rdata_end = img.size();

    auto offset = [](std::size_t at) { return RDATA_OFFSET + at; };
    pe.export_directory = offset(dir);
    pe.export_address_table = offset(eat);
    pe.name_pointers = offset(names);
    pe.name_ordinals = offset(ordinals);
    pe.forwarder = offset(forwarder);
    pe.import_descriptors = offset(descriptors);
    pe.lookup_table = offset(k32_lookup);
    pe.address_table = offset(k32_address);
    pe.hint_name = offset(get_last_error);

    // COFF symbols, as MinGW leaves them: a .file entry with one auxiliary
    // record, two functions in .text (a short and a long name) and a data
    // symbol in .rdata that must not be taken for a function.
    pe.symbol_table = img.size();
    img.resize(img.size() + 18 * 5);
    auto symbol = [&](std::size_t index, std::string_view short_name, std::uint32_t long_name, std::uint32_t value,
                      std::uint16_t section, std::uint16_t type, std::uint8_t storage, std::uint8_t aux) {
        const std::size_t at = pe.symbol(index);
        if (short_name.empty()) put32(img, at + 4, long_name);
        else put_text(img, at, short_name);
        put32(img, at + 8, value);
        put16(img, at + 12, section);
        put16(img, at + 14, type);
        img.at(at + 16) = static_cast<std::byte>(storage);
        img.at(at + 17) = static_cast<std::byte>(aux);
    };
    symbol(0, ".file", 0, 0, 0xfffe, 0, 103, 1);  // IMAGE_SYM_DEBUG, C_FILE
    put_text(img, pe.symbol(1), "builder.c");     // its auxiliary record
    symbol(2, "alpha", 0, ALPHA_RVA - TEXT_RVA, 1, 0x20, 2, 0);
    symbol(3, "", 4, BETA_RVA - TEXT_RVA, 1, 0x20, 2, 0);
    symbol(4, "data", 0, 0, 2, 0, 3, 0);
    pe.string_table = img.size();
    constexpr std::string_view long_name = "beta_implementation";
    img.resize(img.size() + 4 + long_name.size() + 1);
    put32(img, pe.string_table, static_cast<std::uint32_t>(4 + long_name.size() + 1));
    put_text(img, pe.string_table + 4, long_name);
    put32(img, pe.coff + 8, static_cast<std::uint32_t>(pe.symbol_table));  // PointerToSymbolTable
    put32(img, pe.coff + 12, 5);                                            // NumberOfSymbols
    return pe;
}

}  // namespace rasconform::pe_test
