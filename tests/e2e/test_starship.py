#!/usr/bin/env python3
"""The real starship with gostatus's hook, in bash, zsh and fish.

Each shell runs interactively in a private tmux server, with starship's init
and then the hook loaded as the README says, and STARSHIP_CONFIG made of
themes/starship/env-var.toml plus a format that shows only that module and a
"P> " marker. Checked, per shell: the first prompt already shows the line;
after a command that breaks the environment (GOROOT exported to a directory
that is no SDK) the very next prompt shows the broken line, and after one that
mends it (unset GOROOT) the very next prompt shows the healthy line again.
Each prompt's text is compared with the line `gostatus --export` gives when
run directly in the same environment (empty: no stray space). The fragments
bash+user-func scenario sets a starship_precmd_user_func of the user's
before the hook: it still runs once per prompt. The fragments
scenario runs `starship prompt` with env-var.toml and custom.toml, each with
a value and with an empty one (nothing, not a stray space, for the latter).
Prints "starship: N scenarios, K failures".

starship prints its own path into its init script. Where starship is the
wrapper of scripts/deps-extra.sh (it starts the real binary through a private
loader), that path is the loader's, so the test writes the init script with
the wrapper's path instead; a real starship on PATH is loaded exactly as the
README says.

Exit: 0 pass, 1 fail, 77 skip (no tmux, no starship, no Go SDK).
"""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gostatus_e2e as e2e  # noqa: E402
import hooks_util as hu  # noqa: E402

FAILURES = []
MARK = "P>"


def fail(msg):
    FAILURES.append(msg)
    print("FAIL: " + msg)


def starship_init(starship, shell, tmp):
    """The rc line that loads starship: the README's, or, when starship runs
    through a loader (its init names the loader, not itself), an init file
    with the wrapper's path in the loader's place."""
    full = subprocess.run([starship, "init", shell, "--print-full-init"], capture_output=True,
                          timeout=120).stdout.decode()
    loader = re.search(r"(/[^\s'\"()]*/ld-linux[^\s'\"()]*)", full)
    if not loader:
        return ("%s init fish | source\n" % shlex.quote(starship) if shell == "fish"
                else 'eval "$(%s init %s)"\n' % (shlex.quote(starship), shell))
    path = os.path.join(tmp, "starship-init." + shell)
    with open(path, "w") as f:
        f.write(full.replace(loader.group(1), starship))
    return "source %s\n" % shlex.quote(path)


def config(src, path):
    with open(os.path.join(src, "themes", "starship", "env-var.toml")) as f:
        frag = f.read()
    with open(path, "w") as f:
        f.write('format = "${env_var.POSH_GOSTATUS}%s "\nadd_newline = false\n\n' % MARK + frag)


def prompts(screen):
    return [ln.split(MARK)[0] for ln in screen.split("\n") if MARK in ln]


def wait_prompts(t, n, timeout=180):
    deadline = time.time() + timeout
    while time.time() < deadline:
        screen = t.capture()
        lines = [ln for ln in screen.split("\n") if ln.strip()]
        if len(prompts(screen)) >= n and lines and lines[-1].rstrip().endswith(MARK):
            return prompts(screen)
        if not t.alive():
            break
        time.sleep(0.2)
    return prompts(t.capture())


