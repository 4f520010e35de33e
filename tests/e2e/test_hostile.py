#!/usr/bin/env python3
"""Hostile filesystems and hostile callers, against the real go on a real
filesystem (issue 15, part 3).

Two promises are held here:
  - wherever go has an answer, `gostatus env` prints the same bytes on
    stdout and exits with the same status;
  - everywhere, the prompt line exits 0, writes nothing to stderr, prints
    exactly one line, and finishes before HANG_S (a hang detector, not a
    benchmark: a healthy run takes milliseconds).

Environment: see gostatus_e2e.py. GOSTATUS_HOSTILE_SDKS=all runs the go
comparisons against every installed SDK (default: the oldest of go1.23+
and the newest).
"""

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time

import gostatus_e2e as e2e

HANG_S = 20
GS = e2e.gostatus_bin()
ROOT = e2e.make_temp_root("gostatus-hostile-")
FAILS = []
CASES = [0]
SUB = [""]   # a folder per SDK, so each SDK's section builds its own tree


def check(ok, label, detail=""):
    CASES[0] += 1
    if not ok:
        FAILS.append(label)
        print("FAIL %s\n     %s" % (label, detail))
    return ok


def mkdir(*parts, mode=0o755):
    p = os.path.join(ROOT, SUB[0], *parts)
    os.makedirs(p, exist_ok=True)
    os.chmod(p, mode)
    return p


def write(path, data, mode=0o644):
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, mode)
    return path


def base_env(sdk, **over):
    home = mkdir("home")
    env = {"PATH": os.path.join(sdk.root, "bin") + ":/usr/bin:/bin", "HOME": home,
           "GOSTATUS_CACHE_DIR": mkdir("cache", mode=0o700), "GOTOOLCHAIN": "local",
           "GOENV": os.path.join(home, "no-go-env-file")}
    for k, v in over.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


def prompt(label, env, cwd, args=(), **popen):
    """Runs the prompt line and checks its promise; returns its stdout."""
    argv = [GS] + list(args)
    t0 = time.monotonic()
    try:
        p = subprocess.run(argv, env=e2e.bytes_env(env), cwd=cwd, stdin=subprocess.DEVNULL,
                           capture_output=not popen, timeout=HANG_S, **popen)
    except subprocess.TimeoutExpired:
        check(False, "%s: prompt finishes" % label, "still running after %d s" % HANG_S)
        return b""
    out = p.stdout or b""
    err = p.stderr or b""
    took = time.monotonic() - t0
    ok = p.returncode == 0 and not err
    if not popen:
        ok = ok and out.endswith(b"\n") and out.count(b"\n") == 1 and len(out) > 1
    check(ok, "%s: prompt exits 0, one line, quiet stderr" % label,
          "%s out=%r err=%r (%.1f s)\n     repro: %s" % (e2e.describe_rc(p.returncode), out, err[:300], took,
                                                       e2e.repro_command(argv, env, cwd)))
    return out


def same_as_go(label, args, env, cwd, go_env=None):
    """`gostatus env ARGS` against `go env ARGS` run as a shell would."""
    g = e2e.run_shell_go(["env"] + list(args), go_env or env, cwd, timeout=HANG_S * 3)
    s = e2e.run([GS, "env"] + list(args), env, cwd, timeout=HANG_S)
    check(not s.timed_out and g.stdout == s.stdout and g.rc == s.rc,
          "%s: env %s matches go" % (label, " ".join(args)),
          "go: %s %r %r\n     gostatus: %s %r %r\n     repro: %s" % (
              g.status(), g.stdout[:300], g.stderr[:300], s.status(), s.stdout[:300], s.stderr[:300],
              e2e.repro_command([GS, "env"] + list(args), env, cwd)))


# --------------------------------------------------------------------------
# The callers: closed and full pipes, bad flags


def section_callers(sdk):
    env = base_env(sdk)
    cwd = mkdir("plain")
    prompt("healthy", env, cwd)
    prompt("--bogus", env, cwd, ["--bogus"])
    prompt("--glyphs with no value", env, cwd, ["--glyphs"])
    prompt("--glyphs bogus", env, cwd, ["--glyphs", "bogus", "--no-cache"])

    # SIGPIPE: the reader is gone before gostatus writes.
    r, w = os.pipe()
    os.close(r)
    prompt("stdout a pipe with no reader", env, cwd, stdout=w, stderr=subprocess.PIPE)
    os.close(w)
    # A closed stdout: nothing may end up in a file gostatus opens instead.
    prompt("stdout closed", env, cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
           preexec_fn=lambda: os.close(1))
    # A full pipe nobody drains.
    r, w = os.pipe()
    os.set_blocking(w, False)
    try:
        while True:
            os.write(w, b"x" * 65536)
    except BlockingIOError:
        pass
    os.set_blocking(w, True)
    prompt("stdout a full pipe", env, cwd, stdout=w, stderr=subprocess.PIPE)
    os.close(w)
    os.close(r)

    # Global flags before the command word.
    same_as_go("--no-cache before env", ["GOROOT"], env, cwd)
    s = e2e.run([GS, "--no-cache", "env", "GOROOT"], env, cwd)
    g = e2e.run_shell_go(["env", "GOROOT"], env, cwd)
    check(s.rc == 0 and s.stdout == g.stdout, "gostatus --no-cache env GOROOT prints go's GOROOT",
          "%s %r" % (s.status(), s.stdout))


