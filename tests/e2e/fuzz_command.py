#!/usr/bin/python3
"""`rasconform fuzz` end to end (ROBUST-6, issue 8): on the known-bad DLL
whose planted bug is an interface-type table filled only for client and
router types (tests/subjects/known_bad.toml), a fixed seed finds the fault,
minimises it to the one field RAS_CONNECTION_0.dwInterfaceType, exits 1 and
writes a scenario that `rasconform simulate` replays to the same fault; the
same seed prints the same bytes; the reference DLL takes every input (exit
0); a missing or non-PE file is one line naming it and exit 2. A Linux
shared object, when given, is fuzzed in-process. No time is asserted.

Zero handles (ROBUST-6 against Q-27's default): on the known-bad DLL that
takes a NULL hConnection for a free slot of its table and faults in its
link accept (SUBJECT_BUG_NULL_CONNECTION_HANDLE), the default fuzz finds
it, minimises it to RAS_CONNECTION_0.hConnection = 0 and the scenario's
`handle` key makes `simulate` replay the fault; `--handles engine` (the
engine's non-NULL handles) finds nothing there from the same seed.

Every JSON report is checked against docs/schema/fuzz-1.schema.json.

usage: fuzz_command.py RASCONFORM SCHEMA BAD_DLL REFERENCE_DLL NULL_HANDLE_DLL [NATIVE_SO]   (exit 0 when all hold)
"""
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

from checks import check, ending, failures

SCHEMA = {}
# ROUTER_INTERFACE_TYPE (spec 4.2): the bug reads a NULL entry for every
# type but client (0), home router (1) and full router (2).
UNFILLED_TYPES = {"3 (dedicated)", "4 (internal)", "5 (loopback)", "6 (tunnel1)", "7 (dialout)"}


def run(*args):
    return subprocess.run(list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)


def report_of(r):
    """The JSON report of a fuzz run, checked against the schema."""
    report = json.loads(r.stdout)
    try:
        jsonschema.validate(report, SCHEMA)
    except jsonschema.ValidationError as e:
        failures.append(f"fuzz JSON breaks the schema at {list(e.absolute_path)}: {e.message}")
    return report


def fuzz_finds_minimises_and_replays(tool, bad, scratch):
    scenario = os.path.join(scratch, "replay.toml")
    r = run(tool, "fuzz", bad, "--seed", "1", "--iterations", "200", "--format", "json", "--scenario-out", scenario)
    check(r.returncode == 1, f"fuzz of the bad DLL: exit {r.returncode}, expected 1: {r.stderr}")
    report = report_of(r)
    f = report["finding"]
    check(report["verdict"] == "fail" and f is not None, f"no finding: {report}")
    if f is None:
        return
    check(f["rule"] == "ROBUST-6", f"rule {f['rule']}")
    check(f["callout"].startswith("MprAdminAcceptNewConnection"), f"callout {f['callout']}")
    check(f["outcome"] == "fault" and "0xC0000005" in f["fault"], f"fault {f['outcome']}: {f['fault']}")
    check(len(f["minimal"]) == 1 and f["minimised"], f"not minimised to one field: {f['minimal']}")
    check(len(f["drawn"]) >= len(f["minimal"]), f"drawn {f['drawn']}")
    one = f["minimal"][0]
    check(one["field"] == "RAS_CONNECTION_0.dwInterfaceType", f"minimised to {one}")
    check(one["value"] in UNFILLED_TYPES, f"value {one['value']}")
    for part in (one["field"], one["value"], f["callout"], "ROBUST-6", "0xC0000005"):
        check(part in f["message"], f"message lacks {part!r}: {f['message']}")
    with open(scenario, encoding="utf-8") as s:
        written = s.read()
    check(written == report["scenario"], "the scenario file differs from the report's")
    check(report["scenario_file"] == scenario and scenario in report["replay"], f"replay {report['replay']}")

    # The replay: the same callout faults, with the same fault.
    r = run(tool, "simulate", bad, "--scenario", scenario, "--format", "json")
    check(r.returncode == 0, f"simulate of the replay: exit {r.returncode}: {r.stderr}")
    sim = json.loads(r.stdout)
    events = [e for run_ in sim["runs"] for e in run_["trace"]]
    broken = [e for e in events if e["outcome"] != "returned"]
    check(len(broken) == 1, f"the replay broke {len(broken)} calls: {broken}")
    if broken:
        e = broken[0]
        check(e["callout"] == f["callout"] and e["outcome"] == "fault",
              f"the replay broke {e['callout']} ({e['outcome']}), the fuzz run {f['callout']}")
        check(e["where"] != "" and e["where"] in f["fault"], f"replayed at {e['where']!r}, fuzzed: {f['fault']}")


