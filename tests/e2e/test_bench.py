#!/usr/bin/env python3
"""`gostatus --bench` runs, reports what it promises, and leaves the user's
cache alone.

No timing is asserted (benchmarks are not tests): only that the report is
well-formed JSON with every expected field, that the hot path really was
measured on cache hits, that go's rows appear exactly when a go is on PATH,
that the user's cache directory is byte-for-byte as it was (or still absent),
and that the private temp directory is gone afterwards.
Exit: 0 pass, 1 fail, 77 skip (never: it needs only the binary).
"""

import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gostatus_e2e as e2e  # noqa: E402

STATS = ("p50", "p95", "p99", "min", "max")
ALWAYS = ("in_process_hit", "in_process_no_cache", "process_gostatus")
WITH_GO = ("process_go_version", "process_go_env_goroot")


def snapshot(path):
    """Every file and directory under path: kind, mode, size, mtime, content hash."""
    if not os.path.lexists(path):
        return None
    out = {}
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            p = os.path.join(root, name)
            st = os.lstat(p)
            digest = ""
            if os.path.isfile(p) and not os.path.islink(p):
                with open(p, "rb") as f:
                    digest = hashlib.sha256(f.read()).hexdigest()
            out[os.path.relpath(p, path)] = (st.st_mode, st.st_size, st.st_mtime_ns, digest)
    st = os.lstat(path)
    out["."] = (st.st_mode, st.st_mtime_ns)
    return out


def check_report(doc, want_go, n, problems):
    def need(cond, what):
        if not cond:
            problems.append(what)
    need(doc.get("schema") == 1, "schema is not 1: %r" % doc.get("schema"))
    need(doc.get("unit") == "us", "unit is not us: %r" % doc.get("unit"))
    need(doc.get("iterations") == n, "iterations %r, want %d" % (doc.get("iterations"), n))
    # Every timed hot-path run must have been a hit on the private cache.
    need(doc.get("hot_path_hits") == n, "hot_path_hits %r, want %d" % (doc.get("hot_path_hits"), n))
    results = doc.get("results", {})
    names = ALWAYS + (WITH_GO if want_go else ())
    need(sorted(results) == sorted(names), "result rows %s, want %s" % (sorted(results), sorted(names)))
    for name in names:
        r = results.get(name, {})
        if not all(isinstance(r.get(k), (int, float)) for k in STATS):
            problems.append("%s lacks numeric %s: %r" % (name, "/".join(STATS), r))
            continue
        need(0 < r["min"] <= r["p50"] <= r["p95"] <= r["p99"] <= r["max"],
             "%s: percentiles out of order: %r" % (name, r))
    ratios = doc.get("ratios", {})
    want_ratios = ["go_env_goroot_over_gostatus", "go_version_over_gostatus"] if want_go else []
    need(sorted(ratios) == want_ratios, "ratios %s, want %s" % (sorted(ratios), want_ratios))
    for k, v in ratios.items():
        need(isinstance(v, (int, float)) and v > 0, "ratio %s is %r" % (k, v))
    need((doc.get("go") is not None) == want_go, "go is %r (a go on PATH: %s)" % (doc.get("go"), want_go))


def main():
    gs = e2e.gostatus_bin()
    sdks = e2e.find_sdks()
    root = e2e.make_temp_root("gostatus-bench-test-")
    problems = []
    try:
        home, work, tmp = (os.path.join(root, d) for d in ("home", "work", "tmp"))
        for d in (home, work, tmp):
            os.makedirs(d)
        base_path = "/usr/bin:/bin"
        scenarios = [("no go on PATH", base_path, False)]
        if sdks:
            scenarios.append(("%s on PATH" % sdks[-1].tag, os.path.dirname(sdks[-1].go) + ":" + base_path, True))
        else:
            print("note: no Go SDK installed; only the no-go scenario runs")
        for label, path, want_go in scenarios:
            xdg = os.path.join(root, "xdg-" + str(want_go))
            env = {"PATH": path, "HOME": home, "XDG_CACHE_HOME": xdg, "TMPDIR": tmp}
            # The user's cache exists and holds an entry of their own.
            r = e2e.run([gs], env, work)
            user_cache = os.path.join(xdg, "gostatus")
            before = snapshot(user_cache)
            if not before or len(before) < 2:
                problems.append("%s: the setup run did not create a cache entry in %s" % (label, user_cache))
            r = e2e.run([gs, "--bench", "-n", "3", "--json"], env, work, timeout=300)
            if r.rc != 0:
                problems.append("%s: --bench --json: %s, stderr %s" % (label, r.status(), e2e.show(r.stderr)))
                continue
            try:
                doc = json.loads(r.stdout)
            except ValueError as e:
                problems.append("%s: not JSON (%s): %s" % (label, e, e2e.show(r.stdout)))
                continue
            n = len(problems)
            check_report(doc, want_go, 3, problems)
            problems[n:] = ["%s: %s" % (label, p) for p in problems[n:]]
            if snapshot(user_cache) != before:
                problems.append("%s: the user's cache directory %s changed" % (label, user_cache))
            if os.listdir(tmp):
                problems.append("%s: left behind in TMPDIR: %s" % (label, os.listdir(tmp)))

        # A user cache directory that does not exist yet is not created,
        # whichever way it is chosen; the plain table names its rows.
        unset = os.path.join(root, "never")
        env = {"PATH": base_path, "HOME": home, "GOSTATUS_CACHE_DIR": unset, "TMPDIR": tmp}
        r = e2e.run([gs, "--bench", "-n", "2"], env, work, timeout=300)
        if r.rc != 0:
            problems.append("--bench (table): %s, stderr %s" % (r.status(), e2e.show(r.stderr)))
        for row in (b"in-process, cache hit", b"in-process, no cache", b"process: gostatus", b"p50"):
            if row not in r.stdout:
                problems.append("--bench (table) lacks %r: %s" % (row, e2e.show(r.stdout)))
        if os.path.lexists(unset):
            problems.append("--bench created the user's GOSTATUS_CACHE_DIR %s" % unset)
        if os.listdir(tmp):
            problems.append("--bench (table) left behind in TMPDIR: %s" % os.listdir(tmp))

        for bad in (["-n", "0"], ["-n", "x"], ["-n"]):
            r = e2e.run([gs, "--bench"] + bad, env, work)
            if r.rc != 2 or not r.stderr:
                problems.append("--bench %s: %s with stderr %s, want exit 2 and a message"
                                % (" ".join(bad), r.status(), e2e.show(r.stderr)))
    finally:
        e2e.remove_tree(root)
    if problems:
        print("FAIL:\n  " + "\n  ".join(problems))
        return e2e.FAIL
    print("PASS: --bench JSON and table well-formed, user cache untouched, temp dir removed (%d scenario%s)"
          % (len(scenarios), "" if len(scenarios) == 1 else "s"))
    return e2e.PASS


if __name__ == "__main__":
    sys.exit(main())
