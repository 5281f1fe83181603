#!/usr/bin/python3
"""`rasconform check` in text on and off a terminal (a pty from script(1)):
colour only on a terminal and never with NO_COLOR set (non-empty); the live
progress line ("[k/N] what  x.dll") only when standard error is a terminal,
whatever NO_COLOR says, and erased before the report is printed.

usage: terminal_output.py RASCONFORM DLL   (exit 0 when all hold, 77 when
script(1) is missing)
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

failures = []
PROGRESS = re.compile(r"\r\[(\d+)(?:-(\d+))?/(\d+)\] (\S+(?: cases)?)  (\S+)")
HEADER = re.compile(r"rasconform \S+ - profile ")


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


def env_with(no_color):
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    if no_color is not None:
        env["NO_COLOR"] = no_color
    return env


def on_pty(argv, no_color):
    """Standard output and error both on one pty, as in an interactive shell."""
    p = subprocess.run(["script", "-qec", shlex.join(argv), "/dev/null"], stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env_with(no_color), timeout=900,
                       check=False)
    return p.stdout.decode("utf-8", errors="replace")


def main():
    tool, dll = sys.argv[1:3]
    if not shutil.which("script"):
        print("script(1) not installed (util-linux); skipping")
        return 77
    listing = json.loads(subprocess.run([tool, "list", "--format", "json"], stdout=subprocess.PIPE,
                                        check=True).stdout)
    total = len(listing["cases"])
    argv = [tool, "check", dll]

    # Not a terminal: neither colour nor progress, even without NO_COLOR.
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env_with(None), timeout=900,
                       check=False)
    out, err = p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")
    check("verdict:" in out, "pipe: no report on standard output")
    check("\x1b[" not in out, "pipe: colour codes without a terminal")
    check("\r" not in err and not PROGRESS.search(err), f"pipe: progress on a standard error that is no terminal: "
                                                        f"{err[:200]!r}")

    for no_color, colour in ((None, True), ("", True), ("1", False)):
        what = f"pty, NO_COLOR {'unset' if no_color is None else repr(no_color)}"
        text = on_pty(argv, no_color)
        header = HEADER.search(text)
        if not check(header, f"{what}: no report: {text[-300:]!r}"):
            continue
        check(("\x1b[" in text) == colour, f"{what}: colour {'missing' if colour else 'despite NO_COLOR'}")
        before = text[:header.start()]
        steps = PROGRESS.findall(before)
        check(steps, f"{what}: no progress line before the report: {before[:300]!r}")
        for first, last, of, _, subject in steps:
            check(int(of) == total, f"{what}: progress counts to {of}, there are {total} cases")
            check(1 <= int(first) <= int(last or first) <= total, f"{what}: progress step {first}-{last}/{of}")
            check(subject == os.path.basename(dll), f"{what}: progress names {subject}")
        check(any(s[3] == "dynamic cases" or "." in s[3] for s in steps), f"{what}: progress never reached the "
                                                                         f"dynamic cases: {steps}")
        # The agent under Wine reports each dynamic case as it starts: the
        # line names cases (ids have a dot), one step each, in order.
        cases = [(int(first), name) for first, last, _, name, _ in steps if "." in name and not last]
        check(len({name for _, name in cases}) >= 5, f"{what}: the dynamic cases were not shown one by one: {steps}")
        check([k for k, _ in cases] == sorted(k for k, _ in cases), f"{what}: case steps out of order: {cases}")
        # Erased: the last thing before the report is a blank line rewritten in place.
        check(re.search(r"\r +\r$", before), f"{what}: the progress line is not cleared: {before[-120:]!r}")
        check(not PROGRESS.search(text[header.start():]), f"{what}: progress after the report started")
    for f in failures:
        print(f)
    print(f"4 runs, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
