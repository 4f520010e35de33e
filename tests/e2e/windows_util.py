"""Running Windows executables under Wine for the tests/e2e/test_windows_*.py
suites: the Wine prefix (scripts/windows/env.sh's), the real go.exe
(scripts/windows/build-go-exe.sh), SDK layouts inside drive_c, and envexec
(scripts/windows/envexec.c) to give a Windows process an exact environment.

Every entry point skips the suite (exit 77, with the reason) when a tool is
missing: wine, the mingw-w64 compiler, gostatus.exe, or a Go 1.19 to build
go.exe from."""

import os
import shutil
import subprocess
import tempfile

import gostatus_e2e as e2e

SRC = e2e.source_dir()
WIN_SCRIPTS = os.path.join(SRC, "scripts", "windows")
MINGW_GCC = ["x86_64-w64-mingw32-gcc-posix", "x86_64-w64-mingw32-gcc"]


def host_env():
    """scripts/windows/env.sh, for the wine processes themselves."""
    home = os.environ.get("HOME", "/root")
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache")
    return {
        "HOME": home,
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "WINEDEBUG": os.environ.get("WINEDEBUG", "-all"),
        "WINEPREFIX": os.environ.get("WINEPREFIX") or os.path.join(cache, "gostatus-wine"),
        "WINEDLLOVERRIDES": os.environ.get("WINEDLLOVERRIDES", "mscoree,mshtml="),
        "WINEARCH": os.environ.get("WINEARCH", "win64"),
        "LANG": "C.UTF-8",
    }


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
        if not os.path.exists(exe):
            src = os.path.join(self.goexe_dir, "bin", "go.exe")
            try:
                os.link(src, exe)
            except OSError:
                shutil.copyfile(src, exe)
        vf = os.path.join(self.goexe_dir, "VERSION")
        if os.path.exists(vf):
            shutil.copyfile(vf, os.path.join(h, "VERSION"))
        if not existed:
            self.sdks.append(h)

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

    def describe(self):
        return "%s, go.exe %s" % (self.wine_version, self.go_version)


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

    w.goexe_dir = os.environ.get("GOSTATUS_GO_EXE_DIR") or os.path.join(
        os.path.dirname(w.env["WINEPREFIX"]), "gostatus-goexe", "go1.19")
    if not os.path.isfile(os.path.join(w.goexe_dir, "bin", "go.exe")):
        if not os.path.isfile("/usr/lib/go-1.19/bin/go"):
            e2e.skip("no go.exe at %s and no /usr/lib/go-1.19 to build one from" % w.goexe_dir)
        print("building go.exe into %s (about 4 minutes)" % w.goexe_dir, flush=True)
        r = e2e.run([os.path.join(WIN_SCRIPTS, "build-go-exe.sh"), w.goexe_dir], dict(os.environ), SRC, 1800)
        if r.rc != 0:
            print("FAIL: build-go-exe.sh: %s\n%s" % (r.status(), e2e.show(r.stderr)))
            raise SystemExit(e2e.FAIL)

    if not os.path.isfile(os.path.join(w.prefix, "system.reg")):
        r = e2e.run([os.path.join(WIN_SCRIPTS, "install-deps.sh"), "--no-apt"], dict(os.environ, **w.env), SRC, 600)
        if r.rc != 0:
            print("FAIL: could not create the Wine prefix: %s" % e2e.show(r.stderr))
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
    vf = os.path.join(w.goexe_dir, "VERSION")
    w.go_version = open(vf).read().split("\n")[0] if os.path.exists(vf) else "?"
    os.makedirs(host_path(w.prefix, r"C:\gostatus-test"), exist_ok=True)
    return w
