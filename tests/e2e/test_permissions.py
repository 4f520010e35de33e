#!/usr/bin/env python3
"""What a user without read or search permission sees: `gostatus env` against
the real `go env`, byte for byte, and the prompt line, with parts of the Go
setup unreadable:

  goroot-unsearchable    GOROOT names an SDK copy in a mode 0000 directory
  goroot-go-env-closed   GOROOT's go.env (go1.21+) is mode 0000
  path-dir-unsearchable  an earlier PATH directory holding another go is
                         mode 0000: the shell cannot run it and runs the next
  path-dir-search-only   the same directory mode 0111: not listable, but its
                         go runs
  env-file-closed        the `go env -w` file is mode 0000
  env-dir-unsearchable   the directory of that file is mode 0000
  gomod-closed           the working directory's go.mod is mode 0000
  gomod-dir-search-only  the module root is mode 0111 (go.mod still readable)

For each scenario and SDK: stdout and exit status of `gostatus env NAMES...`
equal those of `go env NAMES...` run through /bin/sh with the same
environment; the prompt line exits 0, is one line and writes no stderr; and
with a cache directory it cannot write (mode 0555), the prompt line equals
`--no-cache`'s.

Root reads and searches everything, so as root (CI) every run of go and
gostatus is done as nobody:nogroup with no supplementary groups (what
`setpriv --reuid=nobody --regid=nogroup --clear-groups` does); the files
are root's, the scenario's HOME is nobody's. Not as root, the current user
is the unprivileged one and the closed files are its own. gostatus is run
from a copy in the (world-readable) temporary tree, since the build tree may
be under a directory nobody cannot enter.

Exit: 0 pass, 1 mismatch, 77 skip (no SDK). Environment: GOSTATUS_BIN,
GOSTATUS_E2E_SDKS, GOSTATUS_E2E_KEEP (see gostatus_e2e.py),
GOSTATUS_PERM_FILTER=sub,strings (run only the scenarios whose name holds one).
"""

import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gostatus_e2e as e2e  # noqa: E402

NAMES = e2e.SUPPORTED_NAMES
SCENARIOS = []


def scenario(name, min_minor=0):
    def reg(fn):
        SCENARIOS.append((name, min_minor, fn))
        return fn
    return reg


