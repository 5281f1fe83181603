// Malformed-input tests for the PE reader: one valid image from
// pe_builder.hpp, and for every field the reader reads, variants where that
// field is out of range, huge, overlapping or truncated. The contract is the
// same everywhere: a clear one-line error naming what is wrong (or, for the
// COFF symbol table, which is debug data, a result without the damaged
// part), never a crash or an out-of-bounds read; the ASan build
// (-Dfuzzing=true) runs these too.
#include <boost/test/unit_test.hpp>

#include "pe_builder.hpp"
#include "rasconform/pe_image.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rasconform {
namespace {

using namespace pe_test;

PeParseResult parse_bytes(const std::vector<std::byte>& bytes) {
    return parse_pe(std::span<const std::byte>(bytes.data(), bytes.size()));
}

bool one_printable_line(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x20 && u < 0x7f;
    });
}

// The reader refused the image with a printable one-line message that
// contains every given fragment.
void check_error(const PeParseResult& r, std::initializer_list<std::string_view> fragments) {
    BOOST_TEST_REQUIRE(!r.image.has_value(), "expected an error, got an image");
    BOOST_TEST(!r.error.empty());
    BOOST_TEST(one_printable_line(r.error), "not one printable line: " << r.error);
    for (std::string_view f : fragments) BOOST_TEST(r.error.find(f) != std::string::npos, r.error);
}

const PeImage& check_image(const PeParseResult& r) {
    BOOST_TEST_REQUIRE(r.image.has_value(), r.error);
    return *r.image;
}

// Any outcome but a crash: an image, or an error as check_error wants it.
void check_parses_or_explains(const std::vector<std::byte>& bytes, const std::string& label) {
    const PeParseResult r = parse_bytes(bytes);
    if (!r.image) {
        BOOST_TEST(!r.error.empty(), label);
        BOOST_TEST(one_printable_line(r.error), label << ": " << r.error);
    }
}

std::vector<std::string> export_names(const PeImage& image) {
    std::vector<std::string> names;
    for (const PeExport& e : image.exports) names.push_back(e.name);
    return names;
}

// Appends `count` bytes to .rdata's raw data (moving the symbol table
// behind it) and returns their file offset; VirtualSize grows with it.
std::size_t grow_rdata(TestPe& pe, std::size_t count, std::byte fill) {
    const std::size_t at = pe.rdata_end;
    pe.bytes.insert(pe.bytes.begin() + static_cast<std::ptrdiff_t>(at), count, fill);
    const std::size_t header = pe.section_header(1);
    put32(pe.bytes, header + 16, static_cast<std::uint32_t>(pe.rdata_end + count - RDATA_OFFSET));
    put32(pe.bytes, header + 8, static_cast<std::uint32_t>(pe.rdata_end + count - RDATA_OFFSET));
    pe.rdata_end += count;
    pe.symbol_table += count;
    pe.string_table += count;
    put32(pe.bytes, pe.coff + 8, static_cast<std::uint32_t>(pe.symbol_table));
    put32(pe.bytes, pe.optional + 56, static_cast<std::uint32_t>(RDATA_RVA + pe.rdata_end - RDATA_OFFSET + 0x1000));
    return at;
}

std::vector<std::byte> prefix(const std::vector<std::byte>& bytes, std::size_t length) {
    return {bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(length)};
}

// The valid image, as the reader must see it; every other test changes one
// thing about it.
void check_valid_image(const PeImage& image, bool pe32_plus) {
    BOOST_TEST(image.machine == (pe32_plus ? PE_MACHINE_AMD64 : PE_MACHINE_I386));
    BOOST_TEST(image.is_dll);
    BOOST_TEST(image.pe32_plus == pe32_plus);
    BOOST_TEST(image.size_of_image == RDATA_RVA + 0x1000);
    BOOST_TEST_REQUIRE(image.exports.size() == 3u);
    BOOST_TEST(image.exports[0].name == "AlphaExport");
    BOOST_TEST(image.exports[0].rva == ALPHA_RVA);
    BOOST_TEST(image.exports[0].ordinal == 1u);
    BOOST_TEST(image.exports[1].name == "BetaExport");
    BOOST_TEST(image.exports[1].rva == BETA_RVA);
    BOOST_TEST(image.exports[2].name == "GammaForward");
    BOOST_TEST(image.exports[2].forwarded);
    BOOST_TEST(image.exports[2].forwarder == "OTHER.Gamma");
    BOOST_TEST(image.unnamed_exports == 1u);
    BOOST_TEST_REQUIRE(image.imports.size() == 2u);
    BOOST_TEST(image.imported_dlls == (std::vector<std::string>{"KERNEL32.dll", "msvcrt.dll"}),
               boost::test_tools::per_element());
    BOOST_TEST(image.imports[0].functions == (std::vector<std::string>{"GetLastError", "Sleep"}),
               boost::test_tools::per_element());
    BOOST_TEST(image.imports[0].by_ordinal == 1u);
    BOOST_TEST(image.imports[1].functions == (std::vector<std::string>{"malloc"}), boost::test_tools::per_element());
    BOOST_TEST_REQUIRE(image.functions.size() == 2u);
    BOOST_TEST(image.functions[0].name == "alpha");
    BOOST_TEST(image.functions[0].rva == ALPHA_RVA);
    BOOST_TEST(image.functions[1].name == "beta_implementation");
    BOOST_TEST(image.functions[1].rva == BETA_RVA);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pe_malformed)

BOOST_AUTO_TEST_CASE(builder_image_is_valid) {
    for (bool pe32_plus : {true, false}) {
        BOOST_TEST_CONTEXT((pe32_plus ? "PE32+" : "PE32")) {
            check_valid_image(check_image(parse_bytes(build_test_pe(pe32_plus).bytes)), pe32_plus);
        }
    }
    const PeImage image = check_image(parse_bytes(build_test_pe().bytes));
    BOOST_TEST(symbol_at(image, BETA_RVA + 4) == "beta_implementation+0x4");
    BOOST_TEST(symbol_at(image, ORDINAL_ONLY_RVA) == "beta_implementation+0x10");
}

// --- DOS header -------------------------------------------------------------

