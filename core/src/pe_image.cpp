#include "rasconform/pe_image.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <fstream>
#include <iterator>
#include <map>
#include <string_view>
#include <system_error>
#include <utility>

namespace rasconform {

namespace {

// Offsets into the on-disk structures (PE/COFF specification). Named here
// rather than taken from <winnt.h> so the reader builds the same everywhere.
constexpr std::uint64_t DOS_HEADER_SIZE = 0x40;
constexpr std::uint64_t DOS_E_LFANEW = 0x3c;

constexpr std::uint64_t COFF_HEADER_SIZE = 20;
constexpr std::uint64_t COFF_MACHINE = 0;
constexpr std::uint64_t COFF_NUMBER_OF_SECTIONS = 2;
constexpr std::uint64_t COFF_TIME_DATE_STAMP = 4;
constexpr std::uint64_t COFF_SIZE_OF_OPTIONAL_HEADER = 16;
constexpr std::uint64_t COFF_CHARACTERISTICS = 18;
constexpr std::uint64_t COFF_POINTER_TO_SYMBOL_TABLE = 8;
constexpr std::uint64_t COFF_NUMBER_OF_SYMBOLS = 12;
constexpr std::uint64_t SYMBOL_SIZE = 18;
constexpr std::uint64_t SYMBOL_VALUE = 8;
constexpr std::uint64_t SYMBOL_SECTION_NUMBER = 12;
constexpr std::uint64_t SYMBOL_TYPE = 14;
constexpr std::uint64_t SYMBOL_AUX_COUNT = 17;
constexpr std::uint16_t SYMBOL_TYPE_FUNCTION = 0x20;  // DTYPE_FUNCTION << 4
constexpr std::uint64_t OPT_SIZE_OF_IMAGE = 56;  // same in PE32 and PE32+

constexpr std::uint16_t OPT_MAGIC_PE32 = 0x10b;
constexpr std::uint16_t OPT_MAGIC_PE32_PLUS = 0x20b;
constexpr std::uint64_t OPT_SIZE_OF_HEADERS = 60;  // same in PE32 and PE32+
constexpr std::uint64_t OPT_PE32_NUMBER_OF_RVA_AND_SIZES = 92;
constexpr std::uint64_t OPT_PE32_PLUS_NUMBER_OF_RVA_AND_SIZES = 108;
constexpr std::uint64_t DATA_DIRECTORY_SIZE = 8;
constexpr std::uint32_t DIRECTORY_EXPORT = 0;
constexpr std::uint32_t DIRECTORY_IMPORT = 1;

constexpr std::uint64_t SECTION_HEADER_SIZE = 40;
constexpr std::uint64_t SECTION_VIRTUAL_SIZE = 8;
constexpr std::uint64_t SECTION_VIRTUAL_ADDRESS = 12;
constexpr std::uint64_t SECTION_SIZE_OF_RAW_DATA = 16;
constexpr std::uint64_t SECTION_POINTER_TO_RAW_DATA = 20;

constexpr std::uint64_t EXPORT_DIRECTORY_SIZE = 40;
constexpr std::uint64_t EXPORT_BASE = 16;
constexpr std::uint64_t EXPORT_NUMBER_OF_FUNCTIONS = 20;
constexpr std::uint64_t EXPORT_NUMBER_OF_NAMES = 24;
constexpr std::uint64_t EXPORT_ADDRESS_OF_FUNCTIONS = 28;
constexpr std::uint64_t EXPORT_ADDRESS_OF_NAMES = 32;
constexpr std::uint64_t EXPORT_ADDRESS_OF_NAME_ORDINALS = 36;

constexpr std::uint64_t IMPORT_DESCRIPTOR_SIZE = 20;
constexpr std::uint64_t IMPORT_ORIGINAL_FIRST_THUNK = 0;
constexpr std::uint64_t IMPORT_NAME = 12;
constexpr std::uint64_t IMPORT_FIRST_THUNK = 16;

constexpr std::uint16_t IMAGE_FILE_DLL = 0x2000;

// Limits that keep a hostile file from making us loop or allocate without
// bound. Ordinal indexes in the name-ordinal table are 16-bit, so a real
// export table cannot usefully exceed 65536 entries; no real DLL imports
// from thousands of modules.
constexpr std::uint64_t MAX_EXPORT_FUNCTIONS = 65536;
constexpr std::uint64_t MAX_EXPORT_NAMES = 65536;
constexpr std::uint64_t MAX_IMPORT_DESCRIPTORS = 4096;
constexpr std::uint64_t MAX_NAME_LENGTH = 4096;
// Counted over all import tables together: descriptors may share one
// table, so a per-table limit alone would still let 4096 descriptors walk
// 65536 entries each.
constexpr std::uint64_t MAX_IMPORT_ENTRIES = 65536;
// Every name copied into the result, in all. Names may share one string,
// so without this a file of a few hundred kilobytes could make us copy
// gigabytes; real DLLs stay far below (65536 exports of 256 bytes are 16 MiB).
constexpr std::uint64_t MAX_NAME_BYTES = std::uint64_t{32} << 20;

// A DLL is far smaller; refusing huge files keeps read_pe_file from trying
// to allocate gigabytes when pointed at the wrong file.
constexpr std::uint64_t MAX_FILE_SIZE = std::uint64_t{1} << 30;

std::string hex(std::uint64_t value, int min_digits = 1) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    do {
        out.insert(out.begin(), digits[value & 0xf]);
        value >>= 4;
    } while (value != 0);
    while (static_cast<int>(out.size()) < min_digits) {
        out.insert(out.begin(), '0');
    }
    return "0x" + out;
}

// Names quoted in an error message are raw bytes from the file; keep them
// printable so a message stays one line and cannot smuggle control
// characters into a report. Section names are 8 bytes, NUL-padded.
std::string printable(std::span<const std::byte> raw) {
    std::string out;
    for (std::byte b : raw) {
        const auto c = static_cast<unsigned char>(b);
        if (c == 0) {
            break;
        }
        if (c >= 0x20 && c < 0x7f) {
            out.push_back(static_cast<char>(c));
        } else {
            out += "\\x" + hex(c, 2).substr(2);
        }
    }
    return out;
}

std::string printable(std::string_view name) {
    return printable(std::as_bytes(std::span<const char>(name.data(), name.size())));
}

struct Section {
    std::string name;
    std::uint64_t virtual_address = 0;
    std::uint64_t virtual_extent = 0;  // bytes of address space the section claims
    std::uint64_t raw_offset = 0;
    std::uint64_t raw_size = 0;
};

// Part of the address space and the section that owns it: the first one in
// the section table that claims the address, as in a linear scan.
struct Claim {
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    std::size_t section = 0;
};

// Every lookup would otherwise scan the whole section table, and a hostile
// file can pair 65535 sections with 65536 names: billions of steps. The
// claims are found once, in O(n log n): `covered` holds the merged ranges
// earlier sections claimed, so a section gets only the gaps it fills, and
// each covered range is walked once before it is merged away.
std::vector<Claim> claims_of(const std::vector<Section>& sections) {
    std::vector<Claim> claims;
    std::map<std::uint64_t, std::uint64_t> covered;  // start -> end, disjoint, not adjacent
    for (std::size_t i = 0; i < sections.size(); ++i) {
        const std::uint64_t a = sections[i].virtual_address;
        const std::uint64_t b = a + sections[i].virtual_extent;
        if (a == b) continue;
        auto it = covered.upper_bound(a);
        if (it != covered.begin() && std::prev(it)->second >= a) --it;  // touches or overlaps [a, b)
        std::uint64_t cursor = a;
        std::uint64_t merged_start = a;
        std::uint64_t merged_end = b;
        while (it != covered.end() && it->first <= b) {
            if (cursor < it->first) claims.push_back({cursor, it->first, i});
            cursor = std::max(cursor, it->second);
            merged_start = std::min(merged_start, it->first);
            merged_end = std::max(merged_end, it->second);
            it = covered.erase(it);
        }
        if (cursor < b) claims.push_back({cursor, b, i});
        covered.emplace(merged_start, merged_end);
    }
    std::sort(claims.begin(), claims.end(), [](const Claim& x, const Claim& y) { return x.start < y.start; });
    return claims;
}

// Where an RVA lands in the file, and how many bytes from there belong to
// the same mapping (section raw data or headers) and are present in the file.
struct Location {
    std::uint64_t offset = 0;
    std::uint64_t available = 0;
};

class Parser {
public:
    explicit Parser(std::span<const std::byte> bytes) : bytes_(bytes), size_(bytes.size()) {}

