#!/usr/bin/python3
"""`rasconform bench` end to end (issue 7), in its --quick form: the JSON
holds every figure of the issue, valid against docs/schema/bench-1.schema.json,
each verdict agrees with its value and target, the exit status with the
verdicts; an unusable DLL is one line naming it and exit status 2. Nothing
here asserts a speed: the figures are the benchmark's business.

usage: bench_command.py RASCONFORM SCHEMA DLL   (exit 0 when all hold)
"""
import json
import subprocess
import sys
import tempfile

import jsonschema

from checks import check, ending, failures

# Every figure issue 7 names; the ids are stable (README.md, Bench).
EXPECTED = [
    "dispatch.ratio", "lifecycles.per-second",
    "scaling.threads-1", "scaling.threads-2", "scaling.threads-4", "scaling.threads-8",
    "memory.connections-10000", "memory.connections-100000", "memory.per-connection",
    "memory.million", "rampup.million",
    "suite.native", "suite.wine-first-run", "suite.wine-warm", "suite.wine-all-profiles",
    "soak.wine-lifecycles-per-second", "isolation.in-process", "isolation.chain", "isolation.case", "isolation.case-overhead",
]
# --quick leaves these out, saying so.
SKIPPED_WHEN_QUICK = {"memory.million", "rampup.million", "suite.wine-first-run", "suite.wine-all-profiles"}


def main():
    tool, schema_path, dll = sys.argv[1:4]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with tempfile.TemporaryDirectory() as scratch:
        out = f"{scratch}/bench.json"
        run = subprocess.run([tool, "bench", "--quick", "--dll", dll, "--format", "json", "--output", out],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)
        check(run.returncode in (0, 1), f"bench exit status {run.returncode}: {run.stderr}")
        with open(out, encoding="utf-8") as f:
            bench = json.load(f)
    try:
        jsonschema.validate(bench, schema)
    except jsonschema.ValidationError as e:
        failures.append(f"bench JSON breaks the schema at {list(e.absolute_path)}: {e.message}")
    figures = {f["id"]: f for f in bench["figures"]}
    check(list(figures) == EXPECTED, f"figures {list(figures)}, expected {EXPECTED}")
    check(bench["machine"]["cores"] >= 1 and bench["machine"]["cpu"], f"machine {bench['machine']}")
    for fid, f in figures.items():
        if fid in SKIPPED_WHEN_QUICK:
            check(f["verdict"] == "skipped" and "--quick" in f["detail"], f"{fid}: {f}")
            continue
        check(f["verdict"] in ("PASS", "MISS", "info"), f"{fid} not taken: {f['detail']}")
        if "target" in f and "value" in f:
            met = f["value"] <= f["target"]["limit"] if f["target"]["bound"] == "at_most" \
                else f["value"] >= f["target"]["limit"]
            check(f["verdict"] == ("PASS" if met else "MISS"), f"{fid}: verdict {f['verdict']} for {f['value']}")
        if fid != "isolation.case-overhead":  # a difference of two timings
            check(f.get("value", 0) > 0, f"{fid}: value {f.get('value')}")
    for fid in ("suite.native", "suite.wine-warm"):  # conformant subjects: the suite ran its full course
        check(" 0 other" in figures[fid]["detail"], f"{fid}: not every case passed: {figures[fid]['detail']}")
    all_met = all(f["verdict"] not in ("MISS", "error") for f in bench["figures"])
    check(bench["targets_met"] == all_met, "targets_met disagrees with the verdicts")
    check(run.returncode == (0 if all_met else 1), f"exit status {run.returncode} with targets_met {all_met}")

    missing = "/nonexistent/vendor_admin.dll"
    bad = subprocess.run([tool, "bench", "--quick", "--dll", missing], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, check=False)
    check(bad.returncode == 2, f"missing DLL: exit status {bad.returncode}")
    lines = bad.stderr.strip().splitlines()
    check(len(lines) == 1 and missing in lines[0], f"missing DLL: stderr {bad.stderr!r}")

    return ending(f"bench: {len(figures)} figures checked")


if __name__ == "__main__":
    sys.exit(main())