BOOST_AUTO_TEST_CASE(e_magic) {
    TestPe pe = build_test_pe();
    put_text(pe.bytes, 0, "ZM");
    check_error(parse_bytes(pe.bytes), {"not a PE file (no MZ signature)"});
    check_error(parse_bytes(prefix(pe.bytes, 1)), {"no MZ signature"});
}

BOOST_AUTO_TEST_CASE(dos_header_truncated) {
    const TestPe pe = build_test_pe();
    for (std::size_t length : {2u, 0x3cu, 0x3fu}) {
        check_error(parse_bytes(prefix(pe.bytes, length)), {"truncated PE: DOS header extends past end of file"});
    }
}

BOOST_AUTO_TEST_CASE(e_lfanew) {
    const TestPe valid = build_test_pe();
    const auto size = static_cast<std::uint32_t>(valid.bytes.size());
    for (std::uint32_t value : {size, size - 2, 0x7fffffffu, 0xfffffffcu, 0xffffffffu}) {
        TestPe pe = valid;
        put32(pe.bytes, 0x3c, value);
        check_error(parse_bytes(pe.bytes), {"e_lfanew"});
    }
    // Pointing back into the DOS header (overlapping it) finds no signature.
    for (std::uint32_t value : {0u, 0x3cu}) {
        TestPe pe = valid;
        put32(pe.bytes, 0x3c, value);
        check_error(parse_bytes(pe.bytes), {"no PE signature at offset"});
    }
}

// --- NT headers ---------------------------------------------------------------

BOOST_AUTO_TEST_CASE(pe_signature) {
    TestPe pe = build_test_pe();
    put_text(pe.bytes, E_LFANEW + 2, std::string_view("\1\0", 2));
    check_error(parse_bytes(pe.bytes), {"not a PE file (no PE signature at offset 0x80)"});
    check_error(parse_bytes(prefix(pe.bytes, E_LFANEW + 3)), {"e_lfanew 0x80 points past end of file"});
}

BOOST_AUTO_TEST_CASE(coff_header_truncated) {
    const TestPe pe = build_test_pe();
    for (std::size_t length : {pe.coff, pe.coff + 1, pe.coff + 19}) {
        check_error(parse_bytes(prefix(pe.bytes, length)), {"truncated PE: COFF file header"});
    }
}

BOOST_AUTO_TEST_CASE(machine_is_reported_as_read) {
    // The reader does not judge the machine; the subject loader does, by name.
    TestPe pe = build_test_pe();
    put16(pe.bytes, pe.coff, 0x1234);
    BOOST_TEST(check_image(parse_bytes(pe.bytes)).machine == 0x1234);
    BOOST_TEST(machine_name(0x1234) == "unknown (0x1234)");
}

BOOST_AUTO_TEST_CASE(characteristics) {
    TestPe pe = build_test_pe();
    put16(pe.bytes, pe.coff + 18, 0x0022);
    const PeImage image = check_image(parse_bytes(pe.bytes));
    BOOST_TEST(!image.is_dll);
    BOOST_TEST(image.characteristics == 0x0022);
}

BOOST_AUTO_TEST_CASE(number_of_sections) {
    const TestPe valid = build_test_pe();
    for (std::uint16_t count : {0, 1}) {  // .rdata, holding the directories, is gone
        TestPe pe = valid;
        put16(pe.bytes, pe.coff + 2, count);
        check_error(parse_bytes(pe.bytes), {"export directory RVA 0x2000 is not inside any section"});
    }
    for (std::uint16_t count : {0x40, 0xffff}) {
        TestPe pe = valid;
        put16(pe.bytes, pe.coff + 2, count);
        check_error(parse_bytes(pe.bytes), {"section table extends past end of file", std::to_string(count) + " sections"});
    }
    // More sections than the two real ones: the following bytes (zeros)
    // read as empty sections, which claim no addresses.
    TestPe pe = valid;
    put16(pe.bytes, pe.coff + 2, 5);
    check_valid_image(check_image(parse_bytes(pe.bytes)), true);
}

BOOST_AUTO_TEST_CASE(size_of_optional_header) {
    const TestPe valid = build_test_pe();
    for (std::uint16_t size : {0, 1}) {
        TestPe pe = valid;
        put16(pe.bytes, pe.coff + 16, size);
        check_error(parse_bytes(pe.bytes), {"SizeOfOptionalHeader is " + std::to_string(size)});
    }
    for (std::uint16_t size : {2, 0x60, 0x6f}) {
        TestPe pe = valid;
        put16(pe.bytes, pe.coff + 16, size);
        check_error(parse_bytes(pe.bytes), {"optional header too small", "PE32+ needs at least 112"});
    }
    {
        TestPe pe = valid;
        put16(pe.bytes, pe.coff + 16, 0xffff);
        check_error(parse_bytes(pe.bytes), {"truncated PE: optional header extends past end of file"});
    }
    {
        const TestPe pe32 = build_test_pe(false);
        TestPe pe = pe32;
        put16(pe.bytes, pe.coff + 16, 0x5f);
        check_error(parse_bytes(pe.bytes), {"PE32 needs at least 96"});
    }
    {
        // Room for no data directory: none exists, whatever
        // NumberOfRvaAndSizes says, and the section table is read from
        // where the directories were.
        TestPe pe = valid;
        put16(pe.bytes, pe.coff + 16, 0x70);
        const PeImage image = check_image(parse_bytes(pe.bytes));
        BOOST_TEST(image.exports.empty());
        BOOST_TEST(image.imports.empty());
    }
    {
        // Room for the export directory only.
        TestPe pe = valid;
        put16(pe.bytes, pe.coff + 16, 0x78);
        check_parses_or_explains(pe.bytes, "optional header with one directory");
    }
}