    PeParseResult run() {
        PeImage image;
        if (!parse_headers(image) || !parse_exports(image) || !parse_imports(image)) {
            return PeParseResult{std::nullopt, std::move(error_)};
        }
        parse_symbols(image);
        return PeParseResult{std::move(image), {}};
    }

private:
    std::span<const std::byte> bytes_;
    std::uint64_t size_;
    std::string error_;

    std::uint64_t size_of_headers_ = 0;
    std::uint64_t symbol_table_ = 0;  // COFF symbol table offset and count; 0 when stripped
    std::uint64_t symbol_count_ = 0;
    std::vector<Section> sections_;
    std::vector<Claim> claims_;  // sorted by start, disjoint
    std::array<std::pair<std::uint32_t, std::uint32_t>, 2> directories_{};  // export, import
    std::uint64_t import_entries_ = 0;  // lookup entries walked, all tables together
    std::uint64_t name_bytes_ = 0;      // bytes copied by read_string, against MAX_NAME_BYTES

    bool fail(std::string message) {
        error_ = std::move(message);
        return false;
    }

    bool in_file(std::uint64_t offset, std::uint64_t length) const {
        return offset <= size_ && length <= size_ - offset;
    }

    // Callers check in_file first; these never read outside the buffer.
    std::uint16_t u16_at(std::uint64_t offset) const {
        const auto b0 = static_cast<std::uint16_t>(bytes_[offset]);
        const auto b1 = static_cast<std::uint16_t>(bytes_[offset + 1]);
        return static_cast<std::uint16_t>(b0 | (b1 << 8));
    }

