#!/usr/bin/env python3
"""Differential test: module context and toolchain selection.

For each installed SDK (/usr/lib/go-1.*, or GOSTATUS_E2E_SDKS; go1.19 has
no toolchain selection and checks the module context only) and each scenario
(go.mod asking for an older, equal or newer Go, with and without toolchain
lines; go.work; GOWORK=off/relative/absolute; GO111MODULE=off/on/auto; every
GOTOOLCHAIN form including invalid ones; a newer toolchain on PATH as
goX.Y.Z; a toolchain laid out in the module cache), run

    go       env [-json] GOMOD GOWORK GOVERSION GOROOT GOBIN   (and single names)
    gostatus env [-json] GOMOD GOWORK GOVERSION GOROOT GOBIN

in the same clean environment and compare stdout, stderr and exit code.

"The newer toolchain" is per SDK: the newest installed SDK newer than the
one under test (go1.27.4 for go1.19-go1.26 here), so go really switches to
a real newer go, whose rules (GOBIN from go1.27, JSON encoding...) then
apply. For the newest SDK no newer one exists: the scenarios that need one
are counted as "not applicable" (they are not a skip: there is nothing to
compare).

Where go would download a toolchain (GOPROXY=off makes it fail fast: this
machine has no network), only "gostatus does not crash" is asserted.

Scenarios run in a pool of GOSTATUS_E2E_JOBS threads (default 2).

Every scenario gets a fresh temp tree and an environment built from
scratch (PATH, HOME, GOPROXY, GOSUMDB; nothing GO* inherited).

Exit: 0 all offline answers match, 1 mismatches or crashes, 77 skip.
Set GOSTATUS_E2E_KEEP=1 to keep the trees, GOSTATUS_E2E_ONLY=substring to
run only matching scenarios.
"""

import concurrent.futures
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
QUERIES = [
    ["GOMOD", "GOWORK", "GOVERSION", "GOROOT", "GOBIN"],
    ["-json", "GOMOD", "GOWORK", "GOVERSION", "GOROOT", "GOBIN"],
    ["GOMOD"],          # go1.23+: answered by the local go (no Select)
    ["GOWORK"],
    ["GOVERSION"],
    ["GOBIN"],          # go1.27+: the install dir, by the rules of the go that runs
    ["GOTOOLCHAIN"],    # always the local go's own answer
]


def version_key(v):
    """"go1.27.4" -> (1, 27, 4)."""
    return tuple(int(x) for x in re.findall(r"\d+", v)[:3])


def go_version_of(root):
    go = os.path.join(root, "bin", "go")
    if not os.access(go, os.X_OK):
        return None
    v = subprocess.run([go, "version"], capture_output=True, text=True,
                       env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent",
                            "GOTOOLCHAIN": "local"}).stdout.split()
    return v[2] if len(v) >= 3 and re.match(r"go1\.\d+", v[2]) else None


def installed_sdks():
    """Every installed SDK, oldest first: [(root, version)]."""
    out = []
    for r in glob.glob("/usr/lib/go-1.*"):
        v = go_version_of(r)
        if v:
            out.append((r, v))
    return sorted(out, key=lambda s: version_key(s[1]))


def sdks():
    env = os.environ.get("GOSTATUS_E2E_SDKS")
    if not env:
        return installed_sdks()
    out = []
    for r in env.split(":"):
        v = go_version_of(r)
        if v:
            out.append((r, v))
    return out


def newer_sdk(version, installed):
    """The newest installed SDK newer than version: (root, version) or None."""
    newer = [s for s in installed if version_key(s[1]) > version_key(version)]
    return newer[-1] if newer else None


def bump_patch(v):
    """"go1.27.4" -> "go1.27.9": a release newer than v that is not installed."""
    major, minor, patch = version_key(v)
    return "go%d.%d.%d" % (major, minor, patch + 5)


class Tree:
    def __init__(self, root, sdk_root, sdk_version, newer, newest):
        self.root = root
        self.sdk_root = sdk_root
        self.sdk_version = sdk_version
        # (root, version) of the newer SDK, or None (the newest SDK).
        self.newer_root, self.newer = newer if newer else (None, None)
        self.newest_root, self.newest = newest
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
        os.symlink(target or os.path.join(self.newer_root, "bin", "go"), os.path.join(self.bin, name))

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
        for entry in os.listdir(self.newer_root):
            if entry == "src":
                continue
            os.symlink(os.path.join(self.newer_root, entry), os.path.join(d, entry))
        src = os.path.join(d, "src")
        os.makedirs(src)
        real_src = os.path.realpath(os.path.join(self.newer_root, "src"))
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


