"""Shared helpers for the gostatus end-to-end tests (python3 stdlib only).

Exit-code convention of every e2e script: 0 pass, 1 fail, 77 skip (ctest's
SKIP_RETURN_CODE, see tests/CMakeLists.txt).

Skips. A suite that cannot run at all calls skip(reason); a part of a suite
that cannot run prints not_run(part, reason) and the suite goes on. Outside
CI both are reported with their reason (scripts/test.sh's table). With
CI=true (in_ci()) scripts/deps.sh test has installed every tool and SDK, so
either is a failure: run_logged.py, through which ctest runs every suite,
turns the exit status into 1 (ci_verdict()).

Environment understood by the scripts:
  GOSTATUS_BIN        the binary under test (ctest sets it)
  GOSTATUS_SRC        the source tree (ctest sets it)
  GOSTATUS_E2E_SDKS   colon-separated GOROOTs to use instead of /usr/lib/go-1.*
                      (then no SDK is "expected": see find_sdks)
  CI=true             skips fail (see above)
  GOSTATUS_E2E_KEEP=1 keep the temporary trees (their paths are printed)
  GOSTATUS_E2E_GOCACHE  a GOCACHE shared by the suites that build Go
                      programs (shared_gocache); ctest sets it to
                      build/e2e-gocache, scripts/test.sh empties it first
"""

import glob
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading

PASS, FAIL, SKIP = 0, 1, 77

# The names of `go env` that gostatus answers, in `go help environment` order.
SUPPORTED_NAMES = [
    "GOROOT", "GOPATH", "GOBIN", "GOVERSION", "GOMODCACHE", "GOTOOLCHAIN",
    "GOENV", "GOTOOLDIR", "GOHOSTOS", "GOHOSTARCH", "GOEXE", "GOFLAGS",
    "GOPROXY", "GOSUMDB", "GO111MODULE", "GOCACHE",
]

HERE = os.path.dirname(os.path.abspath(__file__))


def in_ci():
    return os.environ.get("CI", "").lower() in ("true", "1")


def skip(reason):
    """The whole suite cannot run here: exit 77 with the reason."""
    print("SKIP: " + reason + (" (CI=true: this fails the run)" if in_ci() else ""))
    sys.stdout.flush()
    sys.exit(SKIP)


NOT_RUN = "NOT RUN: "


def not_run(part, reason):
    """A part of the suite (a section, a shell, an SDK) cannot run here; the
    suite goes on. The line is what scripts/test.sh lists and what fails the
    suite under CI=true."""
    print("%s%s: %s" % (NOT_RUN, part, reason), flush=True)


# Lines that report a skipped part: not_run()'s, and the older "SKIP (...)"
# form some suites print for a section.
_PART_SKIP = re.compile(r"^(?:NOT RUN: |SKIP \(|SKIP: )(.*)$")


def parts_not_run(text):
    """The not-run/skip lines in a suite's output, without their prefix."""
    return [m.group(1) for m in map(_PART_SKIP.match, text.splitlines()) if m]


def ci_verdict(rc, text):
    """The exit status a suite's run gets under CI=true: a skip (77), or a
    pass with parts not run, is a failure. Returns (rc, why or None)."""
    if not in_ci():
        return rc, None
    if rc == SKIP:
        return FAIL, "the suite skipped, and under CI=true a skip is a failure"
    parts = parts_not_run(text)
    if rc == PASS and parts:
        return FAIL, "under CI=true a part not run is a failure: %s" % "; ".join(parts)
    return rc, None


# --------------------------------------------------------------------------
# The binary under test and the SDKs


def source_dir():
    src = os.environ.get("GOSTATUS_SRC")
    if src:
        return src
    return os.path.dirname(os.path.dirname(HERE))