    std::uint32_t u32_at(std::uint64_t offset) const {
        std::uint32_t v = 0;
        for (std::uint64_t i = 0; i < 4; ++i) {
            v |= static_cast<std::uint32_t>(bytes_[offset + i]) << (8 * i);
        }
        return v;
    }

    std::string truncated(std::string_view what, std::uint64_t offset, std::uint64_t length) const {
        return "truncated PE: " + std::string(what) + " extends past end of file (offset " +
               hex(offset) + ", length " + std::to_string(length) + ", file size " +
               std::to_string(size_) + ")";
    }

    bool parse_headers(PeImage& image) {
        if (size_ < 2 || u16_at(0) != 0x5a4d) {  // "MZ"
            return fail("not a PE file (no MZ signature)");
        }
        if (!in_file(0, DOS_HEADER_SIZE)) {
            return fail(truncated("DOS header", 0, DOS_HEADER_SIZE));
        }
        const std::uint64_t pe_offset = u32_at(DOS_E_LFANEW);
        if (!in_file(pe_offset, 4)) {
            return fail("not a PE file (e_lfanew " + hex(pe_offset) +
                        " points past end of file, file size " + std::to_string(size_) + ")");
        }
        if (u32_at(pe_offset) != 0x00004550) {  // "PE\0\0"
            return fail("not a PE file (no PE signature at offset " + hex(pe_offset) + ")");
        }

        const std::uint64_t coff = pe_offset + 4;
        if (!in_file(coff, COFF_HEADER_SIZE)) {
            return fail(truncated("COFF file header", coff, COFF_HEADER_SIZE));
        }
        image.machine = u16_at(coff + COFF_MACHINE);
        image.characteristics = u16_at(coff + COFF_CHARACTERISTICS);
        image.timestamp = u32_at(coff + COFF_TIME_DATE_STAMP);
        image.is_dll = (image.characteristics & IMAGE_FILE_DLL) != 0;
        symbol_table_ = u32_at(coff + COFF_POINTER_TO_SYMBOL_TABLE);
        symbol_count_ = u32_at(coff + COFF_NUMBER_OF_SYMBOLS);
        const std::uint64_t section_count = u16_at(coff + COFF_NUMBER_OF_SECTIONS);
        const std::uint64_t optional_size = u16_at(coff + COFF_SIZE_OF_OPTIONAL_HEADER);

        const std::uint64_t optional = coff + COFF_HEADER_SIZE;
        if (optional_size < 2) {
            return fail("not a PE image (SizeOfOptionalHeader is " + std::to_string(optional_size) +
                        "; an object file has no optional header)");
        }
        if (!in_file(optional, optional_size)) {
            return fail(truncated("optional header", optional, optional_size));
        }
        const std::uint16_t magic = u16_at(optional);
        std::uint64_t rva_count_field = 0;
        if (magic == OPT_MAGIC_PE32) {
            rva_count_field = OPT_PE32_NUMBER_OF_RVA_AND_SIZES;
        } else if (magic == OPT_MAGIC_PE32_PLUS) {
            rva_count_field = OPT_PE32_PLUS_NUMBER_OF_RVA_AND_SIZES;
            image.pe32_plus = true;
        } else {
            return fail("unsupported optional header magic " + hex(magic) +
                        " (expected 0x10b for PE32 or 0x20b for PE32+)");
        }
        const std::uint64_t fixed_size = rva_count_field + 4;
        if (optional_size < fixed_size) {
            return fail("optional header too small: SizeOfOptionalHeader is " +
                        std::to_string(optional_size) + ", " + (image.pe32_plus ? "PE32+" : "PE32") +
                        " needs at least " + std::to_string(fixed_size));
        }
        size_of_headers_ = u32_at(optional + OPT_SIZE_OF_HEADERS);
        image.size_of_image = u32_at(optional + OPT_SIZE_OF_IMAGE);

        // NumberOfRvaAndSizes is not trusted on its own: only directories
        // that actually fit inside SizeOfOptionalHeader exist.
        const std::uint64_t declared_dirs = u32_at(optional + rva_count_field);
        const std::uint64_t fitting_dirs = (optional_size - fixed_size) / DATA_DIRECTORY_SIZE;
        const std::uint64_t dir_count = std::min(declared_dirs, fitting_dirs);
        for (std::uint32_t i : {DIRECTORY_EXPORT, DIRECTORY_IMPORT}) {
            if (i < dir_count) {
                const std::uint64_t entry = optional + fixed_size + i * DATA_DIRECTORY_SIZE;
                directories_[i] = {u32_at(entry), u32_at(entry + 4)};
            }
        }

        const std::uint64_t table = optional + optional_size;
        const std::uint64_t table_size = section_count * SECTION_HEADER_SIZE;
        if (!in_file(table, table_size)) {
            return fail("truncated PE: section table extends past end of file (offset " + hex(table) +
                        ", " + std::to_string(section_count) + " sections, file size " +
                        std::to_string(size_) + ")");
        }
        sections_.reserve(section_count);
        for (std::uint64_t i = 0; i < section_count; ++i) {
            const std::uint64_t h = table + i * SECTION_HEADER_SIZE;
            Section s;
            s.name = printable(bytes_.subspan(h, 8));
            const std::uint64_t virtual_size = u32_at(h + SECTION_VIRTUAL_SIZE);
            s.virtual_address = u32_at(h + SECTION_VIRTUAL_ADDRESS);
            s.raw_size = u32_at(h + SECTION_SIZE_OF_RAW_DATA);
            s.raw_offset = u32_at(h + SECTION_POINTER_TO_RAW_DATA);
            // Linkers sometimes leave VirtualSize 0 or smaller than the raw
            // data; the larger of the two is what can be addressed.
            s.virtual_extent = std::max(virtual_size, s.raw_size);
            sections_.push_back(std::move(s));
        }
        claims_ = claims_of(sections_);
        return true;
    }