# --------------------------------------------------------------------------
# env's arguments and GOFLAGS, as go parses them


def section_arguments(sdk):
    env = base_env(sdk)
    cwd = mkdir("plain")
    for args in (["GOROOT", "-json"], ["-json=true", "GOROOT"], ["-json=false", "GOROOT"], ["--", "GOROOT"],
                 ["-json", "--", "GOROOT", "GOPATH"], ["GOROOT", "--"], ["GOROOT", "-json", "GOPATH"],
                 ["--json", "GOROOT"]):
        same_as_go("%s args" % sdk.tag, args, env, cwd)
    for goflags in ("-json=maybe", "-n=3", "-x=no", "-C", "-C=/tmp", "--n=3", "-n", "-json=1 -x=q", "-u=x",
                    "'-json", "-bogus", "-mod=bogus", "-", "json"):
        same_as_go("%s GOFLAGS=%s" % (sdk.tag, goflags), ["GOROOT"], dict(env, GOFLAGS=goflags), cwd)
        prompt("%s GOFLAGS=%s" % (sdk.tag, goflags), dict(env, GOFLAGS=goflags), cwd)


# --------------------------------------------------------------------------
# The cache: its key, its directory, what it removes


def section_cache(sdk):
    # go ignores a go.mod in os.TempDir(): TMPDIR must be in the key.
    mod = mkdir("tmpmod", "m")
    write(os.path.join(mod, "go.mod"), b"module m\n\ngo 1.21\n")
    os.utime(os.path.join(mod, "go.mod"), (time.time() - 10, time.time() - 10))
    cdir = mkdir("tmpmod", "cache", mode=0o700)
    env = base_env(sdk, GOSTATUS_CACHE_DIR=cdir, TMPDIR=None)
    time.sleep(1.1)
    prompt("TMPDIR unset, warm", env, mod)
    prompt("TMPDIR unset, again", env, mod)
    env2 = dict(env, TMPDIR=mod)
    same_as_go("TMPDIR = the module's folder", ["GOMOD"], env2, mod)
    i = e2e.run([GS, "cache", "info"], env2, mod)
    last = i.stdout.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    check(i.rc == 0 and last[0].startswith("this prompt") and "hit" not in last[0],
          "TMPDIR set after a cached run: not a hit on the old entry", i.stdout.decode("utf-8", "replace"))

    # GOSTATUS_CACHE_DIR is a folder of the user's: nothing of theirs goes.
    user = mkdir("userfolder", mode=0o700)
    names = ["tmp.notes", "tmp.1-1-00000000deadbeef", "0123456789abcdef0123456789abcdef.gsc"]
    for n in names:
        write(os.path.join(user, n), b"the user's own file\n")
        os.utime(os.path.join(user, n), (time.time() - 7200, time.time() - 7200))
    write(os.path.join(ROOT, "precious"), b"p")
    os.symlink(os.path.join(ROOT, "precious"), os.path.join(user, ".gostatus-tmp.1-1-00000000000000aa"))
    uenv = base_env(sdk, GOSTATUS_CACHE_DIR=user)
    prompt("cache dir a user's folder", uenv, mkdir("plain"))
    c = e2e.run([GS, "cache", "clear"], uenv, mkdir("plain"))
    left = sorted(os.listdir(user))
    check(c.rc == 0 and all(n in left for n in names) and os.path.exists(os.path.join(ROOT, "precious")) and
          os.path.islink(os.path.join(user, ".gostatus-tmp.1-1-00000000000000aa")),
          "cache clear in a user's folder removes only gostatus's own entries",
          "%s %r left=%r" % (c.status(), c.stdout, left))

    # HOME names a folder that does not exist: nothing is created above it.
    nohome = os.path.join(ROOT, "nohome", "h")
    henv = base_env(sdk, GOSTATUS_CACHE_DIR=None, XDG_CACHE_HOME=None, HOME=nohome)
    prompt("HOME does not exist", henv, mkdir("plain"))
    check(not os.path.lexists(os.path.join(ROOT, "nohome")), "HOME does not exist: not created",
          repr(os.listdir(ROOT)))

    # The cache directory as a file, a FIFO.
    f = write(os.path.join(ROOT, "cache-file"), b"x")
    prompt("cache dir is a file", base_env(sdk, GOSTATUS_CACHE_DIR=f), mkdir("plain"))
    fifo = os.path.join(ROOT, "cache-fifo")
    os.mkfifo(fifo)
    prompt("cache dir is a FIFO", base_env(sdk, GOSTATUS_CACHE_DIR=fifo), mkdir("plain"))


