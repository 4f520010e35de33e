#!/usr/bin/env python3
"""The answer cache, end to end: it may make gostatus faster, never wrong.

Every check compares what the cached `gostatus` prints on the very next
render with `gostatus --no-cache` (the oracle), and, where the scenario is
about versions, with the concrete version the real `go version` reported for
the SDK in play (so both being wrong in the same way cannot pass).

Sections:
  invalidation  real SDKs rearranged on disk (in-place upgrades, a go dropped
                into an earlier PATH directory, PATH reordered, `go env -w`
                run by the real go, GOROOT/bin deleted, symlinks retargeted,
                relative PATH entries, env vars); before every change the
                cache is proven to hold a valid entry (`cache info` says
                "hit"), and after it the very next run must be right.
  corruption    an entry truncated at every length, 200 random byte-flip
                seeds, forged-but-wrong-format entries, and the entry (or
                the cache directory) replaced by a directory, a FIFO, a
                symlink to /dev/zero, a sparse 8 GiB file...: right output,
                exit 0, empty stderr, no hang.
  credentials   (root only) the same environment run as uid 65534 without,
                then with, the group that may execute the first go on PATH.
  concurrency   32 workers x 200 runs over 4 environments sharing one cache
                directory while a chaos thread deletes and truncates entries;
                afterwards every file there is a valid entry holding the
                right answer, no temp file is left, `cache info` works. Then
                32 simultaneous first runs race to create the directory, and
                320 more run while a thread keeps removing the whole tree.
  security      an entry forged with a valid checksum is believed in a
                trusted directory (the positive control), and not believed
                once the directory is writable by group/others or owned by
                another user or reached through a symlink; doctor says
                "Cache: ... is NOT used".
  strace        a cache hit only opens the entry read-only and writes the
                line to fd 1: no other write, no getdents, no execve beyond
                the first, no unlink/rename/mkdir (a miss is traced too, as
                the control that the tracing sees those calls).
  stamps        the bash hook's stamp files (`--export bash --with-deps`)
                live in the cache's stamps/ folder: `cache info` counts
                them and `cache clear` removes them with their folder.

Runs gostatus with a clean environment (PATH, HOME, LANG=C.UTF-8 and
GOSTATUS_CACHE_DIR only, plus what a scenario adds), a temporary HOME and a
temporary cache directory. Temporary trees go under /var/tmp when it exists,
else under $TMPDIR: a directory whose entries gostatus reads (GOPATH/bin)
depends on its mtime, so a busy parent such as /tmp could keep
invalidating entries and make stores "racy" for a second after each change,
which would make the "the cache holds a valid entry" steps slow or flaky.
(A directory only on the path to the go binary counts by kind, identity,
mode and owner: scenario dir-deps.)

Exit: 0 pass, 1 fail, 77 skip (no Go SDK). The strace section alone is
not run, with a reason, when strace is missing or cannot trace here (a
failure under CI=true, see gostatus_e2e.not_run).

Environment: GOSTATUS_BIN, GOSTATUS_SRC (set by ctest), GOSTATUS_E2E_SDKS,
GOSTATUS_E2E_KEEP=1 (see gostatus_e2e.py), GOSTATUS_E2E_CONC_RUNS (runs per
concurrency worker, default 200), GOSTATUS_E2E_TMP (where temp trees go),
GOSTATUS_E2E_CACHE_SECTIONS=invalidation,corruption,... (run only those).
"""

import json
import os
import random
import re
import shutil
import stat
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gostatus_e2e as e2e  # noqa: E402
import cache_util as cu  # noqa: E402

TIMEOUT = 5         # seconds per gostatus run: a hang is a failure, never a stuck suite
RACY_SLEEP = 1.2    # > kTimestampGranularityNs (1 s): older files may be cached

GS = None           # the binary under test
SDKS = []           # e2e.Sdk, oldest first
ROOT = None         # the temporary tree


# --------------------------------------------------------------------------
# Bookkeeping


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = []
        self.lock = threading.Lock()

    def check(self, cond, label, detail=""):
        with self.lock:
            if cond:
                self.passed += 1
            else:
                self.failed.append(label)
                msg = "FAIL %s" % label
                if detail:
                    msg += "\n     " + detail.rstrip().replace("\n", "\n     ")
                print(msg, flush=True)
        return cond


CK = Checks()


def note(msg):
    print("note: " + msg, flush=True)


def section(name):
    print("== %s" % name, flush=True)
    return time.monotonic()


def took(t0, what):
    dt = time.monotonic() - t0
    print("   %s: %.1f s" % (what, dt), flush=True)
    return dt


# --------------------------------------------------------------------------
# Running gostatus


class Run:
    def __init__(self, argv, env, cwd, rc, out, err, timed_out, secs):
        self.argv, self.env, self.cwd = argv, env, cwd
        self.rc, self.out, self.err = rc, out, err
        self.timed_out, self.secs = timed_out, secs

    @property
    def text(self):
        return self.out.decode("utf-8", "replace")

    @property
    def line(self):
        return self.text.rstrip("\n")

    @property
    def last_line(self):
        lines = self.text.rstrip("\n").split("\n")
        return lines[-1] if lines else ""

    def repro(self):
        return e2e.repro_command(self.argv, self.env, self.cwd or os.getcwd())

    def describe(self):
        return "%s, stdout=%s stderr=%s\n%s" % (
            e2e.describe_rc(self.rc, self.timed_out), e2e.show(self.out, 300),
            e2e.show(self.err, 300), self.repro())


def run_gs(args, env, cwd=None, timeout=TIMEOUT):
    argv = [GS] + list(args)
    t0 = time.monotonic()
    try:
        p = subprocess.run(argv, env=e2e.bytes_env(env), cwd=cwd, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=timeout, close_fds=False)
        rc, out, err, to = p.returncode, p.stdout, p.stderr, False
    except subprocess.TimeoutExpired as ex:
        rc, out, err, to = -9, ex.stdout or b"", ex.stderr or b"", True
    return Run(argv, env, cwd, rc, out, err, to, time.monotonic() - t0)


def prompt_problems(r):
    """What is wrong with a prompt-mode run, whatever it printed."""
    p = []
    if r.timed_out:
        p.append("timed out after %ds" % TIMEOUT)
    elif r.rc != 0:
        p.append(e2e.describe_rc(r.rc))
    if r.err:
        p.append("stderr not empty: %s" % e2e.show(r.err, 300))
    if not r.timed_out and (not r.out.endswith(b"\n") or r.out.count(b"\n") != 1):
        p.append("stdout is not one line: %s" % e2e.show(r.out, 300))
    return p


def base_env(home, cache, path, **extra):
    env = {"PATH": path, "HOME": home, "LANG": "C.UTF-8", "GOSTATUS_CACHE_DIR": cache}
    env.update(extra)
    return env


def cache_info(env, cwd=None):
    """(run, last line) of `gostatus cache info` (which itself looks up and
    may store the prompt's entry)."""
    r = run_gs(["cache", "info"], env, cwd)
    return r, r.last_line


def has_version(line, v):
    return re.search(r"(^|\s)%s(\s|$)" % re.escape(v), line) is not None


# --------------------------------------------------------------------------
# What a line must look like


class Expect:
    """version: the SDK whose `go version` must be in the line, or None for
    "no go found"; has/lacks: substrings (glyphs); json_has/json_lacks:
    finding ids in `gostatus --json` (never cached)."""

    def __init__(self, sdk, has=(), lacks=(), json_has=(), json_lacks=()):
        self.sdk = sdk
        self.has, self.lacks = list(has), list(lacks)
        self.json_has, self.json_lacks = list(json_has), list(json_lacks)

    def problems(self, line):
        p = []
        if self.sdk is not None:
            if not has_version(line, self.sdk.goversion):
                p.append("want version %s" % self.sdk.goversion)
        elif "no-go" not in line:
            p.append("want no-go")
        for s in SDKS:
            if (self.sdk is None or s.goversion != self.sdk.goversion) and has_version(line, s.goversion):
                p.append("has another SDK's version %s" % s.goversion)
        p += ["want %r in the line" % h for h in self.has if h not in line]
        p += ["want no %r in the line" % h for h in self.lacks if h in line]
        return p


