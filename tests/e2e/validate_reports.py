#!/usr/bin/python3
"""Every report format of `rasconform check`, checked on real runs: JSON
against docs/schema/report-1.schema.json (jsonschema), JUnit XML parsed and
reconciled with the JSON, SARIF 2.1.0 against the properties its spec makes
required and with every result pointing at a declared rule.

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


def run(tool, dll, fmt, out):
    subprocess.run([tool, "check", dll, "--format", fmt, "--output", out],
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    with open(out, encoding="utf-8") as f:
        return f.read()


def validate(tool, schema, dll, scratch):
    report = json.loads(run(tool, dll, "json", f"{scratch}/r.json"))
    try:
        jsonschema.validate(report, schema)
    except jsonschema.ValidationError as e:
        failures.append(f"{dll}: JSON report breaks the schema at {list(e.absolute_path)}: {e.message}")
    status = {c["id"]: c["status"] for c in report["cases"]}

    junit = ET.fromstring(run(tool, dll, "junit", f"{scratch}/r.xml"))
    check(junit.tag == "testsuites", f"{dll}: JUnit root is <{junit.tag}>")
    cases = junit.findall("./testsuite/testcase")
    check({c.get("name") for c in cases} == set(status), f"{dll}: JUnit cases differ from the JSON ones")
    for c in cases:
        expected = {"fail": "failure", "error": "error", "not-applicable": "skipped"}.get(status.get(c.get("name")))
        got = [e.tag for e in c if e.tag in ("failure", "error", "skipped")]
        check(got == ([expected] if expected else []), f"{dll}: JUnit {c.get('name')} has {got}, JSON says "
                                                       f"{status.get(c.get('name'))}")
    suite = junit.find("testsuite")
    check(int(suite.get("failures")) == list(status.values()).count("fail"), f"{dll}: JUnit failure count")
    check(int(suite.get("tests")) == len(status), f"{dll}: JUnit test count")

    sarif = json.loads(run(tool, dll, "sarif", f"{scratch}/r.sarif"))
    check(sarif.get("version") == "2.1.0", f"{dll}: SARIF version")
    check(isinstance(sarif.get("runs"), list) and len(sarif["runs"]) == 1, f"{dll}: SARIF runs")
    driver = sarif["runs"][0]["tool"]["driver"]
    check(driver.get("name") == "rasconform", f"{dll}: SARIF driver name")
    rule_ids = [r["id"] for r in driver.get("rules", [])]
    check(len(rule_ids) == len(set(rule_ids)), f"{dll}: SARIF rules repeat")
    results = sarif["runs"][0].get("results", [])
    for res in results:
        check("text" in res.get("message", {}), f"{dll}: SARIF result without message text")
        check(res.get("level") in ("error", "warning", "note", "none"), f"{dll}: SARIF level {res.get('level')}")
        idx = res.get("ruleIndex")
        check(idx is not None and 0 <= idx < len(rule_ids) and rule_ids[idx] == res.get("ruleId"),
              f"{dll}: SARIF result {res.get('ruleId')} does not point at its rule")
        for loc in res.get("locations", []):
            check(isinstance(loc["physicalLocation"]["artifactLocation"].get("uri"), str), f"{dll}: SARIF uri")
    fails = sum(s in ("fail", "warning") for s in status.values())
    check(len(results) == fails, f"{dll}: {len(results)} SARIF results for {fails} fail/warning cases")


def main():
    tool, schema_path, *dlls = sys.argv[1:]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    with tempfile.TemporaryDirectory(prefix="rasconform-reports-") as scratch:
        for dll in dlls:
            validate(tool, schema, dll, scratch)
    for f in failures:
        print(f)
    print(f"{len(dlls)} DLLs, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