# A seed whose draws put hConnection to 0 within ZERO_HANDLE_ITERATIONS.
ZERO_HANDLE_SEED = "1"
ZERO_HANDLE_ITERATIONS = "300"
NULL_HANDLE = "0x0000000000000000 (NULL)"


def zero_handle_found_minimised_and_replayed(tool, null_dll, scratch):
    scenario = os.path.join(scratch, "null-handle.toml")
    r = run(tool, "fuzz", null_dll, "--seed", ZERO_HANDLE_SEED, "--iterations", ZERO_HANDLE_ITERATIONS,
            "--format", "json", "--scenario-out", scenario)
    check(r.returncode == 1, f"fuzz of the NULL-handle DLL: exit {r.returncode}, expected 1: {r.stdout}{r.stderr}")
    report = report_of(r)
    check(report["handles"] == "drawn", f"handles {report['handles']}")
    f = report["finding"]
    if f is None:
        failures.append(f"no finding on the NULL-handle DLL: {report}")
        return
    check(f["callout"] == "MprAdminAcceptNewLink", f"callout {f['callout']}")
    check(f["outcome"] == "fault" and "0xC0000005" in f["fault"], f"fault {f['outcome']}: {f['fault']}")
    check(f["minimal"] == [{"field": "RAS_CONNECTION_0.hConnection", "value": NULL_HANDLE}] and f["minimised"],
          f"not minimised to hConnection = 0: {f['minimal']}")
    with open(scenario, encoding="utf-8") as s:
        written = s.read()
    check('handle = "0x0000000000000000"' in written.splitlines(), f"no handle key in the scenario:\n{written}")

    # simulate hands the DLL the NULL handle in the link accept again.
    r = run(tool, "simulate", null_dll, "--scenario", scenario, "--format", "json")
    check(r.returncode == 0, f"simulate of the NULL-handle replay: exit {r.returncode}: {r.stderr}")
    if r.returncode == 0:
        events = [e for run_ in json.loads(r.stdout)["runs"] for e in run_["trace"]]
        broken = [e for e in events if e["outcome"] != "returned"]
        check(len(broken) == 1 and broken[0]["callout"] == "MprAdminAcceptNewLink" and
              broken[0]["outcome"] == "fault" and broken[0]["where"] in f["fault"],
              f"the replay broke {broken}, the fuzz run {f['callout']} at {f['fault']}")

    # Q-27's default: the engine's handles are never NULL, so no finding.
    r = run(tool, "fuzz", null_dll, "--seed", ZERO_HANDLE_SEED, "--iterations", ZERO_HANDLE_ITERATIONS,
            "--handles", "engine", "--format", "json")
    check(r.returncode == 0, f"fuzz --handles engine of the NULL-handle DLL: exit {r.returncode}: {r.stdout}")
    if r.returncode == 0:
        report = report_of(r)
        check(report["handles"] == "engine" and report["finding"] is None, f"engine-handles report {report}")
    r = run(tool, "fuzz", null_dll, "--handles", "sometimes")
    check(r.returncode == 2 and "--handles" in r.stderr and r.stdout == "", f"--handles sometimes: {r.returncode} {r.stderr!r}")
    r = run(tool, "fuzz", "--help")
    check("--handles" in r.stdout and "engine" in r.stdout, f"fuzz --help lacks --handles:\n{r.stdout}")