BOOST_AUTO_TEST_CASE(optional_header_magic) {
    for (std::uint16_t magic : {0, 0x107, 0x20c, 0xffff}) {
        TestPe pe = build_test_pe();
        put16(pe.bytes, pe.optional, magic);
        check_error(parse_bytes(pe.bytes), {"unsupported optional header magic"});
    }
    // PE32 magic on a PE32+ layout: NumberOfRvaAndSizes is then read from
    // the upper half of SizeOfHeapReserve (0), so no directory exists.
    TestPe pe = build_test_pe();
    put16(pe.bytes, pe.optional, 0x10b);
    const PeImage image = check_image(parse_bytes(pe.bytes));
    BOOST_TEST(!image.pe32_plus);
    BOOST_TEST(image.exports.empty());
    // And the other way round: the PE32 directories are read 16 bytes
    // late, where the (absent) resource and exception entries are.
    TestPe pe32 = build_test_pe(false);
    put16(pe32.bytes, pe32.optional, 0x20b);
    const PeImage plus = check_image(parse_bytes(pe32.bytes));
    BOOST_TEST(plus.pe32_plus);
    BOOST_TEST(plus.exports.empty());
    BOOST_TEST(plus.imports.empty());
}

BOOST_AUTO_TEST_CASE(size_of_headers) {
    const TestPe valid = build_test_pe();
    {
        // Huge: an RVA no section holds maps into "headers" past the end of file.
        TestPe pe = valid;
        put32(pe.bytes, pe.optional + 60, 0xffffffff);
        put32(pe.bytes, pe.name_pointers, 0x100000);
        check_error(parse_bytes(pe.bytes), {"truncated PE", "export name 0 at RVA 0x100000 in the headers"});
    }
    {
        // Zero: the headers are not addressable at all.
        TestPe pe = valid;
        put32(pe.bytes, pe.optional + 60, 0);
        put32(pe.bytes, pe.name_pointers, 0x3c);
        check_error(parse_bytes(pe.bytes), {"export name 0 RVA 0x3c is not inside any section"});
    }
    {
        // A string running to the end of the mapped headers is cut there.
        TestPe pe = valid;
        put32(pe.bytes, pe.optional + 60, 0x84);
        put32(pe.bytes, pe.name_pointers, 0x80);  // "PE\0\0" is terminated
        BOOST_TEST(check_image(parse_bytes(pe.bytes)).exports.at(0).name == "PE");
        put32(pe.bytes, pe.optional + 60, 0x82);
        check_error(parse_bytes(pe.bytes), {"export name 0 at RVA 0x80 is not NUL-terminated"});
    }
}

BOOST_AUTO_TEST_CASE(size_of_image_bounds_symbol_lookup) {
    TestPe pe = build_test_pe();
    put32(pe.bytes, pe.optional + 56, BETA_RVA);
    const PeImage small = check_image(parse_bytes(pe.bytes));
    BOOST_TEST(symbol_at(small, ALPHA_RVA + 1) == "alpha+0x1");
    BOOST_TEST(symbol_at(small, BETA_RVA) == "");
    put32(pe.bytes, pe.optional + 56, 0);  // unknown: no bound
    BOOST_TEST(symbol_at(check_image(parse_bytes(pe.bytes)), 0x7fffffff) == "beta_implementation+0x7fffefef");
}

BOOST_AUTO_TEST_CASE(number_of_rva_and_sizes) {
    const TestPe valid = build_test_pe();
    {
        TestPe pe = valid;
        put32(pe.bytes, pe.number_of_rva_and_sizes, 1);
        const PeImage image = check_image(parse_bytes(pe.bytes));
        BOOST_TEST(image.exports.size() == 3u);
        BOOST_TEST(image.imports.empty());
    }
    {
        // Larger than what fits: only the 16 directories inside
        // SizeOfOptionalHeader exist, the section table is not read as more.
        TestPe pe = valid;
        put32(pe.bytes, pe.number_of_rva_and_sizes, 0xffffffff);
        check_valid_image(check_image(parse_bytes(pe.bytes)), true);
    }
}

// --- Data directories -----------------------------------------------------------

BOOST_AUTO_TEST_CASE(export_directory_rva) {
    const TestPe valid = build_test_pe();
    for (std::uint32_t rva : {0x9000u, 0x7fffffffu, 0xffffffffu}) {
        TestPe pe = valid;
        put32(pe.bytes, pe.data_directories, rva);
        check_error(parse_bytes(pe.bytes), {"export directory RVA", "is not inside any section"});
    }
    {
        // The 40-byte directory would straddle the end of .rdata's raw data.
        TestPe pe = valid;
        put32(pe.bytes, pe.data_directories, TestPe::rdata_rva(pe.rdata_end - 20));
        check_error(parse_bytes(pe.bytes), {"export directory at RVA", "(40 bytes) runs past the end of section '.rdata'"});
    }
    {
        // Inside the section's address range but past its file data.
        TestPe pe = valid;
        put32(pe.bytes, pe.section_header(1) + 8, 0x4000);  // VirtualSize
        put32(pe.bytes, pe.data_directories, RDATA_RVA + 0x3000);
        check_error(parse_bytes(pe.bytes), {"export directory RVA 0x5000 lies in the zero-filled part of section '.rdata'"});
    }
    {
        // Overlapping the headers: read from there, and found to be nonsense.
        TestPe pe = valid;
        put32(pe.bytes, pe.data_directories, 0x40);
        check_parses_or_explains(pe.bytes, "export directory in the headers");
    }
}

BOOST_AUTO_TEST_CASE(export_directory_size_decides_forwarders) {
    const TestPe valid = build_test_pe();
    {
        TestPe pe = valid;
        put32(pe.bytes, pe.data_directories + 4, 0);
        const PeImage image = check_image(parse_bytes(pe.bytes));
        BOOST_TEST(!image.exports.at(2).forwarded);
        BOOST_TEST(image.exports.at(2).rva == TestPe::rdata_rva(pe.forwarder));
    }
    {
        // Claiming the whole address space from .rdata on: every export
        // there is a forwarder, the ones in .text (below it) are not.
        TestPe pe = valid;
        put32(pe.bytes, pe.data_directories + 4, 0xffffffff);
        const PeImage image = check_image(parse_bytes(pe.bytes));
        BOOST_TEST(!image.exports.at(0).forwarded);
        BOOST_TEST(image.exports.at(2).forwarder == "OTHER.Gamma");
    }
    {
        // A forwarder whose string has no terminator in the section.
        TestPe pe = valid;
        put32(pe.bytes, pe.export_address_table + 8, TestPe::rdata_rva(pe.rdata_end - 4));
        put32(pe.bytes, pe.data_directories + 4, 0x10000);
        check_error(parse_bytes(pe.bytes), {"forwarder of export 'GammaForward' at RVA", "is not NUL-terminated"});
    }
}

