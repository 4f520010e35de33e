"""Running Windows executables under Wine for the tests/e2e/test_windows_*.py
suites: the Wine prefix (scripts/windows/env.sh's), the real go.exe of each
tested Go version (scripts/windows/build-go-exe.sh), SDK layouts inside
drive_c, and envexec (scripts/windows/envexec.c) to give a Windows process
an exact environment.

The suites run once per go.exe (go_exes()): GO_EXE_VERSIONS by default,
GOSTATUS_WIN_GO_VERSIONS="1.19 1.21 ..." to pick others, or the one
GOSTATUS_GO_EXE_DIR. Each is built once into ~/.cache/gostatus-goexe/go1.NN
from Debian's /usr/lib/go-1.NN. go1.21+ needs the prefix's bcryptprimitives.dll
stand-in (scripts/windows/bcryptprimitives.c), which setup() makes sure of.

Every entry point skips the suite (exit 77, with the reason) when a tool is
missing: wine, the mingw-w64 compiler, gostatus.exe, or every Go SDK to build
a go.exe from. A single missing version is a note (a failure with CI=true)."""

import os
import shutil
import subprocess
import tempfile

import gostatus_e2e as e2e

SRC = e2e.source_dir()
WIN_SCRIPTS = os.path.join(SRC, "scripts", "windows")
MINGW_GCC = ["x86_64-w64-mingw32-gcc-posix", "x86_64-w64-mingw32-gcc"]


# The go.exe versions the suites compare against by default: the oldest
# Debian SDK (go1.19: no go.env, no GOTOOLCHAIN, needs no DLL stand-in) and
# the newest (go1.27: go.env, toolchain rules, ProcessPrng). Each more costs
# a go.exe build (1-2 min of CPU) and a run of each suite under Wine in CI;
# GOSTATUS_WIN_GO_VERSIONS runs others on demand.
GO_EXE_VERSIONS = ["1.19", "1.27"]


def host_env():
    """scripts/windows/env.sh's variables (WINEPREFIX, WINEDLLOVERRIDES...),
    for the wine processes themselves: read from the script, not copied."""
    r = subprocess.run(["bash", "-c", '. "$1" && env -0', "bash", os.path.join(WIN_SCRIPTS, "env.sh")],
                       capture_output=True, stdin=subprocess.DEVNULL, check=True)
    sourced = dict(kv.split("=", 1) for kv in r.stdout.decode().split("\0") if "=" in kv)
    env = {k: sourced[k] for k in ("WINEDEBUG", "WINEPREFIX", "WINEDLLOVERRIDES", "WINEARCH")}
    env.update(HOME=os.environ.get("HOME", "/root"), PATH=os.environ.get("PATH", "/usr/bin:/bin"),
               LANG="C.UTF-8")
    return env


def host_path(prefix, winpath):
    """C:\\x\\y -> PREFIX/drive_c/x/y; Z:\\x -> /x."""
    drive, rest = winpath[0].lower(), winpath[2:].replace("\\", "/").lstrip("/")
    if drive == "z":
        return "/" + rest
    return os.path.join(prefix, "drive_" + drive, rest)


def win_path(prefix, path):
    """A host path as a Windows program sees it: C:\\ inside drive_c, else Z:\\."""
    path = os.path.abspath(path)
    c = os.path.join(os.path.realpath(prefix), "drive_c")
    real = os.path.realpath(path)
    if real == c or real.startswith(c + "/"):
        return "C:\\" + os.path.relpath(real, c).replace("/", "\\").lstrip(".")
    return "Z:" + path.replace("/", "\\")


