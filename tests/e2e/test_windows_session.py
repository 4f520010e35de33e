#!/usr/bin/env python3
"""gostatus.exe under Wine: the stale-session finding against the real
(Wine) registry, and the prompt's UTF-8 bytes through a pipe.

stale-session: HKCU\\Environment values are written with `wine reg add`
(the machine PATH is the prefix's own); a terminal environment that differs
from what a new terminal would compose, in a way that changes what go does,
must be reported by doctor and on the prompt line, and one that matches must
not. The prompt runs with its cache on, and an entry stored while the
registry matched must not survive a registry write (the keys' last-write
times are the entry's dependencies).

UTF-8: the prompt line in each glyph set, and doctor with a non-ASCII
USERPROFILE, read through a pipe, must be exactly the UTF-8 bytes (never
the console code page, never '?').

Both run once per tested go.exe (windows_util.go_exes(): go1.19 and go1.27
by default), the SDK on PATH being that go.exe's.

Exit: 0 pass, 1 fail, 77 skip (no wine, mingw or go.exe; see windows_util).
"""

import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gostatus_e2e as e2e  # noqa: E402
import windows_util as win  # noqa: E402

PF_GO = r"C:\Program Files\Go"
USER_KEY = r"HKCU\Environment"
MACHINE_KEY = r"HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment"
ZOE = "Zo\u00eb"


class Checks:
    def __init__(self, label):
        self.label = label
        self.failed, self.passed = [], 0

    def expect(self, cond, what, detail=""):
        what = "%s, %s" % (self.label, what)
        if cond:
            self.passed += 1
            print("ok   " + what)
        else:
            self.failed.append(what)
            print("FAIL " + what + ("\n     " + detail if detail else ""))


def reg_query(w, key, name):
    r = w.wine(["reg", "query", key, "/v", name])
    m = re.search(r"^\s*%s\s+(REG_\w+)\s+(.*?)\r?$" % re.escape(name),
                  r.stdout.decode("utf-8", "replace"), re.M | re.I)
    return (m.group(1), m.group(2)) if m else (None, None)


def reg_set(w, name, kind, value):
    r = w.wine(["reg", "add", USER_KEY, "/v", name, "/t", kind, "/d", value, "/f"])
    if r.rc != 0:
        raise SystemExit("FAIL: wine reg add %s: %s %s" % (name, r.status(), e2e.show(r.stdout + r.stderr)))


def reg_delete(w, name):
    w.wine(["reg", "delete", USER_KEY, "/v", name, "/f"])


def expand(value, env):
    return re.sub(r"%([^%]+)%", lambda m: next((v for k, v in env.items() if k.lower() == m.group(1).lower()),
                                               m.group(0)), value)


def main():
    w = win.setup()
    go_exes, notes = win.go_exes(w)
    counts, failed = [], False
    try:
        for go_exe in go_exes:
            w.use_go_exe(go_exe)
            c = Checks(w.go_version)
            r = check_session(w, c)
            failed = failed or r is not None or bool(c.failed)
            counts.append("%s: %d passed, %d failed" % (w.go_version, c.passed, len(c.failed) + (r is not None)))
            print("windows-session: " + counts[-1], flush=True)
    finally:
        w.remove_sdks()
    for n in notes:
        print("note: " + n)
    print("windows-session: %s (%s)" % ("; ".join(counts), w.wine_version))
    return e2e.FAIL if failed else e2e.PASS


