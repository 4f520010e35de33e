#!/usr/bin/env python3
"""Differential test on Windows rules: `gostatus.exe env NAME...` against a
real `go.exe env NAME...`, both run under Wine, for each tested Go version.

The oracle is cmd/go of Debian's go1.19 and go1.27 (windows_util.GO_EXE_VERSIONS)
built with GOOS=windows (scripts/windows/build-go-exe.sh; go1.21+ runs on
the prefix's bcryptprimitives.dll stand-in, which Wine 8 lacks). Each
scenario, once per go.exe, lays out SDKs and
files inside the Wine prefix's drive_c (C:\\Program Files\\Go, C:\\users\\Zoë
...), builds a Windows environment from scratch, and runs, through
scripts/windows/envexec.c (an exact environment block, since Wine would
otherwise rewrite PATH, USERPROFILE, APPDATA...):

    go.exe env NAMES           the go that PowerShell would run for that PATH
    gostatus.exe env NAMES     twice: cold, then warm from its cache

stdout must be identical bytes, and the exit status the same.

Env: GOSTATUS_WIN_BIN (gostatus.exe; default <src>/build-win/gostatus.exe),
     GOSTATUS_WIN_GO_VERSIONS ("1.19 1.27" by default; each go.exe built
     into ~/.cache/gostatus-goexe/go1.NN when missing), or GOSTATUS_GO_EXE_DIR
     (one go.exe GOROOT from build-go-exe.sh), WINEPREFIX (default from
     scripts/windows/env.sh), -v for every command.
Exit: 0 pass, 1 mismatch, 77 skip (no wine, no mingw, no Go SDK to build go.exe).
"""

import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gostatus_e2e as e2e  # noqa: E402
import windows_util as win  # noqa: E402

NAMES = ["GOROOT", "GOPATH", "GOBIN", "GOVERSION", "GOMODCACHE", "GOENV", "GOTOOLDIR",
         "GOHOSTOS", "GOHOSTARCH", "GOEXE", "GOFLAGS", "GOPROXY", "GOSUMDB", "GO111MODULE",
         "GOCACHE", "GOMOD"]

ZOE = "Zo\u00eb"
PF_GO = r"C:\Program Files\Go"
OTHER_GO = r"C:\gostatus-test\other sdk\go"
ZOE_GO = "C:\\users\\" + ZOE + "\\sdk\\go"
SHIMS = r"C:\gostatus-test\shims"


def base_env(profile=r"C:\users\gs"):
    """What a PowerShell session in Windows Terminal has, minus what go ignores."""
    return {
        "SystemRoot": r"C:\windows",
        "windir": r"C:\windows",
        "ComSpec": r"C:\windows\system32\cmd.exe",
        "PATHEXT": ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC",
        "PATH": r"C:\windows\system32;C:\windows;" + PF_GO + r"\bin",
        "USERPROFILE": profile,
        "AppData": profile + r"\AppData\Roaming",
        "LocalAppData": profile + r"\AppData\Local",
        "TEMP": profile + r"\AppData\Local\Temp",
        "TMP": profile + r"\AppData\Local\Temp",
    }


SCENARIOS = []


def scenario(name, go=PF_GO + r"\bin\go.exe"):
    """Registers fn(env, fs) -> None: fn edits env (a dict) and calls fs to
    lay out files. go: the go.exe PowerShell would run (the oracle)."""
    def deco(fn):
        SCENARIOS.append((name, go, fn))
        return fn
    return deco


@scenario("goroot-unset")
def _(env, fs):
    pass


@scenario("goroot-set-to-its-own-sdk")
def _(env, fs):
    env["GOROOT"] = PF_GO


@scenario("goroot-set-with-trailing-separator-and-slashes")
def _(env, fs):
    env["GOROOT"] = "C:/Program Files/Go\\"


@scenario("goroot-set-to-another-sdk")
def _(env, fs):
    env["GOROOT"] = OTHER_GO


@scenario("goroot-set-to-a-missing-dir")
def _(env, fs):
    env["GOROOT"] = r"C:\gostatus-test\no such go"


