#!/usr/bin/env python3
"""Differential test: module context and toolchain selection.

For each installed go1.21+ SDK (/usr/lib/go-1.2[1-9], or GOSTATUS_E2E_SDKS)
and each scenario (go.mod asking for an older, equal or newer Go, with and
without toolchain lines; go.work; GOWORK=off/relative/absolute;
GO111MODULE=off/on/auto; every GOTOOLCHAIN form including invalid ones; a
newer toolchain on PATH as go1.23.5; a toolchain laid out in the module
cache), run

    go       env [-json] GOMOD GOWORK GOVERSION GOROOT   (and single names)
    gostatus env [-json] GOMOD GOWORK GOVERSION GOROOT

in the same clean environment and compare stdout, stderr and exit code.

Where go would download a toolchain (GOPROXY=off makes it fail fast: this
machine has no network), only "gostatus does not crash" is asserted.

Every scenario gets a fresh temp tree and an environment built from
scratch (PATH, HOME, GOPROXY, GOSUMDB; nothing GO* inherited).

Exit: 0 all offline answers match, 1 mismatches or crashes, 77 skip.
Set GOSTATUS_E2E_KEEP=1 to keep the trees, GOSTATUS_E2E_ONLY=substring to
run only matching scenarios.
"""

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gostatus_e2e as e2e  # noqa: E402

PASS, FAIL, SKIP = 0, 1, 77
NEWER = "/usr/lib/go-1.23"      # the SDK that plays "a newer toolchain"
QUERIES = [
    ["GOMOD", "GOWORK", "GOVERSION", "GOROOT"],
    ["-json", "GOMOD", "GOWORK", "GOVERSION", "GOROOT"],
    ["GOMOD"],          # go1.23+: answered by the local go (no Select)
    ["GOWORK"],
    ["GOVERSION"],
    ["GOTOOLCHAIN"],    # always the local go's own answer
]


def sdks():
    env = os.environ.get("GOSTATUS_E2E_SDKS")
    roots = env.split(":") if env else sorted(glob.glob("/usr/lib/go-1.*"))
    out = []
    for r in roots:
        go = os.path.join(r, "bin", "go")
        if not os.access(go, os.X_OK):
            continue
        v = subprocess.run([go, "version"], capture_output=True, text=True,
                           env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent",
                                "GOTOOLCHAIN": "local"}).stdout.split()
        if len(v) >= 3 and re.match(r"go1\.(\d+)", v[2]) and int(re.match(r"go1\.(\d+)", v[2]).group(1)) >= 21:
            out.append((r, v[2]))
    return out


def newer_version():
    go = os.path.join(NEWER, "bin", "go")
    if not os.access(go, os.X_OK):
        return None
    v = subprocess.run([go, "version"], capture_output=True, text=True,
                       env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent",
                            "GOTOOLCHAIN": "local"}).stdout.split()
    return v[2] if len(v) >= 3 else None


