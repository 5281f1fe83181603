#include "rasconform/abi_fields.hpp"

namespace rasconform {

const AbiStructure* find_abi_structure(std::string_view name) {
    for (const AbiStructure& s : abi_structures())
        if (s.name == name) return &s;
    return nullptr;
}

std::string_view abi_field_at(std::string_view structure, std::size_t offset, AbiArch arch) {
    const AbiStructure* s = find_abi_structure(structure);
    if (!s) return {};
    for (const AbiField& f : s->fields(arch))
        if (offset >= f.offset && offset < std::size_t{f.offset} + f.size) return f.path;
    return {};
}

}  // namespace rasconform
