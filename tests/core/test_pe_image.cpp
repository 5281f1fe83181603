#include <boost/test/unit_test.hpp>

#include "pe_builder.hpp"
#include "rasconform/pe_image.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace rasconform {
namespace {

// Synthetic images are built here instead of checked in as binaries, so every
// field a test relies on is visible in the source and can be patched to make
// a hostile variant.

constexpr std::uint32_t ONE_SECTION_E_LFANEW = 0x80;
constexpr std::uint32_t ONE_SECTION_SIZE_OF_HEADERS = 0x200;
constexpr std::uint32_t ONE_SECTION_SECTION_RVA = 0x1000;
constexpr std::uint32_t ONE_SECTION_SECTION_FILE_OFFSET = ONE_SECTION_SIZE_OF_HEADERS;
constexpr std::uint16_t COFF_FLAGS_DLL = 0x2022;  // EXECUTABLE | LARGE_ADDRESS_AWARE | DLL
constexpr std::uint16_t COFF_FLAGS_EXE = 0x0022;

struct FunctionSpec {
    std::string name;         // empty: exported by ordinal only
    std::string forwarder;    // non-empty: forwarded export
    bool present = true;      // false: an empty slot (RVA 0) in the export address table
};

struct ImageSpec {
    bool pe32_plus = true;
    std::uint16_t machine = PE_MACHINE_AMD64;
    std::uint16_t characteristics = COFF_FLAGS_DLL;
    std::uint32_t timestamp = 0x6553f100;
    bool with_exports = true;
    std::uint32_t ordinal_base = 1;
    std::vector<FunctionSpec> functions;
    std::vector<std::string> imports;
};

struct BuiltImage {
    std::vector<std::byte> bytes;
    std::vector<std::uint32_t> function_rvas;  // export address table contents
    std::size_t optional_header_offset = 0;
    std::size_t section_table_offset = 0;
    std::size_t export_directory_offset = 0;  // file offsets of the tables
    std::size_t name_pointers_offset = 0;
    std::size_t name_ordinals_offset = 0;
    std::size_t section_end_offset = 0;  // one past the section's raw data
};

using pe_test::put16;
using pe_test::put32;
using pe_test::put_text;

std::size_t append_zeros(std::vector<std::byte>& v, std::size_t count) {
    const std::size_t at = v.size();
    v.resize(at + count);
    return at;
}

std::size_t append_string(std::vector<std::byte>& v, std::string_view text) {
    const std::size_t at = append_zeros(v, text.size() + 1);
    put_text(v, at, text);
    return at;
}

void align(std::vector<std::byte>& v, std::size_t alignment) {
    v.resize((v.size() + alignment - 1) / alignment * alignment);
}

// One section (".rdata", RVA 0x1000, file offset 0x200) holding the export
// directory, its tables and strings, the import descriptors and some fake
// code that non-forwarded exports point at.
BuiltImage build_image(const ImageSpec& spec) {
    BuiltImage out;
    std::vector<std::byte> sec;  // section contents; index = RVA - ONE_SECTION_SECTION_RVA
    const auto rva_of = [](std::size_t section_offset) {
        return static_cast<std::uint32_t>(ONE_SECTION_SECTION_RVA + section_offset);
    };

    std::uint32_t export_rva = 0;
    std::uint32_t export_size = 0;
    std::size_t eat = 0;
    std::vector<std::size_t> forwarder_at(spec.functions.size(), 0);
    if (spec.with_exports) {
        std::vector<std::size_t> named;  // function indexes, in name-table order
        for (std::size_t i = 0; i < spec.functions.size(); ++i) {
            if (!spec.functions[i].name.empty()) {
                named.push_back(i);
            }
        }
        const std::size_t dir = append_zeros(sec, 40);
        eat = append_zeros(sec, 4 * spec.functions.size());
        const std::size_t names = append_zeros(sec, 4 * named.size());
        const std::size_t ordinals = append_zeros(sec, 2 * named.size());
        const std::size_t dll_name = append_string(sec, "sample.dll");
        for (std::size_t n = 0; n < named.size(); ++n) {
            const std::size_t at = append_string(sec, spec.functions[named[n]].name);
            put32(sec, names + 4 * n, rva_of(at));
            put16(sec, ordinals + 2 * n, static_cast<std::uint16_t>(named[n]));
        }
        for (std::size_t i = 0; i < spec.functions.size(); ++i) {
            if (!spec.functions[i].forwarder.empty()) {
                forwarder_at[i] = append_string(sec, spec.functions[i].forwarder);
            }
        }
        // Forwarder strings must lie inside the directory range, so the
        // recorded size covers everything appended so far.
        export_rva = rva_of(dir);
        export_size = static_cast<std::uint32_t>(sec.size() - dir);
        put32(sec, dir + 12, rva_of(dll_name));
        put32(sec, dir + 16, spec.ordinal_base);
        put32(sec, dir + 20, static_cast<std::uint32_t>(spec.functions.size()));
        put32(sec, dir + 24, static_cast<std::uint32_t>(named.size()));
        put32(sec, dir + 28, rva_of(eat));
        put32(sec, dir + 32, rva_of(names));
        put32(sec, dir + 36, rva_of(ordinals));
        out.export_directory_offset = ONE_SECTION_SECTION_FILE_OFFSET + dir;
        out.name_pointers_offset = ONE_SECTION_SECTION_FILE_OFFSET + names;
        out.name_ordinals_offset = ONE_SECTION_SECTION_FILE_OFFSET + ordinals;
    }

    std::uint32_t import_rva = 0;
    std::uint32_t import_size = 0;
    if (!spec.imports.empty()) {
        align(sec, 8);
        const std::size_t descriptors = append_zeros(sec, 20 * (spec.imports.size() + 1));
        // Every descriptor shares one empty thunk list: the reader only needs
        // FirstThunk to be non-zero.
        const std::size_t thunks = append_zeros(sec, 8);
        for (std::size_t i = 0; i < spec.imports.size(); ++i) {
            const std::size_t name = append_string(sec, spec.imports[i]);
            put32(sec, descriptors + 20 * i + 0, rva_of(thunks));
            put32(sec, descriptors + 20 * i + 12, rva_of(name));
            put32(sec, descriptors + 20 * i + 16, rva_of(thunks));
        }
        import_rva = rva_of(descriptors);
        import_size = static_cast<std::uint32_t>(20 * (spec.imports.size() + 1));
    }

    align(sec, 16);
    out.function_rvas.assign(spec.functions.size(), 0);
    for (std::size_t i = 0; i < spec.functions.size(); ++i) {
        const FunctionSpec& f = spec.functions[i];
        if (!f.present) {
            continue;
        }
        if (!f.forwarder.empty()) {
            out.function_rvas[i] = rva_of(forwarder_at[i]);
        } else {
            const std::size_t code = append_zeros(sec, 16);
            for (std::size_t b = code; b < sec.size(); ++b) {
                sec[b] = std::byte{0xc3};  // ret
            }
            out.function_rvas[i] = rva_of(code);
        }
        put32(sec, eat + 4 * i, out.function_rvas[i]);
    }
    const auto virtual_size = static_cast<std::uint32_t>(sec.size());
    align(sec, 0x200);

    std::vector<std::byte>& img = out.bytes;
    img.resize(ONE_SECTION_SIZE_OF_HEADERS);
    put_text(img, 0, "MZ");
    put32(img, 0x3c, ONE_SECTION_E_LFANEW);
    put_text(img, ONE_SECTION_E_LFANEW, std::string_view("PE\0\0", 4));

    const std::size_t coff = ONE_SECTION_E_LFANEW + 4;
    const std::uint16_t optional_size = spec.pe32_plus ? 0xf0 : 0xe0;
    put16(img, coff + 0, spec.machine);
    put16(img, coff + 2, 1);  // NumberOfSections
    put32(img, coff + 4, spec.timestamp);
    put16(img, coff + 16, optional_size);
    put16(img, coff + 18, spec.characteristics);

    const std::size_t opt = coff + 20;
    out.optional_header_offset = opt;
    put16(img, opt + 0, spec.pe32_plus ? 0x20b : 0x10b);
    put32(img, opt + 32, 0x1000);  // SectionAlignment
    put32(img, opt + 36, 0x200);   // FileAlignment
    put32(img, opt + 56, ONE_SECTION_SECTION_RVA + ((virtual_size + 0xfff) & ~0xfffu));  // SizeOfImage
    put32(img, opt + 60, ONE_SECTION_SIZE_OF_HEADERS);
    const std::size_t rva_count = opt + (spec.pe32_plus ? 108 : 92);
    put32(img, rva_count, 16);
    put32(img, rva_count + 4 + 0, export_rva);
    put32(img, rva_count + 4 + 4, export_size);
    put32(img, rva_count + 4 + 8, import_rva);
    put32(img, rva_count + 4 + 12, import_size);

    const std::size_t section = opt + optional_size;
    out.section_table_offset = section;
    put_text(img, section, ".rdata");
    put32(img, section + 8, virtual_size);
    put32(img, section + 12, ONE_SECTION_SECTION_RVA);
    put32(img, section + 16, static_cast<std::uint32_t>(sec.size()));
    put32(img, section + 20, ONE_SECTION_SECTION_FILE_OFFSET);
    put32(img, section + 36, 0x40000040);  // INITIALIZED_DATA | MEM_READ

    img.insert(img.end(), sec.begin(), sec.end());
    out.section_end_offset = img.size();
    return out;
}

// Export table of a typical admin DLL, with the awkward cases mixed in: a
// forwarder, an ordinal-only export and an empty slot, so that name index
// and function index differ from the third name on.
ImageSpec admin_dll_spec() {
    ImageSpec spec;
    spec.functions = {
        {"MprAdminAcceptNewConnection", "", true},
        {"MprAdminConnectionHangupNotification", "", true},
        {"", "", true},  // ordinal only
        {"", "", false}, // empty slot
        {"MprAdminGetIpAddressForUser", "OTHER.GetAddress", true},
        {"MprAdminReleaseIpAddress", "", true},
    };
    spec.imports = {"KERNEL32.dll", "msvcrt.dll"};
    return spec;
}

PeParseResult parse_image(const std::vector<std::byte>& bytes) {
    return parse_pe(std::span<const std::byte>(bytes.data(), bytes.size()));
}

std::vector<std::byte> to_bytes(std::string_view text) {
    std::vector<std::byte> out;
    for (char c : text) {
        out.push_back(static_cast<std::byte>(c));
    }
    return out;
}

bool contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

// The contract for any input: an image, or an error that says something.
void check_parses_or_explains(const std::vector<std::byte>& bytes, std::size_t label) {
    const PeParseResult r = parse_image(bytes);
    if (!r.image) {
        BOOST_TEST(!r.error.empty(), "no error text for variant " << label);
    }
}

void check_admin_exports(const PeImage& image, const BuiltImage& built, std::uint32_t base) {
    BOOST_TEST_REQUIRE(image.exports.size() == 4u);

    BOOST_TEST(image.exports[0].name == "MprAdminAcceptNewConnection");
    BOOST_TEST(image.exports[0].ordinal == base + 0);
    BOOST_TEST(image.exports[0].rva == built.function_rvas[0]);
    BOOST_TEST(!image.exports[0].forwarded);
    BOOST_TEST(image.exports[0].forwarder.empty());

    BOOST_TEST(image.exports[1].name == "MprAdminConnectionHangupNotification");
    BOOST_TEST(image.exports[1].ordinal == base + 1);
    BOOST_TEST(image.exports[1].rva == built.function_rvas[1]);
    BOOST_TEST(!image.exports[1].forwarded);

    BOOST_TEST(image.exports[2].name == "MprAdminGetIpAddressForUser");
    BOOST_TEST(image.exports[2].ordinal == base + 4);
    BOOST_TEST(image.exports[2].rva == built.function_rvas[4]);
    BOOST_TEST(image.exports[2].forwarded);
    BOOST_TEST(image.exports[2].forwarder == "OTHER.GetAddress");

    BOOST_TEST(image.exports[3].name == "MprAdminReleaseIpAddress");
    BOOST_TEST(image.exports[3].ordinal == base + 5);
    BOOST_TEST(image.exports[3].rva == built.function_rvas[5]);
    BOOST_TEST(!image.exports[3].forwarded);

    // Index 2 is exported by ordinal only; the empty slot at 3 is not an export.
    BOOST_TEST(image.unnamed_exports == 1u);
}

// Removes the scratch directory even when a check throws.
struct ScratchDir {
    std::filesystem::path path;
    ScratchDir() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() /
               ("rasconform-pe-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
};

void write_file(const std::filesystem::path& path, const std::vector<std::byte>& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    BOOST_TEST_REQUIRE(out.good());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pe_image)

BOOST_AUTO_TEST_CASE(parses_pe32_plus_dll) {
    const BuiltImage built = build_image(admin_dll_spec());
    const PeParseResult r = parse_image(built.bytes);
    BOOST_TEST_REQUIRE(r.image.has_value(), r.error);
    const PeImage& image = *r.image;
    BOOST_TEST(image.machine == PE_MACHINE_AMD64);
    BOOST_TEST(image.characteristics == COFF_FLAGS_DLL);
    BOOST_TEST(image.timestamp == 0x6553f100u);
    BOOST_TEST(image.is_dll);
    BOOST_TEST(image.pe32_plus);
    check_admin_exports(image, built, 1);
    BOOST_TEST(image.imported_dlls == (std::vector<std::string>{"KERNEL32.dll", "msvcrt.dll"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(parses_pe32_i386_dll) {
    ImageSpec spec = admin_dll_spec();
    spec.pe32_plus = false;
    spec.machine = PE_MACHINE_I386;
    const BuiltImage built = build_image(spec);
    const PeParseResult r = parse_image(built.bytes);
    BOOST_TEST_REQUIRE(r.image.has_value(), r.error);
    BOOST_TEST(r.image->machine == PE_MACHINE_I386);
    BOOST_TEST(r.image->is_dll);
    BOOST_TEST(!r.image->pe32_plus);
    check_admin_exports(*r.image, built, 1);
    BOOST_TEST(r.image->imported_dlls == (std::vector<std::string>{"KERNEL32.dll", "msvcrt.dll"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ordinals_are_biased_by_base) {
    ImageSpec spec = admin_dll_spec();
    spec.ordinal_base = 100;
    const BuiltImage built = build_image(spec);
    const PeParseResult r = parse_image(built.bytes);
    BOOST_TEST_REQUIRE(r.image.has_value(), r.error);
    check_admin_exports(*r.image, built, 100);
}

BOOST_AUTO_TEST_CASE(executable_is_not_a_dll) {
    ImageSpec spec = admin_dll_spec();
    spec.characteristics = COFF_FLAGS_EXE;
    const PeParseResult r = parse_image(build_image(spec).bytes);
    BOOST_TEST_REQUIRE(r.image.has_value(), r.error);
    BOOST_TEST(!r.image->is_dll);
    BOOST_TEST(r.image->characteristics == COFF_FLAGS_EXE);
}

BOOST_AUTO_TEST_CASE(dll_without_exports_or_imports_is_valid) {
    ImageSpec spec;
    spec.with_exports = false;
    const PeParseResult r = parse_image(build_image(spec).bytes);
    BOOST_TEST_REQUIRE(r.image.has_value(), r.error);
    BOOST_TEST(r.image->exports.empty());
    BOOST_TEST(r.image->unnamed_exports == 0u);
    BOOST_TEST(r.image->imported_dlls.empty());
}

BOOST_AUTO_TEST_CASE(directories_beyond_number_of_rva_and_sizes_are_absent) {
    BuiltImage built = build_image(admin_dll_spec());
    put32(built.bytes, built.optional_header_offset + 108, 0);  // PE32+ NumberOfRvaAndSizes
    const PeParseResult r = parse_image(built.bytes);
    BOOST_TEST_REQUIRE(r.image.has_value(), r.error);
    BOOST_TEST(r.image->exports.empty());
    BOOST_TEST(r.image->imported_dlls.empty());
}

BOOST_AUTO_TEST_CASE(name_rva_inside_headers_maps_to_same_offset) {
    BuiltImage built = build_image(admin_dll_spec());
    // 0x40..0x80 is the unused DOS stub area of the synthetic image.
    put_text(built.bytes, 0x40, std::string_view("HeaderName\0", 11));
    put32(built.bytes, built.name_pointers_offset, 0x40);
    const PeParseResult r = parse_image(built.bytes);
    BOOST_TEST_REQUIRE(r.image.has_value(), r.error);
    BOOST_TEST(r.image->exports.at(0).name == "HeaderName");
}

BOOST_AUTO_TEST_CASE(machine_names) {
    BOOST_TEST(machine_name(PE_MACHINE_AMD64) == "x86_64");
    BOOST_TEST(machine_name(PE_MACHINE_I386) == "i686");
    BOOST_TEST(machine_name(PE_MACHINE_ARM64) == "arm64");
    BOOST_TEST(machine_name(PE_MACHINE_ARMNT) == "armnt");
    BOOST_TEST(machine_name(0x1234) == "unknown (0x1234)");
    BOOST_TEST(machine_name(0x0200) == "unknown (0x0200)");
}

BOOST_AUTO_TEST_CASE(rejects_empty_buffer) {
    const PeParseResult r = parse_pe({});
    BOOST_TEST(!r.image.has_value());
    BOOST_TEST(r.error == "not a PE file (no MZ signature)");
}

BOOST_AUTO_TEST_CASE(rejects_text_file) {
    const PeParseResult r = parse_image(to_bytes("hello world"));
    BOOST_TEST(!r.image.has_value());
    BOOST_TEST(r.error == "not a PE file (no MZ signature)");
}

BOOST_AUTO_TEST_CASE(rejects_mz_without_pe_signature) {
    std::vector<std::byte> bytes(0x100);
    put_text(bytes, 0, "MZ");
    put32(bytes, 0x3c, 0x80);
    put_text(bytes, 0x80, "NE");
    const PeParseResult r = parse_image(bytes);
    BOOST_TEST(!r.image.has_value());
    BOOST_TEST(r.error == "not a PE file (no PE signature at offset 0x80)");
}

BOOST_AUTO_TEST_CASE(rejects_truncated_dos_header) {
    const PeParseResult r = parse_image(to_bytes("MZ hello"));
    BOOST_TEST(!r.image.has_value());
    BOOST_TEST(contains(r.error, "truncated PE"), r.error);
}

BOOST_AUTO_TEST_CASE(rejects_e_lfanew_past_end) {
    for (std::uint32_t e_lfanew : {0x10000u, 0xfffffffeu, 0xffffffffu}) {
        BuiltImage built = build_image(admin_dll_spec());
        put32(built.bytes, 0x3c, e_lfanew);
        const PeParseResult r = parse_image(built.bytes);
        BOOST_TEST(!r.image.has_value());
        BOOST_TEST(contains(r.error, "e_lfanew"), r.error);
    }
}

BOOST_AUTO_TEST_CASE(rejects_unknown_optional_header_magic) {
    BuiltImage built = build_image(admin_dll_spec());
    put16(built.bytes, built.optional_header_offset, 0x107);  // ROM image
    const PeParseResult r = parse_image(built.bytes);
    BOOST_TEST(!r.image.has_value());
    BOOST_TEST(contains(r.error, "magic 0x107"), r.error);
}

BOOST_AUTO_TEST_CASE(rejects_section_table_past_end) {
    BuiltImage built = build_image(admin_dll_spec());
    put16(built.bytes, ONE_SECTION_E_LFANEW + 4 + 2, 0xffff);  // NumberOfSections
    const PeParseResult r = parse_image(built.bytes);
    BOOST_TEST(!r.image.has_value());
    BOOST_TEST(contains(r.error, "section table extends past end of file"), r.error);
}

BOOST_AUTO_TEST_CASE(rejects_export_directory_outside_sections) {
    BuiltImage built = build_image(admin_dll_spec());
    put32(built.bytes, built.optional_header_offset + 112, 0x9000);  // export directory RVA
    const PeParseResult r = parse_image(built.bytes);
    BOOST_TEST(!r.image.has_value());
    BOOST_TEST(r.error == "export directory RVA 0x9000 is not inside any section");
}

BOOST_AUTO_TEST_CASE(rejects_name_ordinal_index_out_of_range) {
    BuiltImage built = build_image(admin_dll_spec());
    put16(built.bytes, built.name_ordinals_offset, 0xffff);
    const PeParseResult r = parse_image(built.bytes);
    BOOST_TEST(!r.image.has_value());
    BOOST_TEST(contains(r.error, "ordinal index 65535"), r.error);
}

BOOST_AUTO_TEST_CASE(rejects_unterminated_export_name) {
    BuiltImage built = build_image(admin_dll_spec());
    // Make the section end in a run of non-NUL bytes and point a name at it,
    // so the only terminator would be beyond the section's raw data.
    const std::size_t start = built.section_end_offset - 8;
    put_text(built.bytes, start, "ABCDEFGH");
    put32(built.bytes, built.name_pointers_offset + 4,
          static_cast<std::uint32_t>(ONE_SECTION_SECTION_RVA + (start - ONE_SECTION_SECTION_FILE_OFFSET)));
    const PeParseResult r = parse_image(built.bytes);
    BOOST_TEST(!r.image.has_value());
    BOOST_TEST(contains(r.error, "not NUL-terminated"), r.error);
}

BOOST_AUTO_TEST_CASE(huge_export_counts_fail_fast) {
    for (std::size_t field : {std::size_t{20}, std::size_t{24}}) {  // NumberOfFunctions, NumberOfNames
        for (std::uint32_t count : {0xffffffffu, 0x10000u}) {
            BuiltImage built = build_image(admin_dll_spec());
            put32(built.bytes, built.export_directory_offset + field, count);
            const auto started = std::chrono::steady_clock::now();
            const PeParseResult r = parse_image(built.bytes);
            const auto elapsed = std::chrono::steady_clock::now() - started;
            BOOST_TEST(!r.image.has_value());
            BOOST_TEST(!r.error.empty());
            BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() < 1000);
        }
    }
}

BOOST_AUTO_TEST_CASE(import_descriptor_count_is_capped) {
    ImageSpec spec;
    spec.with_exports = false;
    for (int i = 0; i < 4096; ++i) {
        spec.imports.push_back("d" + std::to_string(i) + ".dll");
    }
    const PeParseResult at_limit = parse_image(build_image(spec).bytes);
    BOOST_TEST_REQUIRE(at_limit.image.has_value(), at_limit.error);
    BOOST_TEST(at_limit.image->imported_dlls.size() == 4096u);
    BOOST_TEST(at_limit.image->imported_dlls.back() == "d4095.dll");

    spec.imports.push_back("one-too-many.dll");
    const PeParseResult over = parse_image(build_image(spec).bytes);
    BOOST_TEST(!over.image.has_value());
    BOOST_TEST(contains(over.error, "more than 4096"), over.error);
}

BOOST_AUTO_TEST_CASE(every_truncation_parses_or_fails_cleanly) {
    for (bool pe32_plus : {true, false}) {
        ImageSpec spec = admin_dll_spec();
        spec.pe32_plus = pe32_plus;
        const BuiltImage built = build_image(spec);
        for (std::size_t length = 0; length < built.bytes.size(); ++length) {
            const std::vector<std::byte> prefix(built.bytes.begin(),
                                                built.bytes.begin() + static_cast<std::ptrdiff_t>(length));
            check_parses_or_explains(prefix, length);
        }
        const PeParseResult full = parse_image(built.bytes);
        BOOST_TEST_REQUIRE(full.image.has_value(), full.error);
        check_admin_exports(*full.image, built, 1);
    }
}

BOOST_AUTO_TEST_CASE(truncated_image_names_the_problem) {
    const BuiltImage built = build_image(admin_dll_spec());
    // Cut inside the section: the headers survive, the export data does not.
    const std::vector<std::byte> cut(built.bytes.begin(), built.bytes.begin() + ONE_SECTION_SECTION_FILE_OFFSET + 20);
    const PeParseResult r = parse_image(cut);
    BOOST_TEST(!r.image.has_value());
    BOOST_TEST(contains(r.error, "truncated PE"), r.error);
    BOOST_TEST(contains(r.error, "export directory"), r.error);
}

BOOST_AUTO_TEST_CASE(every_single_byte_corruption_parses_or_fails_cleanly) {
    const BuiltImage built = build_image(admin_dll_spec());
    for (std::size_t at = 0; at < built.bytes.size(); ++at) {
        for (std::byte value : {std::byte{0x00}, std::byte{0x7f}, std::byte{0xff}}) {
            std::vector<std::byte> bytes = built.bytes;
            bytes[at] = value;
            check_parses_or_explains(bytes, at);
        }
    }
}

BOOST_AUTO_TEST_CASE(read_pe_file_reports_file_problems) {
    ScratchDir dir;
    BOOST_TEST(read_pe_file(dir.path / "missing.dll").error == "file not found");
    BOOST_TEST(read_pe_file(dir.path).error == "is a directory");

    write_file(dir.path / "empty.dll", {});
    BOOST_TEST(read_pe_file(dir.path / "empty.dll").error == "empty file");

    write_file(dir.path / "text.dll", to_bytes("hello world"));
    BOOST_TEST(read_pe_file(dir.path / "text.dll").error == "not a PE file (no MZ signature)");
}

BOOST_AUTO_TEST_CASE(read_pe_file_parses_image) {
    ScratchDir dir;
    const BuiltImage built = build_image(admin_dll_spec());
    write_file(dir.path / "admin.dll", built.bytes);
    const PeParseResult r = read_pe_file(dir.path / "admin.dll");
    BOOST_TEST_REQUIRE(r.image.has_value(), r.error);
    check_admin_exports(*r.image, built, 1);
    BOOST_TEST(r.image->imported_dlls.size() == 2u);
}

BOOST_AUTO_TEST_CASE(sample_dll_from_environment) {
    const char* sample = std::getenv("RASCONFORM_SAMPLE_DLL");
    if (sample == nullptr || *sample == '\0') {
        BOOST_TEST_MESSAGE("RASCONFORM_SAMPLE_DLL not set; skipping the real-DLL check");
        return;
    }
    const PeParseResult r = read_pe_file(sample);
    BOOST_TEST_REQUIRE(r.image.has_value(), sample << ": " << r.error);
    BOOST_TEST(!r.image->exports.empty(), sample << " has no named exports");
    // The reference DLL guards its records with an SRW lock from KERNEL32.
    bool srw = false;
    BOOST_TEST(r.image->imports.size() == r.image->imported_dlls.size());
    for (const PeImport& imp : r.image->imports)
        for (const std::string& fn : imp.functions) srw |= fn == "AcquireSRWLockExclusive";
    BOOST_TEST(srw);
    // MinGW leaves the COFF symbol table in: every export starts at a named
    // function (the .def file may export it under another name), and an
    // address inside one is named after it.
    BOOST_TEST(!r.image->functions.empty());
    for (const PeExport& e : r.image->exports) {
        const std::string at = symbol_at(*r.image, e.rva);
        BOOST_TEST((!at.empty() && at.find('+') == std::string::npos), e.name << " -> " << at);
        BOOST_TEST(symbol_at(*r.image, e.rva + 1) == at + "+0x1");
    }
    BOOST_TEST(symbol_at(*r.image, r.image->size_of_image) == "");
    BOOST_TEST_MESSAGE(sample << ": " << machine_name(r.image->machine) << ", " << r.image->exports.size()
                              << " named exports, " << r.image->imported_dlls.size() << " imported DLLs");
}

BOOST_AUTO_TEST_CASE(symbol_at_prefers_the_nearest_start) {
    PeImage image;
    image.size_of_image = 0x10000;
    image.functions = {{"first", 0x1000}, {"helper", 0x1400}};
    image.exports.push_back({"MprAdminAcceptNewLink", 1, 0x1200, false, {}});
    BOOST_TEST(symbol_at(image, 0x1010) == "first+0x10");
    BOOST_TEST(symbol_at(image, 0x1210) == "MprAdminAcceptNewLink+0x10");  // stripped helpers: the export
    BOOST_TEST(symbol_at(image, 0x1400) == "helper");
    BOOST_TEST(symbol_at(image, 0x0800) == "");       // nothing before it
    BOOST_TEST(symbol_at(image, 0x20000) == "");      // outside the image
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace rasconform
