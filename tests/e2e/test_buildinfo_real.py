#!/usr/bin/env python3
"""gostatus's build-info reader against the go command, on real binaries.

For every installed SDK (/usr/lib/go-1.*, or GOSTATUS_E2E_SDKS):
  * `gostatus debug buildinfo F` must print exactly what the newest SDK's
    `go version -m F` prints (stdout, stderr and exit status), for the SDK's
    own go and gofmt, and for a hello-world program built here for
    linux/amd64, linux/386, windows/amd64, darwin/amd64, darwin/arm64, each
    with and without -trimpath (plus aix/ppc64, plan9/amd64, a PIE and two
    -ldflags variants with the newest SDK, and a GOROOT_FINAL build with the
    newest SDK that still honours it). A directory of all of them and a few
    error cases are compared too.
  * `gostatus debug buildinfo --default-goroot F` must agree with reality:
    each SDK's go binary, copied outside any GOROOT and run with GOROOT
    unset, reports its built-in default via `go env GOROOT` (or fails with
    "binary is trimmed"); the hello program prints runtime.GOROOT() when run
    with GOROOT unset (linux builds, run here). Cross-compiled builds must
    agree with the linux build of the same SDK and flags. An "unknown"
    answer is a failure except where the -ldflags guard makes it expected.

Fixtures are built in a temporary directory (GOPATH, HOME there too; GOCACHE
the run's shared one, gostatus_e2e.shared_gocache) and never committed.
Python 3 stdlib only; exit 77 skips.

Environment: GOSTATUS_BIN (else the newest build*/gostatus),
GOSTATUS_E2E_SDKS (colon-separated GOROOTs), GOSTATUS_E2E_KEEP=1,
GOSTATUS_E2E_BUDGET (seconds for building fixtures, default 900: a loaded
machine stops building early and says so instead of hitting ctest's timeout).
"""

import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gostatus_e2e as e2e  # noqa: E402
from gostatus_e2e import PASS, FAIL, SKIP, skip  # noqa: E402,F401

TARGETS = ["linux/amd64", "linux/386", "windows/amd64", "darwin/amd64", "darwin/arm64"]

# Hello world on the runtime alone (println, no fmt): the standard library
# each build compiles is then just the runtime, which keeps the fixture
# matrix affordable on a busy machine. It reports runtime.GOROOT().
HELLO = """package main

import "runtime"

func main() {
\tprintln("hello, GOROOT=" + runtime.GOROOT())
}
"""


def run(argv, env=None, cwd=None, timeout=300):
    try:
        r = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, timeout=timeout)
        return r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired:
        return -1, b"", b"timeout"
    except OSError as e:
        return -2, b"", str(e).encode()


class Checker:
    def __init__(self):
        self.failures = []
        self.compared = 0
        self.goroot_checks = 0

    def fail(self, msg):
        print("FAIL: " + msg)
        self.failures.append(msg)


