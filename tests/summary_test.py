#!/usr/bin/env python3
"""tests/summary.py's table rows from ctest JUnit files: a gtest binary run as
one ctest test (the Windows cross build's `unit`) is counted from its own
output, tests discovered one per ctest test (the native build) are counted
one by one."""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import summary  # noqa: E402


def junit(cases):
    body = "".join(
        '<testcase name="%s" status="%s"><system-out>%s</system-out></testcase>' % (n, st, out)
        for n, st, out in cases)
    return '<?xml version="1.0"?><testsuite>%s</testsuite>' % body


class Rows(unittest.TestCase):
    def rows(self, label, cases):
        with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
            f.write(junit(cases))
        try:
            return {r.name: r for r in summary.ctest_rows(label, f.name, "/nonexistent", 0)}
        finally:
            os.unlink(f.name)

    def test_whole_gtest_binary_counts_its_tests(self):
        out = "[==========] 308 tests ran.\n[  PASSED  ] 306 tests.\n[  SKIPPED ] 2 tests, listed below:\n"
        rows = self.rows("windows", [("unit", "run", out)])
        self.assertEqual(rows["windows: unit"].counts, "308 gtests: 306 passed, 0 failed, 2 skipped")

    def test_discovered_tests_count_one_by_one(self):
        rows = self.rows("", [("Cache.A", "run", ""), ("Cache.B", "run", ""), ("Cache.C", "fail", "")])
        self.assertEqual(rows["unit"].counts, "3 gtests: 2 passed, 1 failed, 0 skipped")
        self.assertEqual(rows["unit"].failures, ["Cache.C"])

    def test_scripts_get_their_own_rows(self):
        rows = self.rows("", [("Cache.A", "run", ""), ("tools.summary", "run", "Ran 3 tests\nOK\n")])
        self.assertEqual(rows["unit"].counts, "1 gtests: 1 passed, 0 failed, 0 skipped")
        self.assertEqual(rows["tools.summary"].counts, "OK")


if __name__ == "__main__":
    unittest.main()
