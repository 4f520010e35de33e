#!/usr/bin/env python3
"""Differential test: `gostatus env [-json] NAME...` against the real `go env`.

For every installed Go SDK (/usr/lib/go-1.*) and every scenario template
below, a fresh temporary tree is laid out (fake GOROOTs, symlinks, env files,
a temporary HOME), an environment is built from scratch (nothing of the
caller's is inherited), and for each query both forms are run:

    /bin/sh -c 'exec go "$@"' go env [-json] NAMES     (the oracle: the go
                                                        the shell would run)
    $GOSTATUS_BIN env [-json] NAMES                     (cold, then again warm)

and must agree byte for byte on stdout and on success vs failure. See
docs/differential-scenarios.md for the rules and the scenario list.

Usage:
  test_differential.py [-v] [-j N] [--filter SUBSTR] [--list] [--markdown]
                       [--report FILE] [--self-test]
  env: GOSTATUS_BIN, GOSTATUS_DIFF_FILTER=substring, GOSTATUS_DIFF_JOBS=N,
       GOSTATUS_DIFF_DETAILS=N (mismatch details printed, default 30),
       GOSTATUS_E2E_KEEP=1 (keep the trees, to reproduce by hand),
       GOSTATUS_E2E_SDKS=root1:root2 (SDKs to use)
Exit: 0 pass, 1 mismatches, 77 skip (no SDK installed).
"""

import argparse
import concurrent.futures
import json
import os
import shutil
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gostatus_e2e as e2e  # noqa: E402

NAMES = e2e.SUPPORTED_NAMES
# Odd order, repeats, the GOROOT-derived names next to each other.
ODD = ["GOVERSION", "GOROOT", "GOVERSION", "GOCACHE", "GOENV", "GOROOT",
       "GOTOOLDIR", "GOPATH", "GOMODCACHE", "GOTOOLCHAIN", "GOPATH"]
DEFAULT_QUERIES = [NAMES, ODD]

# --------------------------------------------------------------------------
# Scenario templates


class Template:
    def __init__(self, name, doc, build, queries, when, mutate=None):
        self.name, self.doc, self.build = name, doc, build
        self.queries, self.when, self.mutate = queries, when, mutate


TEMPLATES = []


def scenario(name, doc, queries=(), when=None, replace_default=False, mutate=None):
    """Registers a template. build(ctx) lays out the tree and sets ctx.env /
    ctx.path; queries are added to (or replace) DEFAULT_QUERIES. With
    mutate(ctx), gostatus first runs every query once (to fill any cache),
    then the files are changed, then the comparisons run: a stale answer
    shows up as a mismatch."""
    def deco(fn):
        qs = list(queries) if replace_default else list(DEFAULT_QUERIES) + list(queries)
        TEMPLATES.append(Template(name, doc, fn, qs, when, mutate))
        return fn
    return deco


def multi_sdk(sdk, sdks):
    return len(sdks) > 1