BOOST_AUTO_TEST_CASE(export_base) {
    TestPe pe = build_test_pe();
    put32(pe.bytes, pe.export_directory + 16, 0x100);
    BOOST_TEST(check_image(parse_bytes(pe.bytes)).exports.at(1).ordinal == 0x101u);
    // Base + index must stay an ordinal: no silent wrap to small numbers.
    for (std::uint32_t base : {0xfffffffdu, 0xffffffffu}) {
        put32(pe.bytes, pe.export_directory + 16, base);
        check_error(parse_bytes(pe.bytes), {"export ordinal base", "overflows"});
    }
}

BOOST_AUTO_TEST_CASE(export_number_of_functions) {
    const TestPe valid = build_test_pe();
    auto with = [&](std::uint32_t count) {
        TestPe pe = valid;
        put32(pe.bytes, pe.export_directory + 20, count);
        return parse_bytes(pe.bytes);
    };
    check_error(with(0), {"export directory has 3 names but no functions"});
    check_error(with(2), {"export 'GammaForward' has ordinal index 2 but the export address table has only 2 entries"});
    check_error(with(0x4000), {"export address table at RVA", "runs past the end of section '.rdata'"});
    check_error(with(0x10001), {"export directory claims 65537 functions (limit 65536)"});
    check_error(with(0xffffffff), {"export directory claims 4294967295 functions"});
    // Three of four: the ordinal-only export is gone.
    BOOST_TEST(check_image(with(3)).unnamed_exports == 0u);
}

BOOST_AUTO_TEST_CASE(export_number_of_names) {
    const TestPe valid = build_test_pe();
    auto with = [&](std::uint32_t count) {
        TestPe pe = valid;
        put32(pe.bytes, pe.export_directory + 24, count);
        return parse_bytes(pe.bytes);
    };
    const PeImage none = check_image(with(0));
    BOOST_TEST(none.exports.empty());
    BOOST_TEST(none.unnamed_exports == 4u);
    check_error(with(0x4000), {"export name pointer table at RVA", "runs past the end of section '.rdata'"});
    check_error(with(0x10001), {"export directory claims 65537 names (limit 65536)"});
    check_error(with(0xffffffff), {"export directory claims 4294967295 names"});
}

BOOST_AUTO_TEST_CASE(export_table_rvas) {
    const TestPe valid = build_test_pe();
    const struct {
        std::size_t field;
        std::string_view table;
    } tables[] = {{28, "export address table"}, {32, "export name pointer table"}, {36, "export ordinal table"}};
    for (const auto& t : tables) {
        BOOST_TEST_CONTEXT(t.table) {
            for (std::uint32_t rva : {0x9000u, 0xfffffffeu}) {
                TestPe pe = valid;
                put32(pe.bytes, pe.export_directory + t.field, rva);
                check_error(parse_bytes(pe.bytes), {std::string(t.table) + " RVA", "is not inside any section"});
            }
            TestPe pe = valid;
            put32(pe.bytes, pe.export_directory + t.field, TestPe::rdata_rva(pe.rdata_end - 2));
            check_error(parse_bytes(pe.bytes), {std::string(t.table) + " at RVA", "runs past the end of section '.rdata'"});
        }
    }
}

BOOST_AUTO_TEST_CASE(export_name_rva) {
    const TestPe valid = build_test_pe();
    for (std::uint32_t rva : {0x9000u, 0xffffffffu}) {
        TestPe pe = valid;
        put32(pe.bytes, pe.name_pointers + 4, rva);
        check_error(parse_bytes(pe.bytes), {"export name 1 RVA", "is not inside any section"});
    }
    {
        TestPe pe = valid;
        put32(pe.bytes, pe.name_pointers + 8, TestPe::rdata_rva(pe.rdata_end - 3));
        check_error(parse_bytes(pe.bytes), {"export name 2 at RVA", "is not NUL-terminated"});
    }
    {
        // Longer than any real name: refused before it is copied.
        TestPe pe = valid;
        const std::size_t at = grow_rdata(pe, 5000, std::byte{'x'});
        pe.bytes.at(at + 4999) = std::byte{0};
        put32(pe.bytes, pe.name_pointers, TestPe::rdata_rva(at));
        check_error(parse_bytes(pe.bytes), {"export name 0 at RVA", "is longer than 4096 bytes"});
        put32(pe.bytes, pe.name_pointers, TestPe::rdata_rva(at + 1000));  // 3999 bytes: fine
        BOOST_TEST(check_image(parse_bytes(pe.bytes)).exports.at(0).name.size() == 3999u);
    }
    {
        // Every name pointer at one string: read, not refused.
        TestPe pe = valid;
        for (std::size_t i = 0; i < 3; ++i) put32(pe.bytes, pe.name_pointers + 4 * i, get32(pe.bytes, pe.name_pointers));
        BOOST_TEST(export_names(check_image(parse_bytes(pe.bytes))) ==
                       (std::vector<std::string>{"AlphaExport", "AlphaExport", "AlphaExport"}),
                   boost::test_tools::per_element());
    }
}

BOOST_AUTO_TEST_CASE(export_name_ordinal) {
    TestPe pe = build_test_pe();
    put16(pe.bytes, pe.name_ordinals + 2, 4);
    check_error(parse_bytes(pe.bytes), {"export 'BetaExport' has ordinal index 4 but the export address table has only 4"});
    put16(pe.bytes, pe.name_ordinals + 2, 0xffff);
    check_error(parse_bytes(pe.bytes), {"ordinal index 65535"});
}