    // Maps [rva, rva + length) to file bytes. `what` names the item for the
    // error message, e.g. "export directory".
    bool locate(std::uint64_t rva, std::uint64_t length, std::string_view what, Location& out) {
        auto claim = std::upper_bound(claims_.begin(), claims_.end(), rva,
                                      [](std::uint64_t value, const Claim& c) { return value < c.start; });
        if (claim != claims_.begin() && rva < std::prev(claim)->end) {
            const Section& s = sections_[std::prev(claim)->section];
            const std::uint64_t delta = rva - s.virtual_address;
            if (delta >= s.raw_size) {
                return fail(std::string(what) + " RVA " + hex(rva) + " lies in the zero-filled part of section '" +
                            s.name + "' (no file data)");
            }
            out.offset = s.raw_offset + delta;
            const std::uint64_t raw_end = s.raw_offset + s.raw_size;
            if (out.offset >= size_) {
                return fail(truncated(std::string(what) + " at RVA " + hex(rva) + " in section '" + s.name + "'",
                                      out.offset, length));
            }
            out.available = std::min(raw_end, size_) - out.offset;
            if (length > out.available) {
                if (raw_end > size_) {
                    return fail(truncated(std::string(what) + " at RVA " + hex(rva), out.offset, length));
                }
                return fail(std::string(what) + " at RVA " + hex(rva) + " (" + std::to_string(length) +
                            " bytes) runs past the end of section '" + s.name + "'");
            }
            return true;
        }
        // Headers are mapped at RVA 0 with identical offsets.
        if (rva < size_of_headers_) {
            out.offset = rva;
            if (out.offset >= size_) {
                return fail(truncated(std::string(what) + " at RVA " + hex(rva) + " in the headers",
                                      out.offset, length));
            }
            out.available = std::min(size_of_headers_, size_) - out.offset;
            if (length > out.available) {
                if (size_of_headers_ > size_) {
                    return fail(truncated(std::string(what) + " at RVA " + hex(rva), out.offset, length));
                }
                return fail(std::string(what) + " at RVA " + hex(rva) + " (" + std::to_string(length) +
                            " bytes) runs past the end of the headers");
            }
            return true;
        }
        return fail(std::string(what) + " RVA " + hex(rva) + " is not inside any section");
    }

