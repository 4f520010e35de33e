#!/usr/bin/env python3
"""Version managers and the fallback spawn, end to end.

Real trees reproduce each manager's layout around the installed Debian SDKs
(/usr/lib/go-1.21 and /usr/lib/go-1.23): goenv, asdf and mise shims with
their version files, scoop's shim + go.shim + apps/go/current link (the
layout, on POSIX paths), g's ~/.g/go link and a gvm install dir. For each:

  * `gostatus --json` names the manager and the file that selected the
    version, and reports the GOROOT and GOVERSION of the go it runs;
  * `gostatus env GOROOT GOVERSION` prints what the real go prints when run
    the way the manager runs it (the manager's binary with the variables the
    manager exports: goenv exec, asdf-golang's exec-env, mise's go backend);
  * under strace, neither command starts a process.

Then: a selected version that is not installed (error finding, nothing
run); a `.go-version` created in a parent directory shows on the very next
cached render; and the fallback spawn with script `go`s: one that answers
(the answer is used, the script saw GOTOOLCHAIN=local, the second render is
a cache hit without a spawn), one that hangs forever (the prompt still
prints, the script and its child are gone afterwards, the next render is
served from the cache without running it again).

Exit: 0 pass, 1 fail, 77 skip (no go1.21/go1.23 SDK). The strace checks are
skipped, with a note, when strace is missing or cannot trace here.
"""

import json
import os
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gostatus_e2e as e2e  # noqa: E402
import test_nospawn  # noqa: E402

RUN_TIMEOUT = 20   # a hang guard for one gostatus run, not a timing assertion
RACY_SLEEP = 1.2   # files younger than the cache's 1 s granularity are not trusted

GS = None
STRACE = None
TRACE_DIR = None
FAILURES = []
CHECKS = [0]


def check(ok, label, detail=""):
    CHECKS[0] += 1
    if not ok:
        FAILURES.append((label, detail))
        print("FAIL %s%s" % (label, ("\n    " + detail) if detail else ""))
    elif "-v" in sys.argv:
        print("ok   %s" % label)
    return ok


def gostatus(args, env, cwd, traced=False, label=""):
    """Runs gostatus; with traced=True under strace, and checks the trace
    shows no process creation. Returns the Result."""
    if traced and STRACE:
        # Never in cwd: a new entry in a directory on the go's path would
        # (rightly) invalidate the cached answer the run is meant to hit.
        tfile = os.path.join(TRACE_DIR, "trace-%d" % CHECKS[0])
        argv = [STRACE, "-f", "-e", "trace=" + test_nospawn.SYSCALLS, "-o", tfile, "--", GS] + args
        r = e2e.run(argv, env, cwd, timeout=RUN_TIMEOUT)
        try:
            with open(tfile, "r", errors="replace") as f:
                text = f.read()
            os.unlink(tfile)
        except OSError:
            text = ""
        problems, _, _ = test_nospawn.analyze_trace(text, GS)
        check(not problems, "%s: no process started (%s)" % (label, " ".join(args)), "; ".join(problems))
        return r
    return e2e.run([GS] + args, env, cwd, timeout=RUN_TIMEOUT)


def real_go_env(go, extra_env, base_env, cwd):
    """What the real go prints for GOROOT GOVERSION when the manager runs it."""
    env = dict(base_env)
    env.update(extra_env)
    env["GOTOOLCHAIN"] = "local"  # the oracle must never switch or download
    r = e2e.run([go, "env", "GOROOT", "GOVERSION"], env, cwd)
    return r.stdout.decode("utf-8", "replace") if r.rc == 0 else None


def write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