class Wine:
    def __init__(self):
        self.env = host_env()
        self.prefix = self.env["WINEPREFIX"]
        self.tmp = tempfile.mkdtemp(prefix="gostatus-wine-e2e-")
        self.sdks = []
        self.junction_error = ""
        self.gostatus = ""
        self.goexe_dir = ""
        self.wine_version = ""
        self.go_version = ""

    # -- processes
    def run(self, env, exe, args, timeout=120):
        """Runs the Windows program exe (a Windows path) with exactly env."""
        envfile = os.path.join(self.tmp, "env")
        with open(envfile, "wb") as f:
            for k, v in env.items():
                f.write(("%s=%s" % (k, v)).encode("utf-8") + b"\0")
        cwd = host_path(self.prefix, r"C:\gostatus-test\work")
        os.makedirs(cwd, exist_ok=True)
        return e2e.run(["wine", self.envexec, win_path(self.prefix, envfile), exe] + list(args),
                       self.env, cwd, timeout)

    def wine(self, args, timeout=120):
        return e2e.run(["wine"] + list(args), self.env, self.tmp, timeout)

    # -- the SDK layouts go.exe recognises as a GOROOT (<root>/pkg/tool)
    def install_sdk(self, root):
        h = host_path(self.prefix, root)
        existed = os.path.exists(h)
        os.makedirs(os.path.join(h, "bin"), exist_ok=True)
        os.makedirs(os.path.join(h, "pkg", "tool", "windows_amd64"), exist_ok=True)
        os.makedirs(os.path.join(h, "src", "runtime"), exist_ok=True)   # what doctor calls an SDK
        exe = os.path.join(h, "bin", "go.exe")
        if os.path.exists(exe):
            os.remove(exe)   # another go.exe version's
        src = os.path.join(self.goexe_dir, "bin", "go.exe")
        try:
            os.link(src, exe)
        except OSError:
            shutil.copyfile(src, exe)
        # go.env (go1.21+) holds GOPROXY, GOSUMDB and GOTOOLCHAIN's defaults.
        for name in ("VERSION", "go.env"):
            f = os.path.join(self.goexe_dir, name)
            if os.path.exists(f):
                shutil.copyfile(f, os.path.join(h, name))
            elif os.path.exists(os.path.join(h, name)):
                os.remove(os.path.join(h, name))
        if not existed:
            self.sdks.append(h)

    def use_go_exe(self, go_exe):
        """Makes go_exe (a GoExe) the oracle for the SDKs installed next."""
        self.goexe_dir, self.go_version = go_exe.dir, go_exe.version

    def make_junction(self, link, target):
        """A junction made by cmd's mklink /J; False (and junction_error) when
        Wine cannot make one."""
        r = self.wine(["cmd", "/c", "mklink", "/J", link, target])
        h = host_path(self.prefix, link)
        if os.path.isfile(os.path.join(h, "bin", "go.exe")):
            self.sdks.append(h)
            return True
        msg = (r.stdout + r.stderr).decode("utf-8", "replace").strip().replace("\r", "")
        self.junction_error = "mklink /J: %s, %s" % (r.status(), msg or "nothing created")
        return False

    def remove_sdks(self):
        for h in self.sdks:
            if os.path.islink(h):
                os.remove(h)
            else:
                shutil.rmtree(h, ignore_errors=True)
        self.sdks = []
        shutil.rmtree(host_path(self.prefix, r"C:\gostatus-test"), ignore_errors=True)
        shutil.rmtree(self.tmp, ignore_errors=True)


class GoExe:
    def __init__(self, d):
        self.dir = d
        vf = os.path.join(d, "VERSION")
        self.version = open(vf).read().split("\n")[0] if os.path.exists(vf) else "?"


def find_gcc():
    for g in MINGW_GCC:
        if shutil.which(g):
            return g
    return None


