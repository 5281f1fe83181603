#!/usr/bin/python3
"""`rasconform check --format html` on real runs, rendered by headless
Chromium: the DOM Chromium builds from the page must show the verdict and
counts of the JSON report of the same DLL, a row per case with its status,
and for each failing case a sequence diagram (<svg>) with one call per trace
event and the offending call highlighted. Also: the page is self-contained
(no scripts, no network), text from the DLL is escaped, and a screenshot is
not blank (the FAIL verdict is drawn in its red).

usage: html_report.py RASCONFORM GOOD_DLL FAILING_DLL   (exit 0 when all
hold, 77 when Chromium is not installed)
"""
import html.parser
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children, self.text = tag, dict(attrs), parent, [], ""

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def find_all(self, tag=None, cls=None, **attrs):
        return [n for n in self.walk() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes())
                and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def all_text(self):
        return self.text + "".join(c.all_text() for c in self.children)


class DomBuilder(html.parser.HTMLParser):
    """A tree of the serialized DOM: enough to query by tag, class and attribute."""
    VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "wbr", "source"}
    SVG_LEAF = {"line", "rect", "polygon", "path", "circle"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in self.VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        # Text goes into a child of its own so that all_text() keeps document order.
        t = Node("#text", {}, self.cur)
        t.text = data
        self.cur.children.append(t)


def chromium_command(chromium, profile_dir):
    return [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", f"--user-data-dir={profile_dir}"]


def render_dom(chromium, page, scratch):
    with tempfile.TemporaryDirectory(dir=scratch) as profile_dir:
        p = subprocess.run(chromium_command(chromium, profile_dir) + ["--dump-dom", "file://" + page],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=180, check=False)
    if not check(p.returncode == 0 and p.stdout.strip(), f"{page}: chromium --dump-dom failed ({p.returncode}): "
                                                          f"{p.stderr.decode(errors='replace')[-300:]}"):
        return None
    b = DomBuilder()
    b.feed(p.stdout.decode("utf-8"))
    return b.root


def screenshot(chromium, page, png, scratch):
    with tempfile.TemporaryDirectory(dir=scratch) as profile_dir:
        subprocess.run(chromium_command(chromium, profile_dir) + ["--hide-scrollbars", "--window-size=1000,600",
                                                                  f"--screenshot={png}", "file://" + page],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180, check=False)


def png_pixels(path):
    """RGB(A) rows of an 8-bit, non-interlaced PNG (what Chromium writes)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unexpected PNG format (depth {depth}, colour type {colour})")
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xFF
            elif f == 2:
                line[i] = (line[i] + b) & 0xFF
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(line)
        prev = line
    return width, height, bpp, rows


def run_check(tool, dll, fmt, out):
    subprocess.run([tool, "check", dll, "--format", fmt, "--output", out],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, timeout=900)
    with open(out, encoding="utf-8") as f:
        return f.read()


def shown(case):
    """The status the HTML shows: the baseline's outcomes are statuses of their own there."""
    outcome = case.get("baseline", {}).get("outcome")
    return {"known failure": "known-failure", "unexpected pass": "unexpected-pass"}.get(outcome, case["status"])


def validate(tool, chromium, dll, scratch, name):
    report = json.loads(run_check(tool, dll, "json", f"{scratch}/{name}.json"))
    page = f"{scratch}/{name}.html"
    source = run_check(tool, dll, "html", page)
    # Self-contained: nothing to fetch, nothing to run.
    lowered = source.lower()
    for bad in ("<script", "<link", "<iframe", "src=", "url(", "http://", "https://", "@import"):
        if bad in ("http://", "https://"):
            # The SVG namespace is a name, not a resource.
            check(lowered.replace('xmlns="http://www.w3.org/2000/svg"', "").count(bad) == 0,
                  f"{name}: the page refers to {bad}")
        else:
            check(bad not in lowered, f"{name}: the page holds {bad}")

    dom = render_dom(chromium, page, scratch)
    if dom is None:
        return None
    verdict = dom.find_all(id="verdict")
    if check(len(verdict) == 1, f"{name}: {len(verdict)} #verdict elements"):
        check(verdict[0].attrs.get("data-verdict") == report["verdict"],
              f"{name}: verdict {verdict[0].attrs.get('data-verdict')}, JSON says {report['verdict']}")
        check(report["verdict"].upper() in verdict[0].all_text(), f"{name}: verdict text {verdict[0].all_text()!r}")

    rows = dom.find_all("tr", cls="case")
    json_status = {c["id"]: shown(c) for c in report["cases"]}
    html_status = {r.attrs.get("data-case"): r.attrs.get("data-status") for r in rows}
    check(len(rows) == len(report["cases"]), f"{name}: {len(rows)} case rows for {len(report['cases'])} cases")
    check(html_status == json_status, f"{name}: case statuses differ from the JSON: "
                                      f"{sorted(set(html_status.items()) ^ set(json_status.items()))}")
    for r in rows:
        status_cell = r.find_all("span", cls="badge")
        check(status_cell and status_cell[0].all_text().replace(" ", "-") == r.attrs.get("data-status"),
              f"{name}: row {r.attrs.get('data-case')} shows {status_cell[0].all_text() if status_cell else None!r}")
        check(f"st-{r.attrs.get('data-status')}" in r.classes(), f"{name}: row {r.attrs.get('data-case')} "
                                                                f"is not coloured by its status")

    counts = {td.attrs["data-count"]: int(td.all_text()) for td in dom.find_all("td") if "data-count" in td.attrs}
    for status in ("pass", "fail", "warning", "not-applicable", "error", "known-failure", "unexpected-pass"):
        check(counts.get(status) == list(json_status.values()).count(status),
              f"{name}: summary says {counts.get(status)} {status}, the JSON {list(json_status.values()).count(status)}")

    drawn = {c["id"]: c for c in report["cases"] if c["status"] in ("fail", "warning", "error") and c["trace"]}
    sections = {s.attrs.get("data-case"): s for s in dom.find_all("section", cls="trace")}
    check(set(sections) == set(drawn), f"{name}: diagrams for {sorted(sections)}, expected {sorted(drawn)}")
    for case_id, section in sections.items():
        svgs = section.find_all("svg", cls="sequence")
        if not check(len(svgs) == 1, f"{name}: {case_id}: {len(svgs)} <svg> diagrams"):
            continue
        calls = svgs[0].find_all("g", cls="call")
        events = drawn[case_id]["trace"]
        if len(events) <= 300:
            check([c.attrs.get("data-seq") for c in calls] == [str(e["seq"]) for e in events],
                  f"{name}: {case_id}: the diagram's calls are not the trace's")
        lanes = {n.find_all("title")[0].all_text() for n in svgs[0].find_all("g", cls="dll")}
        check(lanes == {e["dll"] for e in events}, f"{name}: {case_id}: lifelines {lanes}")
        hot = svgs[0].find_all("g", cls="offending")
        check(len(hot) >= 1, f"{name}: {case_id}: no highlighted call")
        for e in events:
            if e["outcome"] != "returned":
                check(any(h.attrs.get("data-seq") == str(e["seq"]) for h in hot),
                      f"{name}: {case_id}: call #{e['seq']} ({e['outcome']}) is not highlighted")
    return page, report, dom


def main():
    tool, good, failing = sys.argv[1:4]
    chromium = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if not chromium:
        print("chromium not installed (Debian package chromium); skipping")
        return 77
    with tempfile.TemporaryDirectory(prefix="rasconform-html-") as scratch:
        good_run = validate(tool, chromium, good, scratch, "good")
        if good_run:
            check(good_run[1]["verdict"] == "pass", "the good DLL does not pass")

        bad_run = validate(tool, chromium, failing, scratch, "failing")
        if bad_run:
            page, report, dom = bad_run
            check(report["verdict"] == "fail", "the failing DLL does not fail")
            check(dom.find_all("section", cls="trace"), "the failing DLL's page has no diagram")
            # The highlighted call of a fault names it and says how it ended.
            for c in report["cases"]:
                for e in c["trace"]:
                    if c["status"] == "fail" and e["outcome"] == "fault":
                        sec = dom.find_all("section", cls="trace", data_case=c["id"])
                        hot = sec[0].find_all("g", cls="offending") if sec else []
                        check(any(e["callout"] in h.all_text() and "access violation" in h.all_text().lower()
                                  or e["callout"] in h.all_text() and "fault" in h.all_text().lower()
                                  for h in hot), f"failing: {c['id']}: the highlighted call does not say "
                                                 f"{e['callout']} faulted")
            png = f"{scratch}/failing.png"
            screenshot(chromium, page, png, scratch)
            try:
                width, height, bpp, rows = png_pixels(png)
                # The FAIL verdict badge: #cf222e, give or take anti-aliasing.
                red = sum(1 for row in rows for x in range(0, width * bpp, bpp)
                          if abs(row[x] - 0xcf) < 12 and abs(row[x + 1] - 0x22) < 12 and abs(row[x + 2] - 0x2e) < 12)
                check(red > 500, f"failing: the screenshot shows {red} pixels of the FAIL red")
                distinct = {bytes(row[x:x + 3]) for row in rows[::7] for x in range(0, width * bpp, bpp * 5)}
                check(len(distinct) > 20, f"failing: the screenshot has {len(distinct)} colours: blank?")
            except (OSError, ValueError) as e:
                check(False, f"failing: no usable screenshot: {e}")

        # Text from the DLL reaches the page as text: a subject named like markup.
        evil_dir = f"{scratch}/evil"
        os.mkdir(evil_dir)
        evil = f"{evil_dir}/x<b>&amp;\"'.dll"
        shutil.copyfile(failing, evil)
        evil_run = validate(tool, chromium, evil, scratch, "evil")
        if evil_run:
            _, _, dom = evil_run
            check(not dom.find_all("b"), "evil: markup in the DLL name became an element")
            subjects = [td.all_text() for tr in dom.find_all("tr", cls="subject") for td in tr.find_all("td")[:1]]
            check(subjects == ["x<b>&amp;\"'.dll"], f"evil: the subject shows as {subjects}")
    for f in failures:
        print(f)
    print(f"3 pages, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
