#!/usr/bin/env python3
"""gostatus's error findings against the real go, scenario by scenario.

Where go itself refuses to work (GOROOT missing or not a directory, a
relative or `~` GOPATH entry, an invalid GOTOOLCHAIN, a trimmed go binary
without GOROOT, a GOROOT of another version or one that is not an SDK so
that `go build` of a hello-world fails) or warns (GOPATH set to GOROOT),
the real go is run in the same scenario as gostatus, and gostatus must
report the matching finding exactly when go fails or warns.

For every installed SDK (/usr/lib/go-1.*, or GOSTATUS_E2E_SDKS) and every
scenario below (broken variants and healthy controls), a fresh tree is laid
out under a temporary directory: home/ (a temporary HOME), work/ (a
hello-world module: go.mod with `go 1.19`, main.go), plain/ (a directory
without go.mod) and whatever the scenario builds. The environment is built
from scratch: PATH (the SDK's bin first), HOME, GOFLAGS=-mod=mod,
GOPROXY=off (nothing is ever downloaded), GOCACHE the run's shared one
(gostatus_e2e.shared_gocache; else under the temporary directory), PWD,
and what the scenario sets (GOTOOLCHAIN only when it does).

Then, in the scenario's cwd and with that environment:

  go env GOROOT                 (via /bin/sh, as the shell would run go) - the
                                startup checks of cmd/go/main.go and
                                toolchain.Select
  gostatus --json
  go build -o T/hello .         (when go env worked, in build scenarios and
                                whenever gostatus says builds fail) - the
                                compiler's version check and the std lookup
  gostatus doctor / doctor --strict
  gostatus --export bash        (twice: cold and warm cache)

and asserts:
  * go failed with message X  =>  the finding for X is present, is an error,
    and (when it quotes go) quotes exactly the line go printed;
  * checks that go passed before failing (its order differs per version, see
    startup_order) and, when go succeeded, all of them => their findings are absent;
  * go printed its GOPATH==GOROOT warning (reworded in go1.24) <=> gopath-is-goroot (when go
    got as far as that check);
  * go (env and build) succeeded => gostatus has no error finding at all;
  * scenario-specific expectations (envfile-crlf for a CRLF env file);
  * doctor exits 1 iff an error finding exists; doctor --strict exits 1 iff
    a warning or error exists; "health" and the prompt's
    POSH_GOSTATUS_HEALTH (cold and warm) agree with the findings.

A go failure outside the catalog (a valid GOTOOLCHAIN naming a toolchain
that cannot be downloaded with GOPROXY=off, an unknown GO111MODULE) is not an
assertion: it is printed as a NOTE ("catalog gap").

Usage: test_findings_vs_go.py [-v] [-j N] [--filter SUBSTR] [--list]
  env: GOSTATUS_BIN (the binary; ctest sets it), GOSTATUS_E2E_SDKS=root:root,
       GOSTATUS_E2E_KEEP=1 (keep the trees), GOSTATUS_FVG_FILTER=substring
Exit: 0 pass, 1 failures, 77 skip (no Go SDK installed).
Prints: findings-vs-go: N scenarios, M assertions, K failures
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gostatus_e2e as e2e  # noqa: E402

# --------------------------------------------------------------------------
# What go prints, and which finding says the same thing.

# Startup checks, grouped by the place in cmd/go where they happen.
TOOLCHAIN = "toolchain"  # toolchain.Select (go1.21+), before anything else
GOROOT = "goroot"        # main.go: cfg.GOROOT == "" / os.Stat(cfg.GOROOT)
GOPATH = "gopath"        # main.go: GOPATH==GOROOT warning, then each entry
LATE = "late"            # after the startup checks (the command itself)

GROUP_IDS = {
    TOOLCHAIN: ["gotoolchain-invalid"],
    GOROOT: ["goroot-trimmed-unset", "goroot-not-found"],
    GOPATH: ["gopath-tilde", "gopath-relative"],
    LATE: [],
}
STARTUP_IDS = [i for g in (TOOLCHAIN, GOROOT, GOPATH) for i in GROUP_IDS[g]]
BUILD_IDS = ["goroot-version-mismatch", "goroot-not-sdk"]
WARN_ID = "gopath-is-goroot"


def startup_order(sdk):
    """The order of cmd/go's startup checks for this go.

    go1.19 main.go:113-152 checks GOPATH (warning, then entries) before
    GOROOT; go1.21 main.go:97 runs toolchain.Select first, then the same
    GOPATH-then-GOROOT order (main.go:120-159); go1.22 main.go:93,109-145
    and go1.23 main.go:102,122-174 check GOROOT before GOPATH."""
    if sdk.minor <= 20:
        return [GOPATH, GOROOT, LATE]
    if sdk.minor == 21:
        return [TOOLCHAIN, GOPATH, GOROOT, LATE]
    return [TOOLCHAIN, GOROOT, GOPATH, LATE]


# (regexp on a line of go's stderr, group, finding id or None, gap note).
# The first matching rule wins; rules are tried line by line in order.
STARTUP_RULES = [
    (r"^go: invalid GOTOOLCHAIN ", TOOLCHAIN, "gotoolchain-invalid", None),
    (r"^go: download(ing)? go1\S* ", TOOLCHAIN, None,
     "a valid GOTOOLCHAIN selects a toolchain that is not installed and cannot be "
     "downloaded (GOPROXY=off)"),
    (r'^go: cannot find "go1\S*" in PATH', TOOLCHAIN, None,
     "GOTOOLCHAIN=VERSION+path names a toolchain that is not on PATH"),
    (r"^go: cannot find GOROOT directory: 'go' binary is trimmed and GOROOT is not set$",
     GOROOT, "goroot-trimmed-unset", None),
    (r"^go: cannot find GOROOT directory: ", GOROOT, "goroot-not-found", None),
    (r"^go: GOPATH entry cannot start with shell metacharacter '~': ", GOPATH, "gopath-tilde", None),
    (r"^go: GOPATH entry is relative; must be absolute path: ", GOPATH, "gopath-relative", None),
    (r"^go: unknown environment setting GO111MODULE=", LATE, None,
     "an unknown GO111MODULE value makes go fail"),
]
BUILD_RULES = [
    (r'^compile: version "[^"]*" does not match go tool version "[^"]*"$', "goroot-version-mismatch"),
    (r"^(\S+: )?package \S+ is not in (std|GOROOT) ", "goroot-not-sdk"),
]
# cmd/go/main.go: go1.24 reworded the warning.
WARN_RE = re.compile(r"^warning: (GOPATH set to GOROOT \(.*\) has no effect|"
                     r"both GOPATH and GOROOT are the same directory \(.*\); "
                     r"see https://go\.dev/wiki/InstallTroubleshooting)$")


def lines_of(b):
    return b.decode("utf-8", "surrogateescape").split("\n")


class GoOutcome:
    """What go did in a scenario, reduced to the catalog's terms."""

    def __init__(self):
        self.env = None          # e2e.Result of go env GOROOT
        self.build = None        # e2e.Result of go build (or None)
        self.group = None        # startup group where go failed (None: passed)
        self.fatal_id = None     # finding id for the startup failure
        self.fatal_line = None   # go's line for it
        self.gap = None          # go failed for a reason outside the catalog
        self.unclassified = None  # go failed in a way this test cannot map
        self.warning = None      # the GOPATH==GOROOT warning line, if printed
        self.build_id = None
        self.build_line = None

    @property
    def failed(self):
        return (self.env is not None and self.env.rc != 0) or \
            (self.build is not None and self.build.rc != 0)