class Tree:
    def __init__(self, root, sdk_root, sdk_version, newer):
        self.root = root
        self.sdk_root = sdk_root
        self.sdk_version = sdk_version
        self.newer = newer
        self.home = self.p("home")
        self.bin = self.p("bin")        # an extra PATH dir for goX.Y.Z
        os.makedirs(self.home)
        os.makedirs(self.bin)
        self.env = {
            "PATH": ":".join([os.path.join(sdk_root, "bin"), self.bin, "/usr/bin", "/bin"]),
            "HOME": self.home,
            "GOPROXY": "off",
            "GOSUMDB": "off",
        }
        self.cwd = self.root

    def p(self, *parts):
        return os.path.join(self.root, *parts)

    def write(self, rel, data):
        path = self.p(rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(data)
        return path

    def mkdir(self, rel):
        os.makedirs(self.p(rel), exist_ok=True)
        return self.p(rel)

    def path_toolchain(self, name, target=None):
        """bin/<name> -> the newer SDK's go (exec.LookPath finds it)."""
        os.symlink(target or os.path.join(NEWER, "bin", "go"), os.path.join(self.bin, name))

    def modcache_toolchain(self, name, goos="linux", goarch="amd64"):
        """Lays out GOMODCACHE/golang.org/toolchain@v0.0.1-<name>.<goos>-<goarch>
        as go's own download leaves it (toolchain.Exec, modfetch.DownloadDir):
        the module dir; no .partial; a .ziphash with a well-formed h1: sum
        (checkMod accepts it); src/_go.mod the size of src/go.mod (Exec
        skips its _go.mod -> go.mod copying). Files are symlinks into the
        real SDK."""
        modcache = os.path.join(self.home, "go", "pkg", "mod")
        ver = "v0.0.1-%s.%s-%s" % (name, goos, goarch)
        d = os.path.join(modcache, "golang.org", "toolchain@" + ver)
        os.makedirs(d)
        for entry in os.listdir(NEWER):
            if entry == "src":
                continue
            os.symlink(os.path.join(NEWER, entry), os.path.join(d, entry))
        src = os.path.join(d, "src")
        os.makedirs(src)
        real_src = os.path.realpath(os.path.join(NEWER, "src"))
        for entry in os.listdir(real_src):
            os.symlink(os.path.join(real_src, entry), os.path.join(src, entry))
        shutil.copyfile(os.path.join(real_src, "go.mod"), os.path.join(src, "_go.mod"))
        dl = os.path.join(modcache, "cache", "download", "golang.org", "toolchain", "@v")
        os.makedirs(dl)
        with open(os.path.join(dl, ver + ".ziphash"), "w") as f:
            f.write("h1:" + "A" * 43 + "=\n")
        # golang.org/toolchain always needs a checksum-database lookup,
        # except with GOPROXY=file://... (select.go useSumDB exception #1).
        self.env["GOPROXY"] = "file://" + self.p("noproxy")
        return d


SCENARIOS = []


def scenario(name):
    def deco(fn):
        SCENARIOS.append((name, fn))
        return fn
    return deco


def lang(v):
    m = re.match(r"go(1\.\d+)", v)
    return m.group(1)


@scenario("mod-older")
def _(t):
    t.write("m/go.mod", "module m\n\ngo 1.20\n")
    t.cwd = t.mkdir("m/sub")


@scenario("mod-equal-lang")
def _(t):
    t.write("m/go.mod", "module m\n\ngo %s\n" % lang(t.sdk_version))
    t.cwd = t.p("m")


@scenario("mod-equal-exact")
def _(t):
    t.write("m/go.mod", "module m\n\ngo %s\n" % t.sdk_version[2:])
    t.cwd = t.p("m")


@scenario("mod-newer-download")
def _(t):
    t.write("m/go.mod", "module m\n\ngo 1.99\n")
    t.cwd = t.p("m")


@scenario("mod-newer-toolchain-line-download")
def _(t):
    t.write("m/go.mod", "module m\n\ngo 1.99 // comment\ntoolchain go1.99.1\n")
    t.cwd = t.p("m")


@scenario("mod-newer-on-path")
def _(t):
    t.write("m/go.mod", "module m\n\ngo %s\n" % t.newer[2:])
    t.path_toolchain(t.newer)
    t.cwd = t.p("m")


@scenario("toolchain-line-on-path")
def _(t):
    t.write("m/go.mod", "module m\n\ngo 1.21\n\ntoolchain %s\n" % t.newer)
    t.path_toolchain(t.newer)
    t.cwd = t.p("m")


@scenario("toolchain-line-older")
def _(t):
    t.write("m/go.mod", "module m\n\ngo 1.21\ntoolchain go1.21.0\n")
    t.cwd = t.p("m")


@scenario("toolchain-default")
def _(t):
    t.write("m/go.mod", "module m\ngo 1.99\ntoolchain default\n")
    t.cwd = t.p("m")


@scenario("toolchain-line-invalid")
def _(t):
    t.write("m/go.mod", "module m\ngo 1.21\ntoolchain 1.22\n")
    t.cwd = t.mkdir("m/a")


@scenario("path-toolchain-wrong-version")
def _(t):
    # bin/go1.23.4 is really the newer SDK's go: the child refuses.
    t.write("m/go.mod", "module m\ngo 1.23.4\n")
    t.path_toolchain("go1.23.4")
    t.cwd = t.p("m")


@scenario("modcache-toolchain")
def _(t):
    t.write("m/go.mod", "module m\n\ngo %s\n" % t.newer[2:])
    t.modcache_toolchain(t.newer)
    t.cwd = t.p("m")


@scenario("workspace-newer")
def _(t):
    t.write("w/go.work", "go %s\n\nuse ./m\n" % t.newer[2:])
    t.write("w/m/go.mod", "module m\ngo 1.21\n")
    t.path_toolchain(t.newer)
    t.cwd = t.p("w/m")


@scenario("workspace-gowork-off")
def _(t):
    t.write("w/go.work", "go %s\n\nuse ./m\n" % t.newer[2:])
    t.write("w/m/go.mod", "module m\ngo 1.21\n")
    t.env["GOWORK"] = "off"
    t.cwd = t.p("w/m")


@scenario("workspace-no-module")
def _(t):
    t.write("w/go.work", "go 1.21\n")
    t.cwd = t.mkdir("w/a/b")


@scenario("gowork-relative")
def _(t):
    t.write("m/go.mod", "module m\ngo 1.21\n")
    t.env["GOWORK"] = "go.work"
    t.cwd = t.p("m")


@scenario("gowork-relative-local")
def _(t):
    t.write("m/go.mod", "module m\ngo 1.21\n")
    t.env["GOWORK"] = "go.work"
    t.env["GOTOOLCHAIN"] = "local"
    t.cwd = t.p("m")


@scenario("gowork-absolute-missing")
def _(t):
    t.write("m/go.mod", "module m\ngo 1.21\n")
    t.env["GOWORK"] = t.p("elsewhere", "x.work")
    t.cwd = t.p("m")


@scenario("gowork-absolute-file")
def _(t):
    t.write("m/go.mod", "module m\ngo 1.21\n")
    t.env["GOWORK"] = t.write("ws/custom.work", "go %s\nuse ../m\n" % t.newer[2:])
    t.path_toolchain(t.newer)
    t.cwd = t.p("m")


@scenario("gomod-is-directory")
def _(t):
    t.mkdir("d/go.mod/x")
    t.cwd = t.p("d/go.mod/x")


@scenario("gopath-gomod")
def _(t):
    t.write("home/go/go.mod", "module g\n")
    t.cwd = t.mkdir("outside")


for _mode in ("off", "on", "auto"):
    def _mk(mode):
        @scenario("go111module-%s-in-module" % mode)
        def _(t):
            t.write("m/go.mod", "module m\ngo 1.99\n")
            t.env["GO111MODULE"] = mode
            t.cwd = t.mkdir("m/x")

        @scenario("go111module-%s-outside" % mode)
        def _(t):
            t.env["GO111MODULE"] = mode
            t.cwd = t.mkdir("outside")
    _mk(_mode)


@scenario("go111module-bogus")
def _(t):
    t.env["GO111MODULE"] = "bogus"
    t.cwd = t.mkdir("outside")


GOTOOLCHAINS = ["local", "auto", "path", "local+auto", "local+path",
                "go1.21.0", "+auto", "bash", "x+auto", "go1.22.0+foo", "go2.0",
                "{newer}", "{newer}+auto", "{newer}+path", "{sdk}", "go1.21.0+auto",
                "go1.21.0+path"]

for _gt in GOTOOLCHAINS:
    def _mk(gt):
        for onpath in (False, True):
            @scenario("gotoolchain=%s%s" % (gt, "-onpath" if onpath else ""))
            def _(t, gt=gt, onpath=onpath):
                t.write("m/go.mod", "module m\ngo 1.21\n")
                t.env["GOTOOLCHAIN"] = gt.format(newer=t.newer, sdk=t.sdk_version)
                if onpath:
                    t.path_toolchain(t.newer)
                t.cwd = t.p("m")

        @scenario("gotoolchain=%s-newer-module" % gt)
        def _(t, gt=gt):
            t.write("m/go.mod", "module m\ngo %s\n" % t.newer[2:])
            t.env["GOTOOLCHAIN"] = gt.format(newer=t.newer, sdk=t.sdk_version)
            t.path_toolchain(t.newer)
            t.cwd = t.p("m")
    _mk(_gt)


@scenario("gotoolchain-from-user-env-file")
def _(t):
    t.write("home/.config/go/env", "GOTOOLCHAIN=path\n")
    t.write("m/go.mod", "module m\ngo 1.99\n")
    t.cwd = t.p("m")


@scenario("gotoolchain-user-env-file-local")
def _(t):
    t.write("home/.config/go/env", "GOTOOLCHAIN=local\n")
    t.write("m/go.mod", "module m\ngo %s\n" % t.newer[2:])
    t.path_toolchain(t.newer)
    t.cwd = t.p("m")


def run(argv, env, cwd):
    try:
        p = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        return (None, b"", b"TIMEOUT")
    return (p.returncode, p.stdout, p.stderr)


def downloaded(res):
    err = res[2].decode(errors="replace")
    return "go: downloading go" in err or "toolchain not available" in err


def main():
    gostatus = e2e.gostatus_bin()
    found = sdks()
    if not found:
        e2e.skip("no go1.21+ SDK in /usr/lib/go-1.* (or GOSTATUS_E2E_SDKS)")
    newer = newer_version()
    if not newer:
        e2e.skip("%s/bin/go is needed as the 'newer toolchain'" % NEWER)
    only = os.environ.get("GOSTATUS_E2E_ONLY", "")
    keep = os.environ.get("GOSTATUS_E2E_KEEP") == "1"

    stats = {"match": 0, "mismatch": 0, "download-ok": 0, "crash": 0}
    mismatches = []
    for sdk_root, sdk_version in found:
        for name, build in SCENARIOS:
            if only and only not in name:
                continue
            tmp = tempfile.mkdtemp(prefix="gs-mod-")
            try:
                t = Tree(tmp, sdk_root, sdk_version, newer)
                build(t)
                for q in QUERIES:
                    g = run(["go", "env"] + q, t.env, t.cwd)
                    s = run([gostatus, "env"] + q, t.env, t.cwd)
                    label = "%s %s: env %s" % (sdk_version, name, " ".join(q))
                    if s[0] is None or s[0] < 0 or s[0] >= 128:
                        stats["crash"] += 1
                        mismatches.append((label, "gostatus crashed or hung: exit %r stderr %r" % (s[0], s[2][-300:])))
                        continue
                    if downloaded(g):
                        stats["download-ok"] += 1
                        continue
                    if g == s:
                        stats["match"] += 1
                        continue
                    stats["mismatch"] += 1
                    mismatches.append((label,
                                       "go:       exit %r\n    stdout %r\n    stderr %r\n"
                                       "  gostatus: exit %r\n    stdout %r\n    stderr %r"
                                       % (g[0], g[1].decode(errors="replace"), g[2].decode(errors="replace"),
                                          s[0], s[1].decode(errors="replace"), s[2].decode(errors="replace"))))
            finally:
                if keep:
                    print("kept " + tmp)
                else:
                    # The module cache may be read-only (go makes it so).
                    for dp, dn, fn in os.walk(tmp):
                        for d in dn:
                            try:
                                os.chmod(os.path.join(dp, d), 0o755)
                            except OSError:
                                pass
                    shutil.rmtree(tmp, ignore_errors=True)

    for label, detail in mismatches:
        print("MISMATCH %s\n  %s" % (label, detail))
    print("summary: %s" % json.dumps(stats, sort_keys=True))
    return FAIL if (stats["mismatch"] or stats["crash"]) else PASS


if __name__ == "__main__":
    sys.exit(main())
