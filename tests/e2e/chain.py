#!/usr/bin/python3
"""Chains, end to end: `rasconform check A.dll B.dll` checks the DLLs as one
DLLPath in registry order (MULTI-2..5), judging each of them.

- Two good DLLs that both export the IPv4 address pair: exit 0, PASS, both
  subjects in the report; the address callouts reach only the first
  (MULTI-4): no trace shows one in the second, whose address cases are
  not-applicable with that reason.
- A good DLL and a known-bad one (bad_order.dll): exit 1; the cases
  known_bad.toml lists for it fail, and every failing case names the
  known-bad DLL and never the good one; merge and SARIF keep that apart.
- The address families are chosen independently (MULTI-5, IPV6-7): with
  good_full.dll (IPv4 pair only) first, the IPv4 callouts go to it and the
  IPv6 ones to the reference DLL after it.
- Unusable chains stop before Wine, one line naming the file: a DLL that
  does not exist, one file name twice, a profile with one admin DLL (MULTI-1).
- merge takes the chain reports (text and JSON) and refuses one given twice,
  naming the chain; certify --chain writes a bundle naming both DLLs, which
  verify accepts.

usage: chain.py RASCONFORM REFERENCE_DLL SUBJECTS_DIR   (exit 0 when all hold)
"""
import json
import os
import subprocess
import sys
import tempfile

from checks import check, ending, failures


ADDRESS_CALLOUTS = {"MprAdminGetIpAddressForUser", "MprAdminReleaseIpAddress"}
IPV6_CALLOUTS = {"MprAdminGetIpv6AddressForUser", "MprAdminReleaseIpv6AddressForUser"}


def run(tool, *args):
    return subprocess.run([tool, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)


def check_chain(tool, scratch, name, dlls, *extra):
    report = os.path.join(scratch, name + ".json")
    done = run(tool, "check", *dlls, "--profile", "ws2022", "--format", "json", "--output", report, *extra)
    data = None
    if os.path.exists(report) and os.path.getsize(report):
        with open(report, encoding="utf-8") as f:
            data = json.load(f)
    return done, data, report


def events(report):
    for case in report["cases"]:
        for e in case["trace"]:
            yield case["id"], e


def with_status(report, status):
    return {c["id"]: c["message"] for c in report["cases"] if c["status"] == status}


def good_pair(tool, reference, subjects, scratch):
    good = os.path.join(subjects, "good_full.dll")
    done, report, path = check_chain(tool, scratch, "good", [reference, good])
    check(done.returncode == 0, f"good+good: exit {done.returncode}, stderr {done.stderr.strip()[-600:]}")
    if not report:
        failures.append("good+good: no report")
        return None
    check(report["verdict"] == "pass",
          f"good+good: verdict {report['verdict']}, failing {with_status(report, 'fail')}, "
          f"errors {with_status(report, 'error')}")
    paths = [os.path.basename(s["path"]) for s in report["subjects"]]
    check(paths == ["reference_admin_dll.dll", "good_full.dll"], f"good+good: subjects {paths}")
    # MULTI-4: both export the IPv4 pair; only the first is ever called for it.
    to_second = [(case, e["dll"], e["callout"]) for case, e in events(report)
                 if e["callout"] in ADDRESS_CALLOUTS and e["dll"].startswith("good_full.dll")]
    check(not to_second, f"good+good: IPv4 address callouts reached the second DLL: {to_second[:5]}")
    to_first = [e for _, e in events(report)
                if e["callout"] == "MprAdminGetIpAddressForUser" and e["dll"].startswith("reference_admin_dll.dll")]
    check(to_first, "good+good: no trace shows the first DLL's MprAdminGetIpAddressForUser")
    assigned = next((c for c in report["cases"] if c["id"] == "ipaddr.address-assigned"), None)
    check(assigned is not None and assigned["status"] == "pass" and
          "good_full.dll: not applicable: good_full.dll gets no address callouts in this chain: "
          "reference_admin_dll.dll takes them" in assigned["message"],
          f"good+good: ipaddr.address-assigned does not say why the second DLL gets no address callouts: "
          f"{assigned and assigned['message']}")
    return path


def good_and_known_bad(tool, subjects, scratch):
    good = os.path.join(subjects, "good_full.dll")
    bad = os.path.join(subjects, "bad_order.dll")
    done, report, path = check_chain(tool, scratch, "bad", [good, bad])
    check(done.returncode == 1, f"good+bad: exit {done.returncode}, expected 1: {done.stderr.strip()[-600:]}")
    if not report:
        failures.append("good+bad: no report")
        return None
    failing = with_status(report, "fail")
    # known_bad.toml: what bad_order.dll fails on its own.
    for case in ("lifecycle.accepted-connection", "robust.no-fault"):
        check(case in failing, f"good+bad: {case} does not fail: {failing}")
    for case, message in failing.items():
        check("bad_order.dll" in message and "good_full.dll" not in message,
              f"good+bad: {case} does not name only the known-bad DLL: {message}")
    # Its faults may leave a case of its own unable to measure (the soak):
    # an error, still about the known-bad DLL alone.
    for case, message in with_status(report, "error").items():
        check("good_full.dll" not in message, f"good+bad: {case} is an error naming the good DLL: {message}")
    names = [os.path.basename(s["path"]) for s in report["subjects"]]
    check(names == ["good_full.dll", "bad_order.dll"], f"good+bad: subjects {names}")
    # SARIF locates each failure in the DLL it names.
    sarif = run(tool, "merge", path, "--format", "sarif")
    check(sarif.returncode == 1, f"merge --format sarif of the good+bad report: exit {sarif.returncode}")
    try:
        results = json.loads(sarif.stdout)["runs"][0]["results"]
        located = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]
                   for r in results if r["level"] == "error"}
        check(located == {"bad_order.dll"}, f"SARIF: failures located in {located}")
    except (ValueError, KeyError, IndexError) as e:
        failures.append(f"SARIF of the good+bad report unreadable: {e}")
    return path


