// Field names behind byte offsets, for both layouts of every structure of
// spec section 4.4. The data is generated from the spec's tables
// (src/abi_field_table.cpp, ci/gen_abi_layout_check.py --fields), the same
// tables abi_layout_check.cpp asserts abi.hpp against; the Win32 backend uses
// it to say which field a DLL wrote or read (ACCEPT-5, ROBUST-5).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace rasconform {

enum class AbiArch : std::uint8_t { x64, x86 };
inline constexpr AbiArch host_abi_arch = sizeof(void*) == 8 ? AbiArch::x64 : AbiArch::x86;

// A leaf field; nested structures are flattened ("PppInfo.ip.wszAddress").
struct AbiField {
    std::string_view path;
    std::uint32_t offset;
    std::uint32_t size;
};

struct AbiStructure {
    std::string_view name;
    std::uint32_t size_x64, size_x86;
    std::span<const AbiField> fields_x64, fields_x86;

    std::uint32_t size(AbiArch a) const { return a == AbiArch::x64 ? size_x64 : size_x86; }
    std::span<const AbiField> fields(AbiArch a) const { return a == AbiArch::x64 ? fields_x64 : fields_x86; }
};

// Every structure of the spec's section 4.4, in spec order (generated).
std::span<const AbiStructure> abi_structures();
const AbiStructure* find_abi_structure(std::string_view name);
// The innermost field holding byte `offset` of `structure` ("wszUserName");
// for union members the first one listed. Empty for padding, an offset past
// the end or an unknown structure.
std::string_view abi_field_at(std::string_view structure, std::size_t offset, AbiArch arch = host_abi_arch);

}  // namespace rasconform