def setup():
    """The Wine environment with gostatus.exe, go.exe and envexec.exe ready."""
    if not shutil.which("wine") or not shutil.which("wineserver"):
        e2e.skip("wine is not installed (scripts/windows/install-deps.sh)")
    gcc = find_gcc()
    if not gcc:
        e2e.skip("the mingw-w64 compiler is not installed (scripts/windows/install-deps.sh)")
    w = Wine()

    w.gostatus = os.environ.get("GOSTATUS_WIN_BIN") or os.path.join(SRC, "build-win", "gostatus.exe")
    if not os.path.isfile(w.gostatus):
        if os.environ.get("GOSTATUS_WIN_BIN"):
            print("FAIL: GOSTATUS_WIN_BIN=%s does not exist" % w.gostatus)
            raise SystemExit(e2e.FAIL)
        e2e.skip("no gostatus.exe (scripts/windows/build.sh builds build-win/gostatus.exe)")
    w.gostatus = win_path(w.prefix, w.gostatus)

    # The prefix, and the bcryptprimitives.dll stand-in in it: idempotent,
    # about a second when both are there already.
    r = e2e.run([os.path.join(WIN_SCRIPTS, "install-deps.sh"), "--no-apt"], dict(os.environ, **w.env), SRC, 600)
    if r.rc != 0:
        print("FAIL: install-deps.sh --no-apt (the Wine prefix, bcryptprimitives.dll): %s\n%s" % (
            r.status(), e2e.show(r.stdout + r.stderr)))
        raise SystemExit(e2e.FAIL)

    w.envexec = os.path.join(w.tmp, "envexec.exe")
    r = e2e.run([gcc, "-O2", "-municode", "-static", "-o", w.envexec,
                 os.path.join(WIN_SCRIPTS, "envexec.c")], {"PATH": os.environ.get("PATH", "/usr/bin")}, w.tmp)
    if r.rc != 0:
        print("FAIL: building envexec.exe: %s" % e2e.show(r.stderr))
        raise SystemExit(e2e.FAIL)

    # A wineserver that outlives each wine process (a cold start costs
    # seconds), started with /dev/null as stdio: its helper processes would
    # otherwise hold our capture pipes open (see scripts/windows/test.sh).
    subprocess.run(["wineserver", "-p30"], env=w.env, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["wine", "cmd", "/c", "exit"], env=w.env, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    w.wine_version = subprocess.run(["wine", "--version"], env=w.env, capture_output=True,
                                    stdin=subprocess.DEVNULL).stdout.decode().strip()
    os.makedirs(host_path(w.prefix, r"C:\gostatus-test"), exist_ok=True)
    return w


def go_exes(w):
    """The go.exe oracles to run a suite against, building the missing ones
    (build-go-exe.sh, about 1.5 min of CPU each). Returns ([GoExe], notes);
    skips the suite when there is none, fails it when CI=true and one is
    missing."""
    if os.environ.get("GOSTATUS_GO_EXE_DIR"):
        d = os.environ["GOSTATUS_GO_EXE_DIR"]
        if not os.path.isfile(os.path.join(d, "bin", "go.exe")):
            print("FAIL: GOSTATUS_GO_EXE_DIR=%s has no bin/go.exe" % d)
            raise SystemExit(e2e.FAIL)
        return [GoExe(d)], []
    versions = os.environ.get("GOSTATUS_WIN_GO_VERSIONS", "").replace(",", " ").split() or GO_EXE_VERSIONS
    found, notes = [], []
    cache = os.path.join(os.path.dirname(w.prefix), "gostatus-goexe")
    for v in versions:
        d = os.path.join(cache, "go" + v)
        if not os.path.isfile(os.path.join(d, "bin", "go.exe")):
            src = "/usr/lib/go-" + v
            if not os.path.isfile(os.path.join(src, "bin", "go")):
                notes.append("go%s: not run, no go.exe at %s and no %s to build one from" % (v, d, src))
                continue
            print("building go%s's go.exe into %s (about 1.5 min of CPU)" % (v, d), flush=True)
            r = e2e.run([os.path.join(WIN_SCRIPTS, "build-go-exe.sh"), d], dict(os.environ, GO_SRC_ROOT=src),
                        SRC, 1800)
            if r.rc != 0:
                print("FAIL: build-go-exe.sh (go%s): %s\n%s" % (v, r.status(), e2e.show(r.stderr)))
                raise SystemExit(e2e.FAIL)
            print(r.stdout.decode("utf-8", "replace").strip(), flush=True)
        found.append(GoExe(d))
    if not found:
        e2e.skip("; ".join(notes))
    if notes and os.environ.get("CI") == "true":
        print("FAIL (CI=true): " + "; ".join(notes))
        raise SystemExit(e2e.FAIL)
    return found, notes