    bool read_string(std::uint64_t rva, std::string_view what, std::string& out) {
        Location loc;
        if (!locate(rva, 1, what, loc)) {
            return false;
        }
        const std::uint64_t limit = std::min(loc.available, MAX_NAME_LENGTH + 1);
        const auto* first = bytes_.data() + loc.offset;
        const auto* last = first + limit;
        const auto* nul = std::find(first, last, std::byte{0});
        if (nul == last) {
            if (limit > MAX_NAME_LENGTH) {
                return fail(std::string(what) + " at RVA " + hex(rva) + " is longer than " +
                            std::to_string(MAX_NAME_LENGTH) + " bytes");
            }
            return fail(std::string(what) + " at RVA " + hex(rva) + " is not NUL-terminated (offset " +
                        hex(loc.offset) + ", file size " + std::to_string(size_) + ")");
        }
        const auto length = static_cast<std::uint64_t>(nul - first);
        if (length > MAX_NAME_BYTES - name_bytes_) {
            return fail(std::string(what) + " at RVA " + hex(rva) + ": names total more than " +
                        std::to_string(MAX_NAME_BYTES) + " bytes (the same strings named again and again?)");
        }
        name_bytes_ += length;
        out.assign(reinterpret_cast<const char*>(first), static_cast<std::size_t>(length));
        return true;
    }

