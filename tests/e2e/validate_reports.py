#!/usr/bin/python3
"""Every report format of `rasconform check`, checked on real runs: JSON
against docs/schema/report-1.schema.json (jsonschema), JUnit XML parsed and
reconciled with the JSON, SARIF 2.1.0 against the properties its spec makes
required and with every result pointing at a declared rule; then
`rasconform merge` of those JSON reports (a CI matrix's): one valid document
with every run once, the verdict over all, and a broken or repeated input
named on one line without losing the others (exit 2).

usage: validate_reports.py RASCONFORM SCHEMA DLL...   (exit 0 when all hold)
"""
import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import jsonschema

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def written(tool, command, source, fmt, out):
    """What `rasconform COMMAND SOURCE --format FMT --output OUT` wrote."""
    subprocess.run([tool, command, source, "--format", fmt, "--output", out],
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    with open(out, encoding="utf-8") as f:
        return f.read()


def run(tool, dll, fmt, out):
    return written(tool, "check", dll, fmt, out)


def rendered(tool, report, fmt, out):
    """The JSON report of one check in another format, by `rasconform merge`:
    one suite run per DLL instead of one per format (the suite runs dominate
    this test's time). The first DLL's JUnit and SARIF also come from
    `check` itself and are validated the same way (their own run, so their
    statuses are not compared: a warning may come and go with load)."""
    return written(tool, "merge", report, fmt, out)


def validate_junit(what, text, status, same_run):
    junit = ET.fromstring(text)
    check(junit.tag == "testsuites", f"{what}: JUnit root is <{junit.tag}>")
    cases = junit.findall("./testsuite/testcase")
    check({c.get("name") for c in cases} == set(status), f"{what}: JUnit cases differ from the JSON ones")
    suite = junit.find("testsuite")
    check(int(suite.get("tests")) == len(status), f"{what}: JUnit test count")
    if not same_run:
        return
    for c in cases:
        expected = {"fail": "failure", "error": "error", "not-applicable": "skipped"}.get(status.get(c.get("name")))
        got = [e.tag for e in c if e.tag in ("failure", "error", "skipped")]
        check(got == ([expected] if expected else []), f"{what}: JUnit {c.get('name')} has {got}, JSON says "
                                                       f"{status.get(c.get('name'))}")
    check(int(suite.get("failures")) == list(status.values()).count("fail"), f"{what}: JUnit failure count")


def validate_sarif(what, text, status, same_run):
    sarif = json.loads(text)
    check(sarif.get("version") == "2.1.0", f"{what}: SARIF version")
    check(isinstance(sarif.get("runs"), list) and len(sarif["runs"]) == 1, f"{what}: SARIF runs")
    driver = sarif["runs"][0]["tool"]["driver"]
    check(driver.get("name") == "rasconform", f"{what}: SARIF driver name")
    rule_ids = [r["id"] for r in driver.get("rules", [])]
    check(len(rule_ids) == len(set(rule_ids)), f"{what}: SARIF rules repeat")
    results = sarif["runs"][0].get("results", [])
    for res in results:
        check("text" in res.get("message", {}), f"{what}: SARIF result without message text")
        check(res.get("level") in ("error", "warning", "note", "none"), f"{what}: SARIF level {res.get('level')}")
        idx = res.get("ruleIndex")
        check(idx is not None and 0 <= idx < len(rule_ids) and rule_ids[idx] == res.get("ruleId"),
              f"{what}: SARIF result {res.get('ruleId')} does not point at its rule")
        for loc in res.get("locations", []):
            check(isinstance(loc["physicalLocation"]["artifactLocation"].get("uri"), str), f"{what}: SARIF uri")
    if same_run:
        fails = sum(s in ("fail", "warning") for s in status.values())
        check(len(results) == fails, f"{what}: {len(results)} SARIF results for {fails} fail/warning cases")


def validate(tool, schema, dll, scratch, index):
    report_file = f"{scratch}/r{index}.json"
    report = json.loads(run(tool, dll, "json", report_file))
    try:
        jsonschema.validate(report, schema)
    except jsonschema.ValidationError as e:
        failures.append(f"{dll}: JSON report breaks the schema at {list(e.absolute_path)}: {e.message}")
    status = {c["id"]: c["status"] for c in report["cases"]}
    validate_junit(dll, rendered(tool, report_file, "junit", f"{scratch}/r.xml"), status, True)
    validate_sarif(dll, rendered(tool, report_file, "sarif", f"{scratch}/r.sarif"), status, True)
    if index == 0:
        validate_junit(f"{dll} (check)", run(tool, dll, "junit", f"{scratch}/c.xml"), status, False)
        validate_sarif(f"{dll} (check)", run(tool, dll, "sarif", f"{scratch}/c.sarif"), status, False)
    return report["verdict"]


def merge(tool, *args):
    return subprocess.run([tool, "merge", *args], capture_output=True, text=True, check=False)


def validate_merge(tool, schema, reports, verdicts, scratch):
    merged = merge(tool, *reports, "--format", "json")
    expected_status = 0 if all(v == "pass" for v in verdicts) else 1
    check(merged.returncode == expected_status, f"merge: exit {merged.returncode}, expected {expected_status}: "
                                                f"{merged.stderr.strip()}")
    doc = json.loads(merged.stdout)
    try:
        jsonschema.validate(doc, schema)
    except jsonschema.ValidationError as e:
        failures.append(f"merge: JSON breaks the schema at {list(e.absolute_path)}: {e.message}")
    runs = doc.get("runs", [doc])
    check(len(runs) == len(reports), f"merge: {len(runs)} runs for {len(reports)} reports")
    check([r["verdict"] for r in runs] == verdicts, "merge: the runs' verdicts changed")
    check(doc["verdict"] == ("pass" if expected_status == 0 else "fail"), "merge: verdict over the runs")
    junit = ET.fromstring(merge(tool, *reports, "--format", "junit").stdout)
    check(len(junit.findall("./testsuite")) == len(reports), "merge: one JUnit testsuite per run")
    sarif = json.loads(merge(tool, *reports, "--format", "sarif").stdout)
    check(len(sarif["runs"]) == len(reports), "merge: one SARIF run per report")
    text = merge(tool, *reports).stdout
    check(("verdict: PASS" if expected_status == 0 else "verdict: FAIL") in text, "merge: text verdict")

    # A broken file and a run given twice: named, one line each, the rest merged, exit 2.
    broken = f"{scratch}/broken.json"
    with open(broken, "w", encoding="utf-8") as f:
        f.write('{"tool": "rasconform", "schema": 1, "runs": [')
    bad = merge(tool, reports[0], broken, reports[0], *reports[1:], "--format", "json")
    check(bad.returncode == 2, f"merge with a broken file: exit {bad.returncode}, expected 2")
    lines = bad.stderr.strip().splitlines()
    check(len(lines) == 2 and "broken.json" in lines[0] and "already in" in lines[1],
          f"merge with a broken file: stderr {lines}")
    check(len(json.loads(bad.stdout).get("runs", [None])) == len(reports), "merge with a broken file: runs lost")
    nothing = merge(tool, broken)
    check(nothing.returncode == 2 and nothing.stdout == "", "merge of nothing readable: exit 2, no report")


def main():
    tool, schema_path, *dlls = sys.argv[1:]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    with tempfile.TemporaryDirectory(prefix="rasconform-reports-") as scratch:
        verdicts = [validate(tool, schema, dll, scratch, i) for i, dll in enumerate(dlls)]
        validate_merge(tool, schema, [f"{scratch}/r{i}.json" for i in range(len(dlls))], verdicts, scratch)
    for f in failures:
        print(f)
    print(f"{len(dlls)} DLLs, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