def scenario(name, needs_newer=False):
    """needs_newer: the scenario uses t.newer, which the newest SDK lacks."""
    def deco(fn):
        SCENARIOS.append((name, fn, needs_newer))
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


@scenario("mod-newer-on-path", needs_newer=True)
def _(t):
    newer_module_on_path(t)


@scenario("toolchain-line-on-path", needs_newer=True)
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
    # bin/go1.27.9 is really the newest SDK's go1.27.4: the child refuses
    # ("invoked to provide"), for every SDK including the newest.
    fake = bump_patch(t.newest)
    t.write("m/go.mod", "module m\ngo %s\n" % fake[2:])
    t.path_toolchain(fake, os.path.join(t.newest_root, "bin", "go"))
    t.cwd = t.p("m")


@scenario("go111module-auto-workspace-only")
def _(t):
    # go1.27: a go.work alone enables modules for Select under
    # GO111MODULE=auto (modload.WillBeEnabled); older go does not select.
    fake = bump_patch(t.newest)
    t.write("w/go.work", "go %s\n" % fake[2:])
    t.env["GO111MODULE"] = "auto"
    t.path_toolchain(fake, os.path.join(t.newest_root, "bin", "go"))
    t.cwd = t.mkdir("w/a")


@scenario("go111module-auto-workspace-relative-gowork")
def _(t):
    t.write("w/go.work", "go 1.21\n")
    t.env["GO111MODULE"] = "auto"
    t.env["GOWORK"] = "go.work"
    t.cwd = t.p("w")


@scenario("modcache-toolchain", needs_newer=True)
def _(t):
    t.write("m/go.mod", "module m\n\ngo %s\n" % t.newer[2:])
    t.modcache_toolchain(t.newer)
    t.cwd = t.p("m")


def newer_module_on_path(t, subdir="m"):
    """A go.mod asking for the newer SDK's version, which is on PATH."""
    t.write(subdir + "/go.mod", "module m\n\ngo %s\n" % t.newer[2:])
    t.path_toolchain(t.newer)
    t.cwd = t.p(subdir)


# The switched go's own GOBIN/GOPATH rules (go1.27: GOBIN is the install dir).
for _suffix, _env in [
        ("gobin-set", lambda t: {"GOBIN": t.p("mybin")}),
        ("gopath-relative", lambda t: {"GOPATH": "rel/gp"}),
        ("gopath-empty-first", lambda t: {"GOPATH": ":" + t.p("gp")}),
        ("gopath-is-goroot", lambda t: {"GOPATH": t.newer_root}),
        # module mode: $GOPATH[0]/bin, though the module is in the second entry
        ("gopath-list", lambda t: {"GOPATH": t.p("gp1") + ":" + t.p("gp2")})]:
    def _mk(suffix, env):
        @scenario("mod-newer-on-path-" + suffix, needs_newer=True)
        def _(t):
            t.env.update(env(t))
            newer_module_on_path(t, "gp2/src/m" if suffix == "gopath-list" else "m")
    _mk(_suffix, _env)


@scenario("mod-newer-on-path-invalid-utf8-dir", needs_newer=True)
def _(t):
    # -json of the switched go: go1.27 writes invalid UTF-8 as raw U+FFFD
    # bytes, older go as \ufffd (the rules of the go that runs).
    newer_module_on_path(t, "m\udcff")


@scenario("mod-newer-on-path-gopath-from-env-file", needs_newer=True)
def _(t):
    # The switched go reads the go env file itself.
    t.write("home/.config/go/env", "GOPATH=%s\n" % t.p("envgp"))
    newer_module_on_path(t)


@scenario("modcache-toolchain-gopath-list", needs_newer=True)
def _(t):
    t.write("m/go.mod", "module m\n\ngo %s\n" % t.newer[2:])
    t.modcache_toolchain(t.newer)
    t.env["GOPATH"] = t.p("home", "go") + ":" + t.p("gp2")
    t.cwd = t.p("m")


@scenario("workspace-newer", needs_newer=True)
def _(t):
    t.write("w/go.work", "go %s\n\nuse ./m\n" % t.newer[2:])
    t.write("w/m/go.mod", "module m\ngo 1.21\n")
    t.path_toolchain(t.newer)
    t.cwd = t.p("w/m")


@scenario("workspace-gowork-off", needs_newer=True)
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


@scenario("gowork-absolute-file", needs_newer=True)
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
            @scenario("gotoolchain=%s%s" % (gt, "-onpath" if onpath else ""),
                      needs_newer=onpath or "{newer}" in gt)
            def _(t, gt=gt, onpath=onpath):
                t.write("m/go.mod", "module m\ngo 1.21\n")
                t.env["GOTOOLCHAIN"] = gt.format(newer=t.newer, sdk=t.sdk_version)
                if onpath:
                    t.path_toolchain(t.newer)
                t.cwd = t.p("m")

        @scenario("gotoolchain=%s-newer-module" % gt, needs_newer=True)
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


