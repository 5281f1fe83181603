#!/usr/bin/python3
"""The DLL's own output in the report, end to end under Wine.

- A DLL that writes a line to stderr, calls OutputDebugStringW and then
  assert()s in MprAdminInitializeDll (output_assert_in_init.dll): in every
  isolation mode (--isolate chain, case, none, --no-isolate) the case's
  `output` holds the stderr line, the debug string once (Wine and Windows
  raise it in two forms) and the assertion text with its expression and
  file, and the failure message names the assertion beside the process end.
  The JSON is valid against its schema; text, JUnit <system-out>, SARIF and
  HTML show the same lines (from `check` itself in the default mode, and
  rendered by `merge` from each mode's JSON).
- A correct DLL that logs in its callouts (good_chatty.dll) still passes;
  its lines come with the callout they were written in, and the soak's
  thousands of lines are cut to the last 64 lines / 8 KB with the rest
  counted. With --isolate none its report still goes where it should.

usage: dll_output.py RASCONFORM SCHEMA OUTPUT_ASSERT_DLL GOOD_CHATTY_DLL   (exit 0 when all hold)
"""
import html
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import jsonschema

from checks import check, ending


CASE = "lifecycle.init-terminate"
STDERR_LINE = "output_assert_in_init: reading the policy store"
DEBUG_LINE = "output_assert_in_init: policy store unreachable (debug string \u00fc)"
EXPRESSION = 'policy_store_reachable && "the policy store is reachable"'
MODES = {"chain": ["--isolate", "chain"], "case": ["--isolate", "case"], "none": ["--isolate", "none"],
         "no-isolate": ["--no-isolate"]}


def rasconform(tool, args, out):
    r = subprocess.run([tool] + args + ["--output", out], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       check=False, timeout=900)
    text = open(out, encoding="utf-8").read() if os.path.exists(out) else ""
    return r, text


def assertion_in(text):
    return f"Assertion failed: {EXPRESSION}" in text and "subject.c" in text


def check_output_lines(what, case, hosted):
    """The case's JSON output: the three lines of the DLL, the debug string once."""
    lines = case.get("output", {}).get("lines", [])
    if not check(lines, f"{what}: {case['id']} has no output"):
        return
    by_source = {}
    for line in lines:
        by_source.setdefault(line["source"], []).append(line)
    stderr = [line["text"] for line in by_source.get("stderr", [])]
    debug = [line["text"] for line in by_source.get("debug", [])]
    check(STDERR_LINE in stderr, f"{what}: the stderr line is missing: {stderr}")
    check(any(assertion_in(t) for t in stderr), f"{what}: the assertion text is missing: {stderr}")
    check(debug.count(DEBUG_LINE) == 1, f"{what}: the debug string should be there once: {debug}")
    check(all(line["dll"] in ("", "output_assert_in_init.dll") for line in lines), f"{what}: dll names {lines}")
    if hosted:
        # Read after the request that ran Init: attributed to it.
        for line in lines:
            check(line["callout"] == "MprAdminInitializeDll", f"{what}: attributed to {line['callout']!r}")
    check(case["output"]["lines_left_out"] == 0, f"{what}: nothing to leave out")


def check_json(what, text, schema, hosted):
    try:
        report = json.loads(text)
    except ValueError as e:
        check(False, f"{what}: not JSON ({e}): {text[:200]}")
        return None
    try:
        jsonschema.validate(report, schema)
    except jsonschema.ValidationError as e:
        check(False, f"{what}: schema: {e.message} at {list(e.absolute_path)}")
    cases = {c["id"]: c for c in report.get("cases", [])}
    case = cases.get(CASE)
    if not check(case is not None, f"{what}: no {CASE} case"):
        return report
    check(case["status"] == "fail", f"{what}: {CASE} is {case['status']}: {case['message']}")
    # Beside the process end, what the DLL said last.
    check("Assertion failed" in case["message"], f"{what}: the message does not name the assertion: {case['message']}")
    check_output_lines(what, case, hosted)
    return report


def check_text(what, text):
    check(STDERR_LINE in text and DEBUG_LINE in text and assertion_in(text), f"{what}: text report lacks the lines")


def check_junit(what, text):
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        check(False, f"{what}: JUnit does not parse: {e}")
        return
    outs = [c.findtext("system-out") or "" for c in root.iter("testcase") if c.get("name") == CASE]
    check(outs and STDERR_LINE in outs[0] and DEBUG_LINE in outs[0] and assertion_in(outs[0]),
          f"{what}: JUnit <system-out> of {CASE} lacks the lines: {outs}")


def check_sarif(what, text):
    sarif = json.loads(text)
    results = [r for run in sarif["runs"] for r in run["results"] if r["properties"]["case"] == CASE]
    if not check(results, f"{what}: no SARIF result for {CASE}"):
        return
    texts = [line["text"] for line in results[0]["properties"].get("output", {}).get("lines", [])]
    check(STDERR_LINE in texts and DEBUG_LINE in texts and any(assertion_in(t) for t in texts),
          f"{what}: SARIF result properties lack the lines: {texts}")


