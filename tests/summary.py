#!/usr/bin/env python3
"""scripts/test.sh's closing table: one row per suite (the unit tests, each
end-to-end suite, the Windows ones, any suite test.sh runs itself), its
counts, and every part that did not run, with the reason. The last line is
a plain `N passed, N failed` over all rows' tests (CI reads it).

Usage: tests/summary.py MANIFEST
MANIFEST has one record per line, tab-separated, written by scripts/test.sh:
  ctest  LABEL  JUNIT-XML  E2E-LOG-DIR  EXIT   a ctest run (--output-junit)
  suite  NAME   EXIT       LOG                 a suite run by test.sh itself
  absent NAME   REASON                         a suite that could not start
Exit status: 0 when nothing failed, 1 otherwise. Under CI=true an absent
suite is a failure (as a skip is: see gostatus_e2e.ci_verdict).
"""

import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "e2e"))
import gostatus_e2e as e2e  # noqa: E402


class Row:
    def __init__(self, name):
        self.name = name
        self.passed = self.failed = self.skipped = 0
        self.counts = ""      # the suite's own summary, when it has one
        self.not_run = []     # "part: reason"
        self.failures = []    # names of failed tests
        self.per_test = False  # one ctest test per gtest (gtest_discover_tests)

    @property
    def verdict(self):
        if self.failed:
            return "FAILED"
        if self.skipped and not self.passed:
            return "skipped"
        return "passed"


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


def last_line(text):
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def gtest_skips(out):
    """[(test, reason)] for each test gtest reports skipped in out: the
    lines between its [ RUN ] and [  SKIPPED ] lines, minus 'file:line:
    Skipped'."""
    skips, cur, buf = [], None, []
    for ln in out.splitlines():
        m = re.match(r"^\[ RUN      \] (\S+)", ln)
        if m:
            cur, buf = m.group(1), []
            continue
        m = re.match(r"^\[  SKIPPED \] (\S+) \(", ln)
        if m and cur:
            why = " ".join(x.strip() for x in buf if x.strip() and not re.search(r": Skipped$", x))
            skips.append((m.group(1), why or "no reason given"))
            cur = None
        elif cur:
            buf.append(ln)
    return skips


def gtest_counts(out):
    """'[  PASSED  ] 12 tests.' and friends, from a whole gtest run's output."""
    def get(tag):
        return int((re.findall(r"^\[  %s\s*\] (\d+) tests?" % tag, out, re.M) or ["0"])[-1])
    return get("PASSED"), get("FAILED"), get("SKIPPED")


def ctest_rows(label, junit, logdir, code):
    rows = {}
    prefix = label + ": " if label else ""
    try:
        cases = ET.parse(junit).getroot().iter("testcase")
    except (OSError, ET.ParseError) as ex:
        r = Row(prefix + "ctest")
        r.failed = 1
        r.counts = "no result file %s (%s); ctest exit %s" % (junit, ex, code)
        return [r]
    for tc in cases:
        name = tc.get("name", "?")
        status = tc.get("status", "")
        out = tc.findtext("system-out") or ""
        whole_gtest = name in ("unit", "unit.unprivileged")  # one ctest test running a whole gtest binary
        # Scripts (e2e., lint., tools.) get a row each; discovered gtests share "unit".
        script = name.startswith(("e2e.", "lint.", "tools."))
        key = name if (whole_gtest or script) else "unit"
        row = rows.setdefault(key, Row(prefix + key))
        row.per_test = row.per_test or (key == "unit" and not whole_gtest)
        log = read(os.path.join(logdir, name[len("e2e."):] + ".log")) if name.startswith("e2e.") else ""
        text = log or out
        if whole_gtest:
            p, f, s = gtest_counts(out)
            row.counts = "%d gtests: %d passed, %d failed, %d skipped" % (p + f + s, p, f, s) \
                if p + f + s else last_line(out)
            row.not_run += ["%s: %s" % sk for sk in gtest_skips(out)]
        elif script:
            row.counts = last_line(text)
            row.not_run += e2e.parts_not_run(text)
        if status == "run":
            row.passed += 1
        elif status == "notrun" or status == "disabled":
            row.skipped += 1
            if key == "unit":
                row.not_run += ["%s: %s" % sk for sk in gtest_skips(out)] or ["%s: no reason given" % name]
        else:
            row.failed += 1
            row.failures.append(name)
    for r in rows.values():
        if r.per_test:
            r.counts = "%d gtests: %d passed, %d failed, %d skipped" % (
                r.passed + r.failed + r.skipped, r.passed, r.failed, r.skipped)
    return sorted(rows.values(), key=lambda r: ("e2e." in r.name, r.name))


def suite_row(name, code, log):
    r = Row(name)
    text = read(log)
    code = int(code)
    code, why = e2e.ci_verdict(code, text)
    if code == e2e.PASS:
        r.passed = 1
    elif code == e2e.SKIP:
        r.skipped = 1
    else:
        r.failed = 1
    r.counts = last_line(text) + (" (%s)" % why if why else "")
    r.not_run = e2e.parts_not_run(text)
    return r


def absent_row(name, reason):
    r = Row(name)
    if e2e.in_ci():
        r.failed = 1
        r.counts = "did not run, and under CI=true that is a failure"
    else:
        r.skipped = 1
    r.not_run = ["the whole suite: " + reason]
    return r


def main():
    rows, codes = [], []
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            rec = line.rstrip("\n").split("\t")
            if rec[0] == "ctest":
                rows += ctest_rows(rec[1], rec[2], rec[3], rec[4])
                codes.append(int(rec[4]))
            elif rec[0] == "suite":
                rows.append(suite_row(rec[1], rec[2], rec[3]))
            elif rec[0] == "absent":
                rows.append(absent_row(rec[1], rec[2]))
    width = max([len(r.name) for r in rows] + [5])
    print()
    print("%-*s  %-7s  %s" % (width, "suite", "result", "counts / parts not run"))
    print("%s  %s  %s" % ("-" * width, "-" * 7, "-" * 40))
    for r in rows:
        print("%-*s  %-7s  %s" % (width, r.name, r.verdict, r.counts))
        for f in r.failures[:20]:
            print("%-*s  %-7s    failed: %s" % (width, "", "", f))
        if len(r.failures) > 20:
            print("%-*s  %-7s    ... and %d more failed" % (width, "", "", len(r.failures) - 20))
        for n in r.not_run:
            print("%-*s  %-7s    not run: %s" % (width, "", "", n))
    passed = sum(r.passed for r in rows)
    failed = sum(r.failed for r in rows)
    skipped = sum(r.skipped for r in rows)
    # A ctest run that failed without a failed test (a crash of ctest itself).
    if failed == 0 and any(c != 0 for c in codes):
        failed = 1
    print()
    if skipped:
        print("%d skipped (listed above as not run)" % skipped)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