BOOST_AUTO_TEST_CASE(names_in_errors_are_printable) {
    // A name with a line break and a control byte must not break the
    // one-line error it is quoted in.
    TestPe pe = build_test_pe();
    put_text(pe.bytes, pe.forwarder, std::string_view("BAD\n\x1b\0", 6));
    put16(pe.bytes, pe.name_ordinals + 2, 9);
    put32(pe.bytes, pe.name_pointers + 4, TestPe::rdata_rva(pe.forwarder));
    check_error(parse_bytes(pe.bytes), {"export 'BAD\\x0a\\x1b", "has ordinal index 9"});

    TestPe imp = build_test_pe();
    const std::size_t name = imp.import_descriptors + 12;
    const std::size_t name_offset = RDATA_OFFSET + (get32(imp.bytes, name) - RDATA_RVA);
    put_text(imp.bytes, name_offset, "K\r\n");
    put32(imp.bytes, imp.lookup_table, 0x7ffffff0);
    check_error(parse_bytes(imp.bytes), {"imported name from K\\x0d\\x0a"});

    TestPe sec = build_test_pe();
    put_text(sec.bytes, sec.section_header(1), std::string_view("\n\x01x\0", 4));
    put32(sec.bytes, sec.data_directories, TestPe::rdata_rva(sec.rdata_end - 20));
    check_error(parse_bytes(sec.bytes), {"section '\\x0a\\x01x'"});
}

// --- Imports --------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(import_directory_rva) {
    const TestPe valid = build_test_pe();
    for (std::uint32_t rva : {0x9000u, 0xffffffffu}) {
        TestPe pe = valid;
        put32(pe.bytes, pe.data_directories + 8, rva);
        check_error(parse_bytes(pe.bytes), {"import descriptor 0 RVA", "is not inside any section"});
    }
    TestPe pe = valid;
    put32(pe.bytes, pe.data_directories + 8, TestPe::rdata_rva(pe.rdata_end - 10));
    check_error(parse_bytes(pe.bytes), {"import descriptor 0 at RVA", "(20 bytes) runs past the end of section '.rdata'"});
}

BOOST_AUTO_TEST_CASE(import_directory_size_is_not_a_bound) {
    // As for the loader, the terminator ends the list, not the size.
    TestPe pe = build_test_pe();
    put32(pe.bytes, pe.data_directories + 12, 0);
    BOOST_TEST(check_image(parse_bytes(pe.bytes)).imports.size() == 2u);
    put32(pe.bytes, pe.data_directories + 12, 0xffffffff);
    BOOST_TEST(check_image(parse_bytes(pe.bytes)).imports.size() == 2u);
}

BOOST_AUTO_TEST_CASE(import_descriptors_without_terminator) {
    TestPe pe = build_test_pe();
    const std::size_t copies = 50;
    const std::size_t at = grow_rdata(pe, 20 * copies, std::byte{0});
    for (std::size_t i = 0; i < copies; ++i) {
        for (std::size_t b = 0; b < 20; ++b) pe.bytes.at(at + 20 * i + b) = pe.bytes.at(pe.import_descriptors + b);
    }
    put32(pe.bytes, pe.data_directories + 8, TestPe::rdata_rva(at));
    check_error(parse_bytes(pe.bytes), {"import descriptor 50 RVA", "is not inside any section"});
    // Shorter by ten bytes: the last descriptor straddles the section end.
    put32(pe.bytes, pe.section_header(1) + 16, static_cast<std::uint32_t>(pe.rdata_end - 10 - RDATA_OFFSET));
    check_error(parse_bytes(pe.bytes), {"import descriptor 49 at RVA", "runs past the end of section '.rdata'"});
}

BOOST_AUTO_TEST_CASE(import_descriptor_count_is_capped) {
    TestPe pe = build_test_pe();
    const std::size_t copies = 4097;
    const std::size_t at = grow_rdata(pe, 20 * (copies + 1), std::byte{0});
    for (std::size_t i = 0; i < copies; ++i) {
        for (std::size_t b = 0; b < 20; ++b) pe.bytes.at(at + 20 * i + b) = pe.bytes.at(pe.import_descriptors + 20 + b);
    }
    put32(pe.bytes, pe.data_directories + 8, TestPe::rdata_rva(at));
    check_error(parse_bytes(pe.bytes), {"import directory has more than 4096 descriptors"});
}

BOOST_AUTO_TEST_CASE(import_descriptor_name) {
    const TestPe valid = build_test_pe();
    {
        TestPe pe = valid;
        put32(pe.bytes, pe.import_descriptors + 20 + 12, 0xfffffff0);
        check_error(parse_bytes(pe.bytes), {"name of import descriptor 1 RVA 0xfffffff0 is not inside any section"});
    }
    {
        TestPe pe = valid;
        put32(pe.bytes, pe.import_descriptors + 12, TestPe::rdata_rva(pe.rdata_end - 1));
        check_error(parse_bytes(pe.bytes), {"name of import descriptor 0 at RVA", "is not NUL-terminated"});
    }
    {
        // Name 0 ends the list, as for the loader.
        TestPe pe = valid;
        put32(pe.bytes, pe.import_descriptors + 20 + 12, 0);
        BOOST_TEST(check_image(parse_bytes(pe.bytes)).imported_dlls == (std::vector<std::string>{"KERNEL32.dll"}),
                   boost::test_tools::per_element());
    }
}

BOOST_AUTO_TEST_CASE(import_thunk_rvas) {
    const TestPe valid = build_test_pe();
    {
        // FirstThunk 0 ends the list.
        TestPe pe = valid;
        put32(pe.bytes, pe.import_descriptors + 16, 0);
        BOOST_TEST(check_image(parse_bytes(pe.bytes)).imports.empty());
    }
    {
        // OriginalFirstThunk 0: the address table stands in for it.
        TestPe pe = valid;
        put32(pe.bytes, pe.import_descriptors + 0, 0);
        put32(pe.bytes, pe.address_table, 0);
        put32(pe.bytes, pe.address_table + 4, 0x80000000);  // PE32+: upper half of entry 0 -> by ordinal
        const PeImage image = check_image(parse_bytes(pe.bytes));
        BOOST_TEST(image.imports.at(0).functions == (std::vector<std::string>{"Sleep"}), boost::test_tools::per_element());
        BOOST_TEST(image.imports.at(0).by_ordinal == 2u);
    }
    {
        TestPe pe = valid;
        put32(pe.bytes, pe.import_descriptors + 0, 0xfffffff8);
        check_error(parse_bytes(pe.bytes), {"import lookup entry 0 of KERNEL32.dll RVA 0xfffffff8 is not inside any section"});
        // With no lookup table, a bad address table is the one read.
        put32(pe.bytes, pe.import_descriptors + 0, 0);
        put32(pe.bytes, pe.import_descriptors + 16, 0x9000);
        check_error(parse_bytes(pe.bytes), {"import lookup entry 0 of KERNEL32.dll RVA 0x9000 is not inside any section"});
    }
}