def check_render(label, env, cwd, expect, want_hit=False):
    """The very next cached run, then the oracle. Returns the cached run."""
    r = run_gs([], env, cwd)
    n = run_gs(["--no-cache"], env, cwd)
    ok = CK.check(not prompt_problems(r), label + ": cached run is a clean prompt",
                  "; ".join(prompt_problems(r)) + "\n" + r.describe())
    CK.check(not prompt_problems(n), label + ": --no-cache run is a clean prompt",
             "; ".join(prompt_problems(n)) + "\n" + n.describe())
    if ok:
        CK.check(r.out == n.out, label + ": cached line equals --no-cache",
                 "cached %s, --no-cache %s\n%s" % (e2e.show(r.out), e2e.show(n.out), r.repro()))
    ep = expect.problems(n.line)
    CK.check(not ep, label + ": --no-cache line is the expected one",
             "%s: %s\n%s" % (e2e.show(n.line), "; ".join(ep), n.repro()))
    if expect.json_has or expect.json_lacks:
        j = run_gs(["--json"], env, cwd)
        try:
            ids = {f.get("id") for f in json.loads(j.text).get("findings", [])}
        except (ValueError, AttributeError) as ex:
            CK.check(False, label + ": --json parses", "%s\n%s" % (ex, j.describe()))
            ids = set()
        for f in expect.json_has:
            CK.check(f in ids, label + ": --json has %s" % f, "ids %s" % sorted(ids))
        for f in expect.json_lacks:
            CK.check(f not in ids, label + ": --json lacks %s" % f, "ids %s" % sorted(ids))
    if want_hit:
        i, last = cache_info(env, cwd)
        CK.check(last == "this prompt hit", label + ": the earlier entry is valid again (cache info: hit)",
                 "%s\n%s" % (last, i.repro()))
    return r


def warm(label, env, cwd):
    """Makes the cache hold a valid entry for env (proven by `cache info`
    printing "this prompt hit"). Up to three tries, each after a pause
    past the racy window, in case something outside the test's control
    (a parent directory) moved; fails otherwise."""
    history = []
    for attempt in range(3):
        r, last = cache_info(env, cwd)
        history.append(last)
        if r.rc != 0 or r.err:
            break
        if last == "this prompt hit":
            return True
        if last.startswith("this prompt miss, stored"):
            r, last = cache_info(env, cwd)
            history.append(last)
            if last == "this prompt hit":
                return True
        time.sleep(RACY_SLEEP)
    CK.check(False, label + ": the cache holds a valid entry (cache info says hit)",
             "cache info said, in turn:\n" + "\n".join(history) + "\n" + r.repro())
    return False


# --------------------------------------------------------------------------
# File surgery


def copy_new(src, dst):
    """dst gets src's bytes as a new file (new inode), renamed into place,
    the way package managers and tar -x --overwrite... do it."""
    tmp = dst + ".new"
    shutil.copy2(src, tmp)
    os.replace(tmp, dst)


def overwrite_in_place(path, data, keep_mtime=True):
    """Same inode, new bytes, and (by default) the old mtime put back: only
    the size (maybe) and the ctime tell."""
    st = os.stat(path)
    with open(path, "r+b") as f:
        f.truncate(0)
        f.write(data)
    if keep_mtime:
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def retarget(link, target):
    tmp = link + ".tmp"
    os.symlink(target, tmp)
    os.replace(tmp, link)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def private_sdk(dest, sdk, tool="link"):
    """A GOROOT of our own: bin/go copied, pkg/tool a symlink to the real
    SDK's (tool="link") or an empty directory (tool="empty": then GOROOT's
    VERSION file decides the SDK's version), src a symlink, VERSION and
    go.env copied."""
    os.makedirs(os.path.join(dest, "bin"))
    e2e.copy_executable(sdk.go, os.path.join(dest, "bin", "go"))
    os.makedirs(os.path.join(dest, "pkg"))
    if tool == "link":
        os.symlink(os.path.join(sdk.root, "pkg", "tool"), os.path.join(dest, "pkg", "tool"))
    else:
        os.makedirs(os.path.join(dest, "pkg", "tool"))
    os.symlink(os.path.realpath(os.path.join(sdk.root, "src")), os.path.join(dest, "src"))
    shutil.copy2(os.path.join(sdk.root, "VERSION"), os.path.join(dest, "VERSION"))
    if sdk.has_go_env:
        shutil.copy2(os.path.join(sdk.root, "go.env"), os.path.join(dest, "go.env"))
    return dest


def switch_sdk_rest(dest, sdk):
    """Everything but bin/go: pkg/tool, src, VERSION, go.env."""
    retarget(os.path.join(dest, "pkg", "tool"), os.path.join(sdk.root, "pkg", "tool"))
    retarget(os.path.join(dest, "src"), os.path.realpath(os.path.join(sdk.root, "src")))
    copy_new(os.path.join(sdk.root, "VERSION"), os.path.join(dest, "VERSION"))
    genv = os.path.join(dest, "go.env")
    if sdk.has_go_env:
        copy_new(os.path.join(sdk.root, "go.env"), genv)
    elif os.path.exists(genv):
        os.unlink(genv)


def real_go(sdk, args, home, path):
    """Runs the real go (never from gostatus: from the test) to write the
    user's go env file."""
    env = {"PATH": path, "HOME": home, "GOTOOLCHAIN": "local", "LANG": "C.UTF-8"}
    r = e2e.run([sdk.go] + list(args), env, home, timeout=120)
    if r.rc != 0:
        raise RuntimeError("go %s: %s %s" % (" ".join(args), r.status(), e2e.show(r.stderr)))


# --------------------------------------------------------------------------
# Invalidation


class Step:
    def __init__(self, desc, mutate, expect, want_hit=False):
        self.desc, self.mutate, self.expect, self.want_hit = desc, mutate, expect, want_hit


class Scenario:
    def __init__(self, name, env, cwd, expect, steps, why=""):
        self.name, self.env, self.cwd = name, env, cwd
        self.expect, self.steps, self.why = expect, steps, why
        self.broken = False


