#!/usr/bin/python3
"""Deployment as installed, end to end (LOAD-1, LOAD-2, PROC-2): the DLL is
judged only for what its own code did.

- A DLL reading DisplayName of HKLM\\SOFTWARE\\Microsoft\\RAS\\AdminDll in its
  Init passes, and reads the default name or the one of --display-name; with
  a .reg file that deletes the value it fails INIT-3, and the message names
  the value and the file.
- A DLL reading its vendor key fails INIT-3 without --registry and passes
  with it (UTF-16LE and UTF-8 exports); a broken .reg file is one line
  FILE:LINE and exit 2.
- A DLL with address callouts reading a file beside its own module path
  passes in the default and the per-case isolation, in two processes that
  each loaded the DLL's own file; without the file it fails INIT-3.
- The reference DLL under a folder with "ü", spaces and quotes, read-only,
  passes through the Linux tool and through rasconform.exe under Wine; in a
  folder whose name has a double quote (no Windows name can) it passes
  through the Linux tool.
- A copy of a working prefix without kernel32.dll given with --wine-prefix:
  exit 2 naming the prefix, no case fails, the copy is left as it was;
  rasconform's own prefix broken the same way is made anew and the run passes.
- The harness proves itself first: with its canary DLL missing or failing,
  the run stops with exit 2 and one line, and no case fails.
- Two runs at once on one prefix see their own DisplayName each; afterwards
  the prefix's registry holds no AdminDll values, no vendor key and no
  registry view of a run.

The subjects (tests/subjects/subject.c, SUBJECT_READS_*) append what each
process read to the file named in SUBJECT_REPORT_FILE.

usage: deployment.py RASCONFORM AGENT SUBJECTS_DIR REFERENCE_DLL   (exit 0 when all hold)
"""
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading

from checks import check, ending, failures


def windows_path(path):
    return "Z:" + os.path.abspath(path).replace("/", "\\")


def wine_loader():
    """The 64-bit loader, as rasconform picks it (Debian's `wine` may be the 32-bit one)."""
    for candidate in (os.environ.get("RASCONFORM_WINE", ""), "/usr/lib/wine/wine64", "/opt/wine-stable/bin/wine64"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("wine64") or shutil.which("wine")


def prefix():
    if os.environ.get("RASCONFORM_WINE_PREFIX"):
        return os.environ["RASCONFORM_WINE_PREFIX"]
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.environ["HOME"], ".cache")
    return os.path.join(cache, "rasconform", "wineprefix")


class Run:
    def __init__(self, completed, report_path, read_path):
        self.status = completed.returncode
        self.stderr = completed.stderr
        self.report = None
        if os.path.exists(report_path) and os.path.getsize(report_path):
            with open(report_path, encoding="utf-8") as f:
                self.report = json.load(f)
        self.read = []  # (pid, what, value) the subject reported
        if os.path.exists(read_path):
            with open(read_path, encoding="utf-8") as f:
                for line in f:
                    pid, _, rest = line.rstrip("\r\n").partition(" ")
                    what, _, value = rest.partition("=")
                    self.read.append((pid, what, value))

    def status_of(self, case):
        return next(c for c in self.report["cases"] if c["id"] == case)

    def with_status(self, status):
        return {c["id"]: c["message"] for c in self.report["cases"] if c["status"] == status} if self.report else {}


counter = [0]
counter_lock = threading.Lock()