BOOST_AUTO_TEST_CASE(import_lookup_table_without_terminator) {
    for (bool pe32_plus : {true, false}) {
        BOOST_TEST_CONTEXT((pe32_plus ? "PE32+" : "PE32")) {
            TestPe pe = build_test_pe(pe32_plus);
            const std::size_t at = grow_rdata(pe, 0x102, std::byte{0xff});  // all by ordinal, no 0 entry
            put32(pe.bytes, pe.import_descriptors, TestPe::rdata_rva(at));
            check_error(parse_bytes(pe.bytes), {"import lookup entry", "of KERNEL32.dll", "runs past the end of section '.rdata'"});
        }
    }
}

BOOST_AUTO_TEST_CASE(import_entries_are_capped_in_all) {
    // Two descriptors sharing one long table of ordinal imports: each table
    // is under the limit, together they are not.
    TestPe pe = build_test_pe();
    const std::size_t entries = 40000;
    const std::size_t at = grow_rdata(pe, 8 * (entries + 1), std::byte{0});
    for (std::size_t i = 0; i < entries; ++i) put64(pe.bytes, at + 8 * i, (std::uint64_t{1} << 63) | 7);
    put32(pe.bytes, pe.import_descriptors + 0, TestPe::rdata_rva(at));
    put32(pe.bytes, pe.import_descriptors + 20, TestPe::rdata_rva(at));
    check_error(parse_bytes(pe.bytes), {"import lookup entry 25536 of msvcrt.dll: the import tables have more than 65536 entries"});
    // msvcrt.dll back to its own table (its address table): 40000 is fine.
    put32(pe.bytes, pe.import_descriptors + 20, get32(pe.bytes, pe.import_descriptors + 20 + 16));
    BOOST_TEST(check_image(parse_bytes(pe.bytes)).imports.at(0).by_ordinal == entries);
}

BOOST_AUTO_TEST_CASE(import_names_cannot_amplify) {
    // A small file whose lookup entries all name one long string would make
    // a naive reader copy it again for each entry: gigabytes from a few
    // hundred kilobytes. The reader stops at a total budget instead.
    TestPe pe = build_test_pe();
    const std::size_t entries = 60000;
    const std::size_t at = grow_rdata(pe, 8 * (entries + 1) + 4098, std::byte{0});
    const std::size_t hint_name = at + 8 * (entries + 1);
    for (std::size_t i = 0; i < 4095; ++i) pe.bytes.at(hint_name + 2 + i) = std::byte{'n'};
    for (std::size_t i = 0; i < entries; ++i) put64(pe.bytes, at + 8 * i, TestPe::rdata_rva(hint_name));
    put32(pe.bytes, pe.import_descriptors + 0, TestPe::rdata_rva(at));
    const auto started = std::chrono::steady_clock::now();
    const PeParseResult r = parse_bytes(pe.bytes);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    check_error(r, {"names", "more than"});
    BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() < 2000);
}

BOOST_AUTO_TEST_CASE(import_hint_name_rva) {
    const TestPe valid = build_test_pe();
    {
        TestPe pe = valid;
        put32(pe.bytes, pe.lookup_table, 0x7ffffff0);
        check_error(parse_bytes(pe.bytes), {"imported name from KERNEL32.dll RVA 0x7ffffff2 is not inside any section"});
    }
    {
        TestPe pe = valid;
        put32(pe.bytes, pe.lookup_table, TestPe::rdata_rva(pe.rdata_end - 6));
        check_error(parse_bytes(pe.bytes), {"imported name from KERNEL32.dll at RVA", "is not NUL-terminated"});
    }
    {
        // PE32+: bits 31-62 of a by-name entry are reserved; the loader would
        // add them to the image base, so the entry points nowhere.
        TestPe pe = valid;
        put32(pe.bytes, pe.lookup_table + 4, 1);
        check_error(parse_bytes(pe.bytes), {"import lookup entry 0 of KERNEL32.dll", "reserved bits"});
        put32(pe.bytes, pe.lookup_table + 4, 0);
        put32(pe.bytes, pe.lookup_table, get32(pe.bytes, pe.lookup_table) | 0x80000000);
        check_error(parse_bytes(pe.bytes), {"import lookup entry 0 of KERNEL32.dll", "reserved bits"});
    }
}

// --- Sections -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(section_virtual_address) {
    const TestPe valid = build_test_pe();
    for (std::uint32_t va : {0x0u, 0x9000u, 0xffffff00u}) {
        TestPe pe = valid;
        put32(pe.bytes, pe.section_header(1) + 12, va);
        check_error(parse_bytes(pe.bytes), {"export directory RVA 0x2000 is not inside any section"});
    }
    {
        // Overlapping sections: the first in the table wins, here .text,
        // whose bytes make no export directory.
        TestPe pe = valid;
        put32(pe.bytes, pe.section_header(0) + 12, RDATA_RVA);
        check_error(parse_bytes(pe.bytes), {"export directory claims", "functions (limit 65536)"});
    }
    {
        // Wrapping: VirtualAddress + extent past 4 GiB claims nothing below.
        TestPe pe = valid;
        put32(pe.bytes, pe.section_header(0) + 12, 0xffffff00);
        put32(pe.bytes, pe.section_header(0) + 8, 0xffffffff);
        const PeImage image = check_image(parse_bytes(pe.bytes));
        BOOST_TEST(image.exports.size() == 3u);
        BOOST_TEST(image.imports.size() == 2u);
    }
}