def build_scenarios():
    new, base = SDKS[-1], SDKS[-2]
    third = SDKS[0] if len(SDKS) >= 3 else new   # a third version when there is one
    sys_path = "/usr/bin:/bin"
    cdir = os.path.join(ROOT, "inv-cache")       # one shared cache directory
    out = []
    # Note: the step lambdas bind the loop-ish locals (home, d) as default
    # arguments; they are reassigned for every scenario below.

    def mk(name):
        d = os.path.join(ROOT, "inv", name)
        os.makedirs(os.path.join(d, "home"))
        return d, os.path.join(d, "home")

    def bindir(s):
        return os.path.join(s.root, "bin")

    # 1. The SDK upgraded in place by a package manager (new files renamed
    #    over the old): first bin/go (then go and GOROOT's compiler disagree:
    #    R-error), then the rest of the SDK.
    d, home = mk("upgrade-rename")
    sdk = private_sdk(os.path.join(d, "go"), base, tool="link")
    out.append(Scenario(
        "sdk-upgrade-rename", base_env(home, cdir, os.path.join(sdk, "bin") + ":" + sys_path), home,
        Expect(base, lacks=["R"]), [
            Step("bin/go replaced (renamed over) by %s's" % new.tag,
                 lambda s, sdk=sdk: copy_new(new.go, os.path.join(sdk, "bin", "go")),
                 Expect(new, has=["R\u2717"])),
            Step("pkg/tool, src, VERSION, go.env switched to %s's" % new.tag,
                 lambda s, sdk=sdk: switch_sdk_rest(sdk, new),
                 Expect(new, lacks=["R"])),
        ]))

    # 2. The same upgrade done by overwriting files in place with their old
    #    mtime kept (same inode): pkg/tool is empty here, so GOROOT/VERSION
    #    decides the SDK version; the last step changes VERSION to another
    #    version of the same length with the mtime put back, so only the
    #    ctime moves.
    d, home = mk("upgrade-in-place")
    old_sdk, up_sdk = third if third is not new else base, new if third is new else base
    sdk2 = private_sdk(os.path.join(d, "go"), old_sdk, tool="empty")
    vfile = os.path.join(sdk2, "VERSION")

    def bump_version_same_size(s, vfile=vfile):
        data = read(vfile)
        first, rest = (data.split(b"\n", 1) + [b""])[:2]
        last = first[-1:]
        first = first[:-1] + (b"8" if last == b"9" else bytes([last[0] + 1]))
        overwrite_in_place(vfile, first + (b"\n" + rest if b"\n" in data else b""))

    out.append(Scenario(
        "sdk-upgrade-in-place", base_env(home, cdir, os.path.join(sdk2, "bin") + ":" + sys_path), home,
        Expect(old_sdk, lacks=["R"]), [
            Step("bin/go overwritten in place by %s's, old mtime kept" % up_sdk.tag,
                 lambda s, sdk=sdk2: overwrite_in_place(os.path.join(sdk, "bin", "go"), read(up_sdk.go)),
                 Expect(up_sdk, has=["R\u2717"])),
            Step("VERSION overwritten in place by %s's, old mtime kept" % up_sdk.tag,
                 lambda s: overwrite_in_place(vfile, read(os.path.join(up_sdk.root, "VERSION"))),
                 Expect(up_sdk, lacks=["R"])),
            Step("VERSION's version bumped, same size, same mtime (only ctime moves)",
                 bump_version_same_size, Expect(up_sdk, has=["R\u2717"])),
        ]))

    # 3. A go dropped into earlier PATH directories: one that did not exist
    #    yet, then the first one; then removed again.
    d, home = mk("earlier-on-path")
    early, missing = os.path.join(d, "early"), os.path.join(d, "missing")
    os.makedirs(early)
    path3 = ":".join([early, missing, bindir(base), sys_path])

    def add_missing(s):
        os.makedirs(missing)
        os.symlink(third.go, os.path.join(missing, "go"))

    out.append(Scenario(
        "go-dropped-earlier-on-path", base_env(home, cdir, path3), home, Expect(base), [
            Step("a missing PATH directory created holding go -> %s" % third.tag, add_missing, Expect(third)),
            Step("go -> %s dropped into the first PATH directory" % new.tag,
                 lambda s: os.symlink(new.go, os.path.join(early, "go")), Expect(new)),
            Step("that go removed again", lambda s: os.unlink(os.path.join(early, "go")), Expect(third)),
        ]))

    # 4. PATH reordered (a key change), then put back: the first entry is
    #    still valid and must be a hit.
    d, home = mk("path-reorder")
    pa = ":".join([bindir(base), bindir(new), sys_path])
    pb = ":".join([bindir(new), bindir(base), sys_path])
    out.append(Scenario(
        "path-reorder", base_env(home, cdir, pa), home, Expect(base), [
            Step("PATH reordered", lambda s: s.env.update(PATH=pb), Expect(new)),
            Step("PATH order restored", lambda s: s.env.update(PATH=pa), Expect(base), want_hit=True),
        ]))

    # 5. `go env -w` by the real go. GOPATH=<dir whose bin is on PATH> makes
    #    gobin-not-on-path (X-warning) disappear; GO111MODULE=off makes
    #    go111module-off (C-warning) appear; `go env -u` undoes both.
    d, home = mk("go-env-w")
    gp = os.path.join(d, "gp")
    # The X warning needs a program in the default install dir ($HOME/go/bin):
    # an empty or missing one is only a note.
    os.makedirs(os.path.join(home, "go", "bin"), exist_ok=True)
    with open(os.path.join(home, "go", "bin", "hello"), "w") as f:
        f.write("#!/bin/sh\n")
    os.chmod(os.path.join(home, "go", "bin", "hello"), 0o755)
    path5 = ":".join([bindir(new), os.path.join(gp, "bin"), sys_path])
    if new.minor >= 13:   # go env -w exists since go1.13
        out.append(Scenario(
            "go-env-w", base_env(home, cdir, path5), home, Expect(new, has=["X\u26a0"]), [
                Step("go env -w GOPATH=%s" % gp,
                     lambda s, home=home: real_go(new, ["env", "-w", "GOPATH=" + gp], home, path5),
                     Expect(new, lacks=["X"])),
                Step("go env -w GO111MODULE=off",
                     lambda s, home=home: real_go(new, ["env", "-w", "GO111MODULE=off"], home, path5),
                     Expect(new, has=["C\u26a0"], lacks=["X"])),
                Step("go env -u GOPATH GO111MODULE",
                     lambda s, home=home: real_go(new, ["env", "-u", "GOPATH", "GO111MODULE"], home, path5),
                     Expect(new, has=["X\u26a0"], lacks=["C"])),
            ]))

    # 6. GOROOT/bin deleted (a later go takes over), then put back.
    d, home = mk("goroot-bin-deleted")
    sdk6 = private_sdk(os.path.join(d, "go"), new, tool="link")

    def restore_bin(s, sdk=sdk6):
        os.makedirs(os.path.join(sdk, "bin"))
        e2e.copy_executable(new.go, os.path.join(sdk, "bin", "go"))

    out.append(Scenario(
        "goroot-bin-deleted", base_env(home, cdir, ":".join([os.path.join(sdk6, "bin"), bindir(base), sys_path])),
        home, Expect(new), [
            Step("GOROOT/bin deleted", lambda s: shutil.rmtree(os.path.join(sdk6, "bin")), Expect(base)),
            Step("GOROOT/bin restored", restore_bin, Expect(new)),
        ]))

    # 6b. ... and with no other go: the line becomes "no-go X-error".
    d, home = mk("goroot-bin-deleted-only-go")
    sdk6b = private_sdk(os.path.join(d, "go"), base, tool="link")
    out.append(Scenario(
        "goroot-bin-deleted-only-go", base_env(home, cdir, os.path.join(sdk6b, "bin") + ":" + sys_path),
        home, Expect(base), [
            Step("GOROOT/bin deleted", lambda s: shutil.rmtree(os.path.join(sdk6b, "bin")),
                 Expect(None, has=["X\u2717"])),
        ]))

    # 7. GOPATH's directory created and removed. Not observable in the line:
    #    gopath-missing is an info finding (the prompt shows warn/error
    #    only), and nothing checks that GOBIN exists. So this only proves the
    #    cached line stays equal to --no-cache while --json (never cached)
    #    shows the change is real.
    d, home = mk("gopath-dir")
    gp7 = os.path.join(d, "gp")
    out.append(Scenario(
        "gopath-dir-created-removed",
        base_env(home, cdir, ":".join([bindir(new), os.path.join(gp7, "bin"), sys_path]), GOPATH=gp7), home,
        Expect(new, json_has=["gopath-missing"]), [
            Step("GOPATH directory created", lambda s: os.makedirs(os.path.join(gp7, "bin")),
                 Expect(new, json_lacks=["gopath-missing"])),
            Step("GOPATH directory removed", lambda s: shutil.rmtree(gp7),
                 Expect(new, json_has=["gopath-missing"])),
        ]))

    # 8. PATH holds a symlink go -> one SDK's bin/go, retargeted.
    d, home = mk("symlink-retarget")
    link = os.path.join(d, "link")
    os.makedirs(link)
    os.symlink(base.go, os.path.join(link, "go"))
    out.append(Scenario(
        "symlink-retargeted", base_env(home, cdir, link + ":" + sys_path), home, Expect(base), [
            Step("go -> %s" % new.tag, lambda s: retarget(os.path.join(link, "go"), new.go), Expect(new)),
            Step("go -> %s" % third.tag, lambda s: retarget(os.path.join(link, "go"), third.go), Expect(third)),
        ]))

    # 9. PATH holds <current>/bin where current -> an SDK directory (the
    #    "current" symlink of version managers), retargeted.
    d, home = mk("dir-symlink-retarget")
    cur = os.path.join(d, "current")
    os.symlink(base.root, cur)
    out.append(Scenario(
        "dir-symlink-retargeted", base_env(home, cdir, os.path.join(cur, "bin") + ":" + sys_path), home,
        Expect(base), [
            Step("current -> %s" % new.tag, lambda s: retarget(cur, new.root), Expect(new)),
            Step("current -> %s" % third.tag, lambda s: retarget(cur, third.root), Expect(third)),
        ]))

    # 10. GOROOT/go.env edited in place (mtime kept): GOTOOLCHAIN=bogus is a
    #     config error (C-error), then the original bytes come back.
    if new.has_go_env:
        d, home = mk("goroot-go-env")
        sdk10 = private_sdk(os.path.join(d, "go"), new, tool="link")
        genv = os.path.join(sdk10, "go.env")
        orig = read(genv)
        out.append(Scenario(
            "goroot-go.env-edited", base_env(home, cdir, os.path.join(sdk10, "bin") + ":" + sys_path), home,
            Expect(new, lacks=["C"]), [
                Step("GOTOOLCHAIN=bogus appended to GOROOT/go.env",
                     lambda s: overwrite_in_place(genv, orig + b"\nGOTOOLCHAIN=bogus\n"),
                     Expect(new, has=["C\u2717"])),
                Step("GOROOT/go.env restored", lambda s: overwrite_in_place(genv, orig), Expect(new, lacks=["C"])),
            ]))

    # 11. Environment variables (key changes), then back to a valid entry.
    d, home = mk("env-vars")
    p11 = bindir(new) + ":" + sys_path
    out.append(Scenario(
        "env-vars", base_env(home, cdir, p11), home, Expect(new, lacks=["C"]), [
            Step("GOTOOLCHAIN=bogus exported", lambda s: s.env.update(GOTOOLCHAIN="bogus"),
                 Expect(new, has=["C\u2717"])),
            Step("GOTOOLCHAIN unset, GO111MODULE=off exported",
                 lambda s: (s.env.pop("GOTOOLCHAIN"), s.env.update(GO111MODULE="off")),
                 Expect(new, has=["C\u26a0"])),
            Step("GO111MODULE unset", lambda s: s.env.pop("GO111MODULE"), Expect(new, lacks=["C"]),
                 want_hit=True),
        ]))

    # 12. A relative PATH entry ("bin") and an empty one (the current
    #     directory): the working directory decides which go runs.
    d, home = mk("relative-path")
    for sub, s in (("a", base), ("b", new)):
        os.makedirs(os.path.join(d, sub, "bin"))
        os.symlink(s.go, os.path.join(d, sub, "bin", "go"))
        os.symlink(s.go, os.path.join(d, sub, "go"))
    sc12 = Scenario("relative-path-entry", base_env(home, cdir, "bin:" + sys_path), os.path.join(d, "a"),
                    Expect(base), [])
    sc12.steps = [
        Step("cd to a directory whose bin/go is %s" % new.tag,
             lambda s, d=d: setattr(s, "cwd", os.path.join(d, "b")), Expect(new)),
        Step("cd back", lambda s, d=d: setattr(s, "cwd", os.path.join(d, "a")), Expect(base), want_hit=True),
    ]
    out.append(sc12)
    sc13 = Scenario("empty-path-entry", base_env(home, cdir, ":" + sys_path), os.path.join(d, "a"),
                    Expect(base), [])
    sc13.steps = [
        Step("cd to a directory holding go -> %s" % new.tag,
             lambda s, d=d: setattr(s, "cwd", os.path.join(d, "b")), Expect(new)),
    ]
    out.append(sc13)

    # 14. A go in an earlier PATH directory that is not executable (the
    #     shell skips it) made executable, then not again: only the mode
    #     (and ctime) of the file change.
    d, home = mk("chmod-x")
    sdk14 = private_sdk(os.path.join(d, "go"), new, tool="link")
    go14 = os.path.join(sdk14, "bin", "go")
    os.chmod(go14, 0o644)
    out.append(Scenario(
        "chmod-x", base_env(home, cdir, ":".join([os.path.join(sdk14, "bin"), bindir(base), sys_path])), home,
        Expect(base), [
            Step("chmod +x on the earlier go", lambda s: os.chmod(go14, 0o755), Expect(new)),
            Step("chmod -x again", lambda s: os.chmod(go14, 0o644), Expect(base)),
        ]))

    # 15. The user's go env file is a symlink into a dotfiles directory
    #     (GO111MODULE=off there: C-warning), retargeted to another file,
    #     which is then edited in place (mtime kept).
    d, home = mk("envfile-symlink")
    dot = os.path.join(d, "dotfiles")
    os.makedirs(dot)
    with open(os.path.join(dot, "go-env-a"), "wb") as f:
        f.write(b"GO111MODULE=off\n")
    with open(os.path.join(dot, "go-env-b"), "wb") as f:
        f.write(b"GOPRIVATE=x.y.z\n")   # as long as the edit below
    os.makedirs(os.path.join(home, ".config", "go"))
    envlink = os.path.join(home, ".config", "go", "env")
    os.symlink(os.path.join(dot, "go-env-a"), envlink)
    out.append(Scenario(
        "envfile-symlink", base_env(home, cdir, bindir(new) + ":" + sys_path), home,
        Expect(new, has=["C\u26a0"]), [
            Step("the env file symlink retargeted", lambda s: retarget(envlink, os.path.join(dot, "go-env-b")),
                 Expect(new, lacks=["C"])),
            Step("the new target edited in place (same size, mtime kept)",
                 lambda s: overwrite_in_place(os.path.join(dot, "go-env-b"), b"GO111MODULE=off\n"),
                 Expect(new, has=["C\u26a0"])),
        ]))

    # 16. A copy of bin/go outside any SDK (go cannot find its GOROOT:
    #     R-error) gains pkg/tool, then src next to it, becoming a GOROOT.
    d, home = mk("copy-gains-goroot")
    x = os.path.join(d, "x")
    os.makedirs(os.path.join(x, "bin"))
    e2e.copy_executable(new.go, os.path.join(x, "bin", "go"))
    out.append(Scenario(
        "copy-gains-goroot", base_env(home, cdir, os.path.join(x, "bin") + ":" + sys_path), home,
        Expect(new, has=["R\u2717"]), [
            Step("pkg/tool created next to bin", lambda s: os.makedirs(os.path.join(x, "pkg", "tool")),
                 Expect(new, has=["R\u2717"])),
            Step("src linked next to bin",
                 lambda s: os.symlink(os.path.realpath(os.path.join(new.root, "src")), os.path.join(x, "src")),
                 Expect(new, lacks=["R"])),
        ]))
    # 17. Directories count for what the answer reads in them. The SDK lives
    #     under $HOME, so $HOME is lstat'ed on the way to its go: a file
    #     created in $HOME (a shell's history lock) changes nothing the
    #     answer depends on and must leave the entry valid (cache info: hit,
    #     though $HOME's mtime moved a moment ago). $HOME/go/bin, go
    #     install's directory, is not on PATH and is listed for programs: one
    #     installed there must show (X warning) on the very next prompt, and
    #     its removal too.
    d, home = mk("dir-deps")
    sdk17 = private_sdk(os.path.join(home, "sdk", "go"), new, tool="link")
    gobin17 = os.path.join(home, "go", "bin")
    os.makedirs(gobin17)

    def install_tool(s):
        with open(os.path.join(gobin17, "hello"), "w") as f:
            f.write("#!/bin/sh\n")
        os.chmod(os.path.join(gobin17, "hello"), 0o755)

    def unrelated_in_home(s, home=home):
        with open(os.path.join(home, ".zsh_history.LOCK"), "w") as f:
            f.write("x")

    out.append(Scenario(
        "dir-deps", base_env(home, cdir, os.path.join(sdk17, "bin") + ":" + sys_path), home,
        Expect(new, lacks=["X"]), [
            Step("a file created in $HOME, above the SDK", unrelated_in_home, Expect(new, lacks=["X"]),
                 want_hit=True),
            Step("a program installed into $HOME/go/bin (listed, not on PATH)", install_tool,
                 Expect(new, has=["X\u26a0"])),
            Step("that program removed", lambda s: os.unlink(os.path.join(gobin17, "hello")),
                 Expect(new, lacks=["X"])),
        ]))
    return out