def check_run(tool, scratch, dll, *extra, env=None):
    with counter_lock:
        counter[0] += 1
        n = counter[0]
    report = os.path.join(scratch, f"report{n}.json")
    read = os.path.join(scratch, f"read{n}.txt")
    environment = dict(os.environ if env is None else env)
    environment["SUBJECT_REPORT_FILE"] = windows_path(read)
    completed = subprocess.run([tool, "check", dll, "--format", "json", "--output", report, *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment, check=False)
    return Run(completed, report, read)


def expect_pass(run, what):
    check(run.status == 0 and run.report and run.report["verdict"] == "pass",
          f"{what}: exit {run.status}, failing {run.with_status('fail')}, errors {run.with_status('error')}, "
          f"stderr {run.stderr.strip()}")


def expect_init_fails(run, what, *mentions):
    check(run.status == 1, f"{what}: exit {run.status}, expected 1: {run.stderr.strip()}")
    if not run.report:
        failures.append(f"{what}: no report")
        return
    failing = run.with_status("fail")
    check(list(failing) == ["lifecycle.init-terminate"], f"{what}: failing {failing}")
    message = failing.get("lifecycle.init-terminate", "")
    for m in ("[INIT-3]", *mentions):
        check(m in message, f"{what}: the INIT-3 message does not name {m!r}: {message}")


def reg_file_v5_utf16(path, body):
    with open(path, "wb") as f:
        f.write(b"\xff\xfe" + ("Windows Registry Editor Version 5.00\r\n\r\n" + body).encode("utf-16-le"))


def display_name(tool, subjects, scratch):
    dll = os.path.join(subjects, "deploy_display_name.dll")
    r = check_run(tool, scratch, dll)
    expect_pass(r, "DisplayName by default")
    names = {value for _, what, value in r.read if what == "DisplayName"}
    check(names == {"deploy_display_name"}, f"DisplayName by default: the DLL read {names}")
    # One case is enough to see the name read; the whole suite passed above.
    r = check_run(tool, scratch, dll, "--display-name", "Contoso VPN Policy", "--case", "lifecycle.init-terminate")
    expect_pass(r, "--display-name")
    names = {value for _, what, value in r.read if what == "DisplayName"}
    check(names == {"Contoso VPN Policy"}, f"--display-name: the DLL read {names}")
    deleting = os.path.join(scratch, "no display name.reg")
    reg_file_v5_utf16(deleting, "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\RAS\\AdminDll]\r\n\"DisplayName\"=-\r\n")
    r = check_run(tool, scratch, dll, "--registry", deleting)
    expect_init_fails(r, "DisplayName deleted by a .reg", "no DisplayName (removed by", "no display name.reg:4")


def vendor_key(tool, subjects, scratch):
    dll = os.path.join(subjects, "deploy_vendor_key.dll")
    r = check_run(tool, scratch, dll)
    expect_init_fails(r, "vendor key not given", "DLLPath")
    utf16 = os.path.join(scratch, "contoso.reg")
    reg_file_v5_utf16(utf16, "; exported from the vendor's test server\r\n"
                             "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\RasPolicy]\r\n"
                             "\"PolicyServer\"=\"policy.contoso.example\"\r\n\"MaxSessions\"=dword:00000010\r\n")
    r = check_run(tool, scratch, dll, "--registry", utf16)
    expect_pass(r, "vendor key from a UTF-16LE .reg")
    servers = {value for _, what, value in r.read if what == "PolicyServer"}
    check(servers == {"policy.contoso.example"}, f"vendor key: the DLL read {servers}")
    utf8 = os.path.join(scratch, "contoso-ü.reg")
    with open(utf8, "w", encoding="utf-8") as f:
        f.write("REGEDIT4\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\RasPolicy]\n"
                "\"PolicyServer\"=\"policy-ü.contoso.example\"\n\"MaxSessions\"=dword:00000002\n")
    r = check_run(tool, scratch, dll, "--registry", utf8, "--case", "lifecycle.init-terminate")
    expect_pass(r, "vendor key from a UTF-8 REGEDIT4 .reg")
    servers = {value for _, what, value in r.read if what == "PolicyServer"}
    check(servers == {"policy-ü.contoso.example"}, f"vendor key (UTF-8): the DLL read {servers}")
    broken = os.path.join(scratch, "broken.reg")
    with open(broken, "w", encoding="utf-8") as f:
        f.write("REGEDIT4\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\RasPolicy]\n\"MaxSessions\"=dword:zz\n")
    r = check_run(tool, scratch, dll, "--registry", utf16, "--registry", broken)
    lines = r.stderr.strip().splitlines()
    check(r.status == 2, f"broken .reg: exit {r.status}, expected 2")
    check(len(lines) == 1 and lines[0].startswith(f"rasconform: {broken}:4: "),
          f"broken .reg: expected one line '{broken}:4: ...', got {lines}")
    check(r.report is None and not r.read, "broken .reg: something ran anyway")


def config_beside(tool, subjects, scratch):
    folder = os.path.join(scratch, "vendor dll")
    os.makedirs(folder)
    dll = os.path.join(folder, "deploy_config_beside.dll")
    shutil.copy(os.path.join(subjects, "deploy_config_beside.dll"), dll)
    with open(os.path.join(folder, "deploy_config_beside.json"), "w") as f:
        f.write('{"pool": "10.0.0.0/24"}\n')
    own = windows_path(os.path.join(folder, "deploy_config_beside.json"))
    # The whole suite in the default isolation; with a process per case, the
    # case that splits the IP callouts off (PROC-1..3).
    for isolation, only in (("chain", ()), ("case", ("--case", "process.split-ip-state"))):
        r = check_run(tool, scratch, dll, "--isolate", isolation, *only)
        expect_pass(r, f"config file beside the DLL, --isolate {isolation}")
        paths = {value for _, what, value in r.read if what == "ConfigFile"}
        check(paths == {own}, f"config beside, --isolate {isolation}: the DLL read {paths}, not only {own}")
        # The IP instance is a second process that loaded the same file (PROC-2).
        check(len({pid for pid, what, _ in r.read if what == "ConfigFile"}) >= 2,
              f"config beside, --isolate {isolation}: read in fewer than two processes: {r.read}")
    os.remove(os.path.join(folder, "deploy_config_beside.json"))
    r = check_run(tool, scratch, dll)
    expect_init_fails(r, "config file missing", "deploy_config_beside.dll", "in the connection process")


def read_only(folder):
    os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)