def symlink(target, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    os.symlink(target, path)


def not_a_go_binary(path):
    """An executable that is not a Go binary (a shim stand-in that is never run)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    shutil.copy2("/bin/true", path)


def ver(sdk):
    return sdk.goversion[2:] if sdk.goversion.startswith("go") else sdk.goversion


def layouts(root, old, new):
    """(name, env additions, PATH dir, cwd, expected manager, expected
    selecting file, go the manager runs, what it exports)."""
    out = []
    home = os.path.join(root, "home")
    proj = os.path.join(root, "work", "proj")
    sub = os.path.join(proj, "sub")
    os.makedirs(sub, exist_ok=True)

    # goenv: the shim goenv-rehash writes; versions/<v> holds an SDK;
    # .go-version in a parent directory beats $GOENV_ROOT/version.
    groot = os.path.join(home, ".goenv")
    write(os.path.join(groot, "shims", "go"),
          '#!/usr/bin/env bash\nset -e\n[ -n "$GOENV_DEBUG" ] && set -x\n\nprogram="${0##*/}"\n\n'
          'export GOENV_ROOT="%s"\nexec "%s/libexec/goenv" exec "$program" "$@"\n' % (groot, groot), 0o755)
    for s in (old, new):
        symlink(s.root, os.path.join(groot, "versions", ver(s)))
    write(os.path.join(groot, "version"), ver(old) + "\n")
    write(os.path.join(proj, ".go-version"), ver(new) + "\n")
    gv = os.path.join(groot, "versions", ver(new))
    out.append(("goenv", {}, os.path.join(groot, "shims"), sub, "goenv", os.path.join(proj, ".go-version"),
                os.path.join(gv, "bin", "go"), {"GOROOT": gv, "GOPATH": os.path.join(home, "go", ver(new))}))

    # asdf: the shim asdf reshim writes; installs/golang/<v>/go is the SDK;
    # .tool-versions upward.
    aroot = os.path.join(home, ".asdf")
    write(os.path.join(aroot, "shims", "go"),
          '#!/usr/bin/env bash\n# asdf-plugin: golang %s\n# asdf-plugin: golang %s\n'
          'exec asdf exec "go" "$@" # asdf_allow: \' asdf \'\n' % (ver(old), ver(new)), 0o755)
    for s in (old, new):
        symlink(s.root, os.path.join(aroot, "installs", "golang", ver(s), "go"))
    asdf_proj = os.path.join(root, "asdf-work", "proj")
    os.makedirs(asdf_proj)
    write(os.path.join(root, "asdf-work", ".tool-versions"), "nodejs 20.0.0\ngolang %s\n" % ver(old))
    ai = os.path.join(aroot, "installs", "golang", ver(old))
    out.append(("asdf", {}, os.path.join(aroot, "shims"), asdf_proj, "asdf",
                os.path.join(root, "asdf-work", ".tool-versions"), os.path.join(ai, "go", "bin", "go"),
                {"GOROOT": os.path.join(ai, "go"), "GOBIN": os.path.join(ai, "bin"),
                 "GOPATH": os.path.join(ai, "packages")}))

    # mise (shim mode): shims/go links to the mise binary; mise.toml asks for
    # a prefix, the newest installed match runs with GOROOT = its install dir.
    mdata = os.path.join(home, ".local", "share", "mise")
    not_a_go_binary(os.path.join(home, ".local", "bin", "mise"))
    symlink(os.path.join(home, ".local", "bin", "mise"), os.path.join(mdata, "shims", "go"))
    for s in (old, new):
        symlink(s.root, os.path.join(mdata, "installs", "go", ver(s)))
    mise_proj = os.path.join(root, "mise-work", "proj")
    os.makedirs(mise_proj)
    short = ".".join(ver(new).split(".")[:2])
    write(os.path.join(root, "mise-work", "mise.toml"), '[tools]\nnode = "20"\ngo = "%s"\n' % short)
    mi = os.path.join(mdata, "installs", "go", ver(new))
    out.append(("mise", {}, os.path.join(mdata, "shims"), mise_proj, "mise",
                os.path.join(root, "mise-work", "mise.toml"), os.path.join(mi, "bin", "go"), {"GOROOT": mi}))

    # scoop's layout: shims/go is the shim program, go.shim names the target
    # through apps/go/current, a link to the version directory.
    sroot = os.path.join(home, "scoop")
    not_a_go_binary(os.path.join(sroot, "shims", "go"))
    write(os.path.join(sroot, "shims", "go.shim"), 'path = "%s"\n' % os.path.join(sroot, "apps", "go", "current", "bin", "go"))
    symlink(old.root, os.path.join(sroot, "apps", "go", ver(old)))
    symlink(os.path.join(sroot, "apps", "go", ver(old)), os.path.join(sroot, "apps", "go", "current"))
    out.append(("scoop", {}, os.path.join(sroot, "shims"), sub, "scoop", os.path.join(sroot, "apps", "go", "current"),
                os.path.join(sroot, "apps", "go", "current", "bin", "go"), {}))

    # g: ~/.g/go links to versions/<v>; PATH holds ~/.g/go/bin (a real go).
    symlink(new.root, os.path.join(home, ".g", "versions", ver(new)))
    symlink(os.path.join(home, ".g", "versions", ver(new)), os.path.join(home, ".g", "go"))
    out.append(("g", {}, os.path.join(home, ".g", "go", "bin"), sub, "g", os.path.join(home, ".g", "go"),
                os.path.join(home, ".g", "go", "bin", "go"), {}))

    # gvm: `gvm use` puts $GVM_ROOT/gos/<name>/bin on PATH and sets GOROOT.
    gname = "go" + ver(old)
    symlink(old.root, os.path.join(home, ".gvm", "gos", gname))
    gvm_goroot = os.path.join(home, ".gvm", "gos", gname)
    out.append(("gvm", {"GOROOT": gvm_goroot, "gvm_go_name": gname}, os.path.join(gvm_goroot, "bin"), sub, "gvm",
                "gvm_go_name (gvm use)", os.path.join(gvm_goroot, "bin", "go"), {"GOROOT": gvm_goroot}))
    return out


def base_env(home, path_dir, extra=None):
    env = {"PATH": path_dir + ":/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8"}
    env.update(extra or {})
    return env


def json_of(r):
    try:
        return json.loads(r.stdout.decode("utf-8"))
    except ValueError:
        return None


def test_layouts(root, old, new):
    home = os.path.join(root, "home")
    for name, extra, path_dir, cwd, want_mgr, want_file, runs, exports in layouts(root, old, new):
        env = base_env(home, path_dir, extra)
        want = real_go_env(runs, exports, env, cwd)
        if not check(want is not None, "%s: the real go runs as the manager runs it" % name):
            continue
        want_goroot, want_version = want.split("\n")[:2]
        r = gostatus(["--json"], env, cwd, traced=True, label=name)
        doc = json_of(r)
        if not check(doc is not None, "%s: --json parses" % name, e2e.show(r.stdout) + e2e.show(r.stderr)):
            continue
        m = doc["manager"]
        check(m["name"] == want_mgr, "%s: manager named" % name, repr(m))
        check(m["selected_by"] == want_file, "%s: the selecting file" % name, "%r != %r" % (m["selected_by"], want_file))
        check(doc["env"]["GOROOT"]["value"] == want_goroot, "%s: --json GOROOT" % name,
              "%r != %r" % (doc["env"]["GOROOT"]["value"], want_goroot))
        check(doc["env"]["GOVERSION"]["value"] == want_version, "%s: --json GOVERSION" % name,
              "%r != %r" % (doc["env"]["GOVERSION"]["value"], want_version))
        check(any(f["id"] == "version-manager" for f in doc["findings"]), "%s: version-manager finding" % name)
        check(not doc["spawned"]["used"], "%s: no fallback spawn" % name)
        r = gostatus(["env", "GOROOT", "GOVERSION"], env, cwd, traced=True, label=name)
        check(r.stdout.decode("utf-8", "replace") == want, "%s: env GOROOT GOVERSION matches the real go" % name,
              "%s != %r" % (e2e.show(r.stdout), want))
        r = gostatus(["doctor"], env, cwd, label=name)
        out = r.stdout.decode("utf-8", "replace")
        check(("manager   %s" % want_mgr) in out and want_file in out, "%s: doctor names manager and file" % name, out[:600])


def test_not_installed(root):
    home = os.path.join(root, "home")
    groot = os.path.join(home, ".goenv")
    d = os.path.join(root, "missing-version")
    write(os.path.join(d, ".go-version"), "1.99.0\n")
    env = base_env(home, os.path.join(groot, "shims"))
    r = gostatus(["--json"], env, d, traced=True, label="goenv not installed")
    doc = json_of(r)
    if not check(doc is not None, "not installed: --json parses"):
        return
    f = [f for f in doc["findings"] if f["id"] == "version-not-installed"]
    check(len(f) == 1 and f[0]["severity"] == "error" and f[0]["fix"][0] == "goenv install 1.99.0",
          "not installed: error finding with goenv install", repr(f))
    check(doc["health"] == "error", "not installed: health error")


def test_go_version_in_parent_shows_next_render(root, old, new):
    """The cache: a .go-version created in a parent directory must show on
    the very next render."""
    home = os.path.join(root, "home")
    groot = os.path.join(home, ".goenv")
    top = os.path.join(root, "cache-case")
    cwd = os.path.join(top, "a", "b")
    os.makedirs(cwd)
    cache = os.path.join(root, "cache-dir")
    os.makedirs(cache, 0o700)  # now, not during the runs: root is on the go's path
    env = base_env(home, os.path.join(groot, "shims"), {"GOSTATUS_CACHE_DIR": cache})
    time.sleep(RACY_SLEEP)
    # Default flags: `cache info` looks up the entry of the default prompt.
    first = gostatus([], env, cwd)
    check(ver(old) in first.stdout.decode(), "cache: first render shows the global version", e2e.show(first.stdout))
    info = gostatus(["cache", "info"], env, cwd)
    check(b"this prompt hit" in info.stdout, "cache: the entry is valid before the change", e2e.show(info.stdout))
    write(os.path.join(top, "a", ".go-version"), ver(new) + "\n")
    second = gostatus([], env, cwd)
    check(ver(new) in second.stdout.decode() and ver(old) not in second.stdout.decode(),
          "cache: the new parent .go-version shows on the next render", e2e.show(second.stdout))


def process_gone(pid):
    for _ in range(300):
        try:
            with open("/proc/%d/stat" % pid) as f:
                stat = f.read()
        except OSError:
            return True
        if stat[stat.rfind(")") + 2:].startswith("Z"):
            return True
        time.sleep(0.01)
    return False


def test_fallback(root, sdk):
    home = os.path.join(root, "home")
    # 1. A wrapper script that answers: run once, the answer is used.
    bin_ok = os.path.join(root, "wrapper-ok", "bin")
    # Files the scripts write live outside the go's path: a new entry in a
    # directory on it would (rightly) invalidate the cached answer.
    seen = os.path.join(root, "scratch", "seen")
    os.makedirs(os.path.dirname(seen))
    write(os.path.join(bin_ok, "go"),
          '#!/bin/sh\necho "GOTOOLCHAIN=$GOTOOLCHAIN" >> %s\nexec %s "$@"\n' % (seen, sdk.go), 0o755)
    cwd = os.path.join(root, "wrapper-ok")
    cache = os.path.join(root, "cache-wrapper")
    os.makedirs(cache, 0o700)
    env = base_env(home, bin_ok, {"GOSTATUS_CACHE_DIR": cache})
    r = gostatus(["--json"], env, cwd)
    doc = json_of(r)
    if check(doc is not None, "fallback: --json parses", e2e.show(r.stdout)):
        sp = doc["spawned"]
        check(sp["used"] and sp["status"] == "exited" and sp["error"] == "", "fallback: spawned and answered", repr(sp))
        check(sp["args"] == ["env", "-json", "GOROOT", "GOVERSION"], "fallback: go env -json", repr(sp["args"]))
        check(doc["env"]["GOVERSION"]["value"] == sdk.goversion, "fallback: GOVERSION from the answer",
              doc["env"]["GOVERSION"]["value"])
        check(doc["env"]["GOROOT"]["value"] == sdk.root, "fallback: GOROOT from the answer", doc["env"]["GOROOT"]["value"])
        check(any(f["id"] == "go-spawned" for f in doc["findings"]), "fallback: go-spawned finding")
    with open(seen) as f:
        check(f.read().strip().split("\n")[-1] == "GOTOOLCHAIN=local", "fallback: the child ran with GOTOOLCHAIN=local")
    want = e2e.run_shell_go(["env", "GOROOT", "GOVERSION"], dict(env, GOTOOLCHAIN="local"), cwd).stdout
    r = gostatus(["env", "GOROOT", "GOVERSION"], env, cwd)
    check(r.stdout == want, "fallback: env matches the wrapper's own answer", "%s != %s" % (e2e.show(r.stdout), e2e.show(want)))
    time.sleep(RACY_SLEEP)
    first = gostatus([], env, cwd)
    check(ver(sdk) in first.stdout.decode(), "fallback: prompt shows the version", e2e.show(first.stdout))
    info = gostatus(["cache", "info"], env, cwd)
    check(b"this prompt hit" in info.stdout, "fallback: the answer is cached", e2e.show(info.stdout))
    second = gostatus([], env, cwd, traced=True, label="fallback cached")
    check(second.stdout == first.stdout, "fallback: second render from the cache", e2e.show(second.stdout))

    # 2. A script that never answers: killed, the prompt still prints, the
    # next render is a cache hit that runs nothing.
    bin_hang = os.path.join(root, "wrapper-hang", "bin")
    pids = os.path.join(root, "scratch", "pids")
    write(os.path.join(bin_hang, "go"), '#!/bin/sh\nsleep 100000 &\necho $$ $! >> %s\nwait\n' % pids, 0o755)
    cwd = os.path.join(root, "wrapper-hang")
    cache = os.path.join(root, "cache-hang")
    os.makedirs(cache, 0o700)
    env = base_env(home, bin_hang, {"GOSTATUS_CACHE_DIR": cache})
    time.sleep(RACY_SLEEP)
    r = gostatus(["--glyphs", "ascii"], env, cwd)
    line = r.stdout.decode("utf-8", "replace")
    check(not r.timed_out and r.rc == 0 and line.startswith("go?"), "hang: the prompt prints", "%s %r" % (r.status(), line))
    try:
        with open(pids) as f:
            recorded = [int(x) for x in f.read().split()]
    except (OSError, ValueError):
        recorded = []
    check(len(recorded) == 2, "hang: the script ran once (pids %r)" % recorded)
    for pid in recorded:
        check(process_gone(pid), "hang: process %d is gone afterwards" % pid)
    again = gostatus(["--glyphs", "ascii"], env, cwd, traced=True, label="hang cached")
    check(again.stdout == r.stdout, "hang: the timeout answer is served from the cache", e2e.show(again.stdout))
    with open(pids) as f:
        check(len(f.read().split()) == 2, "hang: the cached render did not run the script again")
    r = gostatus(["doctor"], env, cwd)
    out = r.stdout.decode("utf-8", "replace")
    check("go-version-unknown" in out and "gostatus cache clear" in out, "hang: doctor explains and offers the fix", out[-800:])


def main():
    global GS, STRACE, TRACE_DIR
    sdks = {s.short: s for s in e2e.find_sdks()}
    old, new = sdks.get("1.21"), sdks.get("1.23")
    if not old or not new:
        e2e.skip("needs /usr/lib/go-1.21 and /usr/lib/go-1.23 (found: %s)" % ", ".join(sorted(sdks)) or "none")
    GS = e2e.gostatus_bin()
    strace = shutil.which("strace")
    if strace and e2e.run([strace, "-f", "-o", "/dev/null", "/bin/true"], {"PATH": "/usr/bin:/bin"}, "/").rc == 0:
        STRACE = strace
    else:
        e2e.not_run("the no-spawn checks", "strace is missing or not permitted")
    tmp = os.environ.get("GOSTATUS_E2E_TMP") or ("/var/tmp" if os.path.isdir("/var/tmp") else None)
    if tmp:
        os.environ["TMPDIR"] = tmp
    root = e2e.make_temp_root("gostatus-managers-")
    try:
        TRACE_DIR = os.path.join(root, "traces")
        os.makedirs(TRACE_DIR)
        above = e2e.go_files_above(root)
        if above:
            e2e.skip("go.mod/go.work above the temp dir would change the answers: %s" % above)
        test_layouts(root, old, new)
        test_not_installed(root)
        test_go_version_in_parent_shows_next_render(root, old, new)
        test_fallback(root, new)
    finally:
        e2e.remove_tree(root)
    print("managers: %d checks, %d failed" % (CHECKS[0], len(FAILURES)))
    return e2e.FAIL if FAILURES else e2e.PASS


if __name__ == "__main__":
    sys.exit(main())