BOOST_AUTO_TEST_CASE(overlapping_sections_first_in_table_wins) {
    // .text (first in the table) laid over the middle of .rdata: below it
    // the exports still come from .rdata, the import descriptors now come
    // from .text's int3 padding.
    TestPe pe = build_test_pe();
    put32(pe.bytes, pe.section_header(0) + 12, TestPe::rdata_rva(pe.import_descriptors));
    check_error(parse_bytes(pe.bytes), {"name of import descriptor 0 RVA 0xcccccccc is not inside any section"});
    // Swapping the two headers gives .rdata the overlap back.
    for (std::size_t b = 0; b < 40; ++b) std::swap(pe.bytes.at(pe.section_header(0) + b), pe.bytes.at(pe.section_header(1) + b));
    const PeImage image = check_image(parse_bytes(pe.bytes));
    BOOST_TEST(image.exports.size() == 3u);
    BOOST_TEST(image.imports.size() == 2u);
}

BOOST_AUTO_TEST_CASE(many_sections_and_names_stay_fast) {
    // 65535 sections ahead of the real two, and 65536 names to look up:
    // a scan of the section table per lookup would take billions of steps.
    TestPe pe = build_test_pe();
    const std::size_t names = 65536;
    const std::size_t at = grow_rdata(pe, 6 * names, std::byte{0});
    for (std::size_t i = 0; i < names; ++i) put32(pe.bytes, at + 4 * i, get32(pe.bytes, pe.name_pointers));
    put32(pe.bytes, pe.export_directory + 24, static_cast<std::uint32_t>(names));
    put32(pe.bytes, pe.export_directory + 32, TestPe::rdata_rva(at));
    put32(pe.bytes, pe.export_directory + 36, TestPe::rdata_rva(at + 4 * names));

    const std::size_t fillers = 0xffff - 2;
    const std::size_t delta = 40 * fillers;
    std::vector<std::byte> table(delta);
    for (std::size_t i = 0; i < fillers; ++i) {
        put32(table, 40 * i + 8, 0x10);                                           // VirtualSize
        put32(table, 40 * i + 12, static_cast<std::uint32_t>(0x100000 + 0x10 * i));  // VirtualAddress
    }
    pe.bytes.insert(pe.bytes.begin() + static_cast<std::ptrdiff_t>(pe.section_table), table.begin(), table.end());
    put16(pe.bytes, pe.coff + 2, 0xffff);
    for (std::size_t s : {fillers, fillers + 1}) {  // the real sections' data moved by delta
        const std::size_t raw = pe.section_header(s) + 20;
        put32(pe.bytes, raw, static_cast<std::uint32_t>(get32(pe.bytes, raw) + delta));
    }
    put32(pe.bytes, pe.coff + 8, static_cast<std::uint32_t>(pe.symbol_table + delta));

    const auto started = std::chrono::steady_clock::now();
    const PeParseResult r = parse_bytes(pe.bytes);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    BOOST_TEST(check_image(r).exports.size() == names);
    // About 50 ms; the old scan of the section table took 6 s.
    BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() < 1000);
}

BOOST_AUTO_TEST_CASE(section_virtual_size) {
    const TestPe valid = build_test_pe();
    {
        // 0 or small: the raw data is still addressable.
        TestPe pe = valid;
        put32(pe.bytes, pe.section_header(1) + 8, 0);
        check_valid_image(check_image(parse_bytes(pe.bytes)), true);
    }
    {
        TestPe pe = valid;
        put32(pe.bytes, pe.section_header(1) + 8, 0xffffffff);
        put32(pe.bytes, pe.name_pointers, 0x80000000);
        check_error(parse_bytes(pe.bytes), {"export name 0 RVA 0x80000000 lies in the zero-filled part of section '.rdata'"});
    }
}

BOOST_AUTO_TEST_CASE(section_size_of_raw_data) {
    const TestPe valid = build_test_pe();
    {
        TestPe pe = valid;
        put32(pe.bytes, pe.section_header(1) + 16, 0);
        check_error(parse_bytes(pe.bytes), {"export directory RVA 0x2000 lies in the zero-filled part of section '.rdata'"});
    }
    {
        // Larger than the file: what is present is still read ...
        TestPe pe = valid;
        put32(pe.bytes, pe.section_header(1) + 16, 0xffffffff);
        const PeImage image = check_image(parse_bytes(pe.bytes));
        BOOST_TEST(image.exports.size() == 3u);
        // ... and what is not is named as truncation.
        put32(pe.bytes, pe.name_pointers, RDATA_RVA + 0x100000);
        check_error(parse_bytes(pe.bytes), {"truncated PE: export name 0 at RVA 0x102000 in section '.rdata'"});
        pe.bytes.back() = std::byte{'X'};
        put32(pe.bytes, pe.name_pointers, TestPe::rdata_rva(pe.bytes.size() - 2));
        check_error(parse_bytes(pe.bytes), {"export name 0 at RVA", "is not NUL-terminated", "file size"});
    }
}

BOOST_AUTO_TEST_CASE(section_pointer_to_raw_data) {
    const TestPe valid = build_test_pe();
    for (std::uint32_t offset : {static_cast<std::uint32_t>(valid.bytes.size()), 0xfffffe00u, 0xffffffffu}) {
        TestPe pe = valid;
        put32(pe.bytes, pe.section_header(1) + 20, offset);
        check_error(parse_bytes(pe.bytes), {"truncated PE: export directory at RVA 0x2000 in section '.rdata'"});
    }
    {
        // Near the end: the directory is there, its tables are cut off.
        TestPe pe = valid;
        put32(pe.bytes, pe.section_header(1) + 20, static_cast<std::uint32_t>(valid.bytes.size() - 60));
        check_parses_or_explains(pe.bytes, "raw data cut by the end of file");
    }
    for (std::uint32_t offset : {0u, TEXT_OFFSET}) {  // overlapping the headers or .text
        TestPe pe = valid;
        put32(pe.bytes, pe.section_header(1) + 20, offset);
        check_parses_or_explains(pe.bytes, "raw data overlapping other data");
    }
}

// --- COFF symbol table (debug data: damage drops symbols, never the image) ------