@scenario("gopath-list-with-semicolons")
def _(env, fs):
    env["GOPATH"] = r"C:\gp one;D:\gp2;C:\gp3"


@scenario("gopath-quoted-entry-holding-a-semicolon")
def _(env, fs):
    env["GOPATH"] = r'"C:\gp;odd";C:\gp2'


@scenario("gopath-relative-entry")
def _(env, fs):
    env["GOPATH"] = r"C:\gp;relative\gp"


@scenario("env-file-under-appdata")
def _(env, fs):
    fs.write(env["AppData"] + r"\go\env",
             "GOBIN=C:\\gobin\nGOPROXY=https://example.com\nGOFLAGS=-mod=mod\n"
             "GOPATH=C:\\from-file\nGO111MODULE=auto\n")


@scenario("env-file-loses-to-the-environment")
def _(env, fs):
    fs.write(env["AppData"] + r"\go\env", "GOPATH=C:\\from-file\nGOSUMDB=off\n")
    env["GOPATH"] = r"C:\from-env"


@scenario("goenv-points-at-another-file")
def _(env, fs):
    fs.write(r"C:\gostatus-test\my go env", "GOMODCACHE=C:\\modcache\r\n")
    env["GOENV"] = r"C:\gostatus-test\my go env"


@scenario("userprofile-unset")
def _(env, fs):
    del env["USERPROFILE"]


@scenario("appdata-and-localappdata-unset")
def _(env, fs):
    del env["AppData"]
    del env["LocalAppData"]


@scenario("path-entry-quoted-with-spaces")
def _(env, fs):
    env["PATH"] = r'C:\windows\system32;"' + PF_GO + r'\bin"'


@scenario("pathext-without-bat-skips-a-bat-shim", go=OTHER_GO + r"\bin\go.exe")
def _(env, fs):
    fs.write(SHIMS + r"\go.bat", "@echo off\r\necho shim\r\n")
    fs.write(SHIMS + r"\go", "not a command: no extension\n")
    env["PATHEXT"] = ".COM;.EXE;.CMD"
    env["PATH"] = SHIMS + ";" + OTHER_GO + r"\bin;" + PF_GO + r"\bin"


@scenario("pathext-lower-case-and-unset", go=OTHER_GO + r"\bin\go.exe")
def _(env, fs):
    env["PATHEXT"] = ".exe"
    env["PATH"] = OTHER_GO + r"\bin;" + PF_GO + r"\bin"


@scenario("pathext-unset-means-go-default", go=OTHER_GO + r"\bin\go.exe")
def _(env, fs):
    del env["PATHEXT"]
    env["PATH"] = OTHER_GO + r"\bin;" + PF_GO + r"\bin"


@scenario("empty-path-entry-is-not-the-current-directory")
def _(env, fs):
    env["PATH"] = r";C:\windows;" + PF_GO + r"\bin;"


# The second entry is the first in other case: one go, the first spelling.
# (Not the other way round: with a mis-cased first hit, GOROOT's spelling
# comes from GetModuleFileNameW, and Wine rewrites the case of the
# components it resolves ("c:\program files\Go") where Windows keeps the
# spelling it was given; that cannot be settled under Wine.)
@scenario("path-entries-differ-only-in-case")
def _(env, fs):
    env["PATH"] = PF_GO + r"\bin;c:\program files\go\BIN;C:/Program Files/Go/bin/"


@scenario("non-ascii-user-profile")
def _(env, fs):
    env.update(base_env("C:\\users\\" + ZOE))
    fs.write(env["AppData"] + r"\go\env", "GOBIN=C:\\users\\" + ZOE + "\\bin\n")


@scenario("non-ascii-goroot-on-path", go=ZOE_GO + r"\bin\go.exe")
def _(env, fs):
    env["PATH"] = r"C:\windows;" + ZOE_GO + r"\bin"


@scenario("gocache-and-gomodcache-from-the-environment")
def _(env, fs):
    env["GOCACHE"] = r"D:\cache"
    env["GOMODCACHE"] = r"D:\mod"
    env["GOFLAGS"] = "-mod=readonly"