    // The COFF symbol table MinGW leaves in unstripped images: function
    // names for fault addresses. Debug data, so a damaged table is skipped
    // (never an error), but read with the same bounds checks.
    void parse_symbols(PeImage& image) {
        if (!symbol_table_ || !symbol_count_ || !in_file(symbol_table_, 0)) return;
        const std::uint64_t count = std::min(symbol_count_, (size_ - symbol_table_) / SYMBOL_SIZE);
        const std::uint64_t strings = symbol_table_ + symbol_count_ * SYMBOL_SIZE;
        const std::uint64_t strings_size = in_file(strings, 4) ? u32_at(strings) : 0;
        for (std::uint64_t i = 0; i < count; ++i) {
            const std::uint64_t at = symbol_table_ + i * SYMBOL_SIZE;
            const std::uint64_t aux = static_cast<std::uint8_t>(bytes_[at + SYMBOL_AUX_COUNT]);
            const auto section = static_cast<std::int16_t>(u16_at(at + SYMBOL_SECTION_NUMBER));
            if (u16_at(at + SYMBOL_TYPE) == SYMBOL_TYPE_FUNCTION && section > 0 &&
                static_cast<std::size_t>(section) <= sections_.size()) {
                std::string name;
                if (u32_at(at) == 0) {  // long name: an offset into the string table
                    const std::uint64_t offset = u32_at(at + 4);
                    if (offset >= 4 && offset < strings_size && in_file(strings + offset, 1))
                        for (std::uint64_t k = strings + offset;
                             k < size_ && k < strings + strings_size && bytes_[k] != std::byte{0} &&
                             name.size() < MAX_NAME_LENGTH;
                             ++k)
                            name.push_back(static_cast<char>(bytes_[k]));
                } else {
                    for (std::uint64_t k = 0; k < 8 && bytes_[at + k] != std::byte{0}; ++k)
                        name.push_back(static_cast<char>(bytes_[at + k]));
                }
                if (!name.empty())
                    image.functions.push_back(
                        {std::move(name), static_cast<std::uint32_t>(sections_[section - 1].virtual_address +
                                                                     u32_at(at + SYMBOL_VALUE))});
            }
            i += aux;
        }
        std::sort(image.functions.begin(), image.functions.end(),
                  [](const PeSymbol& a, const PeSymbol& b) { return a.rva < b.rva; });
    }

    bool parse_exports(PeImage& image) {
        const auto [dir_rva, dir_size] = directories_[DIRECTORY_EXPORT];
        if (dir_rva == 0) {
            return true;  // a DLL may export nothing
        }
        Location dir;
        if (!locate(dir_rva, EXPORT_DIRECTORY_SIZE, "export directory", dir)) {
            return false;
        }
        const std::uint32_t base = u32_at(dir.offset + EXPORT_BASE);
        const std::uint64_t function_count = u32_at(dir.offset + EXPORT_NUMBER_OF_FUNCTIONS);
        const std::uint64_t name_count = u32_at(dir.offset + EXPORT_NUMBER_OF_NAMES);
        const std::uint64_t functions_rva = u32_at(dir.offset + EXPORT_ADDRESS_OF_FUNCTIONS);
        const std::uint64_t names_rva = u32_at(dir.offset + EXPORT_ADDRESS_OF_NAMES);
        const std::uint64_t ordinals_rva = u32_at(dir.offset + EXPORT_ADDRESS_OF_NAME_ORDINALS);

        if (function_count > MAX_EXPORT_FUNCTIONS) {
            return fail("export directory claims " + std::to_string(function_count) + " functions (limit " +
                        std::to_string(MAX_EXPORT_FUNCTIONS) + ")");
        }
        if (name_count > MAX_EXPORT_NAMES) {
            return fail("export directory claims " + std::to_string(name_count) + " names (limit " +
                        std::to_string(MAX_EXPORT_NAMES) + ")");
        }
        if (name_count > 0 && function_count == 0) {
            return fail("export directory has " + std::to_string(name_count) + " names but no functions");
        }
        // Ordinals are Base + index; past 32 bits they would wrap to small
        // numbers that belong to other exports.
        if (function_count > 0 && base + (function_count - 1) > 0xffffffffu) {
            return fail("export ordinal base " + std::to_string(base) + " + " + std::to_string(function_count) +
                        " functions overflows 32 bits");
        }

        // Locating each whole table up front means a count that does not
        // fit the file fails here, before anything is allocated for it.
        Location functions;
        Location names;
        Location ordinals;
        if (function_count > 0 &&
            !locate(functions_rva, function_count * 4, "export address table", functions)) {
            return false;
        }
        if (name_count > 0 && (!locate(names_rva, name_count * 4, "export name pointer table", names) ||
                               !locate(ordinals_rva, name_count * 2, "export ordinal table", ordinals))) {
            return false;
        }

        const std::uint64_t dir_end = std::uint64_t{dir_rva} + dir_size;
        std::vector<bool> named(static_cast<std::size_t>(function_count), false);
        image.exports.reserve(static_cast<std::size_t>(name_count));
        for (std::uint64_t i = 0; i < name_count; ++i) {
            const std::string label = "export name " + std::to_string(i);
            PeExport e{};
            if (!read_string(u32_at(names.offset + i * 4), label, e.name)) {
                return false;
            }
            const std::uint64_t index = u16_at(ordinals.offset + i * 2);
            if (index >= function_count) {
                return fail("export '" + printable(e.name) + "' has ordinal index " + std::to_string(index) +
                            " but the export address table has only " + std::to_string(function_count) +
                            " entries");
            }
            named[static_cast<std::size_t>(index)] = true;
            e.ordinal = static_cast<std::uint32_t>(base + index);
            e.rva = u32_at(functions.offset + index * 4);
            if (e.rva >= dir_rva && e.rva < dir_end) {
                e.forwarded = true;
                if (!read_string(e.rva, "forwarder of export '" + printable(e.name) + "'", e.forwarder)) {
                    return false;
                }
            }
            image.exports.push_back(std::move(e));
        }
        for (std::uint64_t index = 0; index < function_count; ++index) {
            if (!named[static_cast<std::size_t>(index)] && u32_at(functions.offset + index * 4) != 0) {
                ++image.unnamed_exports;
            }
        }
        return true;
    }