def check_session(w, c):
    """The checks against the go.exe w uses now; None, or e2e.FAIL when the
    prefix cannot be set up for them."""
    version = w.go_version   # "go1.19.8": the prompt's healthy text
    w.install_sdk(PF_GO)
    touched = ["Path", "GOPATH", "GOROOT", "GOBIN"]
    saved = {n: reg_query(w, USER_KEY, n) for n in touched}
    cache = tempfile.mkdtemp(prefix="gscache-", dir=win.host_path(w.prefix, r"C:\gostatus-test"))
    try:
        kind, machine_path = reg_query(w, MACHINE_KEY, "PATH")
        if machine_path is None:
            print("FAIL: the prefix has no machine PATH (%s)" % MACHINE_KEY)
            return e2e.FAIL
        env = {
            "SystemRoot": r"C:\windows", "windir": r"C:\windows",
            "PATHEXT": ".COM;.EXE;.BAT;.CMD", "USERPROFILE": r"C:\users\gs",
            "AppData": r"C:\users\gs\AppData\Roaming", "LocalAppData": r"C:\users\gs\AppData\Local",
            "GOSTATUS_CACHE_DIR": win.win_path(w.prefix, cache),
        }
        machine = expand(machine_path, env) if kind == "REG_EXPAND_SZ" else machine_path
        for n in touched:
            reg_delete(w, n)
        reg_set(w, "Path", "REG_EXPAND_SZ", PF_GO + r"\bin;%USERPROFILE%\gopath\bin")
        reg_set(w, "GOPATH", "REG_EXPAND_SZ", r"%USERPROFILE%\gopath")
        env["PATH"] = machine + ";" + PF_GO + r"\bin;C:\users\gs\gopath\bin"
        env["GOPATH"] = r"C:\users\gs\gopath"

        def doctor(e):
            return w.run(e, w.gostatus, ["doctor", "--ascii"])

        def prompt(e):
            return w.run(e, w.gostatus, ["--glyphs", "unicode"])

        # 1. The terminal has exactly what a new one would get.
        d = doctor(env)
        c.expect(b"[stale-session]" not in d.stdout and b"Go\\bin" in d.stdout,
                 "equal registry and environment: no stale-session", e2e.show(d.stdout, 3000))
        time.sleep(2.5)   # the keys' write times are now safely in the past: the entry can be stored
        p1 = prompt(env)
        p2 = prompt(env)
        entries = [n for n in os.listdir(cache) if n.endswith(".gsc")]
        c.expect(p1.stdout == p2.stdout == (version + "\n").encode() and entries,
                 "equal: the prompt is healthy and cached (%d entries)" % len(entries),
                 "%s / %s" % (e2e.show(p1.stdout), e2e.show(p2.stdout)))

        # 2. setx GOPATH after the terminal started (REG_EXPAND_SZ, expanded).
        reg_set(w, "GOPATH", "REG_EXPAND_SZ", r"%USERPROFILE%\gopath-new")
        p = prompt(env)
        c.expect(p.stdout == (version + " S\u26a0\n").encode(),
                 "GOPATH changed in the registry: the cached prompt shows it at once", e2e.show(p.stdout))
        d = doctor(env)
        out = d.stdout.decode("utf-8", "replace")
        c.expect("[stale-session]" in out and r"C:\users\gs\gopath-new" in out and "foreach ($n in 'GOPATH')" in out,
                 "GOPATH changed: doctor reports stale-session with the expanded value and the refresh line",
                 e2e.show(d.stdout, 4000))
        reg_set(w, "GOPATH", "REG_EXPAND_SZ", r"%USERPROFILE%\gopath")

        # 3. The installer put Go on PATH after this terminal started.
        env_old = dict(env, PATH=machine)
        d = doctor(env_old)
        out = d.stdout.decode("utf-8", "replace")
        c.expect("[stale-session]" in out and "[go-not-found]" in out and
                 "GetEnvironmentVariable('Path', 'Machine')" in out,
                 "go added to PATH in the registry: stale-session next to go-not-found", e2e.show(d.stdout, 4000))

        # 4. A PATH difference that does not change which go runs.
        d = doctor(dict(env, PATH=env["PATH"] + r";C:\some\tool"))
        c.expect(b"[stale-session]" not in d.stdout,
                 "an extra unrelated PATH entry: no stale-session", e2e.show(d.stdout, 3000))

        # 5. GOROOT set in this terminal, removed from the registry since.
        d = doctor(dict(env, GOROOT=r"C:\gone\go"))
        out = d.stdout.decode("utf-8", "replace")
        c.expect("[stale-session]" in out and "GOROOT in a new terminal" in out,
                 "GOROOT no longer in the registry: stale-session", e2e.show(d.stdout, 4000))

        # UTF-8 through a pipe: every glyph set, byte for byte.
        want = {"ascii": (version + " S?\n").encode(), "unicode": (version + " S\u26a0\n").encode(),
                "nerd": ("\ue627 " + version[2:] + " \uf2d0\uf071\n").encode()}
        reg_set(w, "GOPATH", "REG_EXPAND_SZ", r"%USERPROFILE%\gopath-other")
        for g, b in want.items():
            p = w.run(env, w.gostatus, ["--glyphs", g, "--no-cache"])
            c.expect(p.stdout == b, "pipe, --glyphs %s: %s" % (g, e2e.show(b)), e2e.show(p.stdout))
        zenv = dict(env, USERPROFILE="C:\\users\\" + ZOE, GOPATH="C:\\users\\" + ZOE + "\\gopath")
        os.makedirs(win.host_path(w.prefix, "C:\\users\\" + ZOE), exist_ok=True)
        d = w.run(zenv, w.gostatus, ["doctor"])
        c.expect(("C:\\users\\" + ZOE + "\\gopath").encode() in d.stdout and "\u2713".encode() in d.stdout,
                 "pipe, doctor: a non-ASCII path and \u2713 arrive as UTF-8", e2e.show(d.stdout, 3000))
    finally:
        for n in touched:
            reg_delete(w, n)
            kind, value = saved[n]
            if kind:
                w.wine(["reg", "add", USER_KEY, "/v", n, "/t", kind, "/d", value, "/f"])
    return None


if __name__ == "__main__":
    sys.exit(main())