def gostatus_bin():
    """Returns the absolute path of the binary under test.

    GOSTATUS_BIN wins (a missing file there is a failure); without it, the
    newest build*/gostatus under the source tree is used, and the script
    skips when there is none."""
    b = os.environ.get("GOSTATUS_BIN")
    if b:
        if not (os.path.isfile(b) and os.access(b, os.X_OK)):
            print("FAIL: GOSTATUS_BIN=%r is not an executable file" % b)
            sys.exit(FAIL)
        return os.path.abspath(b)
    cands = [p for p in glob.glob(os.path.join(source_dir(), "build*", "gostatus"))
             if os.path.isfile(p) and os.access(p, os.X_OK)]
    if not cands:
        skip("GOSTATUS_BIN is not set and no build*/gostatus exists under %s"
             % source_dir())
    cands.sort(key=os.path.getmtime)
    print("note: GOSTATUS_BIN not set, using %s" % cands[-1])
    return os.path.abspath(cands[-1])


class Sdk:
    """One installed Go SDK (a GOROOT with bin/go)."""

    def __init__(self, root):
        self.root = root.rstrip("/") or "/"
        self.go = os.path.join(self.root, "bin", "go")
        self.gofmt = os.path.join(self.root, "bin", "gofmt")
        self.version_file = ""
        try:
            with open(os.path.join(self.root, "VERSION"), "rb") as f:
                self.version_file = f.read().decode("utf-8", "replace").split("\n")[0].strip()
        except OSError:
            pass
        self.goversion = self.version_file  # refined by probe()
        self.has_go_env = os.path.isfile(os.path.join(self.root, "go.env"))
        m = re.search(r"go-?(\d+\.\d+)", os.path.basename(self.root))
        self.short = m.group(1) if m else os.path.basename(self.root)
        self.minor = int(self.short.split(".")[1]) if re.match(r"^\d+\.\d+$", self.short) else 99

    @property
    def tag(self):
        return "go" + self.short

    def probe(self):
        """Runs `go version` once so a broken SDK is noticed early. Returns
        an error string or None."""
        try:
            r = subprocess.run([self.go, "version"], capture_output=True, timeout=60,
                               env={"PATH": os.path.dirname(self.go), "HOME": "/nonexistent"})
        except OSError as e:
            return str(e)
        if r.returncode != 0:
            return "go version failed: %r" % r.stderr
        m = re.search(rb"go version (\S+) ", r.stdout)
        if m:
            self.goversion = m.group(1).decode()
        return None

    def __repr__(self):
        return "Sdk(%s)" % self.root


# The SDKs scripts/deps.sh test installs (Debian's golang-1.NN-go).
EXPECTED_SDKS = ["1.19"] + ["1.%d" % n for n in range(21, 28)]

_sdks_reported = False


def find_sdks():
    """The installed SDKs, oldest first. Says (once per process) which it
    found, which it dropped and why, and names each expected SDK
    (EXPECTED_SDKS) that is missing as a part not run, which fails the suite
    under CI=true. With GOSTATUS_E2E_SDKS the caller chose: nothing is
    expected."""
    global _sdks_reported
    env = os.environ.get("GOSTATUS_E2E_SDKS")
    roots = [r for r in env.split(":") if r] if env else sorted(glob.glob("/usr/lib/go-1.*"))
    sdks, dropped = [], []
    for r in roots:
        if not os.path.isfile(os.path.join(r, "bin", "go")):
            dropped.append("%s (no bin/go)" % r)
        elif not os.path.isdir(os.path.join(r, "pkg", "tool")):
            dropped.append("%s (no pkg/tool)" % r)
        else:
            s = Sdk(r)
            err = s.probe()
            if err is None:
                sdks.append(s)
            else:
                dropped.append("%s (%s)" % (r, err))
    sdks.sort(key=lambda s: (s.minor, s.root))
    if not _sdks_reported:
        _sdks_reported = True
        print("SDKs found: %s" % (", ".join("%s (%s)" % (s.goversion, s.root) for s in sdks) or "none"))
        if dropped:
            print("SDKs dropped: %s" % "; ".join(dropped))
        if env:
            print("SDKs: GOSTATUS_E2E_SDKS chose them; none is expected")
        else:
            have = {s.short for s in sdks}
            missing = [v for v in EXPECTED_SDKS if v not in have]
            if missing:
                not_run("SDKs " + ", ".join("go" + v for v in missing),
                        "not installed in /usr/lib/go-1.NN (scripts/deps.sh test installs them)")
        sys.stdout.flush()
    return sdks