JUNCTION = r"C:\gostatus-test\junction-go"


@scenario("junction-to-the-sdk-on-path", go=JUNCTION + r"\bin\go.exe")
def _(env, fs):
    env["PATH"] = r"C:\windows;" + JUNCTION + r"\bin"


class Files:
    """Writes files into the prefix's drive_c, and removes them afterwards."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.made = []

    def write(self, winpath, text):
        p = win.host_path(self.prefix, winpath)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(text.encode("utf-8"))
        self.made.append(p)

    def cleanup(self):
        for p in self.made:
            try:
                os.remove(p)
            except OSError:
                pass
        self.made = []


def run_scenarios(w, junction, verbose):
    """Every scenario against the go.exe w uses now: (ran, failures, notes)."""
    fs = Files(w.prefix)
    failures, ran, notes = [], 0, []
    try:
        for name, go, fn in SCENARIOS:
            if go.startswith(JUNCTION) and not junction:
                notes.append("%s: not run, Wine cannot make a junction (%s)" % (name, w.junction_error))
                continue
            env = base_env()
            fn(env, fs)
            # A fresh gostatus cache per scenario, inside the profile the scenario uses
            # (or none at all when LocalAppData is unset).
            cache = tempfile.mkdtemp(prefix="gscache-", dir=win.host_path(w.prefix, r"C:\gostatus-test"))
            genv = dict(env)
            genv["GOSTATUS_CACHE_DIR"] = win.win_path(w.prefix, cache)
            want = w.run(env, go, ["env"] + NAMES)
            cold = w.run(genv, w.gostatus, ["env"] + NAMES)
            warm = w.run(genv, w.gostatus, ["env"] + NAMES)
            shutil.rmtree(cache, ignore_errors=True)
            fs.cleanup()
            ran += 1
            ok = True
            for label, got in (("cold", cold), ("warm", warm)):
                same = got.stdout == want.stdout and (got.rc == 0) == (want.rc == 0)
                if not same:
                    ok = False
                    failures.append("%s, %s (%s):\n  go.exe:   %s %s\n  gostatus: %s %s\n  stderr:   %s\n  env: %r" % (
                        w.go_version, name, label, want.status(), e2e.show(want.stdout), got.status(),
                        e2e.show(got.stdout), e2e.show(got.stderr), env))
            if verbose or not ok:
                print("%s %s, %s: go.exe %s %s" % ("ok  " if ok else "FAIL", w.go_version, name, want.status(),
                                                    e2e.show(want.stdout, 400)))
    finally:
        fs.cleanup()
    return ran, failures, notes


def main():
    verbose = "-v" in sys.argv[1:]
    w = win.setup()   # skips (77) without wine/mingw
    go_exes, notes = win.go_exes(w)
    profiles = [r"C:\users\gs", "C:\\users\\" + ZOE]
    for p in profiles:
        os.makedirs(win.host_path(w.prefix, p + r"\AppData\Local\Temp"), exist_ok=True)
    failures, counts, junction = [], [], None
    try:
        for go_exe in go_exes:
            w.use_go_exe(go_exe)
            for root in [PF_GO, OTHER_GO, ZOE_GO]:
                w.install_sdk(root)
            if junction is None:   # once: it points at PF_GO, whose go.exe install_sdk swaps
                junction = w.make_junction(JUNCTION, PF_GO)
            ran, f, n = run_scenarios(w, junction, verbose)
            failures += f
            notes += ["%s, %s" % (w.go_version, x) for x in n]
            counts.append("%s: %d scenarios, %d mismatches, %d not run" % (
                w.go_version, ran, len(f), len(SCENARIOS) - ran))
            print("windows-diff: " + counts[-1], flush=True)
    finally:
        w.remove_sdks()
    for f in failures:
        print("MISMATCH " + f)
    for n in notes:
        print("note: " + n)
    print("windows-diff: %d names; %s (%s)" % (len(NAMES), "; ".join(counts), w.wine_version))
    return e2e.FAIL if failures else e2e.PASS


if __name__ == "__main__":
    sys.exit(main())
