#!/usr/bin/env python3
"""Seeds from real inputs, made at run time (too big, or machine-specific,
to commit): each installed SDK's go, gofmt and a few tools, hello-worlds
cross-built for windows, darwin, aix, plan9 and 386, the SDKs' go.env files,
go.mod/go.work files from the Go source trees, the SDKs' VERSION strings and
`go env -json` output, and cache entries written by the instrumented
gostatus itself. Then the seed check: our reader against `go version -m`
on every real executable.
  gen_seeds.py BUILD_DIR OUT_DIR
Prints one line per part; exits 1 when the seed check fails.
"""
import concurrent.futures
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

HELLO = 'package main\n\nimport "runtime"\n\nfunc main() { println("hello, GOROOT=" + runtime.GOROOT()) }\n'
TARGETS = [("windows/amd64", []), ("darwin/arm64", []), ("darwin/amd64", ["-trimpath"]),
           ("aix/ppc64", []), ("plan9/amd64", []), ("linux/386", []), ("linux/amd64", ["-trimpath"])]


def sdks():
    roots = [r for r in glob.glob("/usr/lib/go-1.*") if os.path.isfile(os.path.join(r, "bin", "go"))]
    return sorted(roots, key=lambda r: int(r.rsplit(".", 1)[1]))


def go_env(tmp):
    return {"PATH": "/usr/bin:/bin", "HOME": tmp, "GOPATH": os.path.join(tmp, "gopath"),
            "GOCACHE": os.environ.get("FUZZ_GOCACHE", os.path.join(tmp, "gocache")),
            "GOTOOLCHAIN": "local", "GOPROXY": "off", "GOFLAGS": "-mod=mod", "GOWORK": "off",
            "GOENV": "off", "CGO_ENABLED": "0", "LANG": "C"}


def hello_worlds(newest, tmp):
    src = os.path.join(tmp, "hello")
    os.makedirs(src)
    with open(os.path.join(src, "go.mod"), "w") as f:
        f.write("module example.com/hello\n\ngo 1.19\n")
    with open(os.path.join(src, "main.go"), "w") as f:
        f.write(HELLO)

    def build(t):
        target, flags = t
        goos, goarch = target.split("/")
        out = os.path.join(tmp, "hello-%s-%s%s" % (goos, goarch, "-trim" if flags else ""))
        env = dict(go_env(tmp), GOOS=goos, GOARCH=goarch)
        r = subprocess.run([os.path.join(newest, "bin", "go"), "build", "-o", out] + flags + ["."],
                           cwd=src, env=env, capture_output=True, timeout=600)
        return out if r.returncode == 0 else None

    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        return [p for p in ex.map(build, TARGETS) if p]


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def main():
    build, out = sys.argv[1], sys.argv[2]
    roots = sdks()
    if not roots:
        print("gen_seeds: no Go SDK under /usr/lib/go-1.*: real seeds skipped")
        return 0
    newest = roots[-1]
    for d in ["buildinfo", "modinfo", "envfile", "gomod", "goversion", "json", "cache_entry"]:
        os.makedirs(os.path.join(out, d), exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="gostatus-fuzz-seeds-")
    status = 0
    try:
        exes = []
        for r in roots:
            exes += [os.path.join(r, "bin", "go"), os.path.join(r, "bin", "gofmt")]
        for tool in ["vet", "asm"]:
            exes += glob.glob(os.path.join(newest, "pkg", "tool", "*", tool))
        exes += hello_worlds(newest, tmp)
        r = subprocess.run([os.path.join(build, "tests", "fuzz", "fuzz_seedprep"), os.path.join(out, "buildinfo"),
                            os.path.join(out, "modinfo")] + exes, capture_output=True, text=True)
        sys.stderr.write(r.stderr)
        if r.returncode != 0:
            print("gen_seeds: fuzz_seedprep failed")
            status = 1
        # The seed check: what the instrumented gostatus reads is what go reads.
        env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "GOTOOLCHAIN": "local", "GOENV": "off"}
        want = subprocess.run([os.path.join(newest, "bin", "go"), "version", "-m"] + exes, env=env,
                              capture_output=True)
        got = subprocess.run([os.path.join(build, "gostatus"), "debug", "buildinfo"] + exes, env=env,
                             capture_output=True)
        if (want.returncode, want.stdout, want.stderr) != (got.returncode, got.stdout, got.stderr):
            print("gen_seeds: seed check FAILED: gostatus debug buildinfo differs from `go version -m`")
            for label, res in [("go", want), ("gostatus", got)]:
                print("  %s: rc=%d\n%s%s" % (label, res.returncode, res.stdout.decode(errors="replace")[-3000:],
                                            res.stderr.decode(errors="replace")[-3000:]))
            status = 1
        else:
            print("gen_seeds: seed check: %d executables read as `%s version -m` reads them" % (len(exes), newest))

        # Text inputs.
        n = 0
        for r in roots:
            p = os.path.join(r, "go.env")
            if os.path.isfile(p):
                shutil.copy(p, os.path.join(out, "envfile", "go.env-" + os.path.basename(r)))
                n += 1
        mods = []
        for r in (roots[0], newest):
            src = r.replace("/usr/lib/", "/usr/share/") + "/src"
            mods += sorted(glob.glob(src + "/**/go.mod", recursive=True))[:40]
            mods += sorted(glob.glob(src + "/**/go.work", recursive=True))[:10]
        for i, p in enumerate(mods):
            if os.path.getsize(p) > 16384:
                continue
            data = open(p, "rb").read()
            write(os.path.join(out, "gomod", "%03d-%s" % (i, os.path.basename(p))),
                  bytes([1 if p.endswith(".work") else i % 64 & ~1]) + data)
        versions = []
        for r in roots:
            res = subprocess.run([os.path.join(r, "bin", "go"), "env", "-json", "GOROOT", "GOVERSION"],
                                 env=go_env(tmp), capture_output=True)
            if res.returncode == 0:
                write(os.path.join(out, "json", "go-env-" + os.path.basename(r)), res.stdout)
                m = re.search(rb'"GOVERSION": "go([^"]*)"', res.stdout)
                if m:
                    versions.append(m.group(1).split(b" ")[0])
        for i, v in enumerate(versions):
            write(os.path.join(out, "goversion", "sdk-%d" % i), v + b"\n" + versions[(i + 1) % len(versions)])
        # Cache entries, written by the instrumented gostatus in a module.
        cache = os.path.join(tmp, "cache")
        proj = os.path.join(tmp, "hello")
        env = {"PATH": os.path.join(newest, "bin") + ":/usr/bin:/bin", "HOME": tmp, "GOSTATUS_CACHE_DIR": cache}
        subprocess.run([os.path.join(build, "gostatus")], env=env, cwd=proj, capture_output=True, timeout=60)
        entries = [p for p in glob.glob(cache + "/**", recursive=True) if os.path.isfile(p)]
        for p in entries:
            shutil.copy(p, os.path.join(out, "cache_entry", os.path.basename(p)))
        print("gen_seeds: %d executables, %d go.env, %d go.mod/go.work, %d versions, %d cache files" % (
            len(exes), n, len(mods), len(versions), len(entries)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