def check_html(what, text):
    shown = html.unescape(text)
    check('<details class="output"' in text, f"{what}: no output block in the HTML")
    check(STDERR_LINE in shown and DEBUG_LINE in shown and assertion_in(shown), f"{what}: HTML lacks the lines")
    check(EXPRESSION not in text, f"{what}: the DLL's text is not escaped in the HTML")


CHECKS = {"text": check_text, "junit": check_junit, "sarif": check_sarif, "html": check_html}


def asserting_dll(tool, schema, dll, scratch):
    for mode, flags in MODES.items():
        what = f"--isolate {mode}" if mode != "no-isolate" else "--no-isolate"
        out = os.path.join(scratch, f"assert-{mode}.json")
        r, text = rasconform(tool, ["check", dll, "--case", CASE, "--format", "json"] + flags, out)
        check(r.returncode == 1, f"{what}: exit status {r.returncode}, stderr {r.stderr.decode()[-400:]}")
        if check_json(what, text, schema, hosted=mode in ("chain", "case")) is None:
            continue
        for fmt, checker in CHECKS.items():
            _, rendered = rasconform(tool, ["merge", out, "--format", fmt], os.path.join(scratch, f"{mode}.{fmt}"))
            checker(f"{what}, {fmt} by merge", rendered)
    # The formats straight from `check`, in the default isolation.
    for fmt, checker in CHECKS.items():
        _, text = rasconform(tool, ["check", dll, "--case", CASE, "--format", fmt],
                             os.path.join(scratch, f"direct.{fmt}"))
        checker(f"check --format {fmt}", text)


def chatty_dll(tool, schema, dll, scratch):
    for mode in ("chain", "none"):
        out = os.path.join(scratch, f"chatty-{mode}.json")
        r, text = rasconform(tool, ["check", dll, "--format", "json"] + MODES[mode], out)
        what = f"good_chatty --isolate {mode}"
        try:
            report = json.loads(text)
        except ValueError:
            check(False, f"{what}: no JSON report (exit {r.returncode}): {r.stderr.decode()[-400:]}")
            continue
        try:
            jsonschema.validate(report, schema)
        except jsonschema.ValidationError as e:
            check(False, f"{what}: schema: {e.message} at {list(e.absolute_path)}")
        bad = [f"{c['id']}: {c['status']}: {c['message']}" for c in report["cases"] if c["status"] in ("fail", "error")]
        check(report["verdict"] == "pass" and r.returncode == 0, f"{what}: a logging DLL must still pass: {bad}")
        cases = {c["id"]: c for c in report["cases"]}
        lines = [line for c in report["cases"] for line in c.get("output", {}).get("lines", [])]
        accepted = [line for line in lines if line["text"] == "chatty: accepting a connection"]
        check(accepted and all(line["source"] == "stdout" for line in accepted), f"{what}: printf lines {accepted[:3]}")
        # Scenarios run whole in a host (stress, edge inputs) are read after
        # them: no callout to name there, never a wrong one.
        named = [line for line in accepted if line["callout"]]
        wrong = [line for line in named if not line["callout"].startswith("MprAdminAcceptNewConnection")]
        check(len(named) * 2 > len(accepted) and not wrong,
              f"{what}: printf lines not attributed to their callout: {len(named)} of {len(accepted)}, {wrong[:3]}")
        init = cases.get(CASE, {}).get("output", {}).get("lines", [])
        inits = [line for line in init if line["text"] == "chatty: initializing"]
        loaded = [line for line in init if line["text"] == "chatty: policy loaded (debug string W)"]
        check(inits and len(loaded) == len(inits), f"{what}: one debug string per Init: {len(inits)} vs {len(loaded)}")
        check(all(line["source"] == "debug" and line["callout"] == "MprAdminInitializeDll" for line in loaded),
              f"{what}: debug strings {loaded[:2]}")
        terminating = [line for line in init if line["text"] == "chatty: terminating"]
        check(terminating and all(line["source"] == "stderr" for line in terminating), f"{what}: stderr {terminating}")
        # The soak's thousand connections: bounded, the rest counted.
        soak = cases.get("robust.bounded-resources", {}).get("output")
        if check(soak, f"{what}: the soak case has no output"):
            check(len(soak["lines"]) <= 64 and sum(len(line["text"].encode()) for line in soak["lines"]) <= 8192,
                  f"{what}: the soak's output is not bounded")
            check(soak["lines_left_out"] > 900 and soak["bytes_left_out"] > 20000,
                  f"{what}: the soak's left-out counts {soak['lines_left_out']}, {soak['bytes_left_out']}")
    _, text = rasconform(tool, ["merge", os.path.join(scratch, "chatty-chain.json"), "--format", "text"],
                         os.path.join(scratch, "chatty.txt"))
    check("the DLL wrote" in text, "good_chatty text report: passing cases should say how much the DLL wrote")


def main():
    tool, schema_path, asserting, chatty = sys.argv[1:5]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with tempfile.TemporaryDirectory(prefix="rasconform-dll-output-") as scratch:
        asserting_dll(tool, schema, asserting, scratch)
        chatty_dll(tool, schema, chatty, scratch)
    return ending("dll_output")


if __name__ == "__main__":
    sys.exit(main())