# --------------------------------------------------------------------------
# Running processes


class Result:
    def __init__(self, argv, rc, stdout, stderr, timed_out=False):
        self.argv = argv
        self.rc = rc
        self.stdout = stdout
        self.stderr = stderr
        self.timed_out = timed_out

    @property
    def crashed(self):
        """Killed by a signal, or an exit status a shell reports for one."""
        return self.timed_out or self.rc < 0 or self.rc >= 128

    def status(self):
        return describe_rc(self.rc, self.timed_out)


def describe_rc(rc, timed_out=False):
    if timed_out:
        return "TIMEOUT"
    if rc < 0:
        try:
            return "killed by %s" % signal.Signals(-rc).name
        except ValueError:
            return "killed by signal %d" % -rc
    return "exit %d" % rc


def to_bytes(v):
    return v if isinstance(v, bytes) else str(v).encode("utf-8", "surrogateescape")


def bytes_env(env):
    """subprocess wants one type per mapping: convert everything to bytes."""
    return {to_bytes(k): to_bytes(v) for k, v in env.items()}


# Suites run scenarios on threads. A thread that forks while another holds a
# freshly copied executable open for writing lends that descriptor to the
# child until the child's exec; an exec of the copy in that window fails with
# ETXTBSY ("Text file busy"). Copies and process starts therefore take turns.
_START_LOCK = threading.Lock()


def copy_executable(src, dst):
    """shutil.copy2, safe against concurrent run() calls (see _START_LOCK)."""
    with _START_LOCK:
        return shutil.copy2(src, dst)