def base_env(tmp):
    """A clean environment for go: nothing from the caller's Go setup."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": os.path.join(tmp, "home"),
        "GOPATH": os.path.join(tmp, "gopath"),
        "GOCACHE": e2e.shared_gocache(os.path.join(tmp, "gocache")),
        "GOTOOLCHAIN": "local",
        "GOPROXY": "off",
        "GOFLAGS": "-mod=mod",
        "GOWORK": "off",
        "GOENV": "off",
        "CGO_ENABLED": "0",
        "LANG": "C",
    }
    return env


# ------------------------------------------------------------------ fixtures

class Build:
    def __init__(self, sdk, target, trimpath, extra=None, env_extra=None, name=None,
                 expect_unknown=False):
        self.sdk, self.target, self.trimpath = sdk, target, trimpath
        self.extra = extra or []
        self.env_extra = env_extra or {}
        self.expect_unknown = expect_unknown
        goos, goarch = target.split("/")
        self.name = name or "%s-%s-%s%s" % (sdk.tag, goos, goarch, "-trim" if trimpath else "")
        self.path = None
        self.error = None


def build_one(b, src, outdir, tmp):
    env = base_env(tmp)
    goos, goarch = b.target.split("/")
    env["GOOS"], env["GOARCH"] = goos, goarch
    env.update(b.env_extra)
    out = os.path.join(outdir, b.name)
    argv = [b.sdk.go, "build", "-o", out] + (["-trimpath"] if b.trimpath else []) + b.extra + ["."]
    rc, so, se = run(argv, env=env, cwd=src, timeout=600)
    if rc != 0:
        b.error = (so + se).decode("utf-8", "replace").strip()[-500:]
    else:
        b.path = out
    return b


def write_module(src):
    os.makedirs(src, exist_ok=True)
    with open(os.path.join(src, "go.mod"), "w") as f:
        f.write("module example.com/hello\n\ngo 1.19\n")
    with open(os.path.join(src, "main.go"), "w") as f:
        f.write(HELLO)


# ------------------------------------------------------------------ comparisons

def compare_version_m(ck, gostatus, oracle, files, label, cwd=None):
    """gostatus debug buildinfo FILES... vs go version -m FILES..."""
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "GOTOOLCHAIN": "local", "GOENV": "off"}
    want = run([oracle.go, "version", "-m"] + files, env=env, cwd=cwd)
    got = run([gostatus, "debug", "buildinfo"] + files, env=env, cwd=cwd)
    ck.compared += 1
    if want != got:
        ck.fail("%s: gostatus differs from `go version -m`\n  go:       rc=%d\n%s%s\n  gostatus: rc=%d\n%s%s" % (
            label, want[0], indent(want[1]), indent(want[2], "stderr| "),
            got[0], indent(got[1]), indent(got[2], "stderr| ")))
        return False
    return True


def indent(b, prefix="    | "):
    s = b.decode("utf-8", "replace")
    return "".join(prefix + line + "\n" for line in s.splitlines()[:40])


def default_goroot(gostatus, path):
    """(kind, value) from gostatus debug buildinfo --default-goroot."""
    rc, so, se = run([gostatus, "debug", "buildinfo", "--default-goroot", path])
    if rc != 0:
        return ("error", (so + se).decode("utf-8", "replace").strip())
    line = so.decode("utf-8", "replace").rstrip("\n")
    parts = line.split("\t")
    if len(parts) != 3:
        return ("error", line)
    return (parts[1], parts[2])


def reality_of_go_binary(sdk, tmp):
    """What a copy of sdk's go, outside any GOROOT, says GOROOT is."""
    d = tempfile.mkdtemp(prefix="gocopy-", dir=tmp)
    exe = os.path.join(d, "go")
    shutil.copy2(sdk.go, exe)
    env = {"PATH": "/usr/bin:/bin", "HOME": os.path.join(tmp, "home"), "GOTOOLCHAIN": "local",
           "GOENV": "off"}
    rc, so, se = run([exe, "env", "GOROOT"], env=env, cwd=d)
    if rc == 0:
        return ("known", so.decode().strip()), exe
    if b"binary is trimmed and GOROOT is not set" in se:
        return ("none", ""), exe
    return ("error", (so + se).decode("utf-8", "replace").strip()), exe


def reality_of_program(path):
    """runtime.GOROOT() of a hello binary run with GOROOT unset, or None."""
    rc, so, se = run([path], env={"PATH": "/usr/bin:/bin"}, timeout=60)
    if rc != 0:
        return None
    m = re.search(rb"^hello, GOROOT=(.*)$", se, re.M)  # println writes to stderr
    if not m:
        return None
    v = m.group(1).decode()
    return ("known", v) if v else ("none", "")