    bool parse_imports(PeImage& image) {
        const std::uint32_t dir_rva = directories_[DIRECTORY_IMPORT].first;
        if (dir_rva == 0) {
            return true;
        }
        // The directory size is not used as a bound: linkers are known to
        // get it wrong and the loader ignores it, walking to the terminator.
        for (std::uint64_t i = 0;; ++i) {
            const std::uint64_t rva = dir_rva + i * IMPORT_DESCRIPTOR_SIZE;
            Location d;
            if (!locate(rva, IMPORT_DESCRIPTOR_SIZE, "import descriptor " + std::to_string(i), d)) {
                return false;
            }
            // Same end condition as the Windows loader: an entry without a
            // name or without an import address table ends the list. This
            // includes the all-zero terminator.
            const std::uint32_t name_rva = u32_at(d.offset + IMPORT_NAME);
            if (name_rva == 0 || u32_at(d.offset + IMPORT_FIRST_THUNK) == 0) {
                return true;
            }
            if (i == MAX_IMPORT_DESCRIPTORS) {
                return fail("import directory has more than " + std::to_string(MAX_IMPORT_DESCRIPTORS) +
                            " descriptors (no terminating entry?)");
            }
            std::string name;
            if (!read_string(name_rva, "name of import descriptor " + std::to_string(i), name)) {
                return false;
            }
            PeImport imp{name, {}, 0};
            // The lookup table lists what is imported; old linkers leave it 0
            // and the address table (same layout before binding) stands in.
            std::uint32_t thunks = u32_at(d.offset + IMPORT_ORIGINAL_FIRST_THUNK);
            if (thunks == 0) thunks = u32_at(d.offset + IMPORT_FIRST_THUNK);
            if (!parse_import_names(thunks, image.pe32_plus, imp)) return false;
            image.imported_dlls.push_back(std::move(name));
            image.imports.push_back(std::move(imp));
        }
    }