def nobody():
    """(uid, gid) of an unprivileged user to run as when this process is
    root (root reads and searches everything, so permission cases need
    another user), or None when not root (this user is unprivileged
    already). The uid and gid of nobody and nogroup on Debian."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    import pwd
    try:
        pw = pwd.getpwnam("nobody")
        return pw.pw_uid, pw.pw_gid
    except KeyError:
        return 65534, 65534


def run(argv, env, cwd, timeout=60, user=None):
    """Runs argv with exactly env (nothing inherited) in cwd; as user
    (uid, gid) with no supplementary groups, when given."""
    creds = {} if user is None else {"user": user[0], "group": user[1], "extra_groups": []}
    try:
        with _START_LOCK:  # Popen returns once the child has exec'd
            p = subprocess.Popen(argv, env=bytes_env(env), cwd=cwd, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, **creds)
    except OSError as e:
        return Result(argv, 127, b"", ("cannot run: %s" % e).encode())
    try:
        out, err = p.communicate(timeout=timeout)
        return Result(argv, p.returncode, out, err)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        return Result(argv, -9, out or b"", err or b"", timed_out=True)


SH = "/bin/sh"


def run_shell_go(args, env, cwd, timeout=60, user=None):
    """Runs `go ARGS` the way the user's shell would: /bin/sh searches PATH
    (skipping non-executables, directories and dangling links; an empty or
    relative entry is taken relative to cwd) and execs the first go."""
    return run([SH, "-c", 'exec go "$@"', "go"] + list(args), env, cwd, timeout, user)


# --------------------------------------------------------------------------
# Reporting


def show(b, limit=2000):
    """A readable, unambiguous rendering of bytes."""
    if b is None:
        return "None"
    s = repr(b)
    if len(s) > limit:
        s = s[:limit] + "...(%d bytes)" % len(b)
    return s


def shell_word(b):
    """Quotes bytes for a POSIX shell ($'...' when they hold control bytes
    or invalid UTF-8)."""
    b = to_bytes(b)
    try:
        s = b.decode("utf-8")
        if s.isprintable():
            return shlex.quote(s)
    except UnicodeDecodeError:
        pass
    out = []
    for c in b:
        if 0x20 <= c < 0x7F and c not in (0x27, 0x5C):
            out.append(chr(c))
        else:
            out.append("\\x%02x" % c)
    return "$'" + "".join(out) + "'"


def quote_env(env):
    return " ".join(shell_word(to_bytes(k) + b"=" + to_bytes(env[k]))
                    for k in sorted(env, key=to_bytes))


def repro_command(argv, env, cwd):
    return "cd %s && env -i %s %s" % (shell_word(cwd), quote_env(env),
                                      " ".join(shell_word(a) for a in argv))


# --------------------------------------------------------------------------
# Temporary trees


def keep_temps():
    return os.environ.get("GOSTATUS_E2E_KEEP", "") not in ("", "0")


def shared_gocache(fallback):
    """The GOCACHE for the Go programs a suite builds as fixtures: the run's
    shared one ($GOSTATUS_E2E_GOCACHE, under the build tree) when set, else
    FALLBACK (a suite's own temporary directory). Sharing it means each SDK
    compiles each GOOS/GOARCH/flags variant of the std packages once per
    run, not once per suite. It cannot change an answer: go's build cache is
    keyed by the full inputs of each action, is safe for concurrent go
    commands, and no `go env` value depends on its contents; scenarios that
    set GOCACHE themselves (test_differential's gocache/*) are not routed
    here. Never the user's own cache."""
    d = os.environ.get("GOSTATUS_E2E_GOCACHE", "")
    if not d or not os.path.isabs(d):
        d = fallback
    os.makedirs(d, exist_ok=True)
    return d


def make_temp_root(prefix):
    """A fresh directory whose real path has no symlinks, so that the paths
    the tests build are the ones the kernel reports."""
    d = os.path.realpath(tempfile.mkdtemp(prefix=prefix))
    return d


def remove_tree(path):
    if keep_temps():
        print("kept: %s" % path)
        return
    # Scenarios create read-only or odd trees; make them removable first.
    for dirpath, dirnames, _ in os.walk(path):
        for d in dirnames:
            p = os.path.join(dirpath, d)
            if not os.path.islink(p):
                try:
                    os.chmod(p, 0o755)
                except OSError:
                    pass
    shutil.rmtree(path, ignore_errors=True)


def go_files_above(path):
    """go.mod/go.work files in path or any ancestor: they could make a
    go1.21+ command switch toolchains (and try to download one)."""
    found = []
    p = os.path.realpath(path)
    while True:
        for n in ("go.mod", "go.work"):
            if os.path.exists(os.path.join(p, n)):
                found.append(os.path.join(p, n))
        parent = os.path.dirname(p)
        if parent == p:
            return found
        p = parent


def looks_like_goroot_above(path, levels=3):
    """Directories that findGOROOT could mistake for a GOROOT (they hold
    pkg/tool) among the first ancestors of path."""
    found = []
    p = os.path.realpath(path)
    for _ in range(levels):
        if os.path.isdir(os.path.join(p, "pkg", "tool")):
            found.append(p)
        p = os.path.dirname(p)
    return found


# --------------------------------------------------------------------------
# Closing output


def _version_key(tag):
    return [int(x) if x.isdigit() else x for x in re.findall(r"\d+|\D+", tag)]


def per_sdk_lines(counts, columns):
    """The per-SDK table a suite prints before its summary line: counts maps
    an SDK tag ("go1.27") to {column: number}; columns names the counters in
    order. Returns the lines (no trailing newline)."""
    lines = ["per SDK:"]
    for tag in sorted(counts, key=_version_key):
        c = counts[tag]
        lines.append("  %-8s %s" % (tag, ", ".join("%d %s" % (c.get(col, 0), col) for col in columns)))
    return lines