def same_seed_same_output(tool, bad, scratch):
    outputs = []
    for name in ("a.toml", "b.toml"):
        path = os.path.join(scratch, name)
        r = run(tool, "fuzz", bad, "--seed", "77", "--iterations", "150", "--scenario-out", path)
        with open(path, encoding="utf-8") as s:
            outputs.append((r.returncode, r.stdout.replace(path, "FILE"), s.read()))
    check(outputs[0] == outputs[1], f"seed 77 twice differs:\n{outputs[0]}\n---\n{outputs[1]}")
    js = [run(tool, "fuzz", bad, "--seed", "77", "--iterations", "150", "--format", "json").stdout for _ in range(2)]
    check(js[0] == js[1], "seed 77 twice gives different JSON")
    check("RAS_CONNECTION_0.dwInterfaceType" in outputs[0][1], f"seed 77 output:\n{outputs[0][1]}")


def reference_survives(tool, reference):
    r = run(tool, "fuzz", reference, "--seed", "3", "--iterations", "300", "--format", "json")
    check(r.returncode == 0, f"fuzz of the reference DLL: exit {r.returncode}: {r.stdout}{r.stderr}")
    if r.returncode == 0:
        report = report_of(r)
        check(report["verdict"] == "pass" and report["played"] == 300 and report["finding"] is None,
              f"reference report {report}")
        check(report["handles"] == "drawn", f"the reference DLL was not fuzzed with drawn handles: {report['handles']}")
    r = run(tool, "fuzz", reference, "--seed", "3", "--iterations", "20")
    check(r.returncode == 0 and "verdict: PASS" in r.stdout, f"text report:\n{r.stdout}{r.stderr}")


def unusable_input(tool, scratch):
    not_pe = os.path.join(scratch, "notes.dll")
    with open(not_pe, "w", encoding="utf-8") as f:
        f.write("not a DLL\n")
    for path in (os.path.join(scratch, "missing.dll"), not_pe):
        r = run(tool, "fuzz", path, "--seed", "1", "--iterations", "5")
        lines = r.stderr.splitlines()
        check(r.returncode == 2, f"fuzz {path}: exit {r.returncode}, expected 2")
        check(len(lines) == 1 and path in lines[0], f"fuzz {path}: stderr {r.stderr!r}")
        check(r.stdout == "", f"fuzz {path}: stdout {r.stdout!r}")
    r = run(tool, "fuzz", not_pe, "--profile", "nt4")
    check(r.returncode == 2 and len(r.stderr.splitlines()) == 1 and "nt4" in r.stderr, f"unknown profile: {r.stderr!r}")


def shared_object(tool, so):
    r = run(tool, "fuzz", so, "--seed", "5", "--iterations", "100", "--format", "json")
    check(r.returncode in (0, 1), f"fuzz of {so}: exit {r.returncode}: {r.stderr}")
    if r.returncode in (0, 1):
        report = report_of(r)
        check(report["played"] >= 1 or report["finding"] is not None, f"shared object report {report}")


def main():
    tool, schema_path, bad, reference, null_dll = sys.argv[1:6]
    with open(schema_path, encoding="utf-8") as f:
        SCHEMA.update(json.load(f))
    with tempfile.TemporaryDirectory() as scratch:
        fuzz_finds_minimises_and_replays(tool, bad, scratch)
        same_seed_same_output(tool, bad, scratch)
        reference_survives(tool, reference)
        zero_handle_found_minimised_and_replayed(tool, null_dll, scratch)
        unusable_input(tool, scratch)
    if len(sys.argv) > 6:
        shared_object(tool, sys.argv[6])
    return ending("fuzz_command")


if __name__ == "__main__":
    sys.exit(main())