def classify_startup(res, out):
    for line in lines_of(res.stderr):
        if WARN_RE.match(line) and out.warning is None:
            out.warning = line
    if res.rc == 0:
        return
    for line in lines_of(res.stderr):
        for rx, group, fid, gap in STARTUP_RULES:
            if re.search(rx, line):
                out.group, out.fatal_id, out.fatal_line, out.gap = group, fid, line, gap
                return
    out.unclassified = "go env exited %s with no message this test knows" % res.status()


def classify_build(res, out):
    if res.rc == 0:
        return
    for line in lines_of(res.stderr):
        for rx, fid in BUILD_RULES:
            if re.search(rx, line):
                out.build_id, out.build_line = fid, line
                return
    out.unclassified = "go build exited %s with no message this test knows" % res.status()


# --------------------------------------------------------------------------
# Scenarios


class Scenario:
    def __init__(self, name, doc, setup, build, cwd, when, expect):
        self.name, self.doc, self.setup = name, doc, setup
        self.build, self.cwd, self.when, self.expect = build, cwd, when, expect


SCENARIOS = []


def scenario(name, doc, build=False, cwd="work", when=None, expect=None):
    """Registers setup(ctx). build: also run go build; cwd: "work" (the
    hello module) or "plain"; when(sdk, sdks): False to skip on that SDK;
    expect(ctx): {finding id: True (must be present) / False (absent)}."""
    def deco(fn):
        SCENARIOS.append(Scenario(name, doc, fn, build, cwd, when, expect))
        return fn
    return deco


HELLO_MOD = "module hello\n\ngo 1.19\n"
HELLO_MAIN = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n'