def families_apart(tool, reference, subjects, scratch):
    good = os.path.join(subjects, "good_full.dll")
    done, report, _ = check_chain(tool, scratch, "families", [good, reference], "--case", "ipaddr.address-assigned")
    check(done.returncode == 0, f"families: exit {done.returncode}: {done.stderr.strip()[-600:]}")
    if not report:
        failures.append("families: no report")
        return
    v4 = {e["dll"] for _, e in events(report) if e["callout"] in ADDRESS_CALLOUTS}
    v6 = {e["dll"] for _, e in events(report) if e["callout"] in IPV6_CALLOUTS}
    check(v4 and all(d.startswith("good_full.dll") for d in v4), f"families: IPv4 address callouts went to {v4}")
    check(v6 and all(d.startswith("reference_admin_dll.dll") for d in v6),
          f"families: IPv6 address callouts went to {v6}")


def unusable(tool, reference, scratch):
    missing = os.path.join(scratch, "no-such.dll")
    for what, args, named in (
            ("a missing DLL", ["check", reference, missing], "no-such.dll"),
            ("one file twice", ["check", reference, reference], "reference_admin_dll.dll"),
    ):
        done = run(tool, *args)
        lines = done.stderr.strip().splitlines()
        check(done.returncode == 2, f"{what}: exit {done.returncode}, expected 2")
        check(len(lines) == 1 and named in lines[0], f"{what}: stderr {lines}")
    # A profile with one admin DLL, given two that exist: MULTI-1, not a run.
    copy = os.path.join(scratch, "copy_of_reference.dll")
    with open(reference, "rb") as src, open(copy, "wb") as dst:
        dst.write(src.read())
    done = run(tool, "check", reference, copy, "--profile", "w2000")
    check(done.returncode == 2 and "MULTI-1" in done.stderr and len(done.stderr.strip().splitlines()) == 1,
          f"w2000 chain: exit {done.returncode}, stderr {done.stderr.strip()}")


def merged(tool, good_report, bad_report):
    done = run(tool, "merge", good_report, bad_report)
    check(done.returncode == 1, f"merge: exit {done.returncode}, expected 1: {done.stderr.strip()}")
    for line in ("reference_admin_dll.dll + good_full.dll (ws2022) PASS", "good_full.dll + bad_order.dll (ws2022) FAIL"):
        check(" ".join(line.split()) in " ".join(done.stdout.split()), f"merge: no line {line!r}")
    check(done.stdout.count("subject: ") == 4, "merge: the text does not list all four subjects")
    done = run(tool, "merge", good_report, good_report)
    check(done.returncode == 2 and "reference_admin_dll.dll + good_full.dll under ws2022 is already in" in done.stderr,
          f"merge of one chain twice: exit {done.returncode}, stderr {done.stderr.strip()}")


def certified(tool, reference, subjects, scratch):
    good = os.path.join(subjects, "good_full.dll")
    bundle = os.path.join(scratch, "bundle")
    done = run(tool, "certify", "--chain", reference, good, "--profile", "ws2022", "-o", bundle)
    check(done.returncode == 0, f"certify --chain: exit {done.returncode}: {done.stdout.strip()} {done.stderr.strip()}")
    if done.returncode != 0:
        return
    with open(os.path.join(bundle, "certificate.json"), encoding="utf-8") as f:
        certificate = json.load(f)
    check([s["file"] for s in certificate["subjects"]] == ["reference_admin_dll.dll", "good_full.dll"],
          f"certify --chain: subjects {certificate['subjects']}")
    with open(os.path.join(bundle, "report.json"), encoding="utf-8") as f:
        report = json.load(f)
    check(len(report.get("subjects", [])) == 2 and "runs" not in report, "certify --chain: not one run of two DLLs")
    done = run(tool, "verify", bundle, reference, good)
    check(done.returncode == 0, f"verify of the chain's bundle: exit {done.returncode}: {done.stdout.strip()}")


def main():
    tool, reference, subjects = sys.argv[1:4]
    with tempfile.TemporaryDirectory(prefix="rasconform-chain-") as scratch:
        unusable(tool, reference, scratch)
        families_apart(tool, reference, subjects, scratch)
        good_report = good_pair(tool, reference, subjects, scratch)
        bad_report = good_and_known_bad(tool, subjects, scratch)
        if good_report and bad_report:
            merged(tool, good_report, bad_report)
        if os.environ.get("RASCONFORM_CHAIN_CERTIFY", "1") != "0":
            certified(tool, reference, subjects, scratch)
    return ending("chain")


if __name__ == "__main__":
    sys.exit(main())