def section_invalidation():
    t0 = section("invalidation")
    scenarios = build_scenarios()
    time.sleep(RACY_SLEEP)   # every fixture is now older than the racy window
    rounds = max(len(s.steps) for s in scenarios)
    changes = 0
    for k in range(rounds):
        for s in scenarios:
            if s.broken or k >= len(s.steps):
                continue
            step = s.steps[k]
            lbl = "[%s] before step %d" % (s.name, k + 1)
            if not warm(lbl, s.env, s.cwd):
                s.broken = True
                continue
            check_render(lbl + " (a hit)", s.env, s.cwd, s.expect)
            try:
                step.mutate(s)
            except Exception as ex:  # noqa: BLE001 - a broken fixture is a failure, not a crash
                CK.check(False, "[%s] step %d (%s) could be applied" % (s.name, k + 1, step.desc), repr(ex))
                s.broken = True
                continue
            changes += 1
            s.expect = step.expect
            check_render("[%s] step %d, %s: the very next run" % (s.name, k + 1, step.desc),
                         s.env, s.cwd, s.expect, want_hit=step.want_hit)
        time.sleep(RACY_SLEEP)
    for s in scenarios:
        if s.broken:
            continue
        lbl = "[%s] after the last step" % s.name
        if warm(lbl, s.env, s.cwd):
            check_render(lbl + " (a hit)", s.env, s.cwd, s.expect)
    took(t0, "%d scenarios, %d changes" % (len(scenarios), changes))


# --------------------------------------------------------------------------
# Corruption


def corrupt_env(name):
    d = os.path.join(ROOT, "corrupt", name)
    os.makedirs(os.path.join(d, "home"), exist_ok=True)
    new = SDKS[-1]
    return base_env(os.path.join(d, "home"), os.path.join(d, "cache"),
                    os.path.join(new.root, "bin") + ":/usr/bin:/bin"), os.path.join(d, "home")


def the_entry(env, cwd, label):
    """Warms env's entry; returns its path and bytes (None if impossible)."""
    if not warm(label, env, cwd):
        return None, None
    names = cu.entry_names(env["GOSTATUS_CACHE_DIR"])
    if not CK.check(len(names) == 1, label + ": exactly one entry", repr(names)):
        return None, None
    path = os.path.join(env["GOSTATUS_CACHE_DIR"], names[0])
    data = read(path)
    try:
        e = cu.decode_entry(data)
    except cu.EntryError as ex:
        CK.check(False, label + ": the test decodes the entry gostatus wrote (cache_util.py is current)",
                 "%s: %s" % (path, ex))
        return None, None
    CK.check(e.key_hex + ".gsc" == names[0], label + ": the entry's key is its name")
    return path, data


def check_prompt_is(label, env, cwd, want):
    r = run_gs([], env, cwd)
    p = prompt_problems(r)
    if not p and r.out != want:
        p.append("printed %s, want %s" % (e2e.show(r.out), e2e.show(want)))
    return CK.check(not p, label, "; ".join(p) + "\n" + r.describe())


def place(path, kind, data=b""):
    """Replaces whatever is at path with a file/dir/fifo/symlink."""
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)
    if kind == "file":
        with open(path, "wb") as f:
            f.write(data)
    elif kind == "dir":
        os.mkdir(path)
        if data:
            with open(os.path.join(path, "x"), "wb") as f:
                f.write(data)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "symlink":
        os.symlink(data, path)


