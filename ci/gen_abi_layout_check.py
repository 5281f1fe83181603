#!/usr/bin/env python3
"""Generate core/src/abi_layout_check.cpp from the spec's structure tables.

Usage:
    python3 ci/gen_abi_layout_check.py SPEC.md > core/src/abi_layout_check.cpp
    python3 ci/gen_abi_layout_check.py --fields SPEC.md > core/src/abi_field_table.cpp
    python3 ci/gen_abi_layout_check.py --c-header SPEC.md > tests/header/admin_header_layout.c

SPEC.md is ras-admin-dll.md. Section 4.4 ("Structures") has, for each
structure, a heading `#### NAME`, a line `sizeof: x64 = N bytes, x86 = M bytes`
and a table `| # | Field | C type | Array (elements) | Off x64 | Off x86 | ... |`.
Those tables are the layout contract, so the checks are generated from them
rather than typed by hand: the output static_asserts, for both the x64 and the
x86 layout of rasconform/abi.hpp, the sizeof of every structure and the offset
and size of every field the spec lists.

A structure with a HANDLE or function-pointer field (directly or through a
nested structure) is a template in abi.hpp and is named winabi::x64::NAME /
winabi::x86::NAME; any other structure is a plain struct winabi::NAME, and both of
its columns are checked against that one struct.

The script fails (exit status 1, message on stderr) if the section or a table
cannot be parsed or is internally inconsistent, so a spec edit that breaks
the format cannot silently drop checks. Standard library only.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field

SECTION = "4.4"
ARCHES = ("x64", "x86")
POINTER_SIZE = {"x64": 8, "x86": 4}

# Byte sizes of the spec's base types (spec 4.4, "Base types"). None means
# pointer-sized. A C type that is neither here nor a structure of section 4.4
# is an error: extend this table deliberately.
BASE_TYPE_SIZE = {
    "BOOL": 4,
    "DWORD": 4,
    "UCHAR": 1,
    "BYTE": 1,
    "USHORT": 2,
    "WCHAR": 2,
    "ULONG64": 8,
    "ULONGLONG": 8,
    "GUID": 16,
    "FILETIME": 8,
    "IN6_ADDR": 16,
    "HANDLE": None,
    "function pointer": None,
    # enums are 4 bytes
    "RAS_PORT_CONDITION": 4,
    "RAS_HARDWARE_CONDITION": 4,
    "ROUTER_INTERFACE_TYPE": 4,
    "ROUTER_CONNECTION_STATE": 4,
    "RAS_QUARANTINE_STATE": 4,
}

IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
SIZEOF_LINE = re.compile(r"^sizeof:\s*x64\s*=\s*(\d+)\s*bytes?\s*,\s*x86\s*=\s*(\d+)\s*bytes?\s*$")


class SpecError(Exception):
    pass


@dataclass
class Field:
    number: int
    name: str
    ctype: str
    elements: int
    offset: dict  # arch -> int
    where: str  # "file:line" of the table row


@dataclass
class Struct:
    name: str
    line: int
    size: dict = field(default_factory=dict)  # arch -> int
    fields: list = field(default_factory=list)
    templated: bool = False


def cells(line: str) -> list[str]:
    parts = line.strip().split("|")
    # A table row starts and ends with '|': drop the empty outer parts.
    return [p.strip() for p in parts[1:-1]]


def unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == "`" and text[-1] == "`":
        text = text[1:-1].strip()
    return text


def parse_elements(text: str, where: str) -> int:
    """'' -> 1; '8' -> 8; 'UNLEN+1 = 257' -> 257."""
    text = text.strip()
    if not text:
        return 1
    value = text.rsplit("=", 1)[-1].strip()
    if not value.isdigit() or int(value) < 1:
        raise SpecError(f"{where}: cannot read the element count from {text!r}")
    return int(value)


def parse_int(text: str, where: str) -> int:
    text = unquote(text)
    if not text.isdigit():
        raise SpecError(f"{where}: expected a number, got {text!r}")
    return int(text)


def section_lines(lines: list[str]) -> tuple[int, int]:
    """Line indices [start, end) of section SECTION, sub-headings included."""
    head = re.compile(r"^###\s+" + re.escape(SECTION) + r"(\s|$)")
    start = next((i for i, l in enumerate(lines) if head.match(l)), None)
    if start is None:
        raise SpecError(f"no '### {SECTION}' heading")
    end = len(lines)
    for i in range(start + 1, len(lines)):
        if re.match(r"^#{1,3}\s", lines[i]):
            end = i
            break
    return start, end


def parse(path: str) -> list[Struct]:
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    start, end = section_lines(lines)

    structs: list[Struct] = []
    cur: Struct | None = None
    columns: dict[str, int] | None = None

    for i in range(start + 1, end):
        line = lines[i]
        where = f"{os.path.basename(path)}:{i + 1}"
        m = re.match(r"^####\s+(.+?)\s*$", line)
        if m:
            name = unquote(m.group(1))
            if not IDENT.match(name):
                raise SpecError(f"{where}: structure heading {name!r} is not an identifier")
            cur = Struct(name=name, line=i + 1)
            structs.append(cur)
            columns = None
            continue
        if cur is None:
            continue
        m = SIZEOF_LINE.match(line.strip())
        if m:
            if cur.size:
                raise SpecError(f"{where}: second sizeof line for {cur.name}")
            cur.size = {"x64": int(m.group(1)), "x86": int(m.group(2))}
            continue
        if line.strip().startswith("sizeof:"):
            raise SpecError(f"{where}: unreadable sizeof line: {line.strip()!r}")
        if not line.lstrip().startswith("|"):
            continue
        row = cells(line)
        if columns is None:
            # Header row.
            names = [c.lower() for c in row]
            want = {"#": "#", "field": "field", "c type": "c type",
                    "array": "array", "off x64": "off x64", "off x86": "off x86"}
            columns = {}
            for key, label in want.items():
                idx = next((k for k, n in enumerate(names)
                            if n == label or (key == "array" and n.startswith("array"))), None)
                if idx is None:
                    raise SpecError(f"{where}: table of {cur.name} has no '{label}' column")
                columns[key] = idx
            continue
        if all(re.fullmatch(r":?-+:?", c) for c in row if c):
            continue  # separator row
        need = max(columns.values())
        if len(row) <= need:
            raise SpecError(f"{where}: short table row in {cur.name}")
        fname = unquote(row[columns["field"]])
        if not IDENT.match(fname):
            raise SpecError(f"{where}: field name {fname!r} is not an identifier")
        cur.fields.append(Field(
            number=parse_int(row[columns["#"]], where),
            name=fname,
            ctype=unquote(row[columns["c type"]]),
            elements=parse_elements(row[columns["array"]], where),
            offset={"x64": parse_int(row[columns["off x64"]], where),
                    "x86": parse_int(row[columns["off x86"]], where)},
            where=where,
        ))

    if not structs:
        raise SpecError(f"section {SECTION} has no '#### STRUCT' subsections")
    seen = set()
    for s in structs:
        where = f"{os.path.basename(path)}:{s.line} ({s.name})"
        if s.name in seen:
            raise SpecError(f"{where}: structure listed twice")
        seen.add(s.name)
        if not s.size:
            raise SpecError(f"{where}: no 'sizeof: x64 = N bytes, x86 = M bytes' line")
        if not s.fields:
            raise SpecError(f"{where}: no field table")
        names = set()
        for k, f in enumerate(s.fields, 1):
            if f.number != k:
                raise SpecError(f"{where}: row {f.number} out of sequence (expected {k})")
            if f.name in names:
                raise SpecError(f"{where}: field {f.name} listed twice")
            names.add(f.name)
    return structs


def field_size(f: Field, arch: str, by_name: dict[str, Struct]) -> int:
    if f.ctype in BASE_TYPE_SIZE:
        size = BASE_TYPE_SIZE[f.ctype]
        elem = POINTER_SIZE[arch] if size is None else size
    elif f.ctype in by_name:
        elem = by_name[f.ctype].size[arch]
    else:
        raise SpecError(f"{f.where}: unknown C type {f.ctype!r} of field {f.name}")
    return elem * f.elements


def classify(structs: list[Struct]) -> None:
    """Mark the structures that depend on the pointer size (templates in abi.hpp)."""
    by_name = {s.name: s for s in structs}
    changed = True
    while changed:
        changed = False
        for s in structs:
            if s.templated:
                continue
            for f in s.fields:
                direct = f.ctype in BASE_TYPE_SIZE and BASE_TYPE_SIZE[f.ctype] is None
                nested = f.ctype in by_name and by_name[f.ctype].templated
                if direct or nested:
                    s.templated = changed = True
                    break


def check_consistency(structs: list[Struct]) -> None:
    by_name = {s.name: s for s in structs}
    for s in structs:
        for arch in ARCHES:
            for f in s.fields:
                end = f.offset[arch] + field_size(f, arch, by_name)
                if end > s.size[arch]:
                    raise SpecError(
                        f"{f.where}: {s.name}.{f.name} ends at {end}, "
                        f"past sizeof {s.size[arch]} ({arch})")
            if not s.templated and s.size["x64"] != s.size["x86"]:
                raise SpecError(f"{s.name}: no pointer-sized field but x64/x86 sizes differ")


def type_name(s: Struct, arch: str) -> str:
    return f"winabi::{arch}::{s.name}" if s.templated else f"winabi::{s.name}"


def generate(structs: list[Struct], spec_name: str) -> str:
    by_name = {s.name: s for s in structs}
    tag = f"(spec {SECTION})"
    out = []
    w = out.append
    w(f"// GENERATED by ci/gen_abi_layout_check.py from {spec_name} section {SECTION}. DO NOT EDIT.")
    w("//")
    w(f"// The structure tables of spec section {SECTION} (field, C type, array length,")
    w("// x64 and x86 offsets, sizeof) are the ABI contract an admin DLL is built")
    w("// against. This file turns every row of those tables into static_asserts on")
    w("// rasconform/abi.hpp, for both layouts (winabi::x64 and winabi::x86 for the")
    w("// structures with pointer-sized fields, the one plain struct otherwise):")
    w("// the sizeof of each structure, and the offset and the size of each field.")
    w("// A wrong field type or order in abi.hpp, or an edit to the spec's tables,")
    w("// fails the build of whichever compiler compiles this file (native g++ and")
    w("// both MinGW targets). Generating it keeps the checks complete and in step")
    w("// with the spec instead of a hand-copied subset.")
    w("//")
    w("// Regenerate after changing the spec's tables:")
    w(f"//   python3 ci/gen_abi_layout_check.py path/to/{spec_name} > core/src/abi_layout_check.cpp")
    w("//")
    w("// Only static_asserts: the object file defines no symbol.")
    w("")
    w("#include <cstddef>")
    w("")
    w('#include "rasconform/abi.hpp"')
    w("")
    w("namespace rasconform {")
    count = 0
    for s in structs:
        w("")
        kind = "per-architecture template" if s.templated else "same struct for x64 and x86"
        w(f"// {s.name}: sizeof x64 = {s.size['x64']}, x86 = {s.size['x86']} ({kind})")
        for arch in ARCHES:
            t = type_name(s, arch)
            w(f'static_assert(sizeof({t}) == {s.size[arch]}, "{s.name} {arch} sizeof {tag}");')
            count += 1
        for f in s.fields:
            for arch in ARCHES:
                t = type_name(s, arch)
                w(f"static_assert(offsetof({t}, {f.name}) == {f.offset[arch]}, "
                  f'"{s.name}.{f.name} {arch} offset {tag}");')
                count += 1
            for arch in ARCHES:
                t = type_name(s, arch)
                w(f"static_assert(sizeof({t}::{f.name}) == {field_size(f, arch, by_name)}, "
                  f'"{s.name}.{f.name} {arch} size {tag}");')
                count += 1
    w("")
    w("}  // namespace rasconform")
    w("")
    nfields = sum(len(s.fields) for s in structs)
    w(f"// {len(structs)} structures, {nfields} fields, {count} static_asserts.")
    return "\n".join(out) + "\n"


def leaves(s: Struct, arch: str, by_name: dict[str, Struct], prefix: str = "", base: int = 0):
    """(path, offset, size) of every leaf field of `s`, nested structures flattened, in table order.
    Union members (same offset) all appear; a lookup takes the first that contains the byte."""
    for f in s.fields:
        offset = base + f.offset[arch]
        nested = by_name.get(f.ctype)
        if nested is not None and f.elements == 1:
            yield from leaves(nested, arch, by_name, f"{prefix}{f.name}.", offset)
        else:
            yield f"{prefix}{f.name}", offset, field_size(f, arch, by_name)


def generate_fields(structs: list[Struct], spec_name: str) -> str:
    by_name = {s.name: s for s in structs}
    out = []
    w = out.append
    w(f"// GENERATED by ci/gen_abi_layout_check.py --fields from {spec_name} section {SECTION}. DO NOT EDIT.")
    w("//")
    w(f"// The leaf fields of every structure of spec section {SECTION}, for the x64 and the")
    w("// x86 layout, nested structures flattened to dotted paths: what lets the")
    w("// Win32 backend name the field behind a byte offset (ACCEPT-5, ROBUST-5).")
    w("// abi_layout_check.cpp, generated from the same tables, asserts that")
    w("// rasconform/abi.hpp has exactly these offsets and sizes.")
    w("//")
    w("// Regenerate after changing the spec's tables:")
    w(f"//   python3 ci/gen_abi_layout_check.py --fields path/to/{spec_name} > core/src/abi_field_table.cpp")
    w("")
    w('#include "rasconform/abi_fields.hpp"')
    w("")
    w("namespace rasconform {")
    w("namespace {")
    count = 0
    for s in structs:
        for arch in ARCHES:
            w("")
            w(f"constexpr AbiField {s.name}_{arch}[] = {{")
            for path, offset, size in leaves(s, arch, by_name):
                w(f'    {{"{path}", {offset}, {size}}},')
                count += 1
            w("};")
    w("")
    w("constexpr AbiStructure structures[] = {")
    for s in structs:
        w(f'    {{"{s.name}", {s.size["x64"]}, {s.size["x86"]}, {s.name}_x64, {s.name}_x86}},')
    w("};")
    w("")
    w("}  // namespace")
    w("")
    w("std::span<const AbiStructure> abi_structures() { return structures; }")
    w("")
    w("}  // namespace rasconform")
    w("")
    w(f"// {len(structs)} structures, {count} leaf fields over both layouts.")
    return "\n".join(out) + "\n"


# The spec's MPRAPI_ADMIN_DLL_CALLBACKS is the SDK's 13-slot table; with
# mingw-w64 that name is an 11-slot table (toolchain.md section 8), so
# <rasconform/admin_dll.h> ships the 13 slots under its own name, and that is
# the type checked (the portable mode's MPRAPI_ADMIN_DLL_CALLBACKS is it).
C_HEADER_TYPE_NAMES = {"MPRAPI_ADMIN_DLL_CALLBACKS": "RASCONFORM_ADMIN_DLL_CALLBACKS"}


def generate_c_header(structs: list[Struct], spec_name: str) -> str:
    """C11 _Static_asserts on the C headers we ship to DLL authors, for whichever
    architecture compiles the file (x64 columns for 64-bit pointers, x86 for 32-bit)."""
    by_name = {s.name: s for s in structs}
    tag = f"(spec {SECTION})"
    out = []
    w = out.append
    w(f"/* GENERATED by ci/gen_abi_layout_check.py --c-header from {spec_name} section {SECTION}. DO NOT EDIT.")
    w(" *")
    w(" * Every structure size and every field's offset and size from the spec's")
    w(" * tables, asserted on the C header DLL authors compile against (by default")
    w(" * <rasconform/admin_dll.h>; define RASCONFORM_LAYOUT_HEADER to check")
    w(" * another), in the layout of the compiling target: the x64 column where")
    w(" * pointers are 8 bytes, the x86 column where they are 4. The C twin of")
    w(" * core/src/abi_layout_check.cpp, generated from the same tables.")
    w(" *")
    w(" * Regenerate after changing the spec's tables:")
    w(f" *   python3 ci/gen_abi_layout_check.py --c-header path/to/{spec_name} > tests/header/admin_header_layout.c")
    w(" */")
    w("#include <stddef.h>")
    w("#include <stdint.h>")
    w("")
    w("#ifdef RASCONFORM_LAYOUT_HEADER")
    w("#include RASCONFORM_LAYOUT_HEADER")
    w("#else")
    w("#include <rasconform/admin_dll.h>")
    w("#endif")
    w("")
    w("#if UINTPTR_MAX > 0xFFFFFFFFu")
    w("#define RC_LAYOUT(x64, x86) (x64)")
    w("#define RC_ARCH \"x64\"")
    w("#else")
    w("#define RC_LAYOUT(x64, x86) (x86)")
    w("#define RC_ARCH \"x86\"")
    w("#endif")
    w("#define RC_FIELD_SIZE(type, field) sizeof(((type *)0)->field)")
    count = 0
    for s in structs:
        c = C_HEADER_TYPE_NAMES.get(s.name, s.name)
        w("")
        w(f"/* {s.name}: sizeof x64 = {s.size['x64']}, x86 = {s.size['x86']} */")
        w(f"_Static_assert(sizeof({c}) == RC_LAYOUT({s.size['x64']}, {s.size['x86']}), "
          f'"{c} sizeof {tag}");')
        count += 1
        for f in s.fields:
            w(f"_Static_assert(offsetof({c}, {f.name}) == RC_LAYOUT({f.offset['x64']}, {f.offset['x86']}), "
              f'"{c}.{f.name} offset {tag}");')
            w(f"_Static_assert(RC_FIELD_SIZE({c}, {f.name}) == "
              f"RC_LAYOUT({field_size(f, 'x64', by_name)}, {field_size(f, 'x86', by_name)}), "
              f'"{c}.{f.name} size {tag}");')
            count += 2
    w("")
    w("/* Something for the linker to keep: the checks above define nothing. */")
    w("const char *rasconform_layout_checked_arch(void);")
    w("const char *rasconform_layout_checked_arch(void) { return RC_ARCH; }")
    w("")
    nfields = sum(len(s.fields) for s in structs)
    w(f"/* {len(structs)} structures, {nfields} fields, {count} _Static_asserts per architecture. */")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    modes = {"--fields": generate_fields, "--c-header": generate_c_header}
    mode = argv[1] if len(argv) == 3 else None
    if not (len(argv) == 2 or mode in modes) or argv[-1] in ("-h", "--help"):
        print("usage: gen_abi_layout_check.py [--fields | --c-header] SPEC.md > core/src/abi_layout_check.cpp "
              "(abi_field_table.cpp with --fields, tests/header/admin_header_layout.c with --c-header)",
              file=sys.stderr)
        return 2
    try:
        structs = parse(argv[-1])
        classify(structs)
        check_consistency(structs)
        text = modes.get(mode, generate)(structs, os.path.basename(argv[-1]))
    except (OSError, SpecError) as e:
        print(f"gen_abi_layout_check.py: {e}", file=sys.stderr)
        return 1
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