    bool parse_import_names(std::uint32_t table_rva, bool pe32_plus, PeImport& imp) {
        const std::uint64_t entry = pe32_plus ? 8 : 4;
        const std::string dll = printable(imp.dll);
        for (std::uint64_t k = 0;; ++k) {
            const std::string label = "import lookup entry " + std::to_string(k) + " of " + dll;
            Location t;
            if (!locate(table_rva + k * entry, entry, label, t)) return false;
            const std::uint64_t value = pe32_plus ? (std::uint64_t(u32_at(t.offset + 4)) << 32 | u32_at(t.offset))
                                                  : u32_at(t.offset);
            if (value == 0) return true;
            if (++import_entries_ > MAX_IMPORT_ENTRIES)
                return fail(label + ": the import tables have more than " + std::to_string(MAX_IMPORT_ENTRIES) +
                            " entries in all (no terminating entry?)");
            const std::uint64_t ordinal_flag = pe32_plus ? (1ull << 63) : (1ull << 31);
            if (value & ordinal_flag) {
                ++imp.by_ordinal;
                continue;
            }
            // By name: bits 0-30 are the hint/name RVA. In PE32+ bits 31-62
            // are reserved, and the loader adds all of them to the image base,
            // so masking them off would name a function the loader never finds.
            if (value > 0x7fffffff)
                return fail(label + " (" + hex(value) + ") has reserved bits set (neither an ordinal nor a name RVA)");
            std::string fn;  // hint (2 bytes), then the name
            if (!read_string(value + 2, "imported name from " + dll, fn)) return false;
            imp.functions.push_back(std::move(fn));
        }
    }
};

}  // namespace

PeParseResult parse_pe(std::span<const std::byte> bytes) {
    return Parser(bytes).run();
}

PeParseResult read_pe_file(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    auto failure = [](std::string message) { return PeParseResult{std::nullopt, std::move(message)}; };

    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found) {
        return failure("file not found");
    }
    if (ec) {
        return failure("cannot read: " + ec.message());
    }
    if (status.type() == fs::file_type::directory) {
        return failure("is a directory");
    }

    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        // libstdc++ opens through the C library, so errno says why; fall
        // back to a generic text when the runtime did not set it.
        const int err = errno;
        return failure("cannot read: " + (err != 0 ? std::generic_category().message(err)
                                                   : std::string("open failed")));
    }

    // Read in chunks rather than trusting file_size(): pipes and special
    // files report no meaningful size.
    std::vector<std::byte> data;
    std::array<char, 65536> chunk{};
    while (in) {
        errno = 0;
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        if (in.bad()) {
            const int err = errno;
            return failure("cannot read: " + (err != 0 ? std::generic_category().message(err)
                                                       : std::string("I/O error")));
        }
        if (data.size() + got > MAX_FILE_SIZE) {
            return failure("file too large to be a DLL (more than " + std::to_string(MAX_FILE_SIZE) +
                           " bytes)");
        }
        const auto* first = reinterpret_cast<const std::byte*>(chunk.data());
        data.insert(data.end(), first, first + got);
    }
    if (data.empty()) {
        return failure("empty file");
    }
    return parse_pe(data);
}

std::string symbol_at(const PeImage& image, std::uint32_t rva) {
    if (image.size_of_image && rva >= image.size_of_image) return {};
    // The nearest named start at or before `rva`: a function symbol, or an
    // export when the image is stripped.
    std::string name;
    std::uint32_t at = 0;
    bool found = false;
    for (const PeSymbol& f : image.functions)
        if (f.rva <= rva && (!found || f.rva >= at)) name = f.name, at = f.rva, found = true;
    for (const PeExport& e : image.exports)
        if (!e.forwarded && e.rva <= rva && (!found || e.rva > at)) name = e.name, at = e.rva, found = true;
    if (!found) return {};
    return rva == at ? name : name + "+" + hex(rva - at);
}

std::string machine_name(std::uint16_t machine) {
    switch (machine) {
        case PE_MACHINE_AMD64:
            return "x86_64";
        case PE_MACHINE_I386:
            return "i686";
        case PE_MACHINE_ARM64:
            return "arm64";
        case PE_MACHINE_ARMNT:
            return "armnt";
        default:
            return "unknown (" + hex(machine, 4) + ")";
    }
}

}  // namespace rasconform
