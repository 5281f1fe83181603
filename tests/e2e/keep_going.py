#!/usr/bin/python3
"""`rasconform check --keep-going`: a DLL RRAS would not start still gets
every dynamic case, so its author sees every problem in one run.

For a DLL without MprAdminInitializeDll (EXPORT-1) and one whose Init
answers an error (INIT-3):
- without the flag, the dynamic cases are `error` ("the service did not
  start") - unchanged;
- with it, no dynamic case is `error`, each says that RRAS would not have
  started (JSON `rras_would_not_start` per case and in the header, the text
  report's header), the refusal is still a failure, and the verdict is FAIL
  (exit 1) in every report format (rendered by `rasconform merge`).
A good DLL with --keep-going is untouched: PASS, no such note.

usage: keep_going.py RASCONFORM SUBJECTS_DIR REFERENCE_DLL   (exit 0 when all hold)
"""
import json
import os
import subprocess
import sys
import tempfile

from checks import check, ending


def run(rasconform, dll, *args):
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "report")
        p = subprocess.run([rasconform, "check", dll, "--profile", "ws2022", "--output", out, *args],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
        with open(out, encoding="utf-8") as f:
            return p.returncode, f.read(), p.stderr


def main():
    rasconform, subjects, reference = sys.argv[1:4]
    listing = json.loads(subprocess.run([rasconform, "list", "--format", "json"], stdout=subprocess.PIPE,
                                        check=True, text=True).stdout)
    static_ids = {c["id"] for c in listing["cases"] if c["kind"] == "static"}
    status, text, _ = run(rasconform, reference, "--format", "json", "--keep-going")
    good = json.loads(text)
    check(status == 0 and good["verdict"] == "pass", f"the reference DLL with --keep-going: exit {status}")
    check("rras_would_not_start" not in good, "a good DLL's report says RRAS would not start")
    check(all("rras_would_not_start" not in c for c in good["cases"]), "a good DLL's case says RRAS would not start")

    for dll, expect_reason, failing in (
        ("bad_missing_init.dll", "MprAdminInitializeDll", "export.required"),
        ("bad_init_fails.dll", "MprAdminInitializeDll returned 5", "lifecycle.init-terminate"),
    ):
        path = os.path.join(subjects, dll)
        status, text, stderr = run(rasconform, path, "--format", "json")
        plain = json.loads(text)
        plain_dynamic = [c for c in plain["cases"] if c["id"] not in static_ids]
        plain_errors = [c["id"] for c in plain_dynamic if c["status"] == "error"]
        check(status == 1 and len(plain_errors) > 20,
              f"{dll} without --keep-going: expected exit 1 and the dynamic cases in error, got exit {status}, "
              f"{len(plain_errors)} errors")
        check("rras_would_not_start" not in plain, f"{dll} without --keep-going: the header notes keep-going")

        status, text, stderr = run(rasconform, path, "--format", "json", "--keep-going")
        report = json.loads(text)
        check(status == 1, f"{dll} --keep-going: exit {status}, expected 1 ({stderr.strip()})")
        check(report["verdict"] == "fail", f"{dll} --keep-going: verdict {report['verdict']}")
        why = report.get("rras_would_not_start", "")
        check(expect_reason in why, f"{dll} --keep-going: header rras_would_not_start {why!r} lacks {expect_reason!r}")
        dynamic = [c for c in report["cases"] if c["id"] not in static_ids]
        check(len(dynamic) == len(plain_dynamic) and len(dynamic) > 20,
              f"{dll} --keep-going: {len(dynamic)} dynamic cases, {len(plain_dynamic)} without the flag")
        for c in dynamic:
            check(c["status"] != "error", f"{dll} --keep-going: {c['id']} is error: {c['message']}")
            # A case with nothing to play for this DLL (abi.calling-convention
            # on x86_64) started no service: it has nothing to note.
            if c["status"] == "not-applicable" and not c["trace"]:
                continue
            check(c.get("rras_would_not_start") == why,
                  f"{dll} --keep-going: {c['id']} does not say RRAS would not start")
            check("RRAS would not have started" in c["message"],
                  f"{dll} --keep-going: {c['id']}'s message does not say RRAS would not have started")
        failed = {c["id"] for c in report["cases"] if c["status"] == "fail"}
        check(failing in failed, f"{dll} --keep-going: {failing} does not fail (failed: {sorted(failed)})")
        ran = [c for c in dynamic if c["trace"]]
        check(len(ran) > 20, f"{dll} --keep-going: only {len(ran)} dynamic cases called the DLL")

        # The other formats from the same run (merge renders a JSON report in any of them).
        with tempfile.TemporaryDirectory() as scratch:
            saved = os.path.join(scratch, "keep-going.json")
            with open(saved, "w", encoding="utf-8") as f:
                f.write(text)
            for fmt_name, marker in (("text", "RRAS WOULD NOT START THE SERVICE"),
                                     ("junit", "RRAS would not have started"),
                                     ("sarif", "RRAS would not have started"),
                                     ("html", "RRAS would not start the service")):
                p = subprocess.run([rasconform, "merge", saved, "--format", fmt_name], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, timeout=120)
                check(p.returncode == 1 and marker in p.stdout,
                      f"{dll} --keep-going as {fmt_name}: exit {p.returncode}, {marker!r} "
                      f"{'found' if marker in p.stdout else 'missing'} {p.stderr.strip()}")

    return ending("keep_going")


if __name__ == "__main__":
    sys.exit(main())