def section_corruption():
    t0 = section("corruption")
    workers = 4
    envs = [corrupt_env("w%d" % i) for i in range(workers)]
    oracle = run_gs(["--no-cache"], *envs[0])
    if not CK.check(not prompt_problems(oracle), "corruption: --no-cache works", oracle.describe()):
        return
    want = oracle.out
    CK.check(has_version(oracle.line, SDKS[-1].goversion), "corruption: oracle shows %s" % SDKS[-1].goversion,
             oracle.line)
    time.sleep(RACY_SLEEP)   # the fresh homes' directories may be on the dependency list
    entries = []
    for i, (env, cwd) in enumerate(envs):
        p, data = the_entry(env, cwd, "corruption w%d" % i)
        if p is None:
            return
        entries.append((env, cwd, p, data))
    n = len(entries[0][3])

    # Every truncation length 0..n-1 (plus a few extensions), split over the
    # workers; each worker owns its cache directory and entry. gostatus
    # rewrites the entry after each miss, and the next case overwrites it.
    cases = [("truncated to %d bytes" % L, (lambda d, L=L: d[:L])) for L in range(n)]
    cases += [("one byte appended", lambda d: d + b"\0"), ("doubled", lambda d: d + d),
              ("2 MiB of zeros", lambda d: b"\0" * (2 << 20)), ("empty", lambda d: b""),
              ("magic only", lambda d: b"GSCE")]
    # Random byte flips: 200 seeds, 1-8 bytes each (half of them single bits).
    for seed in range(200):
        def flip(d, seed=seed):
            rng = random.Random(seed)
            b = bytearray(d)
            for _ in range(1 + rng.randrange(8) if seed % 2 else 1):
                i = rng.randrange(len(b))
                b[i] ^= (1 << rng.randrange(8)) if seed % 2 == 0 else (1 + rng.randrange(255))
            return bytes(b)
        cases.append(("byte flip seed %d" % seed, flip))

    def worker(w):
        env, cwd, path, data = entries[w]
        bad = 0
        for ci in range(w, len(cases), workers):
            desc, fn = cases[ci]
            mutated = fn(data)
            if mutated == data:
                continue
            place(path, "file", mutated)
            if not check_prompt_is("corruption: entry %s" % desc, env, cwd, want):
                bad += 1
        return bad

    with ThreadPoolExecutor(workers) as ex:
        list(ex.map(worker, range(workers)))
    took(t0, "%d truncations (every length of a %d-byte entry) + 5 extensions + 200 flip seeds" % (n, n))

    # Odd things in the entry's place (worker 0's environment).
    env, cwd, path, data = entries[0]
    other_data = entries[1][3]

    def forge(mutate):
        e = cu.decode_entry(data)
        mutate(e)
        return cu.encode_entry(e)

    def set_version(e):
        e.version = 3

    def bad_kind(e):
        p, f = e.deps[0]
        e.deps[0] = (p, f[:2] + (9,) + f[3:])

    def bad_how(e):
        p, f = e.deps[0]
        e.deps[0] = (p, (7,) + f[1:])

    def bad_listed(e):
        p, f = e.deps[0]
        e.deps[0] = (p, (f[0], 2) + f[2:])

    forged = [
        ("forged: format version 3", forge(set_version)),
        ("forged: a dependency's listed flag out of range", forge(bad_listed)),
        ("forged: payload without newlines", forge(lambda e: setattr(e, "payload", b"go0.0.0 FORGED"))),
        ("forged: payload with health 'bogus'",
         forge(lambda e: setattr(e, "payload", b"go0.0.0 FORGED\nbogus\n0.0.0"))),
        ("forged: a dependency kind out of range", forge(bad_kind)),
        ("forged: a dependency 'how' out of range", forge(bad_how)),
        ("forged: 5000 dependencies claimed", forge(lambda e: e.deps.extend([e.deps[0]] * 4990))),
        ("forged: the key of another entry", forge(lambda e: setattr(e, "key_lo", e.key_lo ^ 1))),
        ("another environment's entry", other_data),
    ]
    fifo = os.path.join(ROOT, "corrupt", "a-fifo")
    os.mkfifo(fifo)
    sparse = os.path.join(ROOT, "corrupt", "sparse")
    with open(sparse, "wb") as f:
        f.truncate(8 << 30)
    good_copy = os.path.join(ROOT, "corrupt", "good-copy.gsc")
    with open(good_copy, "wb") as f:
        f.write(other_data)
    odd = [(d, "file", b) for d, b in forged] + [
        ("a directory", "dir", b""),
        ("a non-empty directory", "dir", b"x"),
        ("a FIFO", "fifo", b""),
        ("a symlink to /dev/zero", "symlink", "/dev/zero"),
        ("a symlink to a FIFO", "symlink", fifo),
        ("a symlink to a sparse 8 GiB file", "symlink", sparse),
        ("a dangling symlink", "symlink", os.path.join(ROOT, "nowhere")),
        ("a symlink to itself", "symlink", path),
        ("a symlink to another environment's entry", "symlink", good_copy),
        ("a file with mode 000", "file000", data),
    ]
    for desc, kind, payload in odd:
        if kind == "file000":
            place(path, "file", payload)
            os.chmod(path, 0)
        else:
            place(path, kind, payload)
        lbl = "corruption: entry replaced by %s" % desc
        check_prompt_is(lbl + ", prompt", env, cwd, want)
        i, last = cache_info(env, cwd)
        CK.check(i.rc == 0 and not i.err and i.timed_out is False and last.startswith("this prompt "),
                 lbl + ", cache info works", i.describe())
        CK.check(not [x for x in os.listdir(env["GOSTATUS_CACHE_DIR"]) if x.startswith(cu.TEMP_PREFIX)],
                 lbl + ", no temp file left", repr(os.listdir(env["GOSTATUS_CACHE_DIR"])))
    place(path, "file", data)
    os.chmod(path, 0o600)

    # The cache directory itself replaced by odd things: no cache, right line.
    cdir = env["GOSTATUS_CACHE_DIR"]
    moved = cdir + ".saved"
    os.rename(cdir, moved)
    real_dir = os.path.join(ROOT, "corrupt", "real-cache-dir")
    os.makedirs(real_dir, mode=0o700)
    blocker = os.path.join(ROOT, "corrupt", "a-file")
    with open(blocker, "wb") as f:
        f.write(b"not a directory")
    for desc, kind, payload, env_over in [
            ("a regular file", "file", b"junk", None),
            ("a FIFO", "fifo", b"", None),
            ("a symlink to a good directory", "symlink", real_dir, None),
            ("a symlink to /dev/zero", "symlink", "/dev/zero", None),
            ("missing, with a regular file as its parent", None, None, os.path.join(blocker, "cache")),
            ("missing, three levels deep", None, None, os.path.join(ROOT, "corrupt", "deep", "a", "b", "c"))]:
        e2 = dict(env)
        if env_over:
            e2["GOSTATUS_CACHE_DIR"] = env_over
        else:
            place(cdir, kind, payload)
        lbl = "corruption: cache directory is %s" % desc
        check_prompt_is(lbl + ", prompt", e2, cwd, want)
        check_prompt_is(lbl + ", prompt again", e2, cwd, want)
        i, last = cache_info(e2, cwd)
        CK.check(i.rc == 0 and not i.err and last.startswith("this prompt "), lbl + ", cache info works",
                 i.describe())
        if desc.startswith("missing, three"):
            # Only GOSTATUS_CACHE_DIR itself is the cache's to create, never
            # folders above it (a mistyped path must not sprout a tree).
            deep = os.path.join(ROOT, "corrupt", "deep")
            CK.check(not os.path.lexists(deep), lbl + ": no parent folder created", repr(os.path.lexists(deep)))
    place(cdir, None)
    os.rename(moved, cdir)
    # And it heals: the next miss stores a good entry again.
    CK.check(warm("corruption: after the odd cases", env, cwd), "corruption: the cache works again afterwards")
    took(t0, "corruption total (%d odd entries, 6 odd directories)" % len(odd))


# --------------------------------------------------------------------------
# Concurrency