# --------------------------------------------------------------------------
# go itself, and PATH


def section_go_on_path(sdk):
    cwd = mkdir("plain")
    real = os.path.join(sdk.root, "bin")
    odd = {}
    d = mkdir("odd-fifo")
    os.mkfifo(os.path.join(d, "go"))
    os.chmod(os.path.join(d, "go"), 0o755)
    odd["a FIFO"] = d
    d = mkdir("odd-dir")
    mkdir("odd-dir", "go")
    odd["a directory"] = d
    d = mkdir("odd-loop")
    os.symlink("go", os.path.join(d, "go"))
    odd["a symlink loop"] = d
    d = mkdir("odd-dangling")
    os.symlink("/nonexistent/go", os.path.join(d, "go"))
    odd["a dangling link"] = d
    d = mkdir("odd-noexec")
    write(os.path.join(d, "go"), b"#!/bin/sh\necho no\n", 0o644)
    odd["not executable"] = d
    for what, d in odd.items():
        env = base_env(sdk, PATH=d + ":" + real + ":/usr/bin:/bin")
        prompt("go first on PATH is %s" % what, env, cwd)
        same_as_go("go first on PATH is %s" % what, ["GOROOT", "GOVERSION"], env, cwd)
    # A wrapper without a #! line: shells run it with /bin/sh, so go answers.
    d = mkdir("odd-noshebang")
    write(os.path.join(d, "go"), ('exec %s "$@"\n' % sdk.go).encode(), 0o755)
    env = base_env(sdk, PATH=d + ":/usr/bin:/bin")
    out = prompt("go is a wrapper without #!", env, cwd, ["--no-cache"])
    check(out.startswith(sdk.tag.encode()), "go is a wrapper without #!: the prompt shows its go", repr(out))
    same_as_go("go is a wrapper without #!", ["GOROOT", "GOVERSION"], env, cwd)
    # An SDK for another architecture first on PATH (its go's ELF machine
    # and build info say arm64): every shell exits 126, "Exec format error".
    d = mkdir("odd-arm64", "go", "bin")
    with open(sdk.go, "rb") as f:
        data = bytearray(f.read().replace(b"build\tGOARCH=amd64\n", b"build\tGOARCH=arm64\n"))
    data[18:20] = (183).to_bytes(2, "little")  # e_machine: EM_AARCH64
    write(os.path.join(d, "go"), bytes(data), 0o755)
    env = base_env(sdk, PATH=d + ":" + real + ":/usr/bin:/bin")
    out = prompt("go first on PATH is an arm64 go", env, cwd, ["--no-cache", "--glyphs", "ascii"])
    check(b"X!" in out, "go first on PATH is an arm64 go: the prompt marks PATH as an error", repr(out))
    # Alone on PATH: every shell fails (with a real go later, dash moves on
    # to it while bash stops at the first: no single answer).
    same_as_go("arm64 go alone on PATH", ["GOROOT", "GOVERSION"], base_env(sdk, PATH=d + ":/usr/bin:/bin"), cwd)
    doc = e2e.run([GS, "doctor"], env, cwd, timeout=HANG_S)
    check(b"[go-wrong-arch]" in doc.stdout and b"linux-amd64.tar.gz" in doc.stdout,
          "go first on PATH is an arm64 go: doctor names the archive for this machine", doc.stdout[-600:])
    # A Go program named go that is not cmd/go: not the go command.
    gocache = e2e.shared_gocache(mkdir("gocache"))
    benv = dict(base_env(sdk), GOCACHE=gocache, GOFLAGS="-mod=mod", CGO_ENABLED="0")
    for name, body in (("hello", 'package main\nimport "fmt"\nfunc main() { fmt.Println("hello") }\n'),
                       ("wrapper", 'package main\nimport ("os"; "syscall")\nfunc main() { '
                        'syscall.Exec(%s, append([]string{"go"}, os.Args[1:]...), os.Environ()) }\n' % json.dumps(sdk.go))):
        src = mkdir("gosrc-" + name)
        write(os.path.join(src, "go.mod"), b"module example.com/%s\n\ngo 1.21\n" % name.encode())
        write(os.path.join(src, "main.go"), body.encode())
        out_dir = mkdir("odd-goprog-" + name)
        b = e2e.run([sdk.go, "build", "-o", os.path.join(out_dir, "go"), "."], benv, src, timeout=300)
        if not check(b.rc == 0, "build a Go program named go (%s)" % name, b.stderr[-500:]):
            continue
        env = base_env(sdk, PATH=out_dir + ":" + real + ":/usr/bin:/bin")
        out = prompt("go is a Go program, not cmd/go (%s)" % name, env, cwd, ["--no-cache"])
        doc = e2e.run([GS, "doctor"], env, cwd, timeout=HANG_S)
        check(b"[go-not-cmd-go]" in doc.stdout, "go is a Go program, not cmd/go (%s): doctor says so" % name,
              doc.stdout[-600:])
        if name == "wrapper":  # it answers as the go it runs
            check(out.startswith(sdk.tag.encode()), "go is a Go wrapper: the prompt shows its go", repr(out))
            same_as_go("go is a Go wrapper of %s" % sdk.tag, ["GOROOT", "GOVERSION"], env, cwd)
        else:  # what it prints is its own business: never go's values
            s_ = e2e.run([GS, "env", "GOROOT"], env, cwd, timeout=HANG_S)
            check(s_.rc == 1 and not s_.stdout and b"not the go command" in s_.stderr,
                  "go is a Go program, not cmd/go: env prints no go values", "%s %r %r" % (
                      s_.status(), s_.stdout, s_.stderr))
            check(not out.startswith(sdk.tag.encode()), "go is a Go program, not cmd/go: the prompt shows no go version",
                  repr(out))

    # Things that start and misbehave: the prompt must still be one line.
    d = mkdir("odd-empty")
    write(os.path.join(d, "go"), b"", 0o755)
    d2 = mkdir("odd-sparse")
    with open(os.path.join(d2, "go"), "wb") as f:
        f.truncate(8 << 30)
    os.chmod(os.path.join(d2, "go"), 0o755)
    d3 = mkdir("odd-hang")
    write(os.path.join(d3, "go"), b"#!/bin/sh\nexec sleep 600\n", 0o755)
    d4 = mkdir("odd-fork")
    write(os.path.join(d4, "go"), b"#!/bin/sh\n(sleep 600 &)\necho go version go1.99.0 linux/amd64\n", 0o755)
    d5 = mkdir("odd-setsid")
    write(os.path.join(d5, "go"), b"#!/bin/sh\nsetsid sleep 600 &\nsleep 600\n", 0o755)
    for what, d in (("an empty file", d), ("an 8 GiB sparse file", d2), ("a script that hangs", d3),
                    ("a script whose child holds stdout", d4), ("a script that calls setsid", d5)):
        env = base_env(sdk, PATH=d + ":/usr/bin:/bin")
        prompt("go is %s" % what, env, cwd)
        prompt("go is %s, no cache" % what, env, cwd, ["--no-cache"])

    # SIGTERM to gostatus while the spawned go runs: the go goes too.
    d6 = mkdir("odd-term")
    pidfile = os.path.join(d6, "pid")
    write(os.path.join(d6, "go"), ('#!/bin/sh\necho $$ > %s\nexec sleep 600\n' % pidfile).encode(), 0o755)
    p = subprocess.Popen([GS, "--no-cache"], env=e2e.bytes_env(base_env(sdk, PATH=d6 + ":/usr/bin:/bin")),
                         cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(500):
        if os.path.exists(pidfile) and open(pidfile).read().strip():
            break
        time.sleep(0.01)
    p.terminate()
    p.wait(timeout=HANG_S)
    pid = int(open(pidfile).read().strip() or 0) if os.path.exists(pidfile) else 0
    gone = False
    for _ in range(200):
        try:
            with open("/proc/%d/stat" % pid) as f:
                gone = f.read().rsplit(")", 1)[1].split()[0] == "Z"
        except (OSError, IndexError):
            gone = True
        if gone:
            break
        time.sleep(0.01)
    check(pid and gone, "SIGTERM to gostatus during the spawn: the spawned go is killed", "pid %r" % pid)
    if pid and not gone:
        os.kill(pid, signal.SIGKILL)

    # PATH: long, many entries, non-UTF-8, empty and relative, files.
    junk = mkdir("pathjunk")
    filey = write(os.path.join(junk, "a-file"), b"x")
    paths = {
        "32 KiB": ":".join(["/nonexistent/" + "d" * 60] * 520) + ":" + real,
        "5000 entries": ":".join("/nonexistent/%d" % i for i in range(5000)) + ":" + real,
        "non-UTF-8": os.fsdecode(b"/nonexistent/\xff\xfe:") + real,
        "empty and relative entries": "::.:bin:" + real,
        "entries that are files": filey + ":" + filey + "/x:" + real,
    }
    for what, p in paths.items():
        env = base_env(sdk, PATH=p)
        prompt("PATH %s" % what, env, cwd)
        same_as_go("PATH %s" % what, ["GOROOT", "GOVERSION"], env, cwd)

    # HOME unset, empty, relative.
    for what, h in (("unset", None), ("empty", ""), ("relative", "home")):
        env = base_env(sdk, HOME=h, GOSTATUS_CACHE_DIR=None)
        prompt("HOME %s" % what, env, cwd)
        same_as_go("HOME %s" % what, ["GOPATH", "GOMODCACHE"], env, cwd)


# --------------------------------------------------------------------------
# The go env file and go.mod / go.work


def section_files(sdk):
    cwd = mkdir("plain")
    d = mkdir("envfiles")
    cases = {
        "BOM": b"\xef\xbb\xbfGOPROXY=https://a.example\n",
        "CRLF": b"GOPROXY=https://a.example\r\nGOFLAGS=-mod=mod\r\n",
        "no final newline": b"GOPROXY=https://a.example",
        "duplicate keys": b"GOPROXY=https://a.example\nGOPROXY=https://b.example\n",
        "non-UTF-8": b"GOPROXY=https://\xff\xfe.example\n",
        "10 MB": b"# " + b"x" * (10 << 20) + b"\nGOPROXY=https://a.example\n",
    }
    for what, data in cases.items():
        p = write(os.path.join(d, what.replace(" ", "-")), data)
        env = base_env(sdk, GOENV=p)
        prompt("env file %s" % what, env, cwd)
        same_as_go("env file %s" % what, ["GOPROXY", "GOFLAGS"], env, cwd)
    fifo = os.path.join(d, "fifo")
    os.mkfifo(fifo)
    env = base_env(sdk, GOENV=fifo)
    prompt("env file a FIFO", env, cwd)
    for what, p in (("a directory", mkdir("envfiles", "dir")), ("a link to /dev/zero", os.path.join(d, "zero"))):
        if what.endswith("zero"):
            os.symlink("/dev/zero", p)
        env = base_env(sdk, GOENV=p)
        prompt("env file %s" % what, env, cwd)
        if what == "a directory":
            same_as_go("env file %s" % what, ["GOPROXY"], env, cwd)

    mods = {
        "empty": b"",
        "no module line": b"go 1.21\n",
        "garbage": b"\x00\xff not a go.mod\n",
        "unterminated string": b'module "m\n',
        "bad go version": b"module m\ngo 1.21.x.y\n",
        "CRLF": b"module m\r\ngo 1.21\r\n",
        "BOM": b"\xef\xbb\xbfmodule m\ngo 1.21\n",
        "comments only": b"// nothing\n",
        "over 1 MiB": b"module m\n\ngo 1.21\n" + b"// " + b"x" * (1 << 20) + b"\n",
    }
    for what, data in mods.items():
        m = mkdir("mods", what.replace(" ", "-"))
        write(os.path.join(m, "go.mod"), data)
        env = base_env(sdk)
        prompt("go.mod %s" % what, env, m)
        same_as_go("go.mod %s" % what, ["GOMOD", "GOVERSION"], env, m)
    # A valid big go.mod whose go line comes after the first MiB: go reads
    # it whole (os.ReadFile), so under GOTOOLCHAIN=path it looks for go1.99.0.
    m = mkdir("mods", "late-go-line")
    write(os.path.join(m, "go.mod"), b"module m\n\n// " + b"x" * (3 << 19) + b"\n\ngo 1.99\n")
    env = base_env(sdk, GOTOOLCHAIN="path")
    prompt("go.mod with its go line after 1.5 MiB", env, m)
    same_as_go("go.mod with its go line after 1.5 MiB", ["GOROOT", "GOMOD"], env, m)
    # The go and toolchain lines as toolchain.Select reads them (GOTOOLCHAIN=path:
    # no download, so every answer is go's own), in go.mod and in go.work.
    lines = {
        "toolchain bogus": b"go 1.21\ntoolchain bogus\n",
        "toolchain default": b"go 1.21\ntoolchain default\n",
        "toolchain go1.99.0": b"go 1.21\ntoolchain go1.99.0\n",
        "go 1.99rc1": b"go 1.99rc1\n",
        "go line with a comment": b"go 1.99 // newer\n",
        "go line with tabs": b"go\t1.99\n",
        "go block": b"go (\n\t1.99\n)\n",
        "older go, no toolchain": b"go 1.19\n",
        "go twice": b"go 1.21\ngo 1.99\n",
    }
    for what, body in lines.items():
        for kind in ("go.mod", "go.work"):
            m = mkdir("select", kind.replace(".", "-"), what.replace(" ", "-"))
            write(os.path.join(m, kind), (b"module m\n" if kind == "go.mod" else b"") + body)
            env = base_env(sdk, GOTOOLCHAIN="path")
            prompt("%s %s" % (kind, what), env, m)
            same_as_go("%s %s" % (kind, what), ["GOROOT", "GOVERSION"], env, m)
    w = mkdir("works", "bad")
    write(os.path.join(w, "go.work"), b"go 1.21\nuse (\n")
    prompt("go.work malformed", base_env(sdk), w)
    same_as_go("go.work malformed", ["GOWORK"], base_env(sdk), w)


# --------------------------------------------------------------------------
# The working directory, and the permission cases as an unprivileged user


GONE_SH = 'd="$1"; shift; cd "$d" && rmdir "$d" && exec "$@"'


def section_cwd_unknown(sdks):
    """A working directory go cannot determine (deleted; not searchable by
    this user; deeper than getcwd's page): `gostatus env` says what go
    says, per version (go1.24+ walk up through ".." when getcwd's answer
    is too long), the prompt stays one line with a mark, and nothing is
    cached there."""
    setpriv = shutil.which("setpriv")
    for sdk in sdks:
        tag = sdk.tag
        cache = mkdir("cwd-cache-" + tag, mode=0o700)
        env = base_env(sdk, GOSTATUS_CACHE_DIR=cache)
        for args in (["GOROOT"], ["GOMOD", "GOVERSION"], ["-json", "GOROOT"]):
            for with_pwd in (False, True):
                gone = mkdir("gone-" + tag)
                e = dict(env, PWD=gone) if with_pwd else env
                what = "%s cwd deleted%s" % (tag, " (PWD set)" if with_pwd else "")
                g = e2e.run([e2e.SH, "-c", GONE_SH, "sh", gone, e2e.SH, "-c", 'exec go "$@"', "go", "env"] + args,
                            e, "/", timeout=HANG_S * 3)
                gone = mkdir("gone-" + tag)
                r = e2e.run([e2e.SH, "-c", GONE_SH, "sh", gone, GS, "env"] + args, e, "/", timeout=HANG_S)
                check(g.stdout == r.stdout and g.rc == r.rc, "%s: env %s matches go" % (what, " ".join(args)),
                      "go: %s %r %r\n     gostatus: %s %r %r" % (g.status(), g.stdout, g.stderr[:200], r.status(),
                                                               r.stdout, r.stderr[:200]))
        gone = mkdir("gone-" + tag)
        p = e2e.run([e2e.SH, "-c", GONE_SH, "sh", gone, GS, "--glyphs", "ascii"], env, "/", timeout=HANG_S)
        check(p.rc == 0 and not p.stderr and p.stdout.count(b"\n") == 1 and p.stdout.endswith(b"M!\n"),
              "%s cwd deleted: the prompt is one line with the module mark" % tag,
              "%s %r %r" % (p.status(), p.stdout, p.stderr))
        check(not [n for n in os.listdir(cache) if n.endswith(".gsc")], "%s cwd deleted: nothing cached" % tag,
              repr(os.listdir(cache)))
        gone = mkdir("gone-" + tag)
        d = e2e.run([e2e.SH, "-c", GONE_SH, "sh", gone, GS, "doctor"], env, "/", timeout=HANG_S)
        check(d.rc == 1 and b"[cwd-unknown]" in d.stdout and b"cannot determine current directory" in d.stdout,
              "%s cwd deleted: doctor says what go says" % tag, "%s %r" % (d.status(), d.stdout[-500:]))

        # Deeper than a page, under a module: go1.23 and older fail,
        # go1.24+ find the way up and then the go.mod above.
        deep = mkdir("deep-" + tag)
        write(os.path.join(deep, "go.mod"), b"module deep\n\ngo 1.21\n")
        fd = os.open(deep, os.O_RDONLY | os.O_DIRECTORY)
        for _ in range(22):  # 22 * 201 bytes: over 4 KiB wherever ROOT is
            try:
                os.mkdir("d" * 200, dir_fd=fd)
            except FileExistsError:
                pass
            nfd = os.open("d" * 200, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = nfd
        os.close(fd)
        steps = ["d" * 200] * 22
        # Neither Python's cwd= nor dash's cd reach it (both chdir by the
        # whole path): chdir step by step, then exec the same shell for both.
        deep_py = ('import os, sys; os.chdir(sys.argv[1]); [os.chdir("d" * 200) for _ in range(22)]; '
                   'os.execv(sys.argv[2], sys.argv[2:])')
        via = [sys.executable, "-c", deep_py, deep, e2e.SH, "-c", 'exec "$@"', "sh"]
        for args in (["GOROOT"], ["GOMOD", "GOVERSION"]):
            g = e2e.run(via + ["go", "env"] + args, env, "/", timeout=HANG_S * 3)
            r = e2e.run(via + [GS, "env"] + args, env, "/", timeout=HANG_S)
            check(g.stdout == r.stdout and g.rc == r.rc and g.rc in (0, 1),
                  "%s cwd deeper than 4 KiB: env %s matches go" % (tag, " ".join(args)),
                  "go: %s %r %r\n     gostatus: %s %r %r" % (g.status(), g.stdout, g.stderr[:200], r.status(),
                                                           r.stdout[:300], r.stderr[:200]))
        p = e2e.run(via + [GS], env, "/", timeout=HANG_S)
        check(p.rc == 0 and not p.stderr and p.stdout.count(b"\n") == 1,
              "%s cwd deeper than 4 KiB: the prompt is one line" % tag, "%s %r %r" % (p.status(), p.stdout, p.stderr))

        # Not searchable by this user (as nobody): go1.23 and older stat "."
        # first; go1.24+ only with an absolute $PWD.
        if os.geteuid() != 0 or not setpriv:
            continue
        locked = mkdir("locked-" + tag, mode=0o700)
        ncache = mkdir("nobody-cache-" + tag, mode=0o700)
        os.chown(ncache, 65534, 65534)
        for with_pwd in (False, True):
            e = base_env(sdk, HOME="/nonexistent", GOSTATUS_CACHE_DIR=ncache)
            if with_pwd:
                e["PWD"] = locked
            nob = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
            what = "%s cwd not searchable by nobody%s" % (tag, " (PWD set)" if with_pwd else "")
            for args in (["GOROOT"], ["GOMOD"]):
                # setpriv runs in the locked dir (root can enter it), then
                # drops to nobody; both programs are run directly (a shell
                # would export PWD).
                g = e2e.run(nob + [sdk.go, "env"] + args, e, locked, timeout=HANG_S * 3)
                r = e2e.run(nob + [GS, "env"] + args, e, locked, timeout=HANG_S)
                check(g.stdout == r.stdout and g.rc == r.rc, "%s: env %s matches go" % (what, " ".join(args)),
                      "go: %s %r %r\n     gostatus: %s %r %r" % (g.status(), g.stdout, g.stderr[:200], r.status(),
                                                               r.stdout, r.stderr[:200]))
            p = e2e.run(nob + [GS], e, locked, timeout=HANG_S)
            check(p.rc == 0 and not p.stderr and p.stdout.count(b"\n") == 1, "%s: the prompt is one line" % what,
                  "%s %r %r" % (p.status(), p.stdout, p.stderr))


def section_cwd(sdk):
    gone = mkdir("gone")
    p = subprocess.Popen(["/bin/sh", "-c", 'cd "$1" && rmdir "$1" && exec "$2"', "sh", gone, GS],
                         env=e2e.bytes_env(base_env(sdk)), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = p.communicate(timeout=HANG_S)
        check(p.returncode == 0 and not err and out.count(b"\n") == 1, "cwd deleted: prompt one line",
              "%d %r %r" % (p.returncode, out, err))
    except subprocess.TimeoutExpired:
        p.kill()
        check(False, "cwd deleted: prompt finishes")

    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or not setpriv:
        print("note: permission cases need root and setpriv: not run")
        return
    locked = mkdir("locked", mode=0o755)
    inner = mkdir("locked", "in", mode=0o755)
    cache = mkdir("nobody-cache", mode=0o700)
    os.chown(cache, 65534, 65534)
    os.chmod(locked, 0o711)
    os.chmod(inner, 0o300)   # enterable, not readable, for nobody too? (not the owner)
    os.chmod(inner, 0o001)
    env = base_env(sdk, HOME="/nonexistent", GOSTATUS_CACHE_DIR=cache)
    argv = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", GS]
    r = e2e.run(argv, env, inner, timeout=HANG_S)
    check(r.rc == 0 and not r.stderr and r.stdout.count(b"\n") == 1, "cwd unreadable (as nobody): prompt one line",
          "%s %r %r" % (r.status(), r.stdout, r.stderr))
    ro = mkdir("nobody-ro", mode=0o500)
    os.chown(ro, 65534, 65534)
    r = e2e.run([setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", GS],
                dict(env, GOSTATUS_CACHE_DIR=ro), "/", timeout=HANG_S)
    check(r.rc == 0 and not r.stderr and r.stdout.count(b"\n") == 1,
          "cache dir read-only (as nobody): prompt one line", "%s %r %r" % (r.status(), r.stdout, r.stderr))


# --------------------------------------------------------------------------
# The cache directory read-only (a read-only bind mount) or full (a tiny
# tmpfs), each in a mount namespace of its own


MNT_SH = ('set -e; d="$1"; how="$2"; shift 2; '
          'if [ "$how" = full ]; then mount -t tmpfs -o size=16k,mode=0700 tmpfs "$d"; '
          'dd if=/dev/zero of="$d/fill" bs=4k 2>/dev/null || true; '
          'else mount --bind "$d" "$d"; mount -o remount,bind,ro "$d"; fi; exec "$@"')


def section_cache_mounts(sdk):
    unshare = shutil.which("unshare")
    if os.geteuid() != 0 or not unshare:
        print("note: read-only and full cache cases need root and unshare: not run")
        return
    cwd = mkdir("plain")
    base = base_env(sdk)
    want = e2e.run([GS, "--no-cache"], base, cwd, timeout=HANG_S).stdout
    for how in ("ro", "ro-warm", "full"):
        cache = mkdir("mnt-cache-" + how, mode=0o700)
        env = dict(base, GOSTATUS_CACHE_DIR=cache)
        if how == "ro-warm":  # an entry stored before the mount: a hit
            time.sleep(1.1)
            e2e.run([GS], env, cwd, timeout=HANG_S)
        what = {"ro": "cache dir a read-only bind mount", "ro-warm": "cache dir read-only, warm",
                "full": "cache dir a full tmpfs"}[how]
        ns = [unshare, "-m", "--propagation", "private", e2e.SH, "-c", MNT_SH, "sh", cache, how.split("-")[0]]
        probe = e2e.run(ns + ["/bin/true"], env, cwd, timeout=HANG_S)
        if not check(probe.rc == 0, "%s: the mount namespace works" % what, probe.stderr[-300:]):
            continue
        for _ in range(2):  # the second run would hit, had the first stored
            r = e2e.run(ns + [GS], env, cwd, timeout=HANG_S)
            check(r.rc == 0 and not r.stderr and r.stdout == want,
                  "%s: the prompt is one line, the same as without a cache" % what,
                  "%s %r %r (want %r)" % (r.status(), r.stdout, r.stderr, want))
        i = e2e.run(ns + [GS, "cache", "info"], env, cwd, timeout=HANG_S)
        check(i.rc == 0, "%s: cache info answers" % what, "%s %r %r" % (i.status(), i.stdout, i.stderr))


# --------------------------------------------------------------------------
# 50 concurrent runs while the go symlink flips


def section_flip(a, b):
    d = mkdir("flip")
    link = os.path.join(d, "go")
    env = base_env(a, PATH=d + ":/usr/bin:/bin", GOSTATUS_CACHE_DIR=mkdir("flip-cache", mode=0o700))
    cwd = mkdir("plain")
    answers = set()
    for s in (a, b):
        tmp = link + ".new"
        os.symlink(s.go, tmp)
        os.replace(tmp, link)
        answers.add(prompt("flip oracle %s" % s.tag, env, cwd, ["--no-cache"]))
    stop = threading.Event()

    def flipper():
        i = 0
        while not stop.is_set():
            tmp = link + ".new"
            os.symlink((a, b)[i % 2].go, tmp)
            os.replace(tmp, link)
            i += 1
            time.sleep(0.003)

    th = threading.Thread(target=flipper)
    th.start()
    outs = []
    lock = threading.Lock()

    def one(_):
        r = e2e.run([GS], env, cwd, timeout=HANG_S)
        with lock:
            outs.append(r)

    ts = [threading.Thread(target=one, args=(i,)) for i in range(50)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    stop.set()
    th.join()
    bad = [r for r in outs if r.rc != 0 or r.stderr or r.stdout not in answers]
    check(not bad, "50 concurrent runs while go flips: every line one of the two answers",
          "%d bad; first: %r; answers %r" % (len(bad), [(x.rc, x.stdout, x.stderr) for x in bad[:3]], answers))


def main():
    sdks = [s for s in e2e.find_sdks() if s.minor >= 23]
    if not sdks:
        e2e.skip("no Go SDK 1.23 or newer under /usr/lib/go-1.*")
    pick = sdks if os.environ.get("GOSTATUS_HOSTILE_SDKS") == "all" else \
        sorted({sdks[0].root: sdks[0], sdks[-1].root: sdks[-1]}.values(), key=lambda s: s.minor)
    t0 = time.monotonic()
    try:
        section_callers(pick[-1])
        section_cache(pick[-1])
        section_cwd(pick[-1])
        section_cwd_unknown(e2e.find_sdks())
        section_cache_mounts(pick[-1])
        for s in pick:
            SUB[0] = s.tag
            section_arguments(s)
            section_go_on_path(s)
            section_files(s)
        SUB[0] = ""
        if len(pick) >= 2:
            section_flip(pick[0], pick[-1])
    finally:
        e2e.remove_tree(ROOT) if not e2e.keep_temps() else print("kept %s" % ROOT)
    print("hostile e2e: %d cases, %d failed, SDKs %s (%.0f s)" % (
        CASES[0], len(FAILS), " ".join(s.tag for s in pick), time.monotonic() - t0))
    return e2e.FAIL if FAILS else e2e.PASS


if __name__ == "__main__":
    sys.exit(main())