class Ctx:
    """One scenario's tree: T/home (nobody's), T/work (the cwd)."""

    def __init__(self, root, sdk, other, user):
        self.root, self.sdk, self.other, self.user = root, sdk, other, user
        self.home = self.mkdir("home")
        self.cwd = self.mkdir("work")
        self.env = {"HOME": self.home}
        self.path = [os.path.join(sdk.root, "bin")]
        self.closed = []   # closed last, so the tree can be built first
        if user:
            os.chown(self.home, user[0], user[1])

    def p(self, *parts):
        return os.path.join(self.root, *parts)

    def mkdir(self, rel):
        d = self.p(rel)
        os.makedirs(d, exist_ok=True)
        os.chmod(d, 0o755)
        return d

    def write(self, rel, data):
        path = self.p(rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(data)
        os.chmod(path, 0o644)
        return path

    def farm(self, rel, sdk):
        """A GOROOT whose entries are symlinks into sdk, bin/go a real copy
        (so that go finds this GOROOT from its own path)."""
        d = self.mkdir(rel)
        for n in os.listdir(sdk.root):
            if n != "bin":
                os.symlink(os.path.join(sdk.root, n), os.path.join(d, n))
        b = self.mkdir(os.path.join(rel, "bin"))
        e2e.copy_executable(sdk.go, os.path.join(b, "go"))
        return d

    def close(self, path, mode=0):
        self.closed.append((path, mode))

    def final_env(self):
        env = dict(self.env)
        env["PATH"] = ":".join(self.path)
        return env


@scenario("goroot-unsearchable")
def _(c):
    c.env["GOROOT"] = c.farm("private/go", c.sdk)
    c.close(c.p("private"))


@scenario("goroot-go-env-closed", min_minor=21)
def _(c):
    d = c.farm("goroot", c.sdk)
    os.unlink(os.path.join(d, "go.env"))
    with open(os.path.join(c.sdk.root, "go.env")) as f:
        env_file = c.write("goroot/go.env", f.read() + "GOFLAGS=-mod=mod\n")
    c.env["GOROOT"] = d
    c.close(env_file)


@scenario("path-dir-unsearchable")
def _(c):
    c.farm("closed/go", c.other)
    c.path.insert(0, c.p("closed/go/bin"))
    c.close(c.p("closed"))


@scenario("path-dir-search-only")
def _(c):
    c.farm("searchonly/go", c.other)
    c.path.insert(0, c.p("searchonly/go/bin"))
    c.close(c.p("searchonly/go/bin"), 0o111)


ENV_FILE = "GOPROXY=https://proxy.example.invalid\nGOFLAGS=-v\n"
GO_MOD = "module example.com/m\n\ngo 1.19\n"


def write_and_close(c, rel, data, closed_rel=None, mode=0):
    """Writes T/rel, then closes it (or T/closed_rel) to mode."""
    path = c.write(rel, data)
    c.close(c.p(closed_rel) if closed_rel else path, mode)


@scenario("env-file-closed")
def _(c):
    write_and_close(c, "home/.config/go/env", ENV_FILE)


@scenario("env-dir-unsearchable")
def _(c):
    write_and_close(c, "home/.config/go/env", ENV_FILE, "home/.config/go")


@scenario("gomod-closed")
def _(c):
    write_and_close(c, "work/go.mod", GO_MOD)


@scenario("gomod-dir-search-only")
def _(c):
    write_and_close(c, "work/mod/go.mod", GO_MOD, "work/mod", 0o111)
    c.cwd = c.mkdir("work/mod/sub")


def prompt_problems(r):
    p = []
    if r.crashed or r.rc != 0:
        p.append(r.status())
    if r.stderr:
        p.append("stderr %s" % e2e.show(r.stderr, 300))
    if r.stdout.count(b"\n") != 1 or not r.stdout.endswith(b"\n"):
        p.append("not one line: %s" % e2e.show(r.stdout, 300))
    return p


def run_one(name, build, sdk, sdks, run_root, gs, user):
    root = os.path.join(run_root, "%s-%s" % (name, sdk.tag))
    os.makedirs(root)
    os.chmod(root, 0o755)
    other = next((s for s in reversed(sdks) if s.root != sdk.root), sdk)
    c = Ctx(root, sdk, other, user)
    problems = []
    try:
        build(c)
        for path, mode in c.closed:
            os.chmod(path, mode)
        env, cwd = c.final_env(), c.cwd
        args = ["env"] + NAMES
        go = e2e.run_shell_go(args, env, cwd, user=user)
        gs_env = e2e.run([gs] + args, env, cwd, user=user)
        if gs_env.crashed:
            problems.append("gostatus env %s" % gs_env.status())
        if (go.rc, go.stdout) != (gs_env.rc, gs_env.stdout):
            problems.append("go env: %s, stdout %s, stderr %s\n    gostatus env: %s, stdout %s, stderr %s" % (
                go.status(), e2e.show(go.stdout, 1500), e2e.show(go.stderr, 400),
                gs_env.status(), e2e.show(gs_env.stdout, 1500), e2e.show(gs_env.stderr, 400)))
        line = e2e.run([gs], env, cwd, user=user)
        problems += ["prompt: " + x for x in prompt_problems(line)]
        # A cache directory it cannot write: no error, the same line.
        ro = c.mkdir("ro-cache")
        os.chmod(ro, 0o555)
        env_ro = dict(env, GOSTATUS_CACHE_DIR=ro)
        cached = e2e.run([gs], env_ro, cwd, user=user)
        fresh = e2e.run([gs, "--no-cache"], env_ro, cwd, user=user)
        problems += ["prompt with a read-only cache: " + x for x in prompt_problems(cached)]
        if cached.stdout != fresh.stdout:
            problems.append("prompt with a read-only cache %s, --no-cache %s" % (
                e2e.show(cached.stdout), e2e.show(fresh.stdout)))
        if problems:
            who = "as uid %d gid %d, no groups: " % user if user else ""
            problems.append("repro (%s%s): %s" % (who, ", ".join("%s mode %04o" % (p, m) for p, m in c.closed),
                                                  e2e.repro_command(["go"] + args, env, cwd)))
        else:
            print("ok: %s on %s: go env %s, %d bytes" % (name, sdk.tag, go.status(), len(go.stdout)), flush=True)
    finally:
        e2e.remove_tree(root)
    return problems


def main():
    sdks = e2e.find_sdks()
    if not sdks:
        e2e.skip("no Go SDK installed (looked for /usr/lib/go-1.*/bin/go)")
    if not os.path.isfile(e2e.SH):
        e2e.skip("/bin/sh is missing")
    built = e2e.gostatus_bin()
    user = e2e.nobody()
    filters = [f for f in os.environ.get("GOSTATUS_PERM_FILTER", "").split(",") if f]
    run_root = e2e.make_temp_root("gostatus-perm-")
    os.chmod(run_root, 0o755)
    bad = e2e.go_files_above(run_root) + e2e.looks_like_goroot_above(run_root)
    if bad:
        print("FAIL: the temp root %s sits under %s; set TMPDIR elsewhere" % (run_root, bad))
        return e2e.FAIL
    gs = os.path.join(run_root, "gostatus")
    e2e.copy_executable(built, gs)
    os.chmod(gs, 0o755)
    print("permissions: running go and gostatus %s; SDKs %s" % (
        "as uid %d gid %d (this process is root)" % user if user else "as uid %d (not root)" % os.getuid(),
        ", ".join(s.goversion for s in sdks)), flush=True)
    failures, count = [], 0
    try:
        for name, min_minor, build in SCENARIOS:
            if filters and not any(f in name for f in filters):
                continue
            for sdk in sdks:
                if sdk.minor < min_minor:
                    continue
                count += 1
                for p in run_one(name, build, sdk, sdks, run_root, gs, user):
                    failures.append("%s on %s: %s" % (name, sdk.tag, p))
    finally:
        e2e.remove_tree(run_root)
    for f in failures:
        print("FAIL: " + f)
    if count == 0:
        e2e.skip("GOSTATUS_PERM_FILTER=%r selects no scenario" % os.environ.get("GOSTATUS_PERM_FILTER"))
    print("permissions: %d scenarios (%d kinds x %d SDKs), %d problems" % (
        count, len(SCENARIOS), len(sdks), len(failures)))
    return e2e.FAIL if failures else e2e.PASS


if __name__ == "__main__":
    sys.exit(main())