def section_concurrency():
    t0 = section("concurrency")
    workers = 32
    runs = int(os.environ.get("GOSTATUS_E2E_CONC_RUNS", "200"))
    budget = 300.0   # seconds: past this, workers stop early (reported, not hidden)
    d = os.path.join(ROOT, "conc")
    cdir = os.path.join(d, "cache")
    os.makedirs(cdir, mode=0o700)
    os.chmod(cdir, 0o700)
    # Four environments with four different lines: one per SDK (cycling the
    # SDKs when there are fewer, with GO111MODULE=off to tell them apart).
    envs = []
    for i in range(4):
        s = SDKS[-1 - (i % len(SDKS))]
        home = os.path.join(d, "home%d" % i)
        os.makedirs(home)
        extra = {"GO111MODULE": "off"} if i >= len(SDKS) else {}
        envs.append((s, base_env(home, cdir, os.path.join(s.root, "bin") + ":/usr/bin:/bin", **extra)))
    want = []
    for s, env in envs:
        n = run_gs(["--no-cache"], env)
        CK.check(not prompt_problems(n) and has_version(n.line, s.goversion),
                 "concurrency: oracle for %s" % s.tag, n.describe())
        want.append(n.out)
    if len(set(want)) != len(want):
        note("concurrency: some environments print the same line: %r" % want)
    # A stale temp file from a store that died (must be swept) and a foreign
    # file (must be left alone).
    stale = os.path.join(cdir, cu.TEMP_PREFIX + "1-1-00000000deadbeef")
    with open(stale, "wb") as f:
        f.write(b"half an entry")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    foreign = os.path.join(cdir, "notes.txt")
    with open(foreign, "wb") as f:
        f.write(b"not gostatus's")
    time.sleep(RACY_SLEEP)
    names = {}
    for i, (s, env) in enumerate(envs):
        before = set(cu.entry_names(cdir))
        warm("concurrency env %d" % i, env, None)
        added = set(cu.entry_names(cdir)) - before
        if CK.check(len(added) == 1, "concurrency: env %d stores one entry" % i, repr(added)):
            names[added.pop()] = i

    bytes_envs = [e2e.bytes_env(env) for _, env in envs]
    stop_chaos = threading.Event()
    chaos_count = [0, 0, 0]

    def chaos():
        # Deletes, truncates in place, or replaces entries by garbage: every
        # such miss makes the processes store again, concurrently.
        rng = random.Random(7)
        while not stop_chaos.wait(0.01):
            ns = cu.entry_names(cdir)
            if not ns:
                continue
            p = os.path.join(cdir, rng.choice(ns))
            a = rng.random()
            try:
                if a < 0.5:
                    os.unlink(p)
                    chaos_count[0] += 1
                elif a < 0.8:
                    with open(p, "r+b") as f:
                        f.truncate(rng.randrange(200))
                    chaos_count[1] += 1
                else:
                    junk = p + ".chaos"
                    with open(junk, "wb") as f:
                        f.write(os.urandom(rng.randrange(2000)))
                    os.replace(junk, p)
                    chaos_count[2] += 1
            except OSError:
                pass

    deadline = time.monotonic() + budget
    fails = []
    done = [0] * workers

    def worker(w):
        for j in range(runs):
            if time.monotonic() > deadline:
                return
            k = (w + j) % 4
            try:
                p = subprocess.run([GS], env=bytes_envs[k], stdin=subprocess.DEVNULL, capture_output=True,
                                   timeout=30, close_fds=False)
                rc, out, err = p.returncode, p.stdout, p.stderr
            except subprocess.TimeoutExpired:
                rc, out, err = -9, b"", b"timeout"
            done[w] += 1
            if rc != 0 or err or out != want[k]:
                fails.append((k, rc, out, err))

    th = threading.Thread(target=chaos)
    th.start()
    t1 = time.monotonic()
    with ThreadPoolExecutor(workers) as ex:
        list(ex.map(worker, range(workers)))
    elapsed = time.monotonic() - t1
    stop_chaos.set()
    th.join()
    total = sum(done)
    print("   %d runs by %d workers in %.1f s (%.1f ms/run wall, %.0f runs/s); chaos: %d deleted, "
          "%d truncated, %d replaced" % (total, workers, elapsed, 1000 * elapsed / max(total, 1),
                                         total / max(elapsed, 1e-9), *chaos_count), flush=True)
    if total < workers * runs:
        note("concurrency: stopped at the %.0f s budget after %d of %d runs" % (budget, total, workers * runs))
    CK.check(not fails, "concurrency: all %d runs printed their environment's line, exit 0, empty stderr" % total,
             "%d bad runs; first ones:\n%s" % (len(fails), "\n".join(
                 "env %d: rc=%d out=%s err=%s" % (k, rc, e2e.show(o), e2e.show(e)) for k, rc, o, e in fails[:10])))
    # Heal whatever chaos left last, then inspect the directory.
    for k, (s, env) in enumerate(envs):
        check_prompt_is("concurrency: env %d after the storm" % k, env, None, want[k])
        check_prompt_is("concurrency: env %d after the storm, again" % k, env, None, want[k])
    listing = sorted(os.listdir(cdir))
    for n in listing:
        p = os.path.join(cdir, n)
        if n == "notes.txt":
            CK.check(read(p) == b"not gostatus's", "concurrency: a foreign file is left alone")
        elif n.startswith(cu.TEMP_PREFIX):
            CK.check(False, "concurrency: no temp file is left (%s)" % n,
                     "mtime %.1f s ago" % (time.time() - os.lstat(p).st_mtime))
        elif cu.ENTRY_NAME_RE.match(n):
            st = os.lstat(p)
            ok = CK.check(stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o600,
                          "concurrency: %s is a 0600 regular file" % n, oct(st.st_mode))
            try:
                e = cu.decode_entry(read(p))
            except cu.EntryError as ex:
                CK.check(False, "concurrency: %s is a valid entry" % n, str(ex))
                continue
            k = names.get(n)
            if ok and CK.check(k is not None, "concurrency: %s belongs to one of the 4 environments" % n):
                ans = e.answer()
                CK.check(ans is not None and (ans[0] + "\n").encode() == want[k],
                         "concurrency: %s holds env %d's answer" % (n, k), repr(ans))
        else:
            CK.check(False, "concurrency: unexpected file %s in the cache directory" % n)
    CK.check(not os.path.exists(stale), "concurrency: the hour-old temp file was swept")
    i, last = cache_info(envs[0][1])
    CK.check(i.rc == 0 and not i.err and re.search(r"^entries\s+%d$" % len(cu.entry_names(cdir)), i.text, re.M)
             and last == "this prompt hit", "concurrency: cache info works afterwards", i.describe())
    took(t0, "concurrency total")
    section_directory_races(envs, want)