def any_path(tool, agent, reference, scratch):
    # Letters Windows allows: the same path for the Linux tool and rasconform.exe.
    folder = os.path.join(scratch, "jürgen dlls", "ünï 'q'")
    # A double quote no Windows file name can hold: the Linux tool hands the
    # file over through a link to its folder.
    unnameable = os.path.join(scratch, 'vendor "beta" ü')
    out_dir = os.path.join(scratch, "rapports ü")
    for f in (folder, unnameable, out_dir):
        os.makedirs(f)
    dll = os.path.join(folder, "vendor ü.dll")
    shutil.copy(reference, dll)
    shutil.copy(reference, os.path.join(unnameable, "a.dll"))
    read_only(folder)
    read_only(unnameable)
    try:
        r = check_run(tool, out_dir, dll)
        expect_pass(r, "reference DLL in a read-only folder with ü, spaces and quotes (Linux tool)")
        r = check_run(tool, out_dir, os.path.join(unnameable, "a.dll"), "--case", "lifecycle.accepted-connection")
        expect_pass(r, "reference DLL in a folder with a double quote (Linux tool)")
        env = dict(os.environ, WINEPREFIX=prefix(), WINEDEBUG="-all", LC_CTYPE="C.UTF-8")
        env.pop("LC_ALL", None)
        loader = wine_loader()
        if os.path.basename(loader) == "wine64":
            env["WINELOADER"] = loader
        report = os.path.join(out_dir, "windows side ü.json")
        done = subprocess.run([loader, agent, "check", windows_path(dll), "--format", "json", "--output",
                               windows_path(report)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=env, check=False)
        verdict = None
        if os.path.exists(report) and os.path.getsize(report):
            with open(report, encoding="utf-8") as f:
                verdict = json.load(f).get("verdict")
        check(done.returncode == 0 and verdict == "pass",
              f"rasconform.exe on the ü path: exit {done.returncode}, verdict {verdict}: {done.stderr.strip()[-400:]}")
    finally:
        os.chmod(folder, stat.S_IRWXU)
        os.chmod(unnameable, stat.S_IRWXU)


def broken_prefixes(tool, reference, scratch):
    working = prefix()
    copy = os.path.join(scratch, "prefix copy")
    # Hard links for the files Wine only reads, real copies of the registry
    # it writes: seconds instead of a 700 MB copy.
    subprocess.run(["cp", "-al", working, copy], check=True)
    for name in ("system.reg", "user.reg", "userdef.reg"):
        if os.path.exists(os.path.join(copy, name)):
            os.remove(os.path.join(copy, name))
            shutil.copy(os.path.join(working, name), os.path.join(copy, name))
    os.remove(os.path.join(copy, "drive_c", "windows", "system32", "kernel32.dll"))
    r = check_run(tool, scratch, reference, "--wine-prefix", copy)
    subprocess.run(["wineserver", "-k"], env=dict(os.environ, WINEPREFIX=copy), check=False)
    check(r.status == 2, f"broken --wine-prefix: exit {r.status}, expected 2")
    check("does not start programs" in r.stderr and copy in r.stderr,
          f"broken --wine-prefix: stderr does not say it: {r.stderr.strip()}")
    check(not r.with_status("fail"), f"broken --wine-prefix: cases failed: {r.with_status('fail')}")
    check(not os.path.exists(os.path.join(copy, "drive_c", "windows", "system32", "kernel32.dll")),
          "broken --wine-prefix: the given prefix was changed")

    cache = os.path.join(scratch, "cache")
    env = dict(os.environ, XDG_CACHE_HOME=cache)
    env.pop("RASCONFORM_WINE_PREFIX", None)
    own = os.path.join(cache, "rasconform", "wineprefix")
    r = check_run(tool, scratch, reference, "--case", "lifecycle.init-terminate", env=env)
    expect_pass(r, "rasconform's own prefix, first use")
    subprocess.run(["wineserver", "-k"], env=dict(os.environ, WINEPREFIX=own), check=False)
    os.remove(os.path.join(own, "drive_c", "windows", "system32", "kernel32.dll"))
    r = check_run(tool, scratch, reference, "--case", "lifecycle.init-terminate", env=env)
    subprocess.run(["wineserver", "-k"], env=dict(os.environ, WINEPREFIX=own), check=False)
    expect_pass(r, "rasconform's own prefix broken")
    check("making it anew" in r.stderr and r.stderr.count("\n") == 1,
          f"rasconform's own prefix broken: expected one line saying it was made anew: {r.stderr.strip()}")


def broken_harness(tool, agent, subjects, reference, scratch):
    """The self-test: an agent whose canary DLL is missing, or is a DLL whose
    Init fails, stops the run with exit 2 and the reason; no case fails."""
    for kind, canary in (("missing", None), ("failing", os.path.join(subjects, "bad_init_fails.dll"))):
        folder = os.path.join(scratch, kind)
        os.makedirs(os.path.join(folder, "reentry"))
        here = os.path.dirname(agent)
        for name in ("rasconform.exe", "rasconform-host.exe", os.path.join("reentry", "mprapi.dll")):
            shutil.copy(os.path.join(here, name), os.path.join(folder, name))
        if canary:
            shutil.copy(canary, os.path.join(folder, "rasconform-canary.dll"))
        r = check_run(tool, scratch, reference, "--agent", os.path.join(folder, "rasconform.exe"))
        check(r.status == 2, f"{kind} canary: exit {r.status}, expected 2")
        expected = "is missing" if canary is None else "failed its self-test"
        lines = r.stderr.strip().splitlines()
        check(len(lines) == 1 and expected in lines[0] and "rasconform-canary.dll" in lines[0],
              f"{kind} canary: expected one line saying it ({expected}): {lines}")
        check(not r.with_status("fail"), f"{kind} canary: cases failed: {r.with_status('fail')}")


def two_runs_at_once(tool, subjects, scratch):
    dll = os.path.join(subjects, "deploy_display_name.dll")
    runs = {}

    def one(name):
        runs[name] = check_run(tool, scratch, dll, "--display-name", name, "--case", "lifecycle.accepted-connection")

    threads = [threading.Thread(target=one, args=(n,)) for n in ("First Vendor", "Second Vendor")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for name, r in runs.items():
        expect_pass(r, f"concurrent run {name}")
        seen = {value for _, what, value in r.read if what == "DisplayName"}
        check(seen == {name}, f"concurrent run {name}: the DLL read {seen}")


def registry_left_clean(scratch):
    env = dict(os.environ, WINEPREFIX=prefix(), WINEDEBUG="-all")
    loader = wine_loader()
    if os.path.basename(loader) == "wine64":
        env["WINELOADER"] = loader

    def query(key):
        return subprocess.run([loader, "reg.exe", "query", key], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env, check=False)

    for key in ("HKLM\\SOFTWARE\\Microsoft\\RAS\\AdminDll", "HKLM\\SOFTWARE\\Contoso"):
        q = query(key)
        check(q.returncode != 0, f"the prefix's registry still holds {key}: {q.stdout.strip()}")
    # Other tests' runs may be live on this prefix, each with its view: a view
    # is this test's leftover when its AdminDll names one of this test's DLLs.
    views = subprocess.run([loader, "reg.exe", "query", "HKCU\\Software\\rasconform\\Views", "/s"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, check=False)
    ours = windows_path(scratch)
    left = [line.strip() for line in views.stdout.splitlines() if ours.lower() in line.lower()]
    check(not left, f"registry views of this test's runs left in the prefix: {left}")


def main():
    tool, agent, subjects, reference = sys.argv[1:5]
    with tempfile.TemporaryDirectory(prefix="rasconform-deploy-") as scratch:
        def folder(name):
            path = os.path.join(scratch, name)
            os.makedirs(path)
            return path

        display_name(tool, subjects, folder("display_name"))
        vendor_key(tool, subjects, folder("vendor_key"))
        config_beside(tool, subjects, folder("config_beside"))
        any_path(tool, agent, reference, folder("paths"))
        two_runs_at_once(tool, subjects, folder("concurrent"))
        broken_harness(tool, agent, subjects, reference, folder("harness"))
        registry_left_clean(scratch)
        broken_prefixes(tool, reference, folder("prefixes"))
    return ending("deployment")


if __name__ == "__main__":
    sys.exit(main())