def check_goroot(ck, label, ours, real, allow_unknown=False):
    ck.goroot_checks += 1
    if ours[0] == "unknown" and allow_unknown:
        return
    if ours[0] != real[0] or (real[0] == "known" and ours[1] != real[1]):
        ck.fail("%s: default GOROOT: gostatus says %s %r, reality is %s %r" % (
            label, ours[0], ours[1], real[0], real[1]))


# ------------------------------------------------------------------ main

def main():
    sdks = e2e.find_sdks()
    if not sdks:
        skip("no Go SDK installed (/usr/lib/go-1.*)")
    gostatus = e2e.gostatus_bin()
    oracle = sdks[-1]
    rc, so, se = run([gostatus, "debug", "buildinfo", oracle.gofmt])
    if rc != 0 or not so:
        print("FAIL: `%s debug buildinfo FILE` does not work (rc=%d): %s" % (
            gostatus, rc, (so + se).decode("utf-8", "replace").strip()[:300]))
        print("      (the hidden subcommand must be wired to gs::cmd_buildinfo)")
        return FAIL
    print("oracle: %s; SDKs: %s" % (oracle.go, " ".join(s.tag for s in sdks)))

    keep = os.environ.get("GOSTATUS_E2E_KEEP") == "1"
    tmp = tempfile.mkdtemp(prefix="gostatus-buildinfo-")
    ck = Checker()
    try:
        return run_all(ck, gostatus, sdks, oracle, tmp)
    finally:
        if keep:
            print("kept: " + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def run_all(ck, gostatus, sdks, oracle, tmp):
    os.makedirs(os.path.join(tmp, "home"), exist_ok=True)
    # 1. The SDKs' own binaries, and their default GOROOT.
    for sdk in sdks:
        for exe in (sdk.go, sdk.gofmt):
            if os.path.exists(exe):
                compare_version_m(ck, gostatus, oracle, [exe], exe)
        real, copy = reality_of_go_binary(sdk, tmp)
        if real[0] == "error":
            ck.fail("%s: copied go binary: unexpected `go env GOROOT` result: %s" % (sdk.tag, real[1]))
        else:
            check_goroot(ck, sdk.go + " (copied)", default_goroot(gostatus, copy), real)
            print("%s: copied go says GOROOT %s %s" % (sdk.tag, real[0], real[1]))

    # 2. Fixtures.
    src = os.path.join(tmp, "src")
    outdir = os.path.join(tmp, "out")
    os.makedirs(outdir)
    write_module(src)
    # Most valuable first, so that a busy machine running out of time budget
    # still covers every SDK: the runnable linux/amd64 pair, then cheap
    # link-only variants, then the cross targets round-robin over the SDKs.
    newest = sdks[-1]
    builds = []
    for sdk in reversed(sdks):
        builds += [Build(sdk, "linux/amd64", False), Build(sdk, "linux/amd64", True)]
    builds += [
        # -X runtime.defaultGOROOT overrides the linker's value: the guard
        # must answer unknown.
        Build(newest, "linux/amd64", False, ["-ldflags=-X runtime.defaultGOROOT=/from/ldflags -s"],
              name=newest.tag + "-linux-amd64-xgoroot", expect_unknown=True),
        # Quoting: a non-ASCII, space and quote-bearing -ldflags value.
        Build(newest, "linux/amd64", False,
              ["-ldflags=-X \"main.greeting=h\u00e9llo w\u00f6rld \U0001F600 \u2028\""],
              name=newest.tag + "-linux-amd64-quoted"),
    ]
    final_sdks = [s for s in sdks if s.minor <= 22]
    if final_sdks:  # GOROOT_FINAL, honoured by go1.19-1.22
        s = final_sdks[-1]
        builds.append(Build(s, "linux/amd64", False, env_extra={"GOROOT_FINAL": "/opt/final-goroot"},
                            name=s.tag + "-linux-amd64-final"))
    for t in TARGETS[1:]:
        for trim in (False, True):
            for sdk in reversed(sdks):
                builds.append(Build(sdk, t, trim))
    builds += [
        Build(newest, "linux/amd64", False, ["-buildmode=pie"], name=newest.tag + "-linux-amd64-pie"),
        Build(newest, "aix/ppc64", False), Build(newest, "plan9/amd64", True),
    ]

    budget = float(os.environ.get("GOSTATUS_E2E_BUDGET", "900"))
    deadline = time.monotonic() + budget
    done, skipped = [], []
    workers = max(1, min(4, os.cpu_count() or 1))
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        pending = list(builds)
        running = {}
        while pending or running:
            while pending and len(running) < workers and time.monotonic() < deadline:
                b = pending.pop(0)
                running[pool.submit(build_one, b, src, outdir, tmp)] = b
            if not running:
                break
            finished, _ = concurrent.futures.wait(list(running), return_when=concurrent.futures.FIRST_COMPLETED)
            for fut in finished:
                b = running.pop(fut)
                done.append(fut.result())
        skipped = pending
    for b in done:
        if b.error:
            # A target an SDK cannot build offline is noted, not a failure of ours.
            print("note: could not build %s: %s" % (b.name, b.error.splitlines()[-1] if b.error else ""))
    built = [b for b in done if b.path]
    print("built %d fixtures in %s" % (len(built), outdir))

    # 3. go version -m on each fixture, and on the whole directory.
    for b in built:
        compare_version_m(ck, gostatus, oracle, [b.path], b.name)
    if built:
        compare_version_m(ck, gostatus, oracle, [outdir], "directory " + outdir)
        compare_version_m(ck, gostatus, oracle, ["out/" + os.path.basename(built[0].path), "out"],
                          "relative paths", cwd=tmp)
    # Error cases: a missing file, a non-Go executable, a non-candidate file.
    junk = os.path.join(tmp, "junk")
    with open(junk, "w") as f:
        f.write("#!/bin/sh\necho not go\n")
    os.chmod(junk, 0o755)
    notes = os.path.join(tmp, "notes.txt")
    with open(notes, "w") as f:
        f.write("hello\n")
    compare_version_m(ck, gostatus, oracle, [junk, notes, os.path.join(tmp, "missing")], "error cases")

    # 4. Default GOROOT of the fixtures.
    linux = {}
    for b in built:
        ours = default_goroot(gostatus, b.path)
        if b.target in ("linux/amd64", "linux/386"):
            real = reality_of_program(b.path)
            if real is None:
                print("note: cannot run %s here; its default GOROOT is not checked" % b.name)
                continue
            check_goroot(ck, b.name, ours, real, allow_unknown=b.expect_unknown)
            if b.expect_unknown and ours[0] != "unknown":
                ck.fail("%s: -X runtime.defaultGOROOT build: expected unknown, got %s %r" % (b.name, ours[0], ours[1]))
            if b.target == "linux/amd64" and not b.extra and not b.env_extra:
                linux[(b.sdk.tag, b.trimpath)] = real
    for b in built:
        if b.target.startswith(("windows/", "darwin/")) and not b.extra:
            ref = linux.get((b.sdk.tag, b.trimpath))
            if ref is None:
                continue
            want = ref
            if b.target.startswith("windows/") and ref[0] == "known":
                want = ("known", ref[1].replace("/", "\\"))
            check_goroot(ck, b.name + " (as its linux build)", default_goroot(gostatus, b.path), want)

    print("buildinfo: %d binaries compared, %d default-GOROOT checks, %d failures%s" % (
        ck.compared, ck.goroot_checks, len(ck.failures),
        "" if not skipped else "; %d fixture builds NOT RUN (time budget %ss exceeded): %s" % (
            len(skipped), os.environ.get("GOSTATUS_E2E_BUDGET", "900"), " ".join(b.name for b in skipped))))
    return FAIL if ck.failures else PASS


if __name__ == "__main__":
    sys.exit(main())
