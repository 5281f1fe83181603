#!/usr/bin/env python3
"""Native mode under the sanitizers (issue 8): run a rasconform command
(`check` or `stress`) on a Linux shared object in a tree built with
-Db_sanitize=... and judge what the sanitizer said.

  sanitized_check.py --clean -- RASCONFORM check SUBJECT.so ...
      the run passes (exit 0, "verdict: PASS") and no sanitizer reported anything;
  sanitized_check.py --expect TEXT --in FUNCTION -- RASCONFORM stress SUBJECT.so ...
      the run fails, and a sanitizer report containing TEXT has FUNCTION
      (the planted bug's callout) in one of its stacks.

Exit 0 when the expectation holds, 1 otherwise (with the run's output).
"""
import argparse
import glob
import shutil
import subprocess
import sys
import tempfile

SANITIZER_MARKERS = ("Sanitizer", "runtime error:")


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--clean", action="store_true")
    p.add_argument("--expect")
    p.add_argument("--in", dest="function")
    p.add_argument("command", nargs="+")
    a = p.parse_args()
    if a.clean == bool(a.expect) or bool(a.expect) != bool(a.function):
        p.error("give --clean, or --expect TEXT with --in FUNCTION")

    cmd = a.command
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = child.communicate(timeout=900)
    run = subprocess.CompletedProcess(cmd, child.returncode, stdout, stderr)
    # A run a sanitizer aborted could not remove its private copies of the
    # shared object (mock/shared_object_admin_dll.cpp names them by pid).
    for leftover in glob.glob(f"{tempfile.gettempdir()}/rasconform-native-{child.pid}-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    print(f"$ {' '.join(cmd)}\nexit status {run.returncode}")

    def failed(why: str) -> int:
        print(f"FAIL: {why}\n--- stdout ---\n{run.stdout}\n--- stderr ---\n{run.stderr}")
        return 1

    reported = [m for m in SANITIZER_MARKERS if m in run.stderr]
    if a.clean:
        if reported:
            return failed(f"a sanitizer reported something ({', '.join(reported)})")
        if run.returncode != 0 or "verdict: PASS" not in run.stdout:
            return failed("the run did not pass")
        print("clean: the run passed and no sanitizer reported anything")
        return 0
    if run.returncode == 0:
        return failed("the run succeeded although a sanitizer should have stopped or failed it")
    reports = run.stderr.split("==================")
    hits = [r for r in reports if a.expect in r]
    if not hits:
        return failed(f"no sanitizer report contains {a.expect!r}")
    if not any(a.function in r for r in hits):
        return failed(f"the {a.expect!r} report does not name {a.function}")
    print(f"found: {a.expect!r} in {a.function}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