def section_directory_races(envs, want):
    """32 processes start together on a missing cache directory (they all
    race to create it), while a chaos thread removes it every 50 ms."""
    t0 = section("concurrency: the cache directory created and removed under the processes")
    top = os.path.join(ROOT, "conc-dirs")
    os.makedirs(top)
    cdir = os.path.join(top, "cache")
    benvs = [e2e.bytes_env(dict(env, GOSTATUS_CACHE_DIR=cdir)) for _, env in envs]
    fails = []
    go = threading.Barrier(32)

    def worker(w, runs):
        if runs == 1:
            go.wait()
        for j in range(runs):
            k = (w + j) % 4
            try:
                p = subprocess.run([GS], env=benvs[k], stdin=subprocess.DEVNULL, capture_output=True, timeout=30,
                                   close_fds=False)
                rc, out, err = p.returncode, p.stdout, p.stderr
            except subprocess.TimeoutExpired:
                rc, out, err = -9, b"", b"timeout"
            if rc != 0 or err or out != want[k]:
                fails.append((k, rc, out, err))

    with ThreadPoolExecutor(32) as ex:
        list(ex.map(lambda w: worker(w, 1), range(32)))
    st = os.lstat(cdir) if os.path.lexists(cdir) else None
    CK.check(st is not None and stat.S_ISDIR(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o700,
             "directory races: 32 simultaneous first runs create the cache directory 0700",
             repr(st))
    names = cu.entry_names(cdir)
    CK.check(1 <= len(names) <= 4 and not [n for n in os.listdir(cdir) if n.startswith(cu.TEMP_PREFIX)],
             "directory races: entries stored, no temp file left", repr(os.listdir(cdir)))
    stop = threading.Event()
    removed = [0]

    def chaos():
        while not stop.wait(0.05):
            if os.path.exists(cdir):
                shutil.rmtree(cdir, ignore_errors=True)
                removed[0] += 1

    th = threading.Thread(target=chaos)
    th.start()
    with ThreadPoolExecutor(32) as ex:
        list(ex.map(lambda w: worker(w, 10), range(32)))
    stop.set()
    th.join()
    CK.check(not fails, "directory races: every run (32 simultaneous first runs, then 320 while the tree is "
             "removed %d times) printed its line, exit 0, empty stderr" % removed[0],
             "%d bad; first: %s" % (len(fails), fails[:5]))
    if os.path.isdir(cdir):
        for n in os.listdir(cdir):
            p = os.path.join(cdir, n)
            if cu.ENTRY_NAME_RE.match(n):
                try:
                    cu.decode_entry(read(p))
                    err = ""
                except cu.EntryError as ex:
                    err = str(ex)
                CK.check(not err, "directory races: %s is a valid entry" % n, err)
            else:
                CK.check(False, "directory races: unexpected file %s left" % n)
    took(t0, "directory races (tree removed %d times)" % removed[0])


# --------------------------------------------------------------------------
# Credentials


def run_as(args, env, uid, gid, groups):
    argv = [GS] + list(args)
    try:
        p = subprocess.run(argv, env=e2e.bytes_env(env), cwd="/", stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=TIMEOUT, user=uid, group=gid, extra_groups=groups)
        return Run(argv, env, "/", p.returncode, p.stdout, p.stderr, False, 0)
    except subprocess.TimeoutExpired as ex:
        return Run(argv, env, "/", -9, ex.stdout or b"", ex.stderr or b"", True, 0)


def section_credentials():
    """The answer depends on who runs it: whether the shell may execute a
    go is access(X_OK), i.e. the uid, gid and supplementary groups. Here a
    go earlier on PATH is mode 0750, group 4242: without that group the
    shell runs the later go; in a new login session that has the group
    (same environment, same files) it runs the earlier one. The very next
    render must follow."""
    t0 = section("credentials")
    if os.getuid() != 0:
        e2e.not_run("credentials section", "needs root to run gostatus as another user and group")
        return
    uid, gid, grp = 65534, 65534, 4242
    new, base = SDKS[-1], SDKS[-2]
    d = os.path.join(ROOT, "cred")
    home = os.path.join(d, "home")
    os.makedirs(home)
    cdir = os.path.join(d, "cache")
    os.makedirs(cdir, mode=0o700)
    for p in (home, cdir):
        os.chown(p, uid, gid)
    sdk = private_sdk(os.path.join(d, "go"), new, tool="link")
    gobin = os.path.join(sdk, "bin", "go")
    os.chown(gobin, 0, grp)
    os.chmod(gobin, 0o750)
    env = base_env(home, cdir, ":".join([os.path.join(sdk, "bin"), os.path.join(base.root, "bin"), "/usr/bin:/bin"]))
    time.sleep(RACY_SLEEP)

    def shell_go(groups):
        r = subprocess.run(["/bin/sh", "-c", "exec go version"], env=e2e.bytes_env(env), cwd="/",
                           capture_output=True, timeout=60, user=uid, group=gid, extra_groups=groups)
        m = re.search(rb"go version (\S+) ", r.stdout)
        return m.group(1).decode() if m else "(%r)" % r.stderr

    for label, groups, sdk_want in (("without group %d" % grp, [], base), ("with group %d" % grp, [grp], new)):
        sh = shell_go(groups)
        CK.check(sh == sdk_want.goversion, "credentials %s: the shell runs %s" % (label, sdk_want.goversion),
                 "the shell ran %s" % sh)
    # Without the group: store and prove a hit.
    hist = []
    for _ in range(3):
        i = run_as(["cache", "info"], env, uid, gid, [])
        hist.append(i.last_line)
        if i.last_line == "this prompt hit":
            break
    if not CK.check(hist[-1] == "this prompt hit", "credentials: the cache holds a valid entry (without the group)",
                    "\n".join(hist) + "\n" + i.describe()):
        return
    r = run_as([], env, uid, gid, [])
    CK.check(not prompt_problems(r) and has_version(r.line, base.goversion),
             "credentials without group %d: the cached line shows %s" % (grp, base.goversion), r.describe())
    # A new login session with the group: nothing else changed.
    r = run_as([], env, uid, gid, [grp])
    n = run_as(["--no-cache"], env, uid, gid, [grp])
    CK.check(not prompt_problems(n) and has_version(n.line, new.goversion),
             "credentials with group %d: --no-cache shows %s, the go the shell runs" % (grp, new.goversion),
             n.describe())
    CK.check(not prompt_problems(r) and r.out == n.out,
             "credentials with group %d: the very next cached run equals --no-cache (the supplementary groups "
             "decide which go the shell runs, yet are neither in the key nor re-checked on a hit)" % grp,
             "cached %s, --no-cache %s\nrepro: as uid %d gid %d groups [%d]: %s" % (
                 e2e.show(r.out), e2e.show(n.out), uid, gid, grp, r.repro()))
    took(t0, "credentials")


# --------------------------------------------------------------------------
# Security


def section_security():
    t0 = section("security")
    new = SDKS[-1]
    d = os.path.join(ROOT, "sec")
    home = os.path.join(d, "home")
    os.makedirs(home)
    cdir = os.path.join(d, "cache")
    env = base_env(home, cdir, os.path.join(new.root, "bin") + ":/usr/bin:/bin")
    oracle = run_gs(["--no-cache"], env, home)
    if not CK.check(not prompt_problems(oracle) and has_version(oracle.line, new.goversion),
                    "security: oracle", oracle.describe()):
        return
    time.sleep(RACY_SLEEP)
    if not warm("security", env, home):
        return
    names = cu.entry_names(cdir)
    path = os.path.join(cdir, names[0])
    e = cu.decode_entry(read(path))
    e.payload = b"go9.99.9 FORGED\nok\n9.99.9"
    forged = cu.encode_entry(e)
    with open(path, "wb") as f:
        f.write(forged)
    # Positive control: in a trusted directory the forgery is believed (the
    # cache cannot defend against its owner); so rejection below is due to
    # the directory's trust, not to a broken forgery.
    r = run_gs([], env, home)
    if not CK.check(r.line == "go9.99.9 FORGED", "security: a forged entry is believed in a trusted directory "
                    "(positive control for the checks below)", r.describe()):
        return

    def untrusted(desc, reason_re, env2=None):
        env2 = env2 or env
        before = {n: read(os.path.join(cdir, n)) for n in os.listdir(cdir)}
        dst = os.lstat(cdir)
        for attempt in ("first", "second"):
            r = run_gs([], env2, home)
            p = prompt_problems(r)
            if not p and r.out != oracle.out:
                p.append("printed %s, want %s" % (e2e.show(r.out), e2e.show(oracle.out)))
            CK.check(not p, "security: %s: the forged entry is not believed (%s run)" % (desc, attempt),
                     "; ".join(p) + "\n" + r.describe())
        i, last = cache_info(env2, home)
        CK.check(i.rc == 0 and re.search(r"^state\s+not used: .*%s" % reason_re, i.text, re.M)
                 and last.startswith("this prompt miss, not stored"),
                 "security: %s: cache info says not used" % desc, i.describe())
        doc = run_gs(["doctor"], env2, home)
        lines = [ln for ln in doc.text.split("\n") if ln.startswith("Cache:")]
        CK.check(not doc.timed_out and doc.rc in (0, 1) and len(lines) == 1 and "is NOT used" in lines[0]
                 and re.search(reason_re, lines[0]),
                 "security: %s: doctor says 'Cache: ... is NOT used'" % desc, "%r\n%s" % (lines, doc.describe()))
        after = {n: read(os.path.join(cdir, n)) for n in os.listdir(cdir)}
        ast = os.lstat(cdir)
        CK.check(after == before and (ast.st_mtime_ns, ast.st_ctime_ns) == (dst.st_mtime_ns, dst.st_ctime_ns),
                 "security: %s: nothing was written there" % desc,
                 "before %s\nafter %s" % (sorted(before), sorted(after)))

    for mode, who in ((0o777, "group and others"), (0o770, "group"), (0o702, "others")):
        os.chmod(cdir, mode)
        untrusted("directory mode %04o" % mode, re.escape("writable by %s (mode %04o)" % (who, mode)))
    os.chmod(cdir, 0o700)
    if os.getuid() == 0:
        os.chown(cdir, 65534, 65534)
        untrusted("directory owned by uid 65534", re.escape("owned by uid 65534, not by the current user (uid %d)"
                                                            % os.getuid()))
        os.chown(cdir, os.getuid(), os.getgid())
    else:
        e2e.not_run("security: directory owned by another user", "needs root to chown")
    # Through a symlink: GOSTATUS_CACHE_DIR names the link, and that string
    # is part of the key, so first give the link's key a forged entry: move
    # the directory to the link's path (trusted there), store, forge, move
    # it back and put the symlink in its place.
    link = os.path.join(d, "cache-link")
    env_link = dict(env, GOSTATUS_CACHE_DIR=link)
    before = set(cu.entry_names(cdir))
    os.rename(cdir, link)
    if warm("security: at the link's path", env_link, home):
        added = set(cu.entry_names(link)) - before
        if CK.check(len(added) == 1, "security: the link's key stores one entry", repr(added)):
            lp = os.path.join(link, added.pop())
            e2 = cu.decode_entry(read(lp))
            e2.payload = b"go9.99.9 FORGED\nok\n9.99.9"
            with open(lp, "wb") as f:
                f.write(cu.encode_entry(e2))
            r = run_gs([], env_link, home)
            CK.check(r.line == "go9.99.9 FORGED", "security: the second forgery is believed while trusted",
                     r.describe())
    os.rename(link, cdir)
    os.symlink(cdir, link)
    untrusted("directory reached through a symlink", "is a symlink", env_link)
    # Trusted again: the forgery was intact all along (so it was the trust
    # check, not the entry, that kept it out).
    r = run_gs([], env, home)
    CK.check(r.line == "go9.99.9 FORGED", "security: trusted again, the untouched forgery is believed again",
             r.describe())
    took(t0, "security")


# --------------------------------------------------------------------------
# strace


STRACE_CALLS = ("execve,execveat,write,writev,pwrite64,pwritev,openat,open,creat,getdents64,getdents,"
                "unlink,unlinkat,rename,renameat,renameat2,mkdir,mkdirat,rmdir,truncate,ftruncate,"
                "link,linkat,symlink,symlinkat,chmod,fchmod,fchmodat")
TRACE_RE = re.compile(r"^(?:\[pid\s+)?(\d+)\]?\s+(?:<\.\.\. )?([a-z0-9_]+)(?:\(| resumed>)(.*)$")


def parse_trace(text):
    calls = []
    for ln in text.splitlines():
        m = TRACE_RE.match(ln)
        if m:
            calls.append((m.group(2), m.group(3), ln))
    return calls


def hit_trace_problems(calls, gs_bin):
    p = []
    execs = [c for c in calls if c[0] in ("execve", "execveat")]
    if len(execs) != 1 or not execs[0][1].startswith('"%s"' % gs_bin):
        p.append("want exactly one execve (gostatus itself): %s" % [c[2] for c in execs])
    for name, args, ln in calls:
        if name in ("write", "writev", "pwrite64", "pwritev") and not args.startswith("1,"):
            p.append("a write other than to stdout: " + ln)
        elif name in ("getdents64", "getdents"):
            p.append("a directory listing: " + ln)
        elif name in ("openat", "open", "creat"):
            flags = args.split(", ")[2 if name == "openat" else 1] if name != "creat" else "O_CREAT"
            if re.search(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND", flags):
                p.append("an open for writing: " + ln)
        elif name not in ("execve", "execveat", "write", "writev", "pwrite64", "pwritev"):
            p.append("a call that changes the filesystem: " + ln)
    return p


def section_strace():
    t0 = section("strace")
    strace = shutil.which("strace")
    if not strace:
        e2e.not_run("strace section", "strace is not installed (apt-get install strace)")
        return
    r = e2e.run([strace, "-f", "-o", "/dev/null", "/bin/true"], {"PATH": "/usr/bin:/bin"}, "/")
    if r.rc != 0:
        e2e.not_run("strace section", "strace cannot trace here (%s): %s"
                    % (r.status(), r.stderr.decode("utf-8", "replace").strip()))
        return
    new = SDKS[-1]
    d = os.path.join(ROOT, "strace")
    home = os.path.join(d, "home")
    os.makedirs(home)
    cdir = os.path.join(d, "cache")
    env = base_env(home, cdir, os.path.join(new.root, "bin") + ":/usr/bin:/bin")
    want = run_gs(["--no-cache"], env, home).out
    time.sleep(RACY_SLEEP)

    def traced(tag, args=()):
        tfile = os.path.join(d, "trace-%s.txt" % tag)
        argv = [strace, "-f", "-qq", "-e", "trace=" + STRACE_CALLS, "-o", tfile, "--", GS] + list(args)
        rr = e2e.run(argv, env, home, timeout=30)
        try:
            text = read(tfile).decode("utf-8", "replace")
        except OSError:
            text = ""
        return rr, parse_trace(text), text

    # Control: a miss that stores, traced; the trace must show the store's
    # temp-file open, write, rename and the listing (eviction/sweep).
    run_gs(["cache", "clear"], env, home)
    rr, calls, text = traced("miss")
    names = [c[0] for c in calls]
    CK.check(rr.rc == 0 and rr.stdout == want, "strace: a traced miss prints the right line", e2e.show(rr.stdout))
    CK.check("rename" in names or "renameat" in names or "renameat2" in names,
             "strace control: the traced miss shows the store's rename", text[-3000:])
    CK.check("getdents64" in names or "getdents" in names,
             "strace control: the traced miss shows the store's listing", text[-3000:])
    CK.check(any(n in ("openat", "open") and "O_CREAT" in a for n, a, _ in calls),
             "strace control: the traced miss shows the temp file's creation", text[-3000:])

    if not warm("strace", env, home):
        return
    for attempt in ("first", "second"):
        rr, calls, text = traced("hit-" + attempt)
        CK.check(rr.rc == 0 and rr.stdout == want and not rr.stderr,
                 "strace: a traced hit prints the right line (%s)" % attempt,
                 "%s %s %s" % (rr.status(), e2e.show(rr.stdout), e2e.show(rr.stderr)))
        p = hit_trace_problems(calls, GS)
        CK.check(not p, "strace: a cache hit writes only its line to fd 1, lists nothing, runs nothing, changes "
                 "nothing (%s)" % attempt, "\n".join(p) + "\n--- trace:\n" + text[-4000:])
        opened = [a for n, a, _ in calls if n in ("openat", "open")]
        CK.check(len([a for a in opened if cdir in a]) == 1,
                 "strace: a cache hit opens one file in the cache directory (the entry) (%s)" % attempt,
                 "\n".join(opened))
    rr, calls, text = traced("no-cache", ["--no-cache"])
    CK.check(rr.rc == 0 and rr.stdout == want, "strace: --no-cache prints the right line")
    CK.check(not [ln for _, _, ln in calls if cdir in ln], "strace: --no-cache does not touch the cache directory",
             "\n".join(ln for _, _, ln in calls if cdir in ln))
    took(t0, "strace")


def section_stamps():
    """The bash hook's stamp files live in the cache directory's stamps/
    folder: `cache info` counts them and `cache clear` removes them."""
    t0 = time.monotonic()
    sdk = SDKS[-1]
    d = os.path.join(ROOT, "stamps")
    home = os.path.join(d, "home")
    os.makedirs(home)
    cdir = os.path.join(d, "cache")
    stamps = os.path.join(cdir, "stamps")
    env = base_env(home, cdir, os.path.join(sdk.root, "bin") + ":/usr/bin:/bin")

    def listing():
        return sorted(os.listdir(stamps)) if os.path.isdir(stamps) else []

    # What the answer depends on must be old enough to be checked (the
    # racy-timestamp rule): try again after a pause, a bounded number of times.
    r = None
    for _ in range(4):
        time.sleep(RACY_SLEEP + 1)
        r = run_gs(["--export", "bash", "--with-deps"], env, home)
        if listing():
            break
    CK.check(r.rc == 0 and b"_gostatus_unchanged" in r.out and listing(),
             "stamps: --export bash --with-deps hands over a check and writes its stamps under stamps/",
             "%s\nstamps: %r" % (r.describe(), listing()))
    n = len(listing())
    i, _ = cache_info(env, home)
    CK.check(i.rc == 0 and ("stamps     %d file" % n).encode() in i.out,
             "stamps: cache info counts the %d stamp file(s)" % n, i.describe())
    c = run_gs(["cache", "clear"], env, home)
    CK.check(c.rc == 0 and not os.path.exists(stamps),
             "stamps: cache clear removes the stamps folder", "%s\nleft: %r" % (c.describe(), listing()))
    CK.check(("removed %d side file" % n).encode() in c.out,
             "stamps: cache clear says it removed the stamp files", c.describe())
    i, _ = cache_info(env, home)
    CK.check(i.rc == 0 and b"stamps     0 files" in i.out, "stamps: cache info counts none after the clear",
             i.describe())
    took(t0, "stamps")


# --------------------------------------------------------------------------


def temp_base():
    b = os.environ.get("GOSTATUS_E2E_TMP")
    if b:
        return b
    if os.path.isdir("/var/tmp") and os.access("/var/tmp", os.W_OK | os.X_OK):
        return "/var/tmp"
    return None


def main():
    global GS, SDKS, ROOT
    if os.name != "posix":
        e2e.skip("POSIX only (FIFOs, chown, strace)")
    SDKS = e2e.find_sdks()
    if len(SDKS) < 2:
        e2e.skip("need at least two Go SDKs (found %d; looked for /usr/lib/go-1.*/bin/go or "
                 "GOSTATUS_E2E_SDKS)" % len(SDKS))
    GS = e2e.gostatus_bin()
    ROOT = os.path.realpath(__import__("tempfile").mkdtemp(prefix="gostatus-cache-e2e-", dir=temp_base()))
    os.chmod(ROOT, 0o755)
    print("gostatus %s; SDKs %s; temp %s" % (GS, ", ".join(s.goversion for s in SDKS), ROOT), flush=True)
    t0 = time.monotonic()
    crashed = None
    try:
        only = [x for x in os.environ.get("GOSTATUS_E2E_CACHE_SECTIONS", "").split(",") if x]
        for fn in (section_invalidation, section_credentials, section_corruption, section_security,
                   section_strace, section_concurrency, section_stamps):
            if only and fn.__name__[len("section_"):] not in only:
                print("(section %s not selected)" % fn.__name__[len("section_"):])
                continue
            try:
                fn()
            except Exception as ex:  # noqa: BLE001 - report, continue with the next section
                import traceback
                traceback.print_exc()
                CK.check(False, "%s ran to completion" % fn.__name__, repr(ex))
                crashed = ex
    finally:
        e2e.remove_tree(ROOT)
    total = time.monotonic() - t0
    if CK.failed:
        print("\n%d check(s) FAILED (of %d):" % (len(CK.failed), len(CK.failed) + CK.passed))
        for f in CK.failed:
            print("  - " + f)
        print("cache e2e: %d checks passed, %d failed (%.0f s)" % (CK.passed, len(CK.failed), total))
        return e2e.FAIL
    print("cache e2e: %d checks passed (%.0f s)" % (CK.passed, total))
    return e2e.PASS if crashed is None else e2e.FAIL


if __name__ == "__main__":
    sys.exit(main())
