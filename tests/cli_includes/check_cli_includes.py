#!/usr/bin/python3
"""The rasconform program is built on the public API only (issue 8): its
sources include project headers only as <rasconform/...> (the public API,
core/include/rasconform) or as its own conformance/cli/... helpers, never
the suite's or the mock server's internals (conformance/..., mock/...,
win32/...). So whatever the CLI does, a vendor's program can do through the
same headers.

usage: check_cli_includes.py DIR...   (exit 0 when every file holds to it)
"""
import pathlib
import re
import sys

ALLOWED = ("rasconform/", "conformance/cli/")
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')
PROJECT_ROOTS = ("rasconform/", "conformance/", "mock/", "win32/", "core/")


def main():
    problems = []
    files = [f for d in sys.argv[1:] for f in sorted(pathlib.Path(d).rglob("*"))
             if f.suffix in (".cpp", ".hpp", ".h")]
    for f in files:
        for number, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            m = INCLUDE.match(line)
            if m and m.group(1).startswith(PROJECT_ROOTS) and not m.group(1).startswith(ALLOWED):
                problems.append(f"{f}:{number}: includes {m.group(1)}, not part of the public API "
                                "(add what it offers to core/include/rasconform)")
    for p in problems:
        print(p)
    print(f"{len(files)} files, {len(problems)} internal includes")
    return 1 if problems or not files else 0


if __name__ == "__main__":
    sys.exit(main())