def run_shell(shell, gs_bin, starship, sdk, src, user_func=False):
    """user_func (bash): the rc sets a starship_precmd_user_func of the
    user's before the gostatus line; it must still run once per prompt."""
    name = shell + ("+user-func" if user_func else "")
    tmp = hu.make_tmp("gostatus-starship-%s-" % name.replace("+", "-"))
    home = os.path.join(tmp, "home")
    os.makedirs(home)
    env = {"HOME": home, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color",
           "USER": "gostatus-test", "XDG_CACHE_HOME": os.path.join(tmp, "cache"),
           "XDG_CONFIG_HOME": os.path.join(tmp, "config"), "ZDOTDIR": os.path.join(tmp, "zdot"),
           "STARSHIP_CONFIG": os.path.join(tmp, "starship.toml"),
           "STARSHIP_CACHE": os.path.join(tmp, "starship-cache"), "fish_history": "",
           "PATH": os.path.join(sdk.root, "bin") + ":/usr/bin:/bin"}
    config(src, env["STARSHIP_CONFIG"])
    line = starship_init(starship, shell, tmp)
    uf_log = os.path.join(tmp, "user-func.log")
    if user_func:
        line += 'my_precmd() { printf x >> %s; }\nstarship_precmd_user_func=my_precmd\n' % shlex.quote(uf_log)
    rc_text = line + hu.init_line(shell, gs_bin, [])
    if shell == "zsh":
        os.makedirs(env["ZDOTDIR"])
        rc = os.path.join(env["ZDOTDIR"], ".zshrc")
    else:
        rc = os.path.join(tmp, "rc." + shell)
    with open(rc, "w") as f:
        f.write(rc_text)
    broken = os.path.join(tmp, "not-an-sdk")
    os.makedirs(broken)
    setenv = "set -gx GOROOT %s" if shell == "fish" else "export GOROOT=%s"
    unset = "set -e GOROOT" if shell == "fish" else "unset GOROOT"
    steps = [(None, {}), (setenv % broken, {"GOROOT": broken}), (unset, {})]
    t = hu.Tmux(tmp)
    t.start(["env", "-i"] + ["%s=%s" % kv for kv in sorted(env.items())] +
            hu.shell_argv(shell, rc, home), cwd=home)
    ok = True
    try:
        for i, (cmd, extra) in enumerate(steps):
            if cmd:
                t.send(cmd)
            got = wait_prompts(t, i + 1)
            if len(got) < i + 1:
                fail("%s: no prompt after %r; screen:\n%s" % (shell, cmd, t.capture()))
                return False
            denv = dict(env)
            denv.update(extra)
            want = hu.expected_vars(gs_bin, [], denv, home)
            want_text = (want[0].decode() + " ") if want and want[0] else ""
            if got[i] != want_text:
                ok = False
                fail("%s: after %r the next prompt shows %r, want %r" % (shell, cmd or "start", got[i], want_text))
        if user_func:
            try:
                with open(uf_log) as f:
                    calls = f.read()
            except FileNotFoundError:
                calls = ""
            if calls != "x" * len(steps):
                ok = False
                fail("%s: the user's starship_precmd_user_func ran %d times over %d prompts" % (
                    name, len(calls), len(steps)))
        if ok and got[1] == got[0]:
            ok = False
            fail("%s: breaking the environment did not change the line: the scenario proves nothing" % shell)
    finally:
        t.kill()
    if ok:
        print("ok: starship/%s (%d prompts, each change on the very next prompt)" % (name, len(steps)))
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print("  kept %s" % tmp)
    return ok


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def check_fragments(gs_bin, starship, sdk, src):
    """`starship prompt` with each fragment alone: the text is the value and
    one space, or nothing at all when the value is empty (a format without a
    conditional group leaves a stray space)."""
    tmp = hu.make_tmp("gostatus-starship-fragments-")
    env = {"HOME": tmp, "LANG": "C.UTF-8", "PATH": os.path.join(sdk.root, "bin") + ":/usr/bin:/bin",
           "STARSHIP_CACHE": os.path.join(tmp, "cache"), "STARSHIP_CONFIG": os.path.join(tmp, "starship.toml")}
    silent = os.path.join(tmp, "silent")
    with open(silent, "w") as f:
        f.write("#!/bin/sh\nexit 0\n")
    os.chmod(silent, 0o755)
    line = subprocess.run([gs_bin, "--style", "plain"], env=env, cwd=tmp, capture_output=True,
                          timeout=60).stdout.decode().strip()
    with open(os.path.join(src, "themes", "starship", "env-var.toml")) as f:
        env_var = f.read()
    with open(os.path.join(src, "themes", "starship", "custom.toml")) as f:
        custom = f.read()
    cases = [
        ("env-var.toml, empty", "${env_var.POSH_GOSTATUS}", env_var, {"POSH_GOSTATUS": ""}, MARK + " "),
        ("env-var.toml, set", "${env_var.POSH_GOSTATUS}", env_var, {"POSH_GOSTATUS": "go1.2.3 R\u2717"},
         "go1.2.3 R\u2717 " + MARK + " "),
        ("custom.toml, gostatus prints nothing", "${custom.gostatus}",
         custom.replace('shell = ["gostatus"', 'shell = [%s' % json.dumps(silent)), {}, MARK + " "),
        ("custom.toml, gostatus", "${custom.gostatus}",
         custom.replace('shell = ["gostatus"', 'shell = [%s' % json.dumps(gs_bin)), {}, line + " " + MARK + " "),
    ]
    ok = True
    if not line:
        ok = False
        fail("fragments: gostatus printed no line to compare with")
    for what, fmt, frag, extra, want in cases:
        with open(env["STARSHIP_CONFIG"], "w") as f:
            f.write('format = "%s%s "\nadd_newline = false\n\n' % (fmt, MARK) + frag)
        r = subprocess.run([starship, "prompt"], env=dict(env, **extra), cwd=tmp, capture_output=True, timeout=60)
        got = ANSI.sub("", r.stdout.decode("utf-8", "replace"))
        if got != want:
            ok = False
            fail("fragments: %s: starship prompt prints %r, want %r" % (what, got, want))
    if ok:
        print("ok: starship/fragments (%d prompts: a value and one space, or nothing)" % len(cases))
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print("  kept %s" % tmp)
    return ok


def main():
    gs_bin = e2e.gostatus_bin()
    if not shutil.which("tmux"):
        e2e.skip("tmux is not installed (apt-get install tmux)")
    starship = hu.find_starship()
    if not starship:
        e2e.skip("starship is not installed (scripts/deps-extra.sh)")
    sdks = e2e.find_sdks()
    if not sdks:
        e2e.skip("no Go SDK (/usr/lib/go-1.*)")
    shells = [s for s in ("bash", "zsh", "fish") if shutil.which(s)]
    if not shells:
        e2e.skip("none of bash, zsh, fish is installed")
    for s in ("bash", "zsh", "fish"):
        if s not in shells:
            print("SKIP: %s is not installed" % s)
    ran = 0
    for shell in shells + (["bash+user-func"] if "bash" in shells else []) + ["fragments"]:
        try:
            if shell == "fragments":
                check_fragments(gs_bin, starship, sdks[-1], e2e.source_dir())
            elif shell == "bash+user-func":
                run_shell("bash", gs_bin, starship, sdks[-1], e2e.source_dir(), user_func=True)
            else:
                run_shell(shell, gs_bin, starship, sdks[-1], e2e.source_dir())
        except Exception:
            fail("%s raised:\n%s" % (shell, traceback.format_exc()))
        ran += 1
    print("starship: %d scenarios, %d failures" % (ran, len(FAILURES)))
    if FAILURES:
        return e2e.FAIL
    return e2e.PASS


if __name__ == "__main__":
    sys.exit(main())