@scenario("gotoolchain-user-env-file-local", needs_newer=True)
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


def run_scenario(gostatus, sdk_root, sdk_version, newer, newest, name, build, keep):
    """One scenario on one SDK: (counts, [(label, detail)])."""
    c = {"comparisons": 0, "matches": 0, "mismatches": 0, "download-only": 0, "crashes": 0}
    bad = []
    tmp = tempfile.mkdtemp(prefix="gs-mod-")
    try:
        t = Tree(tmp, sdk_root, sdk_version, newer, newest)
        build(t)
        for q in QUERIES:
            g = run(["go", "env"] + q, t.env, t.cwd)
            s = run([gostatus, "env"] + q, t.env, t.cwd)
            label = "%s %s: env %s" % (sdk_version, name, " ".join(q))
            c["comparisons"] += 1
            if s[0] is None or s[0] < 0 or s[0] >= 128:
                c["crashes"] += 1
                bad.append((label, "gostatus crashed or hung: exit %r stderr %r" % (s[0], s[2][-300:])))
                continue
            if downloaded(g):
                c["download-only"] += 1
                continue
            if g == s:
                c["matches"] += 1
                continue
            c["mismatches"] += 1
            bad.append((label,
                        "go:       exit %r\n    stdout %r\n    stderr %r\n"
                        "  gostatus: exit %r\n    stdout %r\n    stderr %r"
                        % (g[0], g[1].decode(errors="replace"), g[2].decode(errors="replace"),
                           s[0], s[1].decode(errors="replace"), s[2].decode(errors="replace"))))
    finally:
        if keep:
            print("kept " + tmp, flush=True)
        else:
            e2e.remove_tree(tmp)
    return c, bad


def main():
    found = sdks()
    if not found:
        e2e.skip("no go SDK in /usr/lib/go-1.* (or GOSTATUS_E2E_SDKS)")
    installed = installed_sdks() or found
    newest = max(installed + found, key=lambda s: version_key(s[1]))
    only = os.environ.get("GOSTATUS_E2E_ONLY", "")
    keep = os.environ.get("GOSTATUS_E2E_KEEP") == "1"
    jobs = max(1, int(os.environ.get("GOSTATUS_E2E_JOBS", "2")))

    # A copy of the binary: a rebuild during the run cannot pull it away.
    bin_dir = tempfile.mkdtemp(prefix="gs-mod-bin-")
    gostatus = os.path.join(bin_dir, "gostatus")
    shutil.copy2(e2e.gostatus_bin(), gostatus)

    columns = ["scenarios", "not applicable", "comparisons", "matches", "mismatches", "download-only", "crashes"]
    per = {}
    jobs_list = []
    for sdk_root, sdk_version in found:
        newer = newer_sdk(sdk_version, installed)
        tag = "go" + ".".join(str(x) for x in version_key(sdk_version)[:2])
        c = per.setdefault(tag, {})
        for name, build, needs_newer in SCENARIOS:
            if only and only not in name:
                continue
            c["scenarios"] = c.get("scenarios", 0) + 1
            if needs_newer and newer is None:
                c["not applicable"] = c.get("not applicable", 0) + 1
                continue
            jobs_list.append((tag, (gostatus, sdk_root, sdk_version, newer, newest, name, build, keep)))
    print("modules-diff: %d SDKs, %d runs, %d workers; newer toolchain per SDK: %s" % (
        len(found), len(jobs_list), jobs,
        ", ".join("%s->%s" % (v, (newer_sdk(v, installed) or (None, "none"))[1]) for _, v in found)), flush=True)

    mismatches = []
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs)
    try:
        futs = [(tag, pool.submit(run_scenario, *args)) for tag, args in jobs_list]
        for tag, fut in futs:  # in submission order: stable output
            counts, bad = fut.result()
            for k, v in counts.items():
                per[tag][k] = per[tag].get(k, 0) + v
            mismatches.extend(bad)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(bin_dir, ignore_errors=True)

    for label, detail in mismatches:
        print("MISMATCH %s\n  %s" % (label, detail))
    for line in e2e.per_sdk_lines(per, columns):
        print(line)
    total = {k: sum(c.get(k, 0) for c in per.values()) for k in columns}
    print("summary: %s" % json.dumps(total, sort_keys=True))
    return FAIL if (total["mismatches"] or total["crashes"]) else PASS


if __name__ == "__main__":
    sys.exit(main())