class Ctx:
    """The per-scenario sandbox: T (self.root) holds home/, work/ (the cwd)
    and whatever the template builds."""

    def __init__(self, sdk, sdks, root, shared):
        self.sdk, self.sdks, self.root, self.shared = sdk, sdks, root, shared
        self.home = self.mkdir("home")
        self.cwd = self.mkdir("work")
        self.env = {"HOME": self.home}
        self.path = None        # list of PATH entries; default [sdk/bin]
        self.path_raw = None    # or the exact PATH string

    # paths
    def p(self, *parts):
        return os.path.join(self.root, *parts)

    def mkdir(self, rel):
        d = self.p(rel)
        os.makedirs(d, exist_ok=True)
        return d

    def write(self, path, data, mode=None):
        path = path if os.path.isabs(path) else self.p(path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(e2e.to_bytes(data))
        if mode is not None:
            os.chmod(path, mode)
        return path

    def symlink(self, target, rel):
        path = rel if os.path.isabs(rel) else self.p(rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        os.symlink(target, path)
        return path

    def go_copy(self, rel, sdk=None):
        """A hard link to this run's private copy of the SDK's go binary
        (a plain copy where linking fails)."""
        path = rel if os.path.isabs(rel) else self.p(rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        src = self.shared.binary(sdk or self.sdk)
        try:
            os.link(src, path)
        except OSError:
            e2e.copy_executable(src, path)
        return path

    def farm(self, rel, binary="hardlink", go_env=True, version=True, pkg="symlink",
             goos_goarch_bin=False, sdk=None):
        """A GOROOT made of symlinks into the SDK (Homebrew libexec style).
        binary: "hardlink" | "symlink" | None; go_env / version: True (copy
        the SDK's), False (absent) or the content; pkg: "symlink" (pkg ->
        SDK/pkg) or "real" (real pkg/tool dir, linux_amd64 -> SDK's)."""
        sdk = sdk or self.sdk
        d = self.mkdir(rel)
        bindir = os.path.join(d, "bin", "linux_amd64") if goos_goarch_bin else os.path.join(d, "bin")
        os.makedirs(bindir, exist_ok=True)
        if binary == "hardlink":
            self.go_copy(os.path.join(bindir, "go"), sdk)
        elif binary == "symlink":
            os.symlink(sdk.go, os.path.join(bindir, "go"))
        if pkg == "symlink":
            os.symlink(os.path.join(sdk.root, "pkg"), os.path.join(d, "pkg"))
        else:
            os.makedirs(os.path.join(d, "pkg", "tool"))
            os.symlink(os.path.join(sdk.root, "pkg", "tool", "linux_amd64"),
                       os.path.join(d, "pkg", "tool", "linux_amd64"))
        for sub in ("src", "misc", "api"):
            if os.path.exists(os.path.join(sdk.root, sub)):
                os.symlink(os.path.join(sdk.root, sub), os.path.join(d, sub))
        if version is True:
            shutil.copy(os.path.join(sdk.root, "VERSION"), os.path.join(d, "VERSION"))
        elif version:
            self.write(os.path.join(d, "VERSION"), version)
        if go_env is True:
            if sdk.has_go_env:
                shutil.copy(os.path.join(sdk.root, "go.env"), os.path.join(d, "go.env"))
        elif go_env:
            self.write(os.path.join(d, "go.env"), go_env)
        return d

    def user_env(self, data, path=None):
        """The user's env file, as `go env -w` keeps it (default location)."""
        return self.write(path or os.path.join(self.home, ".config", "go", "env"), data)

    def other_sdk(self):
        """A different SDK: the next newer one, else the next older."""
        i = self.sdks.index(self.sdk)
        return self.sdks[i + 1] if i + 1 < len(self.sdks) else self.sdks[i - 1]

    def final_env(self):
        env = dict(self.env)
        if self.path_raw is not None:
            env["PATH"] = self.path_raw
        else:
            env["PATH"] = ":".join(self.path if self.path is not None
                                   else [os.path.join(self.sdk.root, "bin")])
        return env


# ---- how go is reached -------------------------------------------------

@scenario("layout/sdk-bin", "PATH=SDK/bin, GOROOT unset: the plain install",
          queries=[["GOROOT"], ["GOVERSION"], list(reversed(NAMES))])
def _(c):
    pass


@scenario("names/each-single", "every name alone, plain SDK",
          queries=[[n] for n in NAMES], replace_default=True)
def _(c):
    pass


@scenario("layout/debian-usr-bin", "T/usr/bin/go -> ../lib/go/bin/go, T/usr/lib/go -> SDK (Debian alternatives)",
          queries=[["GOROOT"]])
def _(c):
    c.symlink(c.sdk.root, "usr/lib/go")
    c.symlink("../lib/go/bin/go", "usr/bin/go")
    c.symlink("../lib/go/bin/gofmt", "usr/bin/gofmt")
    c.path = [c.p("usr/bin")]


@scenario("layout/absolute-symlink", "T/bin/go -> SDK/bin/go")
def _(c):
    c.symlink(c.sdk.go, "bin/go")
    c.path = [c.p("bin")]


@scenario("layout/relative-symlink-chain", "3 relative hops (one with ..) to SDK/bin/go",
          queries=[["GOROOT"]])
def _(c):
    c.mkdir("hop2/sub")
    c.symlink("../hop1/go-a", "bin/go")
    c.symlink("../hop2/sub/../go-b", "hop1/go-a")
    c.symlink(os.path.relpath(c.sdk.go, c.p("hop2")), "hop2/go-b")
    c.path = [c.p("bin")]


@scenario("layout/symlink-in-fake-goroot", "T/fake/bin/go -> SDK/bin/go where T/fake has pkg/tool and a VERSION: "
          "the kernel-resolved executable path wins")
def _(c):
    c.symlink(c.sdk.go, "fake/bin/go")
    c.mkdir("fake/pkg/tool/linux_amd64")
    c.write("fake/VERSION", "go1.99.0\n")
    c.write("fake/go.env", "GOPROXY=https://fake.example\n")
    c.path = [c.p("fake/bin")]


@scenario("layout/homebrew", "prefix/bin/go -> ../Cellar/go/V/bin/go -> ../libexec/bin/go (hard link); "
          "libexec = symlink farm with pkg -> SDK/pkg", queries=[["GOROOT"], ["GOTOOLDIR"]])
def _(c):
    cellar = "brew/Cellar/go/%s" % c.sdk.short
    c.farm(cellar + "/libexec")
    c.symlink("../libexec/bin/go", cellar + "/bin/go")
    c.symlink("../Cellar/go/%s/bin/go" % c.sdk.short, "brew/bin/go")
    c.path = [c.p("brew/bin")]


@scenario("layout/homebrew-real-pkg", "Homebrew layout whose libexec/pkg is a real dir with tool/linux_amd64 -> SDK's")
def _(c):
    cellar = "brew/Cellar/go/%s" % c.sdk.short
    c.farm(cellar + "/libexec", pkg="real")
    c.symlink("../libexec/bin/go", cellar + "/bin/go")
    c.symlink("../Cellar/go/%s/bin/go" % c.sdk.short, "brew/bin/go")
    c.path = [c.p("brew/bin")]


@scenario("layout/goos-goarch-bin", "binary at GOROOT/bin/linux_amd64/go (cross-built layout): go1.21+ look at "
          "exe/../../..; go1.19 does not", queries=[["GOROOT"]])
def _(c):
    d = c.farm("groot", goos_goarch_bin=True)
    c.path = [os.path.join(d, "bin", "linux_amd64")]


@scenario("layout/goos-goarch-bin-via-symlink", "T/bin/go -> T/groot/bin/linux_amd64/go")
def _(c):
    d = c.farm("groot", goos_goarch_bin=True)
    c.symlink(os.path.join(d, "bin", "linux_amd64", "go"), "bin/go")
    c.path = [c.p("bin")]


@scenario("layout/copied-binary", "a copy of go outside any GOROOT, GOROOT unset (trimmed go1.21+ fail; "
          "go1.19 falls back to its built-in GOROOT)", queries=[["GOROOT"]])
def _(c):
    c.go_copy("lonely/go")
    c.path = [c.p("lonely")]


@scenario("layout/copied-binary-goroot-env", "a copy of go outside any GOROOT, GOROOT=SDK")
def _(c):
    c.go_copy("lonely/go")
    c.path = [c.p("lonely")]
    c.env["GOROOT"] = c.sdk.root


@scenario("layout/copied-binary-goroot-envfile", "a copy of go outside any GOROOT, GOROOT=SDK/ in the user env file")
def _(c):
    c.go_copy("lonely/go")
    c.path = [c.p("lonely")]
    c.user_env("GOROOT=%s/\n" % c.sdk.root)


@scenario("layout/farm-custom-go-env", "hard-linked go in a farm whose go.env is modified (comments, GOROOT, GOPATH)")
def _(c):
    d = c.farm("groot", go_env="# custom go.env\n\nGOPROXY=https://proxy.example.invalid\nGOSUMDB=off\n"
               "GOTOOLCHAIN=local\nGOFLAGS=-mod=mod\nGOROOT=/ignored/goroot\nGOPATH=/from/goroot/go.env\n"
               "GOBIN=/from/goroot/bin\nGOCACHE=/from/goroot/cache\n")
    c.path = [os.path.join(d, "bin")]


@scenario("layout/farm-no-go-env", "farm without go.env (go1.21+: GOPROXY/GOSUMDB/GOTOOLCHAIN lose their defaults)")
def _(c):
    d = c.farm("groot", go_env=False)
    c.path = [os.path.join(d, "bin")]


@scenario("layout/farm-fake-VERSION", "farm whose VERSION file lies: GOVERSION comes from the binary")
def _(c):
    d = c.farm("groot", version="go1.99.9 X:fake\ntime 2030-01-01T00:00:00Z\n")
    c.path = [os.path.join(d, "bin")]


@scenario("layout/farm-no-VERSION", "farm without a VERSION file")
def _(c):
    d = c.farm("groot", version=False)
    c.path = [os.path.join(d, "bin")]


@scenario("layout/symlinked-parent-dir", "PATH=T/alias/groot/bin where T/alias -> T/real: GOROOT is the real path")
def _(c):
    c.farm("real/groot")
    c.symlink(c.p("real"), "alias")
    c.path = [c.p("alias/groot/bin")]


@scenario("layout/sdk-dir-symlink", "PATH=T/sdk/bin where T/sdk -> SDK")
def _(c):
    c.symlink(c.sdk.root, "sdk")
    c.path = [c.p("sdk/bin")]


# ---- PATH search --------------------------------------------------------

@scenario("path/skips-non-executables", "earlier PATH dirs hold a non-executable go file, a go directory and a "
          "dangling go symlink: the shell skips them")
def _(c):
    c.write("p1/go", "#!/bin/sh\necho fake\n", mode=0o644)
    c.mkdir("p2/go")
    c.symlink(c.p("nowhere/go"), "p3/go")
    c.path = [c.p("p1"), c.p("p2"), c.p("p3"), os.path.join(c.sdk.root, "bin")]


@scenario("path/empty-entry-is-cwd", "PATH=/nonexistent::OTHER/bin with cwd/go -> SDK go: the empty entry (cwd) wins")
def _(c):
    c.symlink(c.sdk.go, os.path.join(c.cwd, "go"))
    other = c.other_sdk() if len(c.sdks) > 1 else c.sdk
    c.path_raw = "%s::%s" % (c.p("nonexistent"), os.path.join(other.root, "bin"))


@scenario("path/relative-entry", "PATH=bin:OTHER/bin with cwd/bin/go -> SDK go")
def _(c):
    c.symlink(c.sdk.go, os.path.join(c.cwd, "bin", "go"))
    other = c.other_sdk() if len(c.sdks) > 1 else c.sdk
    c.path_raw = "bin:%s" % os.path.join(other.root, "bin")


@scenario("path/two-sdks", "PATH=SDK/bin:OTHER/bin: the first go wins", when=multi_sdk)
def _(c):
    c.path = [os.path.join(c.sdk.root, "bin"), os.path.join(c.other_sdk().root, "bin")]


@scenario("path/unclean-entry", "PATH entry spelled with // and a trailing slash")
def _(c):
    c.path_raw = c.sdk.root.replace("/lib/", "//lib/") + "/bin/"


@scenario("path/no-go", "no go on PATH at all: the shell fails (127); gostatus must fail and print nothing",
          queries=[["GOROOT"]], replace_default=True)
def _(c):
    c.path = [c.mkdir("empty")]


# ---- GOROOT -------------------------------------------------------------

@scenario("goroot/exact", "GOROOT=SDK")
def _(c):
    c.env["GOROOT"] = c.sdk.root


@scenario("goroot/trailing-slash", "GOROOT=SDK/ (go1.21+ print it raw, go1.19 cleans)", queries=[["GOROOT"]])
def _(c):
    c.env["GOROOT"] = c.sdk.root + "/"


@scenario("goroot/double-slash", "GOROOT=/usr//lib/go-1.N")
def _(c):
    c.env["GOROOT"] = c.sdk.root.replace("/lib/", "//lib/")


@scenario("goroot/dot-segments", "GOROOT=/usr/lib/./../lib/go-1.N/.")
def _(c):
    c.env["GOROOT"] = c.sdk.root.replace("/lib/", "/lib/./../lib/") + "/."


@scenario("goroot/other-sdk", "GOROOT=another SDK than the binary's", when=multi_sdk)
def _(c):
    c.env["GOROOT"] = c.other_sdk().root


@scenario("goroot/oldest-sdk", "GOROOT=the oldest SDK (for go1.21+: one without go.env)", when=multi_sdk)
def _(c):
    o = c.sdks[0] if c.sdks[0] is not c.sdk else c.sdks[-1]
    c.env["GOROOT"] = o.root


@scenario("goroot/is-a-file", "GOROOT names a regular file: go fails (exit 2)", queries=[["GOROOT"]])
def _(c):
    c.env["GOROOT"] = c.write("afile", "not a dir\n")


@scenario("goroot/missing", "GOROOT names a missing path: go fails (exit 2)")
def _(c):
    c.env["GOROOT"] = c.p("missing/goroot")


@scenario("goroot/relative", "GOROOT relative to the cwd")
def _(c):
    c.env["GOROOT"] = os.path.relpath(c.sdk.root, c.cwd)


@scenario("goroot/empty", "GOROOT= (empty means unset)")
def _(c):
    c.env["GOROOT"] = ""


@scenario("goroot/symlink-to-sdk", "GOROOT=T/sdklink where T/sdklink -> SDK (printed as given)")
def _(c):
    c.env["GOROOT"] = c.symlink(c.sdk.root, "sdklink")


@scenario("goroot/farm-custom-go-env", "GOROOT=a farm with its own go.env, binary from SDK/bin")
def _(c):
    c.env["GOROOT"] = c.farm("groot", binary=None, go_env="GOPROXY=https://farm.example\nGOSUMDB=sum.farm.example\n"
                             "GOTOOLCHAIN=local\n")


@scenario("goroot/envfile-and-env", "user env file GOROOT=farm (own go.env), OS GOROOT=SDK: go1.21+ read go.env "
          "from the file's GOROOT but print the OS one")
def _(c):
    d = c.farm("groot", binary=None, go_env="GOPROXY=https://farm.example\nGOTOOLCHAIN=local\n")
    c.user_env("GOROOT=%s\n" % d)
    c.env["GOROOT"] = c.sdk.root + "/"


@scenario("goroot/envfile-only", "user env file GOROOT=farm/ (trailing slash), nothing in the OS env")
def _(c):
    d = c.farm("groot", binary=None, go_env="GOPROXY=https://farm.example\n")
    c.user_env("GOROOT=%s/\n" % d)


@scenario("goroot/envfile-missing", "user env file GOROOT=missing dir: go fails", queries=[["GOROOT"]])
def _(c):
    c.user_env("GOROOT=%s\n" % c.p("missing"))


# ---- GOPATH --------------------------------------------------------------

@scenario("gopath/list-empty-entries", "GOPATH=:T/a::T/b: (GOMODCACHE empty: first entry empty)")
def _(c):
    c.env["GOPATH"] = ":%s::%s:" % (c.p("a"), c.p("b"))


@scenario("gopath/list", "GOPATH=T/a:T/b")
def _(c):
    c.env["GOPATH"] = "%s:%s" % (c.p("a"), c.p("b"))


@scenario("gopath/relative", "GOPATH=rel/gp: go fails (exit 2)")
def _(c):
    c.env["GOPATH"] = "rel/gp"


@scenario("gopath/tilde", "GOPATH=~/go: go fails (exit 2)")
def _(c):
    c.env["GOPATH"] = "~/go"


@scenario("gopath/equals-goroot", "GOPATH=SDK: a warning, the value stands")
def _(c):
    c.env["GOPATH"] = c.sdk.root


@scenario("gopath/unclean", "GOPATH=T/x/../gp/ (printed raw, GOMODCACHE cleaned)")
def _(c):
    c.env["GOPATH"] = c.p("x/../gp/")


@scenario("gopath/empty", "GOPATH= (empty means unset)")
def _(c):
    c.env["GOPATH"] = ""


@scenario("gopath/envfile", "GOPATH in the user env file")
def _(c):
    c.user_env("GOPATH=%s\n" % c.p("fromfile"))


@scenario("gopath/env-beats-envfile", "GOPATH in env and in the env file")
def _(c):
    c.user_env("GOPATH=%s\n" % c.p("fromfile"))
    c.env["GOPATH"] = c.p("fromenv")


@scenario("gopath/envfile-relative", "relative GOPATH in the env file: go fails")
def _(c):
    c.user_env("GOPATH=rel\n")


# ---- HOME ------------------------------------------------------------------

@scenario("home/unset", "no HOME: GOPATH/GOMODCACHE/GOENV empty, GOCACHE off")
def _(c):
    del c.env["HOME"]


@scenario("home/empty", "HOME=")
def _(c):
    c.env["HOME"] = ""


@scenario("home/trailing-slash", "HOME=T/home/")
def _(c):
    c.env["HOME"] = c.home + "/"
    c.user_env("GOPROXY=https://home.example\n")


@scenario("home/relative", "HOME=rel (relative): GOPATH is un-inferred but GOMODCACHE keeps rel/go/pkg/mod")
def _(c):
    c.env["HOME"] = "rel"
    c.user_env("GOSUMDB=sum.rel.example\n", path=os.path.join(c.cwd, "rel", ".config", "go", "env"))


@scenario("home/go-is-goroot-env", "GOROOT=HOME/go (a farm): no default GOPATH")
def _(c):
    c.env["GOROOT"] = c.farm("home/go", binary=None)


@scenario("home/go-is-goroot-found", "go found at HOME/go/bin/go (hard link), GOROOT unset")
def _(c):
    d = c.farm("home/go")
    c.path = [os.path.join(d, "bin")]


@scenario("home/unset-xdg-set", "no HOME, XDG_CONFIG_HOME (env file with GOPATH) and XDG_CACHE_HOME set")
def _(c):
    del c.env["HOME"]
    c.env["XDG_CONFIG_HOME"] = c.p("xdgc")
    c.env["XDG_CACHE_HOME"] = c.p("xdgcache")
    c.user_env("GOPATH=%s\nGOBIN=%s\n" % (c.p("gp"), c.p("gb")), path=c.p("xdgc/go/env"))


# ---- XDG -------------------------------------------------------------------

@scenario("xdg/config-home", "XDG_CONFIG_HOME=T/xdg with go/env there, a decoy in HOME/.config")
def _(c):
    c.env["XDG_CONFIG_HOME"] = c.p("xdg")
    c.user_env("GOPROXY=https://xdg.example\nGOPATH=%s\n" % c.p("xdg-gp"), path=c.p("xdg/go/env"))
    c.user_env("GOPROXY=https://decoy.example\n")


@scenario("xdg/config-home-relative", "XDG_CONFIG_HOME=relcfg: go<=1.23 use it relative to the cwd; "
          "go1.24+ ignore it (os.UserConfigDir fails: GOENV empty, no env file)")
def _(c):
    c.env["XDG_CONFIG_HOME"] = "relcfg"
    c.user_env("GOPROXY=https://relxdg.example\n", path=os.path.join(c.cwd, "relcfg", "go", "env"))
    c.user_env("GOPROXY=https://decoy.example\n")


@scenario("xdg/config-home-empty", "XDG_CONFIG_HOME= (empty: HOME/.config)")
def _(c):
    c.env["XDG_CONFIG_HOME"] = ""
    c.user_env("GOPROXY=https://home.example\n")


@scenario("xdg/cache-home", "XDG_CACHE_HOME=T/cache")
def _(c):
    c.env["XDG_CACHE_HOME"] = c.p("cache")


@scenario("xdg/cache-home-relative", "XDG_CACHE_HOME=relcache: go<=1.23 GOCACHE=relcache/go-build; "
          "go1.24+ GOCACHE=off (os.UserCacheDir fails)")
def _(c):
    c.env["XDG_CACHE_HOME"] = "relcache"


@scenario("xdg/unclean", "XDG_CONFIG_HOME and XDG_CACHE_HOME with //, .. and trailing slashes")
def _(c):
    c.env["XDG_CONFIG_HOME"] = c.p("x//cfg/../cfg2/")
    c.env["XDG_CACHE_HOME"] = c.p("x//cache/./")
    c.user_env("GOSUMDB=off\n", path=c.p("x/cfg2/go/env"))


# ---- the user env file --------------------------------------------------

@scenario("envfile/go-env-w-style", "a file as `go env -w` writes it, many keys")
def _(c):
    c.user_env("GOPATH=%s\nGOPROXY=https://goproxy.example,direct\nGOFLAGS=-mod=mod -trimpath\n"
               "GO111MODULE=on\nGOBIN=%s\nGOTOOLCHAIN=local\nGOSUMDB=off\nGOMODCACHE=%s\n"
               "GOCACHE=%s\n" % (c.p("gp"), c.p("gb"), c.p("mc"), c.p("gc")))


@scenario("envfile/crlf", "CRLF line ends: the \\r stays in the values")
def _(c):
    c.user_env("GOPATH=%s\r\nGOPROXY=https://crlf.example\r\nGOBIN=%s\r\nGOFLAGS=-mod=mod\r\n"
               "GOSUMDB=off\r\n" % (c.p("gp"), c.p("gb")))


@scenario("envfile/garbage", "comments, blank lines, BOM, indentation, lowercase and mixed-case keys, "
          "missing =, duplicates (last wins), = in values, no final newline")
def _(c):
    c.user_env(b"\xef\xbb\xbfGOBIN=/bom/hides/this/line\n"
               b"# a comment\n\n   \n"
               b"  GOSUMDB=indented.is.ignored\n"
               b"gopath=/lowercase/ignored\n"
               b"Goproxy=mixed.case.is.another.key\n"
               b"GOPROXY\n"
               b"=novalue\n"
               b"GOPROXY=https://first.example\n"
               b"GOPATH =/key/with/space\n"
               b"GOFLAGS=-ldflags=-X=a=b\n"
               b"GOPROXY=https://second.example|https://x.example/?a=b\n"
               b"GOMODCACHE=" + c.p("mc").encode() + b"\n"
               b"GOSUMDB=sum.example+key")


@scenario("envfile/empty-values", "GOPROXY=, GOSUMDB=, GOTOOLCHAIN=, GOFLAGS= in the user file: go1.21+ then "
          "ignore go.env for those keys")
def _(c):
    c.user_env("GOPROXY=\nGOSUMDB=\nGOTOOLCHAIN=\nGOFLAGS=\nGO111MODULE=\n")


@scenario("envfile/goenv-key-ignored", "GOENV inside the env file has no effect")
def _(c):
    c.user_env("GOENV=%s\nGOPROXY=https://real.example\n" % c.p("other.env"))
    c.write("other.env", "GOPROXY=https://other.example\n")


@scenario("envfile/gomodcache-gocache", "GOMODCACHE and GOCACHE=off in the user file")
def _(c):
    c.user_env("GOMODCACHE=%s\nGOCACHE=off\n" % c.p("mc"))


@scenario("envfile/env-beats-file", "env GOPROXY=direct beats the file; env GOFLAGS= (empty) lets the file's through")
def _(c):
    c.user_env("GOPROXY=off\nGOFLAGS=-mod=vendor\n")
    c.env["GOPROXY"] = "direct"
    c.env["GOFLAGS"] = ""


@scenario("envfile/is-directory", "HOME/.config/go/env is a directory")
def _(c):
    c.mkdir("home/.config/go/env")


@scenario("envfile/goos-and-goroot-go-env-keys", "GOOS=windows and GOTOOLCHAIN=local in the user file")
def _(c):
    c.user_env("GOOS=windows\nGOTOOLCHAIN=local\n")


# ---- GOENV -------------------------------------------------------------------

@scenario("goenv/off", "GOENV=off: GOENV prints empty, the default file is ignored")
def _(c):
    c.env["GOENV"] = "off"
    c.user_env("GOPROXY=https://ignored.example\n")


@scenario("goenv/absolute", "GOENV=T/cfg/myenv")
def _(c):
    c.env["GOENV"] = c.user_env("GOPROXY=https://goenv.example\nGOPATH=%s\n" % c.p("gp"), path=c.p("cfg/myenv"))
    c.user_env("GOPROXY=https://decoy.example\n")


@scenario("goenv/missing", "GOENV=a missing file")
def _(c):
    c.env["GOENV"] = c.p("nope/env")
    c.user_env("GOPROXY=https://decoy.example\n")


@scenario("goenv/directory", "GOENV=a directory")
def _(c):
    c.env["GOENV"] = c.mkdir("adir")


@scenario("goenv/relative", "GOENV=rel.env (relative to the cwd)")
def _(c):
    c.env["GOENV"] = "rel.env"
    c.user_env("GOPROXY=https://rel.example\n", path=os.path.join(c.cwd, "rel.env"))


@scenario("goenv/empty", "GOENV= (empty: the default file)")
def _(c):
    c.env["GOENV"] = ""
    c.user_env("GOPROXY=https://default.example\n")


@scenario("goenv/unclean", "GOENV=T//cfg/./myenv (printed raw)")
def _(c):
    c.user_env("GOSUMDB=off\n", path=c.p("cfg/myenv"))
    c.env["GOENV"] = c.p("cfg/myenv").replace("/cfg/", "//cfg/./")


# ---- GO111MODULE, GOFLAGS ------------------------------------------------------

for _v in ("off", "on", "auto", "garbage", "ON"):
    def _mk(v):
        def b(c):
            c.env["GO111MODULE"] = v
        return b
    scenario("go111module/env-%s" % _v, "GO111MODULE=%s in env%s" % (
        _v, " (go fails: unknown setting)" if _v in ("garbage", "ON") else ""))(_mk(_v))


@scenario("go111module/envfile-off", "GO111MODULE=off in the user file")
def _(c):
    c.user_env("GO111MODULE=off\n")


@scenario("goflags/env", "GOFLAGS=-mod=mod -trimpath -x")
def _(c):
    c.env["GOFLAGS"] = "-mod=mod -trimpath -x"


@scenario("goflags/envfile", "GOFLAGS=-mod=vendor in the user file")
def _(c):
    c.user_env("GOFLAGS=-mod=vendor\n")


@scenario("goflags/json", "GOFLAGS=-json: go env prints JSON even without -json")
def _(c):
    c.env["GOFLAGS"] = "-json"


@scenario("goflags/json-envfile", "GOFLAGS=-json in the user file")
def _(c):
    c.user_env("GOFLAGS=-json -mod=mod\n")


@scenario("goflags/json-quoted", "GOFLAGS='\"-json\"' (go1.21+ unquote it; go1.19 splits on spaces and ignores it)")
def _(c):
    c.env["GOFLAGS"] = '"-json"'


@scenario("goflags/double-dash-json", "GOFLAGS=--json=true")
def _(c):
    c.env["GOFLAGS"] = "--json=true"


@scenario("goflags/json-false", "GOFLAGS=-json=false (the -json argument still wins)")
def _(c):
    c.env["GOFLAGS"] = "-json=false"


@scenario("goflags/json-bogus", "GOFLAGS=-json=bogus: go prints usage and fails (exit 2)")
def _(c):
    c.env["GOFLAGS"] = "-json=bogus"


@scenario("goflags/unterminated-quote", "GOFLAGS=\"'-json -mod=mod\" (a bad quote: ignored by go env)")
def _(c):
    c.env["GOFLAGS"] = "'-json -mod=mod"


# go1.23's -changed (only non-default values, as NAME='v') is not reproduced:
# gostatus env refuses it (exit 2) rather than guess, so the scenario runs
# only where go ignores the flag (go1.21, go1.22) or does not know it.
@scenario("goflags/changed", "GOFLAGS=-changed (ignored before go1.23)",
          when=lambda sdk, sdks: sdk.minor < 23)
def _(c):
    c.env["GOFLAGS"] = "-changed"
    c.env["GOPROXY"] = "direct"


# ---- single-purpose variables ---------------------------------------------------

@scenario("gobin/absolute", "GOBIN=T/gobin")
def _(c):
    c.env["GOBIN"] = c.p("gobin")


@scenario("gobin/relative-unclean", "GOBIN=rel//bin/../b/ (printed raw)")
def _(c):
    c.env["GOBIN"] = "rel//bin/../b/"


@scenario("gobin/envfile", "GOBIN in the user env file")
def _(c):
    c.user_env("GOBIN=%s\n" % c.p("filebin"))


# go1.27 prints where go install writes when GOBIN is unset (envcmd/env.go
# ExtraEnvVars): in GOPATH mode, the first GOPATH entry that is a string
# prefix of the cwd, else the first entry.
@scenario("gobin/gopath-mode-cwd-in-second-entry", "GO111MODULE=off, GOPATH=T/a:T/b, cwd T/b/src/x: "
          "go1.27 GOBIN=T/b/bin")
def _(c):
    c.env["GO111MODULE"] = "off"
    c.env["GOPATH"] = "%s:%s" % (c.p("a"), c.p("b"))
    c.cwd = c.mkdir("b/src/x")


@scenario("gobin/gopath-mode-string-prefix", "GO111MODULE=off, GOPATH=T/a:T/wor, cwd T/work: "
          "a string prefix counts (go1.27 GOBIN=T/wor/bin)")
def _(c):
    c.env["GO111MODULE"] = "off"
    c.env["GOPATH"] = "%s:%s" % (c.p("a"), c.p("wor"))


@scenario("gobin/gopath-mode-empty-first-entry", "GO111MODULE=off, GOPATH=:T/b: go1.27 GOBIN=bin (relative)")
def _(c):
    c.env["GO111MODULE"] = "off"
    c.env["GOPATH"] = ":%s" % c.p("b")


@scenario("gobin/module-mode-gopath-list", "a module, GOPATH=T/a:T/b, cwd in T/b: go1.27 GOBIN=T/a/bin")
def _(c):
    c.env["GOPATH"] = "%s:%s" % (c.p("a"), c.p("b"))
    c.write("b/m/go.mod", "module m\n\ngo 1.19\n")
    c.cwd = c.mkdir("b/m")


@scenario("goexe/goos-windows", "GOOS=windows in env: GOEXE=.exe, GOHOSTOS/GOTOOLDIR unchanged")
def _(c):
    c.env["GOOS"] = "windows"


@scenario("goexe/goos-windows-arm64", "GOOS=windows GOARCH=arm64")
def _(c):
    c.env["GOOS"] = "windows"
    c.env["GOARCH"] = "arm64"


@scenario("goexe/goos-bogus", "GOOS=bogus")
def _(c):
    c.env["GOOS"] = "bogus"


@scenario("gomodcache/set", "GOMODCACHE=T/mc/ (raw)")
def _(c):
    c.env["GOMODCACHE"] = c.p("mc") + "/"


@scenario("gomodcache/relative", "GOMODCACHE=relmc")
def _(c):
    c.env["GOMODCACHE"] = "relmc"


@scenario("gocache/off", "GOCACHE=off")
def _(c):
    c.env["GOCACHE"] = "off"


@scenario("gocache/relative", "GOCACHE=relcache: go turns it off")
def _(c):
    c.env["GOCACHE"] = "relcache"


@scenario("gocache/unclean", "GOCACHE=T//gc/./ (absolute: printed raw)")
def _(c):
    c.env["GOCACHE"] = c.p("gc").replace(c.root, c.root + "/") + "/./"


@scenario("gotoolchain/local", "GOTOOLCHAIN=local", queries=[["GOTOOLCHAIN"]])
def _(c):
    c.env["GOTOOLCHAIN"] = "local"


@scenario("gotoolchain/path", "GOTOOLCHAIN=path (no go.mod: no switch)")
def _(c):
    c.env["GOTOOLCHAIN"] = "path"


@scenario("gotoolchain/local+auto", "GOTOOLCHAIN=local+auto")
def _(c):
    c.env["GOTOOLCHAIN"] = "local+auto"


@scenario("gotoolchain/own-version", "GOTOOLCHAIN=<the binary's own version> (no switch)")
def _(c):
    c.env["GOTOOLCHAIN"] = c.sdk.goversion


@scenario("gotoolchain/garbage", "GOTOOLCHAIN=garbage: go1.21+ fail except for exactly `go env GOTOOLCHAIN`",
          queries=[["GOTOOLCHAIN"]])
def _(c):
    c.env["GOTOOLCHAIN"] = "garbage"


@scenario("gotoolchain/garbage-gomodule-off", "GOTOOLCHAIN=garbage with GO111MODULE=off: no toolchain selection")
def _(c):
    c.env["GOTOOLCHAIN"] = "garbage"
    c.env["GO111MODULE"] = "off"


@scenario("gotoolchain/envfile-garbage", "GOTOOLCHAIN=garbage+auto in the user file", queries=[["GOTOOLCHAIN"]])
def _(c):
    c.user_env("GOTOOLCHAIN=garbage+auto\n")


@scenario("goproxy/set", "GOPROXY=https://env.example,direct")
def _(c):
    c.env["GOPROXY"] = "https://env.example,direct"


@scenario("goproxy/off", "GOPROXY=off GOSUMDB=off")
def _(c):
    c.env["GOPROXY"] = "off"
    c.env["GOSUMDB"] = "off"


@scenario("goproxy/empty-env-falls-back", "GOPROXY= in env, GOPROXY in the file")
def _(c):
    c.env["GOPROXY"] = ""
    c.user_env("GOPROXY=https://file.example\n")


@scenario("gosumdb/custom", "GOSUMDB=sum.example+key https://sum.example")
def _(c):
    c.env["GOSUMDB"] = "sum.example+key https://sum.example"


# ---- output encoding ---------------------------------------------------------------

@scenario("json/escaping", "values with <, >, &, quotes, backslash, tab, control bytes, DEL, U+2028, non-ASCII")
def _(c):
    c.env["GOPROXY"] = 'https://a.example/<x>&y="q"\\z'
    c.env["GOBIN"] = c.p("b\u00e9\u2028x\u2029")
    c.env["GOMODCACHE"] = c.p("m\tc\x01\x1f")
    c.env["GOSUMDB"] = "sum\x7f.example"


@scenario("json/invalid-utf8", "values with invalid UTF-8 (JSON shows U+FFFD, plain the raw bytes)")
def _(c):
    c.env["GOPROXY"] = b"https://\xff\xfe.example"
    c.env["GOBIN"] = c.p("x").encode() + b"/\xc3("
    c.env["GOSUMDB"] = b"\xed\xa0\x80surrogate"


@scenario("value/newline", "a value with an embedded newline")
def _(c):
    c.env["GOPROXY"] = "https://a.example\nhttps://b.example"
    c.user_env("GOSUMDB=x\n")


# ---- changes between two runs (a cache must notice them) ---------------------

MUTATION_QUERIES = [NAMES, ["GOROOT"], ["GOVERSION"]]


def _mutation(name, doc, mutate, when=None):
    def deco(fn):
        return scenario(name, doc + " (changed after a first gostatus run)", queries=MUTATION_QUERIES,
                        replace_default=True, when=when, mutate=mutate)(fn)
    return deco


def _replace_symlink(target, path):
    tmp = path + ".new"
    os.symlink(target, tmp)
    os.replace(tmp, path)


def _replace_hardlink(ctx, path, sdk):
    tmp = path + ".new"
    ctx.go_copy(tmp, sdk)
    os.replace(tmp, path)


@_mutation("cache/envfile-appears", "the user env file is created",
           lambda c: c.user_env("GOPROXY=https://appeared.example\nGOPATH=%s\n" % c.p("gp")))
def _(c):
    pass


@_mutation("cache/envfile-edited-same-size", "the user env file is rewritten with a value of the same length",
           lambda c: c.user_env("GOPROXY=https://bbbb.example\nGOFLAGS=-mod=mod\n"))
def _(c):
    c.user_env("GOPROXY=https://aaaa.example\nGOFLAGS=-mod=mod\n")


@_mutation("cache/envfile-removed", "the user env file is deleted",
           lambda c: os.unlink(os.path.join(c.home, ".config", "go", "env")))
def _(c):
    c.user_env("GOPROXY=https://removed.example\nGOSUMDB=off\n")


@_mutation("cache/go-symlink-retargeted", "T/bin/go is pointed at another SDK's go",
           lambda c: _replace_symlink(c.other_sdk().go, c.p("bin/go")), when=multi_sdk)
def _(c):
    c.symlink(c.sdk.go, "bin/go")
    c.path = [c.p("bin")]


@_mutation("cache/go-binary-replaced", "the farm's hard-linked go is replaced by another SDK's binary",
           lambda c: _replace_hardlink(c, c.p("groot/bin/go"), c.other_sdk()), when=multi_sdk)
def _(c):
    c.path = [os.path.join(c.farm("groot"), "bin")]


@_mutation("cache/goroot-go-env-edited", "the farm's go.env changes",
           lambda c: c.write("groot/go.env", "GOPROXY=https://two.example\nGOTOOLCHAIN=local\n"))
def _(c):
    c.path = [os.path.join(c.farm("groot", go_env="GOPROXY=https://one.example\nGOTOOLCHAIN=local\n"), "bin")]


@_mutation("cache/goroot-go-env-removed", "the farm's go.env is deleted",
           lambda c: os.unlink(c.p("groot/go.env")))
def _(c):
    c.path = [os.path.join(c.farm("groot", go_env="GOPROXY=https://one.example\n"), "bin")]


@_mutation("cache/path-dir-gains-go", "an earlier, empty PATH dir gets a go (another SDK's)",
           lambda c: c.symlink(c.other_sdk().go, "early/go"), when=multi_sdk)
def _(c):
    c.mkdir("early")
    c.path = [c.p("early"), os.path.join(c.sdk.root, "bin")]


@_mutation("cache/xdg-config-appears", "XDG_CONFIG_HOME points at a missing dir that then gets go/env",
           lambda c: c.user_env("GOPROXY=https://xdg.example\n", path=c.p("xdg/go/env")))
def _(c):
    c.env["XDG_CONFIG_HOME"] = c.p("xdg")


@_mutation("cache/goroot-appears", "GOROOT names a missing dir (go fails) that then appears",
           lambda c: c.symlink(c.sdk.root, "later"))
def _(c):
    c.env["GOROOT"] = c.p("later")


@_mutation("cache/goroot-vanishes", "GOROOT is a farm that is then removed (go fails)",
           lambda c: shutil.rmtree(c.p("groot")))
def _(c):
    c.env["GOROOT"] = c.farm("groot", binary=None)


@_mutation("cache/gopath-dir-irrelevant", "HOME/go is created (GOPATH does not depend on it existing)",
           lambda c: c.mkdir("home/go/pkg/mod"))
def _(c):
    pass


# --------------------------------------------------------------------------
# Running


class Shared:
    """Per-run shared area: one private copy of each SDK's go binary."""

    def __init__(self, root):
        self.root = root
        self.lock = threading.Lock()
        self.copies = {}

    def binary(self, sdk):
        with self.lock:
            if sdk.root not in self.copies:
                d = os.path.join(self.root, "shared", sdk.tag)
                os.makedirs(d, exist_ok=True)
                dst = os.path.join(d, "go")
                shutil.copy2(sdk.go, dst)
                self.copies[sdk.root] = dst
            return self.copies[sdk.root]


class Scenario:
    def __init__(self, idx, tmpl, sdk):
        self.idx, self.tmpl, self.sdk = idx, tmpl, sdk
        self.name = "%s/%s" % (sdk.tag, tmpl.name)


class Comparison:
    def __init__(self, sc, names, form, env, cwd, go, cold, warm, argv_go, argv_gs):
        self.sc, self.names, self.form = sc, names, form
        self.env, self.cwd = env, cwd
        self.go, self.cold, self.warm = go, cold, warm
        self.argv_go, self.argv_gs = argv_go, argv_gs
        self.causes = analyze(self)

    @property
    def ok(self):
        return not self.causes


def split_lines(b):
    if not b.endswith(b"\n"):
        return None
    return b[:-1].split(b"\n")


def analyze(cmp):
    """Returns a list of (cause, detail) tuples; empty when they agree."""
    causes = []
    go, gs = cmp.go, cmp.cold
    if gs.crashed:
        causes.append(("crash", "gostatus %s" % gs.status()))
    if (go.rc == 0) != (gs.rc == 0):
        first = go.stderr.decode("utf-8", "replace").strip().split("\n")[0][:100]
        causes.append(("exit", "go %s%s, gostatus %s" % (go.status(), " (%s)" % first if first else "",
                                                         gs.status())))
    exit_explains = causes and causes[-1][0] == "exit" and (not go.stdout or not gs.stdout)
    if go.stdout != gs.stdout and not exit_explains:
        if go.rc != 0:
            causes.append(("stdout-when-go-fails", "go printed %d bytes, gostatus %d"
                           % (len(go.stdout), len(gs.stdout))))
        elif cmp.form == "plain" and not gs.stdout.lstrip().startswith(b"{") and \
                not go.stdout.lstrip().startswith(b"{"):
            want, got = split_lines(go.stdout), split_lines(gs.stdout)
            if want is not None and got is not None and len(want) == len(got) == len(cmp.names):
                for n, w, g in zip(cmp.names, want, got):
                    if w != g:
                        causes.append(("value " + n, (w, g)))
                causes = dedupe(causes)
            else:
                causes.append(("plain-shape", "go %d lines, gostatus %s" % (
                    len(want) if want is not None else -1,
                    "%d lines" % len(got) if got is not None else "no final newline")))
        else:
            try:
                want = json.loads(go.stdout.decode("utf-8"))
                got = json.loads(gs.stdout.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                want = got = None
            if isinstance(want, dict) and isinstance(got, dict):
                missing, extra = sorted(set(want) - set(got)), sorted(set(got) - set(want))
                if missing or extra:
                    causes.append(("json-keys", "gostatus lacks %s, has extra %s" % (missing, extra)))
                for k in sorted(set(want) & set(got)):
                    if want[k] != got[k]:
                        causes.append(("value " + k, (want[k], got[k])))
                if not causes or all(c[0] in ("crash", "exit") for c in causes):
                    causes.append(("json-bytes", "same data, different bytes (escaping/indent/order)"))
            else:
                kind = "json-vs-plain" if go.stdout.lstrip().startswith(b"{") != \
                    gs.stdout.lstrip().startswith(b"{") else "json-shape"
                causes.append((kind, "go %s / gostatus %s" % (e2e.show(norm(go.stdout, cmp.sc)[:48]),
                                                               e2e.show(norm(gs.stdout, cmp.sc)[:48]))))
    if cmp.warm is not None and (cmp.warm.stdout != gs.stdout or (cmp.warm.rc == 0) != (gs.rc == 0)):
        causes.append(("warm-run-differs", "second gostatus run: %s %s" % (
            cmp.warm.status(), e2e.show(norm(cmp.warm.stdout, cmp.sc)[:80]))))
    return causes


def dedupe(causes):
    seen, out = set(), []
    for c in causes:
        k = (c[0], repr(c[1]))
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out


def run_scenario(sc, sdks, run_root, shared, gs_bin):
    root = os.path.join(run_root, "s%03d-%s" % (sc.idx, sc.tmpl.name.replace("/", "-")))
    os.makedirs(root)
    results = []
    try:
        c = Ctx(sc.sdk, sdks, root, shared)
        sc.tmpl.build(c)
        env, cwd = c.final_env(), c.cwd
        sc.root, sc.env, sc.cwd = root, env, cwd
        if sc.tmpl.mutate:
            for names in sc.tmpl.queries:
                for form in ("plain", "json"):
                    args = ["env"] + (["-json"] if form == "json" else []) + list(names)
                    e2e.run([gs_bin] + args, env, cwd)
            sc.tmpl.mutate(c)
        for names in sc.tmpl.queries:
            for form in ("plain", "json"):
                args = ["env"] + (["-json"] if form == "json" else []) + list(names)
                cold = e2e.run([gs_bin] + args, env, cwd)
                go = e2e.run_shell_go(args, env, cwd)
                warm = e2e.run([gs_bin] + args, env, cwd)
                results.append(Comparison(sc, names, form, env, cwd, go, cold, warm,
                                          ["go"] + args, [gs_bin] + args))
    except Exception as ex:  # a broken template is a harness failure: say so
        import traceback
        sc.error = "%s\n%s" % (ex, traceback.format_exc())
        return sc, results
    finally:
        e2e.remove_tree(root)
    sc.error = None
    return sc, results


def norm(s, sc):
    """Replace the scenario's temp root by $T for grouping and display."""
    if isinstance(s, bytes):
        return s.replace(sc.root.encode(), b"$T")
    if isinstance(s, str):
        return s.replace(sc.root, "$T")
    return s


def print_mismatch(cmp, out):
    sc = cmp.sc
    w = out.write
    w("\n=== MISMATCH %s [%s] %s\n" % (sc.name, cmp.form, " ".join(cmp.names)))
    w("  why:      %s\n" % "; ".join(c[0] if c[0].startswith("value") else "%s (%s)" % c for c in cmp.causes))
    for cause, detail in cmp.causes:
        if cause.startswith("value "):
            w("  %-12s want %s\n  %-12s got  %s\n" % (cause[6:] + ":", e2e.show(norm(detail[0], sc)), "",
                                                       e2e.show(norm(detail[1], sc))))
    w("  scenario: %s\n" % sc.tmpl.doc)
    w("  T=        %s\n" % sc.root)
    w("  cwd:      %s\n" % cmp.cwd)
    w("  env:      %s\n" % e2e.quote_env(cmp.env))
    w("  argv go:  %s\n" % " ".join(cmp.argv_go))
    w("  argv gs:  %s\n" % " ".join(cmp.argv_gs))
    w("  ($T in the outputs below stands for T)\n")
    w("  go:       %s  stdout %s\n" % (cmp.go.status(), e2e.show(norm(cmp.go.stdout, sc))))
    if cmp.go.stderr:
        w("            stderr %s\n" % e2e.show(norm(cmp.go.stderr, sc), 600))
    w("  gostatus: %s  stdout %s\n" % (cmp.cold.status(), e2e.show(norm(cmp.cold.stdout, sc))))
    if cmp.cold.stderr:
        w("            stderr %s\n" % e2e.show(norm(cmp.cold.stderr, sc), 600))
    w("  repro:    %s\n" % e2e.repro_command(cmp.argv_gs, cmp.env, cmp.cwd))
    if not e2e.keep_temps():
        w("            (T is removed after the run; rerun with GOSTATUS_E2E_KEEP=1 "
          "GOSTATUS_DIFF_FILTER=%s to keep it)\n" % sc.name)


def print_groups(bad, out):
    groups = {}
    for cmp in bad:
        for cause, detail in cmp.causes:
            g = groups.setdefault(cause, {"n": 0, "versions": set(), "scenarios": [], "example": None})
            g["n"] += 1
            g["versions"].add(cmp.sc.sdk.tag)
            if cmp.sc.name not in g["scenarios"]:
                g["scenarios"].append(cmp.sc.name)
            if g["example"] is None:
                if isinstance(detail, tuple):
                    g["example"] = "%s [%s]: want %s got %s" % (
                        cmp.sc.name, cmp.form, e2e.show(norm(detail[0], cmp.sc), 120),
                        e2e.show(norm(detail[1], cmp.sc), 120))
                else:
                    g["example"] = "%s [%s]: %s" % (cmp.sc.name, cmp.form, norm(detail, cmp.sc))
    out.write("\nmismatches by cause (a comparison can have several):\n")
    for cause, g in sorted(groups.items(), key=lambda kv: (-kv[1]["n"], kv[0])):
        scs = g["scenarios"]
        out.write("  %-28s %4d comparisons, %s\n" % (cause, g["n"], ",".join(sorted(g["versions"]))))
        out.write("      e.g. %s\n" % g["example"])
        out.write("      in %d scenarios: %s%s\n" % (len(scs), ", ".join(scs[:8]),
                                                     ", ..." if len(scs) > 8 else ""))


def write_report(path, comparisons):
    with open(path, "w") as f:
        for cmp in comparisons:
            rec = {
                "scenario": cmp.sc.name, "doc": cmp.sc.tmpl.doc, "form": cmp.form, "names": cmp.names,
                "ok": cmp.ok, "causes": [[c, repr(norm(d, cmp.sc))] for c, d in cmp.causes],
                "env": {e2e.to_bytes(k).decode("utf-8", "replace"):
                        norm(e2e.to_bytes(v).decode("utf-8", "replace"), cmp.sc) for k, v in cmp.env.items()},
                "cwd": norm(cmp.cwd, cmp.sc),
                "go": {"rc": cmp.go.rc, "stdout": norm(cmp.go.stdout, cmp.sc).decode("utf-8", "replace"),
                       "stderr": norm(cmp.go.stderr, cmp.sc).decode("utf-8", "replace")},
                "gostatus": {"rc": cmp.cold.rc, "stdout": norm(cmp.cold.stdout, cmp.sc).decode("utf-8", "replace"),
                             "stderr": norm(cmp.cold.stderr, cmp.sc).decode("utf-8", "replace")},
            }
            f.write(json.dumps(rec) + "\n")


def markdown():
    def summarize(qs):
        singles = [q for q in qs if len(q) == 1]
        if len(singles) > 4:
            return ["%d single names" % len(singles)] + [summarize([q])[0] for q in qs if len(q) > 1]
        return [" ".join(q) if len(q) < 5 else "%d names" % len(q) for q in qs]
    lines = ["| scenario | what it sets up | queries besides the defaults |", "| --- | --- | --- |"]
    for t in TEMPLATES:
        if all(q in t.queries for q in DEFAULT_QUERIES):
            extra_s = "; ".join(summarize([q for q in t.queries if q not in DEFAULT_QUERIES]))
        else:
            extra_s = "only: " + "; ".join(summarize(t.queries))
        doc = t.doc.replace("|", "\\|")
        lines.append("| `%s` | %s | %s |" % (t.name, doc, extra_s))
    return "\n".join(lines) + "\n"


SHIM = "#!/bin/sh\n# harness self-test only: the oracle itself stands in for gostatus\nexec go \"$@\"\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="print every comparison")
    ap.add_argument("-j", "--jobs", type=int, default=int(os.environ.get("GOSTATUS_DIFF_JOBS", "4")))
    ap.add_argument("--filter", default=os.environ.get("GOSTATUS_DIFF_FILTER", ""),
                    help="only scenarios whose name contains this (comma: any of several)")
    ap.add_argument("--list", action="store_true", help="list the scenarios and exit")
    ap.add_argument("--markdown", action="store_true", help="print the template table (for the docs)")
    ap.add_argument("--report", default=os.environ.get("GOSTATUS_DIFF_REPORT", ""),
                    help="write every comparison as JSON lines to this file")
    ap.add_argument("--self-test", action="store_true",
                    help="validate the harness: a shim that runs the real go stands in for gostatus")
    args = ap.parse_args()

    if args.markdown:
        sys.stdout.write(markdown())
        return e2e.PASS

    sdks = e2e.find_sdks()
    if not sdks:
        e2e.skip("no Go SDK installed (looked for /usr/lib/go-1.*/bin/go)")
    for s in sdks:
        if s.minor < 21 and not os.path.isfile("/bin/sh"):
            e2e.skip("/bin/sh is missing")

    scenarios = []
    filters = [f for f in args.filter.split(",") if f]
    for sdk in sdks:
        for t in TEMPLATES:
            if t.when and not t.when(sdk, sdks):
                continue
            sc = Scenario(len(scenarios), t, sdk)
            if filters and not any(f in sc.name for f in filters):
                continue
            scenarios.append(sc)
    if args.list:
        for sc in scenarios:
            print("%-55s %s" % (sc.name, sc.tmpl.doc))
        print("%d scenarios" % len(scenarios))
        return e2e.PASS
    if not scenarios:
        e2e.skip("GOSTATUS_DIFF_FILTER=%r selects no scenario" % args.filter)

    run_root = e2e.make_temp_root("gostatus-diff-")
    bad_ancestors = e2e.go_files_above(run_root) + e2e.looks_like_goroot_above(run_root)
    if bad_ancestors:
        print("FAIL: the temp root %s sits under %s: go could switch toolchains or find a "
              "GOROOT there; set TMPDIR elsewhere" % (run_root, bad_ancestors))
        return e2e.FAIL

    if args.self_test:
        gs_bin = os.path.join(run_root, "shim", "gostatus-shim")
        os.makedirs(os.path.dirname(gs_bin))
        with open(gs_bin, "w") as f:
            f.write(SHIM)
        os.chmod(gs_bin, 0o755)
    else:
        gs_bin = e2e.gostatus_bin()

    print("differential: gostatus=%s" % gs_bin)
    print("differential: SDKs %s" % ", ".join("%s (%s%s)" % (s.root, s.goversion,
                                                               ", go.env" if s.has_go_env else "") for s in sdks))
    print("differential: %d templates, %d scenarios, %d workers, temp %s" % (
        len(TEMPLATES), len(scenarios), args.jobs, run_root))
    sys.stdout.flush()

    shared = Shared(run_root)
    # Copy the binaries before any thread forks: a child forked while a copy
    # is still open for writing would make exec fail with ETXTBSY.
    for sdk in sdks:
        shared.binary(sdk)
    t0 = time.time()
    comparisons, errors = [], []
    # SIGTERM (ctest's timeout) unwinds like Ctrl-C, so the temp tree goes.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs))
    try:
        futs = [pool.submit(run_scenario, sc, sdks, run_root, shared, gs_bin) for sc in scenarios]
        for fut in futs:  # in submission order: stable output
            sc, results = fut.result()
            if sc.error:
                errors.append(sc)
                print("ERROR %s: the scenario could not be built: %s" % (sc.name, sc.error))
            comparisons.extend(results)
            if args.verbose:
                for cmp in results:
                    print("%-8s %-52s %-5s %s%s" % ("ok" if cmp.ok else "MISMATCH", sc.name, cmp.form,
                                                    " ".join(cmp.names)[:60],
                                                    "" if cmp.go.rc == 0 else "  (go %s)" % cmp.go.status()))
                sys.stdout.flush()
    except KeyboardInterrupt:
        print("interrupted after %d comparisons" % len(comparisons))
        pool.shutdown(wait=True, cancel_futures=True)
        e2e.remove_tree(run_root)
        return e2e.FAIL
    pool.shutdown(wait=True)
    e2e.remove_tree(run_root)

    bad = [c for c in comparisons if not c.ok]
    limit = len(bad) if args.verbose else int(os.environ.get("GOSTATUS_DIFF_DETAILS", "30"))
    out = sys.stdout
    for cmp in bad[:limit]:
        print_mismatch(cmp, out)
    if len(bad) > limit:
        out.write("\n... %d more mismatches not shown (use -v, GOSTATUS_DIFF_DETAILS=N or --report FILE)\n"
                  % (len(bad) - limit))
    if bad:
        print_groups(bad, out)
    per = {sc.sdk.tag: {} for sc in scenarios}
    for sc in scenarios:
        per[sc.sdk.tag]["scenarios"] = per[sc.sdk.tag].get("scenarios", 0) + 1
    for cmp in comparisons:
        c = per[cmp.sc.sdk.tag]
        c["comparisons"] = c.get("comparisons", 0) + 1
        c["mismatches"] = c.get("mismatches", 0) + (not cmp.ok)
    for line in e2e.per_sdk_lines(per, ["scenarios", "comparisons", "mismatches"]):
        out.write(line + "\n")
    go_failures = sum(1 for c in comparisons if c.go.rc != 0)
    if args.report:
        write_report(args.report, comparisons)
        print("report: %s" % args.report)
    print("(%d comparisons where go itself failed; %.1fs)" % (go_failures, time.time() - t0))
    print("differential: %d scenarios, %d comparisons, %d mismatches%s" % (
        len(scenarios), len(comparisons), len(bad),
        ", %d scenario errors" % len(errors) if errors else ""))
    return e2e.FAIL if bad or errors else e2e.PASS


if __name__ == "__main__":
    sys.exit(main())