BOOST_AUTO_TEST_CASE(pointer_to_symbol_table) {
    const TestPe valid = build_test_pe();
    const auto size = static_cast<std::uint32_t>(valid.bytes.size());
    for (std::uint32_t offset : {0u, size, size - 1, 0x7fffffffu, 0xffffffffu}) {
        TestPe pe = valid;
        put32(pe.bytes, pe.coff + 8, offset);
        const PeImage image = check_image(parse_bytes(pe.bytes));
        BOOST_TEST(image.exports.size() == 3u);
        if (offset != 0) BOOST_TEST(image.functions.empty());
    }
    // Into the headers: whatever is read there is no function.
    TestPe pe = valid;
    put32(pe.bytes, pe.coff + 8, 0x40);
    BOOST_TEST(check_image(parse_bytes(pe.bytes)).exports.size() == 3u);
}

BOOST_AUTO_TEST_CASE(number_of_symbols) {
    const TestPe valid = build_test_pe();
    {
        // Past the end of file: as many as fit are read; the string table
        // is then looked for past the end, so the long name is lost.
        TestPe pe = valid;
        put32(pe.bytes, pe.coff + 12, 0xffffffff);
        const PeImage image = check_image(parse_bytes(pe.bytes));
        BOOST_TEST_REQUIRE(!image.functions.empty());
        BOOST_TEST(image.functions[0].name == "alpha");
    }
    {
        // Fewer: the string table is looked for inside the symbols (at
        // "beta_implementation"'s record, whose first word is 0).
        TestPe pe = valid;
        put32(pe.bytes, pe.coff + 12, 3);
        const PeImage image = check_image(parse_bytes(pe.bytes));
        BOOST_TEST_REQUIRE(image.functions.size() == 1u);
        BOOST_TEST(image.functions[0].name == "alpha");
    }
    {
        TestPe pe = valid;
        put32(pe.bytes, pe.coff + 12, 0);
        BOOST_TEST(check_image(parse_bytes(pe.bytes)).functions.empty());
    }
}

BOOST_AUTO_TEST_CASE(symbol_aux_count) {
    TestPe pe = build_test_pe();
    pe.bytes.at(pe.symbol(0) + 17) = std::byte{0xff};  // .file's aux records swallow the rest
    BOOST_TEST(check_image(parse_bytes(pe.bytes)).functions.empty());
    pe.bytes.at(pe.symbol(0) + 17) = std::byte{2};  // swallows "alpha" only
    const PeImage image = check_image(parse_bytes(pe.bytes));
    BOOST_TEST_REQUIRE(image.functions.size() == 1u);
    BOOST_TEST(image.functions[0].name == "beta_implementation");
}

BOOST_AUTO_TEST_CASE(symbol_section_number) {
    for (std::uint16_t section : {0, 3, 0x7fff, 0x8000, 0xffff, 0xfffe}) {
        TestPe pe = build_test_pe();
        put16(pe.bytes, pe.symbol(2) + 12, section);
        const PeImage image = check_image(parse_bytes(pe.bytes));
        BOOST_TEST_REQUIRE(image.functions.size() == 1u, "section number " << section);
        BOOST_TEST(image.functions[0].name == "beta_implementation");
    }
}

BOOST_AUTO_TEST_CASE(symbol_value_wraps_inside_32_bits) {
    TestPe pe = build_test_pe();
    put32(pe.bytes, pe.symbol(2) + 8, 0xffffffff);
    const PeImage image = check_image(parse_bytes(pe.bytes));
    BOOST_TEST_REQUIRE(image.functions.size() == 2u);
    BOOST_TEST(image.functions[0].name == "alpha");
    BOOST_TEST(image.functions[0].rva == TEXT_RVA - 1);
}

BOOST_AUTO_TEST_CASE(symbol_string_table_offsets) {
    const TestPe valid = build_test_pe();
    for (std::uint32_t offset : {0u, 3u, 24u, 0x7fffffffu, 0xffffffffu}) {
        TestPe pe = valid;
        put32(pe.bytes, pe.symbol(3) + 4, offset);
        const PeImage image = check_image(parse_bytes(pe.bytes));
        BOOST_TEST_REQUIRE(image.functions.size() == 1u, "offset " << offset);
        BOOST_TEST(image.functions[0].name == "alpha");
    }
    {
        // Table size past the end of file, name without terminator: cut at
        // the end of file.
        TestPe pe = valid;
        put32(pe.bytes, pe.string_table, 0xffffffff);
        pe.bytes.back() = std::byte{'X'};
        BOOST_TEST(check_image(parse_bytes(pe.bytes)).functions.at(1).name == "beta_implementationX");
    }
    {
        // Table size shorter than the name: cut at the table's end.
        TestPe pe = valid;
        put32(pe.bytes, pe.string_table, 8);
        BOOST_TEST(check_image(parse_bytes(pe.bytes)).functions.at(1).name == "beta");
    }
    {
        // The size field itself cut off by the end of file.
        TestPe pe = valid;
        pe.bytes.resize(pe.string_table + 2);
        BOOST_TEST(check_image(parse_bytes(pe.bytes)).functions.size() == 1u);
    }
}

// --- Whole-file sweeps ------------------------------------------------------------

BOOST_AUTO_TEST_CASE(every_truncation) {
    for (bool pe32_plus : {true, false}) {
        const TestPe pe = build_test_pe(pe32_plus);
        for (std::size_t length = 0; length < pe.bytes.size(); ++length) {
            check_parses_or_explains(prefix(pe.bytes, length), "length " + std::to_string(length));
        }
    }
}

BOOST_AUTO_TEST_CASE(every_dword_set_to_edge_values) {
    // Each aligned 32-bit word, hence every field the reader reads, set to
    // values that break naive arithmetic.
    for (bool pe32_plus : {true, false}) {
        const TestPe valid = build_test_pe(pe32_plus);
        const auto size = static_cast<std::uint32_t>(valid.bytes.size());
        for (std::size_t at = 0; at + 4 <= valid.bytes.size(); at += 2) {
            for (std::uint32_t value : {0u, 1u, 0x7fffffffu, 0x80000000u, 0xffffffffu, 0xfffffffcu, size, size - 1,
                                        0x10000u}) {
                TestPe pe = valid;
                put32(pe.bytes, at, value);
                check_parses_or_explains(pe.bytes, "offset " + std::to_string(at) + " = " + std::to_string(value));
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace rasconform