class Ctx:
    def __init__(self, sdk, sdks, root, gocache):
        self.sdk, self.sdks, self.root = sdk, sdks, root
        self.home = self.mkdir("home")
        self.work = self.mkdir("work")
        self.plain = self.mkdir("plain")
        self.write("work/go.mod", HELLO_MOD)
        self.write("work/main.go", HELLO_MAIN)
        self.env = {"HOME": self.home, "GOFLAGS": "-mod=mod", "GOPROXY": "off", "GOCACHE": gocache}
        self.path = [os.path.join(sdk.root, "bin"), "/usr/bin", "/bin"]

    def p(self, *parts):
        return os.path.join(self.root, *parts)

    def mkdir(self, rel):
        d = self.p(rel)
        os.makedirs(d, exist_ok=True)
        return d

    def write(self, rel, data):
        path = rel if os.path.isabs(rel) else self.p(rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(e2e.to_bytes(data))
        return path

    def symlink(self, target, rel):
        path = rel if os.path.isabs(rel) else self.p(rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        os.symlink(target, path)
        return path

    def envfile(self, data):
        """The user's go env file at its default place ($HOME/.config/go/env)."""
        return self.write(os.path.join(self.home, ".config", "go", "env"), data)

    def copy_go(self, rel):
        """A copy of the SDK's go binary outside any GOROOT."""
        path = self.p(rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        e2e.copy_executable(self.sdk.go, path)
        return path

    def others(self):
        return [s for s in self.sdks if s is not self.sdk]

    def farm(self, rel, version=None, skip=()):
        """A GOROOT made of symlinks to the SDK's parts (another spelling of
        the same SDK, e.g. a Homebrew libexec); version replaces VERSION;
        the names in skip are left out."""
        d = self.mkdir(rel)
        for n in os.listdir(self.sdk.root):
            if n in skip:
                continue
            if n == "VERSION" and version is not None:
                self.write(os.path.join(d, n), version)
            else:
                os.symlink(os.path.join(self.sdk.root, n), os.path.join(d, n))
        return d


def pre121(sdk, sdks):
    return sdk.minor <= 20


def go121plus(sdk, sdks):
    return sdk.minor >= 21


# ---- controls ------------------------------------------------------------

@scenario("control/plain", "PATH=SDK/bin, nothing else set", build=True)
def _(c):
    pass


@scenario("control/plain-outside-module", "PATH=SDK/bin, cwd without go.mod", cwd="plain")
def _(c):
    pass


@scenario("control/goroot-own", "GOROOT set to the go binary's own SDK", build=True)
def _(c):
    c.env["GOROOT"] = c.sdk.root


@scenario("control/goroot-own-slash", "GOROOT=SDK/ (trailing slash)")
def _(c):
    c.env["GOROOT"] = c.sdk.root + "/"


@scenario("control/goroot-symlink", "GOROOT=T/link -> SDK")
def _(c):
    c.env["GOROOT"] = c.symlink(c.sdk.root, "link")


@scenario("control/goroot-farm", "GOROOT is a symlink farm of the same SDK (another spelling)", build=True)
def _(c):
    c.env["GOROOT"] = c.farm("farm")


@scenario("control/goroot-farm-stale-version-file",
          "GOROOT is a symlink farm of the same SDK whose VERSION file names another release: "
          "go never reads VERSION, the build works", build=True)
def _(c):
    c.env["GOROOT"] = c.farm("farm", version="go1.17.13\ntime 2022-08-01T15:12:52Z\n")


@scenario("control/goroot-envfile-own", "go env file GOROOT=SDK")
def _(c):
    c.envfile("GOROOT=%s\n" % c.sdk.root)


@scenario("control/gopath-absolute", "GOPATH=T/gp (absolute, missing)")
def _(c):
    c.env["GOPATH"] = c.p("gp")


@scenario("control/gopath-absolute-exists", "GOPATH=T/gp (absolute, exists), GOROOT=SDK")
def _(c):
    c.env["GOPATH"] = c.mkdir("gp")
    c.env["GOROOT"] = c.sdk.root


@scenario("control/gopath-list", "GOPATH=:T/a::T/b: (empty elements are ignored)")
def _(c):
    c.env["GOPATH"] = ":%s::%s:" % (c.p("a"), c.p("b"))


@scenario("control/gopath-tilde-inside", "GOPATH=T/git-1.8~rc3 (~ not at the start)")
def _(c):
    c.env["GOPATH"] = c.p("git-1.8~rc3")


@scenario("control/gopath-symlink-to-goroot",
          "GOPATH=T/link -> SDK: go compares cleaned strings, not files")
def _(c):
    c.env["GOPATH"] = c.symlink(c.sdk.root, "link")


@scenario("control/gopath-other-sdk", "GOPATH is another SDK's directory (not GOROOT)",
          when=lambda s, ss: len(ss) > 1)
def _(c):
    c.env["GOPATH"] = c.others()[0].root


@scenario("control/home-relative", "HOME=rel: the inferred GOPATH rel/go is dropped, not fatal")
def _(c):
    c.env["HOME"] = "rel"


@scenario("control/home-go-is-goroot",
          "HOME/go -> SDK and GOROOT=HOME/go: go/build's default GOPATH is dropped (it is GOROOT)")
def _(c):
    c.env["GOROOT"] = c.symlink(c.sdk.root, "home/go")


@scenario("control/home-go-symlink-to-sdk", "HOME/go -> SDK, GOROOT unset")
def _(c):
    c.symlink(c.sdk.root, "home/go")


@scenario("control/go-symlink", "PATH=T/bin, T/bin/go -> SDK/bin/go", build=True)
def _(c):
    c.symlink(c.sdk.go, "bin/go")
    c.path = [c.p("bin"), "/usr/bin", "/bin"]


@scenario("control/copied-go-goroot-env", "a copy of go outside its SDK, GOROOT=SDK", build=True)
def _(c):
    c.copy_go("bin/go")
    c.path = [c.p("bin"), "/usr/bin", "/bin"]
    c.env["GOROOT"] = c.sdk.root


@scenario("control/copied-go-goroot-envfile", "a copy of go outside its SDK, go env file GOROOT=SDK")
def _(c):
    c.copy_go("bin/go")
    c.path = [c.p("bin"), "/usr/bin", "/bin"]
    c.envfile("GOROOT=%s\n" % c.sdk.root)


@scenario("control/copied-go-goos-goarch-dir",
          "a copy of go in T/farm/bin/linux_amd64/ of a symlink farm of its SDK: go1.21+ find "
          "GOROOT=T/farm (exe/../../..); go1.19 falls back to its built-in GOROOT", build=True)
def _(c):
    c.farm("farm", skip=("bin",))
    c.copy_go("farm/bin/linux_amd64/go")
    c.path = [c.p("farm/bin/linux_amd64"), "/usr/bin", "/bin"]


# ---- GOTOOLCHAIN ---------------------------------------------------------

def _tc(name, value, doc, when=None, cwd="work", extra=None, envfile=None):
    @scenario("gotoolchain/" + name, doc, when=when, cwd=cwd)
    def _(c):
        if value is not None:
            c.env["GOTOOLCHAIN"] = value(c) if callable(value) else value
        if envfile is not None:
            c.envfile(envfile)
        c.env.update(extra or {})


_tc("local", "local", "GOTOOLCHAIN=local (valid)")
_tc("auto", "auto", "GOTOOLCHAIN=auto (valid)")
_tc("path", "path", "GOTOOLCHAIN=path (valid)")
_tc("local+auto", "local+auto", "GOTOOLCHAIN=local+auto (valid)")
_tc("local+path", "local+path", "GOTOOLCHAIN=local+path (valid)")
_tc("own", lambda c: c.sdk.goversion, "GOTOOLCHAIN=<the go's own version> (valid, runs locally)")
_tc("own+auto", lambda c: c.sdk.goversion + "+auto", "GOTOOLCHAIN=<own version>+auto (valid)")
_tc("own+path", lambda c: c.sdk.goversion + "+path", "GOTOOLCHAIN=<own version>+path (valid)")
_tc("go1.21.0+auto", "go1.21.0+auto",
    "GOTOOLCHAIN=go1.21.0+auto: valid, but a go1.21+ other than go1.21.0 switches to go1.21.0 "
    "and cannot download it (catalog gap, not an error of the value)")
_tc("bogus", "bogus", "GOTOOLCHAIN=bogus (invalid for go1.21+, unknown to go1.19)")
_tc("local+bogus", "local+bogus", "GOTOOLCHAIN=local+bogus (bad suffix)")
_tc("plus-auto", "+auto", "GOTOOLCHAIN=+auto (empty minimum toolchain)")
_tc("go1.21.0+bogus", "go1.21.0+bogus", "GOTOOLCHAIN=go1.21.0+bogus (bad suffix)")
_tc("no-go-prefix", lambda c: c.sdk.goversion[2:], "GOTOOLCHAIN=1.NN.P (no go prefix)")
_tc("trailing-space", "local ", "GOTOOLCHAIN='local ' (trailing space)")
_tc("cr-env", "local\r", "GOTOOLCHAIN=$'local\\r' in the environment")
_tc("envfile-bogus", None, "go env file GOTOOLCHAIN=bogus", envfile="GOTOOLCHAIN=bogus\n")
_tc("env-overrides-envfile-bogus", "local",
    "go env file GOTOOLCHAIN=bogus, environment GOTOOLCHAIN=local (the environment wins)",
    envfile="GOTOOLCHAIN=bogus\n")
_tc("bogus-go111module-off", "bogus",
    "GOTOOLCHAIN=bogus with GO111MODULE=off: toolchain.Select is skipped",
    extra={"GO111MODULE": "off"})
_tc("bogus-go111module-on", "bogus", "GOTOOLCHAIN=bogus with GO111MODULE=on",
    extra={"GO111MODULE": "on"})
_tc("bogus-go111module-auto-in-module", "bogus",
    "GOTOOLCHAIN=bogus, GO111MODULE=auto, cwd inside a module: modload.WillBeEnabled "
    "finds go.mod, Select validates", extra={"GO111MODULE": "auto"})
_tc("bogus-go111module-auto-outside-module", "bogus",
    "GOTOOLCHAIN=bogus, GO111MODULE=auto, cwd without go.mod: Select is skipped",
    cwd="plain", extra={"GO111MODULE": "auto"})
_tc("bogus-go111module-garbage", "bogus",
    "GOTOOLCHAIN=bogus, GO111MODULE=bogusmode: Select is skipped, go then fails on "
    "GO111MODULE (catalog gap)", extra={"GO111MODULE": "bogusmode"})


# ---- CRLF go env file ----------------------------------------------------

def crlf_expect(c):
    return {"envfile-crlf": True}


@scenario("envfile-crlf/gotoolchain",
          "go env file 'GOTOOLCHAIN=local\\r\\n': go1.21+ fail with invalid GOTOOLCHAIN \"local\\r\"",
          expect=crlf_expect)
def _(c):
    c.envfile(b"GOTOOLCHAIN=local\r\n")


@scenario("envfile-crlf/goroot",
          "go env file 'GOROOT=SDK\\r\\n': the directory 'SDK\\r' does not exist",
          expect=crlf_expect)
def _(c):
    c.envfile(("GOROOT=%s\r\n" % c.sdk.root).encode())


@scenario("envfile-crlf/gopath", "go env file 'GOPATH=T/gp\\r\\n': absolute, go works",
          expect=crlf_expect)
def _(c):
    c.envfile(("GOPATH=%s\r\n" % c.p("gp")).encode())


@scenario("envfile-crlf/gotoolchain-env-wins",
          "go env file 'GOTOOLCHAIN=local\\r\\n' overridden by GOTOOLCHAIN=local in the environment",
          expect=crlf_expect)
def _(c):
    c.envfile(b"GOTOOLCHAIN=local\r\n")
    c.env["GOTOOLCHAIN"] = "local"


# ---- GOROOT --------------------------------------------------------------

@scenario("goroot/missing", "GOROOT=T/nonexistent")
def _(c):
    c.env["GOROOT"] = c.p("nonexistent")


@scenario("goroot/file", "GOROOT is a regular file")
def _(c):
    c.env["GOROOT"] = c.write("afile", "not a directory\n")


@scenario("goroot/dangling-symlink", "GOROOT=T/link -> T/nonexistent")
def _(c):
    c.env["GOROOT"] = c.symlink(c.p("nonexistent"), "link")


@scenario("goroot/relative-missing", "GOROOT=nosuchdir (relative, missing)")
def _(c):
    c.env["GOROOT"] = "nosuchdir"


@scenario("goroot/envfile-missing", "go env file GOROOT=T/nonexistent")
def _(c):
    c.envfile("GOROOT=%s\n" % c.p("nonexistent"))


@scenario("goroot/empty-dir", "GOROOT is an empty directory: go starts, go build fails", build=True)
def _(c):
    c.env["GOROOT"] = c.mkdir("emptyroot")


@scenario("goroot/dot", "GOROOT=. (the module directory): go starts, go build fails", build=True)
def _(c):
    c.env["GOROOT"] = "."


@scenario("goroot/sdk-bin-dir", "GOROOT=SDK/bin: a directory but no SDK", build=True)
def _(c):
    c.env["GOROOT"] = os.path.join(c.sdk.root, "bin")


@scenario("goroot/pkg-tool-only", "GOROOT=T/fake holding only pkg/tool/", build=True)
def _(c):
    c.mkdir("fake/pkg/tool")
    c.env["GOROOT"] = c.p("fake")


@scenario("goroot/copied-go-in-fake-goroot",
          "a copy of go in T/fake/bin with T/fake/pkg/tool: go finds GOROOT=T/fake (not an SDK)",
          build=True)
def _(c):
    c.copy_go("fake/bin/go")
    c.mkdir("fake/pkg/tool")
    c.path = [c.p("fake/bin"), "/usr/bin", "/bin"]


@scenario("goroot/copied-go-goos-goarch-fake",
          "a copy of go in T/fake/bin/linux_amd64/ with only T/fake/pkg/tool: go1.21+ take "
          "GOROOT=T/fake (not an SDK, builds fail); go1.19 uses its built-in GOROOT", build=True)
def _(c):
    c.copy_go("fake/bin/linux_amd64/go")
    c.mkdir("fake/pkg/tool")
    c.path = [c.p("fake/bin/linux_amd64"), "/usr/bin", "/bin"]


@scenario("goroot/copied-go-trimmed",
          "a copy of go outside any GOROOT, GOROOT unset: go1.21+ are trimmed (no built-in "
          "GOROOT) and refuse to start; Debian's go1.19 has /usr/lib/go-1.19 built in")
def _(c):
    c.copy_go("bin/go")
    c.path = [c.p("bin"), "/usr/bin", "/bin"]


# ---- GOROOT of another version (go build fails) --------------------------

def _mismatch(i):
    def when(sdk, sdks):
        return len(sdks) > i + 1

    @scenario("goroot-version/other-%d" % (i + 1),
              "GOROOT is the %s other installed SDK: go starts, every compile fails "
              "(compile: version X does not match go tool version Y)" % ["first", "second", "third"][i],
              build=True, when=when)
    def _(c):
        c.env["GOROOT"] = c.others()[i].root
        c.env["GOTOOLCHAIN"] = "local"


for _i in range(3):
    _mismatch(_i)


@scenario("goroot-version/other-envfile", "go env file GOROOT=another SDK", build=True,
          when=lambda s, ss: len(ss) > 1)
def _(c):
    c.envfile("GOROOT=%s\nGOTOOLCHAIN=local\n" % c.others()[-1].root)


@scenario("goroot-version/copied-go-other-goroot",
          "a copy of go outside its SDK with GOROOT=another SDK", build=True,
          when=lambda s, ss: len(ss) > 1)
def _(c):
    c.copy_go("bin/go")
    c.path = [c.p("bin"), "/usr/bin", "/bin"]
    c.env["GOROOT"] = c.others()[0].root
    c.env["GOTOOLCHAIN"] = "local"


# ---- GOPATH --------------------------------------------------------------

@scenario("gopath/relative", "GOPATH=rel")
def _(c):
    c.env["GOPATH"] = "rel"


@scenario("gopath/relative-dot", "GOPATH=./gp")
def _(c):
    c.env["GOPATH"] = "./gp"


@scenario("gopath/relative-second", "GOPATH=T/gp:rel")
def _(c):
    c.env["GOPATH"] = c.p("gp") + ":rel"


@scenario("gopath/relative-envfile", "go env file GOPATH=rel")
def _(c):
    c.envfile("GOPATH=rel\n")


@scenario("gopath/tilde", "GOPATH=~/go (unexpanded)")
def _(c):
    c.env["GOPATH"] = "~/go"


@scenario("gopath/tilde-second", "GOPATH=T/gp:~/go")
def _(c):
    c.env["GOPATH"] = c.p("gp") + ":~/go"


@scenario("gopath/tilde-envfile", "go env file GOPATH=~/go")
def _(c):
    c.envfile("GOPATH=~/go\n")


@scenario("gopath/relative-then-tilde", "GOPATH=rel:~/go (go stops at the first bad entry)")
def _(c):
    c.env["GOPATH"] = "rel:~/go"


@scenario("gopath/tilde-then-relative", "GOPATH=~/go:rel")
def _(c):
    c.env["GOPATH"] = "~/go:rel"


# ---- GOPATH == GOROOT (warning) ------------------------------------------

@scenario("gopath-is-goroot/both-env", "GOPATH=SDK, GOROOT=SDK")
def _(c):
    c.env["GOPATH"] = c.env["GOROOT"] = c.sdk.root


@scenario("gopath-is-goroot/slash", "GOPATH=SDK/, GOROOT=SDK")
def _(c):
    c.env["GOPATH"] = c.sdk.root + "/"
    c.env["GOROOT"] = c.sdk.root


@scenario("gopath-is-goroot/goroot-unset",
          "GOPATH=SDK, GOROOT unset (go1.19/1.21 compare with runtime.GOROOT(), go1.22+ with cfg.GOROOT)")
def _(c):
    c.env["GOPATH"] = c.sdk.root


@scenario("gopath-is-goroot/envfile-gopath", "go env file GOPATH=SDK, GOROOT unset")
def _(c):
    c.envfile("GOPATH=%s\n" % c.sdk.root)


@scenario("gopath-is-goroot/envfile-goroot", "GOPATH=SDK, go env file GOROOT=SDK")
def _(c):
    c.env["GOPATH"] = c.sdk.root
    c.envfile("GOROOT=%s\n" % c.sdk.root)


@scenario("gopath-is-goroot/copied-go", "a copy of go, GOROOT=SDK, GOPATH=SDK")
def _(c):
    c.copy_go("bin/go")
    c.path = [c.p("bin"), "/usr/bin", "/bin"]
    c.env["GOPATH"] = c.env["GOROOT"] = c.sdk.root


@scenario("gopath-is-goroot/home-unset",
          "HOME unset, GOPATH unset: GOPATH is empty (go1.21 compares it with an empty "
          "runtime.GOROOT() and warns)")
def _(c):
    del c.env["HOME"]


@scenario("gopath-is-goroot/home-unset-goroot-set", "HOME unset, GOPATH unset, GOROOT=SDK")
def _(c):
    del c.env["HOME"]
    c.env["GOROOT"] = c.sdk.root


# ---- several problems at once (which one go reports depends on its version)

@scenario("combined/goroot-missing+gopath-relative",
          "GOROOT missing and GOPATH relative: go1.19/1.21 report GOPATH, go1.22+ GOROOT")
def _(c):
    c.env["GOROOT"] = c.p("nonexistent")
    c.env["GOPATH"] = "rel"


@scenario("combined/goroot-missing+gopath-tilde", "GOROOT missing and GOPATH=~/go")
def _(c):
    c.env["GOROOT"] = c.p("nonexistent")
    c.env["GOPATH"] = "~/go"


@scenario("combined/goroot-missing+gopath-is-goroot",
          "GOROOT missing and GOPATH equal to it (warning, then the GOROOT error on go1.19/1.21)")
def _(c):
    c.env["GOROOT"] = c.env["GOPATH"] = c.p("nonexistent")


@scenario("combined/gotoolchain-bogus+goroot-missing", "GOTOOLCHAIN=bogus and GOROOT missing")
def _(c):
    c.env["GOROOT"] = c.p("nonexistent")
    c.env["GOTOOLCHAIN"] = "bogus"


@scenario("combined/gotoolchain-bogus+gopath-tilde", "GOTOOLCHAIN=bogus and GOPATH=~/go")
def _(c):
    c.env["GOPATH"] = "~/go"
    c.env["GOTOOLCHAIN"] = "bogus"


@scenario("combined/trimmed+gopath-relative",
          "a trimmed copy of go without GOROOT and GOPATH relative")
def _(c):
    c.copy_go("bin/go")
    c.path = [c.p("bin"), "/usr/bin", "/bin"]
    c.env["GOPATH"] = "rel"


@scenario("combined/crlf-gotoolchain+goroot-missing",
          "CRLF go env file GOTOOLCHAIN=local\\r and GOROOT missing", expect=crlf_expect)
def _(c):
    c.envfile(b"GOTOOLCHAIN=local\r\n")
    c.env["GOROOT"] = c.p("nonexistent")


# --------------------------------------------------------------------------
# Running one scenario


class Outcome:
    def __init__(self, sdk, sc):
        self.sdk, self.sc = sdk, sc
        self.assertions = 0
        self.failures = []   # strings
        self.notes = []
        self.go = GoOutcome()
        self.findings = []   # parsed JSON findings
        self.env = None
        self.cwd = None
        self.gs_runs = []    # (label, e2e.Result)
        self.skipped = None
        self.error = None

    @property
    def label(self):
        return "%s %s" % (self.sdk.tag, self.sc.name)

    def check(self, ok, msg):
        self.assertions += 1
        if not ok:
            self.failures.append(msg)
        return ok


def ids_of(findings, severities=None):
    return [f["id"] for f in findings if severities is None or f.get("severity") in severities]


def finding(findings, fid):
    for f in findings:
        if f.get("id") == fid:
            return f
    return None


def go_prints(f):
    """The lines gostatus says go prints (evidence labelled "go prints")."""
    return [e.get("value", "") for e in (f or {}).get("evidence", []) if e.get("label") == "go prints"]


def export_health(stdout):
    m = re.search(rb"POSH_GOSTATUS_HEALTH='([a-z]*)'", stdout)
    return m.group(1).decode() if m else None


def run_scenario(gs, sdk, sdks, sc, base, gocache):
    out = Outcome(sdk, sc)
    if sc.when is not None and not sc.when(sdk, sdks):
        out.skipped = "not applicable"
        return out
    root = os.path.join(base, sdk.tag, sc.name.replace("/", "_"))
    os.makedirs(root)
    c = Ctx(sdk, sdks, root, gocache)
    sc.setup(c)
    env = dict(c.env)
    env["PATH"] = ":".join(c.path)
    cwd = c.work if sc.cwd == "work" else c.plain
    env["PWD"] = cwd
    out.env, out.cwd = env, cwd

    # The real go: its startup checks.
    g = out.go
    g.env = e2e.run_shell_go(["env", "GOROOT"], env, cwd, timeout=120)
    if g.env.timed_out:
        out.check(False, "go env GOROOT timed out")
        return out
    classify_startup(g.env, g)

    # gostatus.
    js = e2e.run([gs, "--json"], env, cwd)
    doc = e2e.run([gs, "doctor"], env, cwd)
    strict = e2e.run([gs, "doctor", "--strict"], env, cwd)
    cold = e2e.run([gs, "--export", "bash"], env, cwd)
    warm = e2e.run([gs, "--export", "bash"], env, cwd)
    out.gs_runs = [("--json", js), ("doctor", doc), ("doctor --strict", strict),
                   ("--export bash (cold)", cold), ("--export bash (warm)", warm)]
    if not out.check(js.rc == 0 and not js.crashed, "gostatus --json: %s, stderr %s"
                     % (js.status(), e2e.show(js.stderr, 400))):
        return out
    try:
        report = json.loads(js.stdout.decode("utf-8"))
        findings = report["findings"]
        out.findings = findings
    except (ValueError, KeyError, TypeError) as e:
        out.check(False, "gostatus --json is not a schema-1 report: %s: %s" % (e, e2e.show(js.stdout, 400)))
        return out
    out.check(report.get("schema") == 1, "schema is %r, want 1" % report.get("schema"))

    # The real go again: go build, in build scenarios and whenever gostatus
    # says builds fail while go itself starts.
    claims_build = [i for i in ids_of(findings) if i in BUILD_IDS]
    if g.env.rc == 0 and (sc.build or claims_build):
        g.build = e2e.run_shell_go(["build", "-o", c.p("hello"), "."], env, cwd, timeout=900)
        if g.build.timed_out:
            out.check(False, "go build timed out")
            return out
        classify_build(g.build, g)

    def want(fid, yes, why):
        f = finding(findings, fid)
        if yes:
            out.check(f is not None, "%s missing: %s" % (fid, why))
        else:
            out.check(f is None, "%s reported (%s) but %s" % (fid, f and f.get("severity"), why))
        return f

    # --- startup: go env GOROOT
    order = startup_order(sdk)
    if g.unclassified and g.build is None:
        out.check(False, g.unclassified)
    elif g.env.rc != 0 and g.group not in order:
        out.check(False, "go failed at a %s check, which %s does not have: %s"
                  % (g.group, sdk.goversion, g.fatal_line))
    elif g.env.rc != 0:
        if g.gap:
            out.notes.append("catalog gap: %s: go says %r" % (g.gap, g.fatal_line))
        reached = order.index(g.group)
        for grp in order[:reached]:
            for fid in GROUP_IDS[grp]:
                want(fid, False, "go passed that check (it failed later, at the %s check: %s)"
                     % (g.group, g.fatal_line))
        for fid in GROUP_IDS[g.group]:
            if fid == g.fatal_id:
                f = want(fid, True, "go env GOROOT exited %s: %s" % (g.env.status(), g.fatal_line))
                if f is not None:
                    out.check(f.get("severity") == "error", "%s has severity %r, want error (go refuses to start)"
                              % (fid, f.get("severity")))
                    quoted = go_prints(f)
                    if quoted:
                        out.check(g.fatal_line in quoted,
                                  "%s quotes go as %r, go printed %r" % (fid, quoted, g.fatal_line))
            else:
                want(fid, False, "go failed at the same check with another message: %s" % g.fatal_line)
    else:
        for fid in STARTUP_IDS:
            want(fid, False, "go env GOROOT succeeded")
    # gotoolchain-invalid never applies to a go that predates GOTOOLCHAIN.
    if TOOLCHAIN not in order:
        want("gotoolchain-invalid", False, "%s does not know GOTOOLCHAIN" % sdk.goversion)

    # The GOPATH==GOROOT warning, when go got as far as printing it.
    reached_gopath = g.env.rc == 0 or (g.group in order and order.index(g.group) >= order.index(GOPATH))
    if reached_gopath:
        if g.warning:
            f = want(WARN_ID, True, "go printed %r" % g.warning)
            if f is not None:
                quoted = go_prints(f)
                if quoted:
                    out.check(g.warning in quoted, "%s quotes go as %r, go printed %r"
                              % (WARN_ID, quoted, g.warning))
        else:
            want(WARN_ID, False, "go printed no GOPATH-set-to-GOROOT warning")

    # --- go build
    if g.build is not None:
        if g.build.rc != 0 and g.build_id:
            for fid in BUILD_IDS:
                if fid == g.build_id:
                    f = want(fid, True, "go build exited %s: %s" % (g.build.status(), g.build_line))
                    if f is not None:
                        out.check(f.get("severity") == "error", "%s has severity %r, want error (go build fails)"
                                  % (fid, f.get("severity")))
                else:
                    want(fid, False, "go build failed with another message: %s" % g.build_line)
        elif g.build.rc != 0:
            out.check(False, g.unclassified or "go build failed")
        else:
            for fid in BUILD_IDS:
                want(fid, False, "go build succeeded")

    # --- go worked => no error at all; go failed => some error.
    errors = ids_of(findings, ("error",))
    if not g.failed:
        out.check(not errors, "go %s succeeded but gostatus reports error findings %s"
                  % ("env and go build" if g.build is not None else "env", errors))
    elif not g.gap and not g.unclassified:
        out.check(bool(errors), "go failed but gostatus reports no error finding")

    # --- scenario expectations
    if sc.expect:
        for fid, yes in sc.expect(c).items():
            want(fid, yes, "the scenario requires it")

    # --- health, doctor, prompt
    sevs = [f.get("severity") for f in findings]
    health = "error" if "error" in sevs else "warn" if "warn" in sevs else "ok"
    out.check(report.get("health") == health, "health is %r, the findings say %r" % (report.get("health"), health))
    want_doc = 1 if "error" in sevs else 0
    out.check(doc.rc == want_doc, "gostatus doctor: %s, want exit %d (error findings: %s)"
              % (doc.status(), want_doc, errors))
    want_strict = 1 if health in ("error", "warn") else 0
    out.check(strict.rc == want_strict, "gostatus doctor --strict: %s, want exit %d (health %s)"
              % (strict.status(), want_strict, health))
    for lbl, r in (("cold", cold), ("warm", warm)):
        h = export_health(r.stdout) if r.rc == 0 else None
        out.check(h == health, "the prompt (%s cache) says health %r (%s), --json says %r"
                  % (lbl, h, r.status(), health))
    return out


def warm_up(sdk, sdks, base, gocache):
    """Builds the hello-world once with the plain environment. Returns a
    note when that fails (the scenarios then show why)."""
    root = os.path.join(base, "warm-up", sdk.tag)
    os.makedirs(root)
    c = Ctx(sdk, sdks, root, gocache)
    env = dict(c.env, PATH=":".join(c.path), PWD=c.work)
    r = e2e.run_shell_go(["build", "-o", c.p("hello"), "."], env, c.work, timeout=900)
    if r.rc != 0:
        return "%s: %s %s" % (sdk.tag, r.status(), e2e.show(r.stderr, 300))
    return None


# --------------------------------------------------------------------------
# Reporting


def describe_failure(o, gs):
    g = o.go
    lines = ["FAIL: %s - %s" % (o.label, o.sc.doc)]
    for f in o.failures:
        lines.append("  assertion: " + f)
    lines.append("  env:  " + e2e.quote_env(o.env))
    lines.append("  repro: " + e2e.repro_command(["go", "env", "GOROOT"], o.env, o.cwd))
    lines.append("  go env GOROOT: %s stdout=%s stderr=%s"
                 % (g.env.status(), e2e.show(g.env.stdout, 300), e2e.show(g.env.stderr, 1200)))
    if g.build is not None:
        lines.append("  go build: %s stderr=%s" % (g.build.status(), e2e.show(g.build.stderr, 1200)))
    lines.append("  gostatus: %s --json (same env/cwd)" % gs)
    lines.append("  gostatus findings: %s" % (", ".join("%s:%s" % (f.get("id"), f.get("severity"))
                                                          for f in o.findings) or "(none)"))
    for lbl, r in o.gs_runs:
        if lbl.startswith("doctor"):
            lines.append("  gostatus %s: %s" % (lbl, r.status()))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per scenario")
    ap.add_argument("-j", "--jobs", type=int, default=0, help="parallel scenarios (default: CPUs, at most 8)")
    ap.add_argument("--filter", default=os.environ.get("GOSTATUS_FVG_FILTER", ""),
                    help="only scenarios whose 'goX.Y name' contains this")
    ap.add_argument("--list", action="store_true", help="list the scenarios and exit")
    args = ap.parse_args()

    if args.list:
        for sc in SCENARIOS:
            print("%-50s %s%s" % (sc.name, sc.doc, " [go build]" if sc.build else ""))
        return e2e.PASS

    sdks = e2e.find_sdks()
    if not sdks:
        e2e.skip("no Go SDK installed (looked for /usr/lib/go-1.*/bin/go, or GOSTATUS_E2E_SDKS)")
    gs = e2e.gostatus_bin()

    base = e2e.make_temp_root("gostatus-fvg-")
    try:
        for p in e2e.go_files_above(base):
            e2e.skip("%s is above the temporary directory: it would change what go does" % p)
        for p in e2e.looks_like_goroot_above(base):
            e2e.skip("%s (above the temporary directory) looks like a GOROOT" % p)
        gocache = e2e.shared_gocache(os.path.join(base, "gocache"))
        print("SDKs: %s" % ", ".join("%s (%s)" % (s.root, s.goversion) for s in sdks))
        print("gostatus: %s" % gs)
        jobs = [(sdk, sc) for sdk in sdks for sc in SCENARIOS
                if not args.filter or args.filter in "%s %s" % (sdk.tag, sc.name)]
        n = args.jobs or min(8, os.cpu_count() or 2)

        # Fill the shared GOCACHE with each SDK's std once (go1.21+ ship no
        # compiled std; a cold hello-world build is most of this test's
        # time), so that build scenarios do not all compile it at once.
        need = sorted({sdk.root for sdk, sc in jobs if sc.build}, key=lambda r: r)
        if need:
            t0 = time.monotonic()
            with concurrent.futures.ThreadPoolExecutor(max_workers=n) as ex:
                warm = list(ex.map(lambda r: warm_up([s for s in sdks if s.root == r][0], sdks, base, gocache),
                                   need))
            print("warm-up (go build of hello-world per SDK, shared GOCACHE): %.1fs%s"
                  % (time.monotonic() - t0, "".join("; " + w for w in warm if w)), flush=True)
        results = [None] * len(jobs)
        lock = threading.Lock()

        def work(i):
            sdk, sc = jobs[i]
            t0 = time.monotonic()
            try:
                o = run_scenario(gs, sdk, sdks, sc, base, gocache)
            except Exception as e:  # a bug in the test or the tree: report, don't hang
                o = Outcome(sdk, sc)
                o.error = "%s: %s" % (type(e).__name__, e)
            results[i] = o
            if args.verbose:
                with lock:
                    st = ("skip (%s)" % o.skipped if o.skipped else "ERROR" if o.error
                          else "FAIL" if o.failures else "ok")
                    print("  %-62s %-5s %5.1fs" % (o.label, st, time.monotonic() - t0), flush=True)

        with concurrent.futures.ThreadPoolExecutor(max_workers=n) as ex:
            list(ex.map(work, range(len(jobs))))

        ran = [o for o in results if not o.skipped]
        assertions = sum(o.assertions for o in ran)
        failures = 0
        for o in ran:
            if o.error:
                failures += 1
                print("ERROR: %s: %s" % (o.label, o.error))
            elif o.failures:
                failures += len(o.failures)
                print(describe_failure(o, gs))
        notes = [(o.label, n_) for o in ran for n_ in o.notes]
        for label, n_ in notes:
            print("NOTE: %s: %s" % (label, n_))
        failed_scen = sorted({o.label for o in ran if o.failures or o.error})
        if failed_scen:
            print("failing scenarios (%d): %s" % (len(failed_scen), ", ".join(failed_scen)))
        print("findings-vs-go: %d scenarios, %d assertions, %d failures" % (len(ran), assertions, failures))
        if not ran:
            e2e.skip("no scenario matched %r" % args.filter)
        return e2e.FAIL if failures else e2e.PASS
    finally:
        e2e.remove_tree(base)


if __name__ == "__main__":
    sys.exit(main())
