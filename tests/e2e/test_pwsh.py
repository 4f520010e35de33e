#!/usr/bin/env python3
"""`gostatus init pwsh` in the real PowerShell 7, scripted.

pwsh runs a script (non-interactively: the script calls the prompt function
itself, as the host would before each prompt) that loads the hook with
Invoke-Expression (& gostatus init pwsh | Out-String), then, per step, runs a
command and calls prompt, which records $?, $LASTEXITCODE and the three
variables. Scenarios:
  - omp-strict: Set-StrictMode -Version Latest, a prompt modeled on Oh My
    Posh's pwsh init (module oh-my-posh-core, Set-PoshContext called with one
    positional argument, the last error code), the user's own Set-PoshContext
    defined before the hook: it still runs, once per prompt, with the code;
  - gostatus-first-strict: the hook loaded before any Set-PoshContext exists
    (Oh My Posh's async init), under StrictMode;
  - clm: ConstrainedLanguage mode (and StrictMode) with a plain prompt (the
    hook runs gostatus every prompt there);
  - changes: `go env -w`/`go env -u`, then a go symlink in the first PATH
    directory added, retargeted to another SDK and removed;
  - glyphs-nerd, glyphs-unicode, glyphs-ascii: `init pwsh --glyphs X`, healthy
    and broken: every glyph reaches $env:POSH_GOSTATUS intact (clm-glyphs-nerd:
    the nerd set in ConstrainedLanguage mode, where the export's [char]
    expressions must still be allowed);
  - notify: `init pwsh --notify` warns once, with the broken line, when the
    shell starts in a broken environment, and says nothing in a healthy one;
  - nospawn: under strace -f, 40 prompts after the first with nothing
    changed start no gostatus (then a change starts exactly one).
Each prompt's variables equal what `gostatus --export` prints when run
directly with that environment; $? and $LASTEXITCODE reach the prompt as the
command left them; an env var change, a PATH change, cd into a module, the
go env file and a go symlink show on the very next prompt.
Prints "pwsh: N scenarios, M prompts, K failures".

Exit: 0 pass, 1 fail, 77 skip (no pwsh, no Go SDK; no strace: nospawn only).
"""

import os
import shutil
import subprocess
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gostatus_e2e as e2e  # noqa: E402
import hooks_util as hu  # noqa: E402

FAILURES = []

REC = r'''
function global:_t_rec([string]$st) {
    $vals = foreach ($n in 'POSH_GOSTATUS', 'POSH_GOSTATUS_HEALTH', 'POSH_GOSTATUS_VERSION') {
        $v = Get-Item -LiteralPath "env:$n" -ErrorAction Ignore
        if ($v) { $v.Value } else { '' }
    }
    $n = Get-Variable -Name T_CTX -Scope Global -ValueOnly -ErrorAction Ignore
    $rec = ((@($st) + $vals + @('1', $executionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath, $env:PATH, "$n")) | ForEach-Object { "$_" + [char]0x1f }) -join ''
    Add-Content -LiteralPath $env:T_LOG -Value ($rec + [char]0x1e) -Encoding utf8NoBOM
}
function global:_t_status([bool]$ok) {
    "$($ok):$(Get-Variable -Name LASTEXITCODE -Scope Global -ValueOnly -ErrorAction Ignore)"
}
'''

PLAIN = r'''
function global:prompt { _t_rec (_t_status $?); 'PS> ' }
'''

# Modeled on Oh My Posh's src/shell/scripts/omp.ps1: a dynamic module
# oh-my-posh-core whose prompt saves $? and $LASTEXITCODE, calls
# Set-PoshContext with the error code and restores $LASTEXITCODE.
OMP = r'''
New-Module -Name oh-my-posh-core -ScriptBlock {
    function Set-PoshContext([bool]$originalStatus) {}
    $promptFunction = {
        $script:OriginalLastExecutionStatus = $?
        $script:OriginalLastExitCode = Get-Variable -Name LASTEXITCODE -Scope Global -ValueOnly -ErrorAction Ignore
        $script:ErrorCode = if ($script:OriginalLastExecutionStatus) { 0 } elseif ($script:OriginalLastExitCode) { $script:OriginalLastExitCode } else { 1 }
        Set-PoshContext $script:ErrorCode
        _t_rec "$($script:OriginalLastExecutionStatus):$($script:OriginalLastExitCode)"
        'PS> '
        $global:LASTEXITCODE = $script:OriginalLastExitCode
    }
    $Function:prompt = $promptFunction
    Export-ModuleMember -Function @('Set-PoshContext', 'prompt')
} | Import-Module -Global
'''

USER_CTX = r'''
$global:T_CTX = ''
function global:Set-PoshContext { param($code) $global:T_CTX = "$($global:T_CTX)$code," }
'''


def fail(msg):
    FAILURES.append(msg)
    print("FAIL: " + msg)


def ps_quote(s):
    return "'" + s.replace("'", "''") + "'"


PROMPTS = [0]

# want.sh GOSTATUS N [flags]: what `gostatus --export` says, to want.N.
WANT_SH = r'''gs=$1 n=$2
shift 2
out=$("$gs" --export bash "$@") || exit 3
eval "$out"
printf '%s\037%s\037%s' "$POSH_GOSTATUS" "$POSH_GOSTATUS_HEALTH" "$POSH_GOSTATUS_VERSION" > "${T_LOG%/*}/want.$n"
'''


def base_env(tmp, home, path):
    return {"HOME": home, "LANG": "C.UTF-8", "TERM": "dumb", "T_LOG": os.path.join(tmp, "prompt.log"),
            "XDG_CACHE_HOME": os.path.join(tmp, "cache"), "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
            "POWERSHELL_TELEMETRY_OPTOUT": "1", "POWERSHELL_UPDATECHECK": "Off", "PATH": path}


def run_pwsh(pwsh, tmp, env, home, script, strace=None):
    path = os.path.join(tmp, "session.ps1")
    with open(path, "w") as f:
        f.write(script)
    argv = [pwsh, "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", ". %s" % ps_quote(path)]
    if strace:
        argv = [strace, "-f", "-qq", "-e", "trace=execve", "-o", os.path.join(tmp, "trace")] + argv
    return subprocess.run(argv, env=env, cwd=home, capture_output=True, timeout=600)


def session(pwsh, gs_bin, kind, sdks):
    """One pwsh session: (tmp, env, script, steps, flags). A step is
    (command, "$?:$LASTEXITCODE" the prompt must see, GOROOT then or None)."""
    tmp = hu.make_tmp("gostatus-pwsh-%s-" % kind)
    home = os.path.join(tmp, "home")
    mod = os.path.join(tmp, "needs-newer-go")
    os.makedirs(home)
    os.makedirs(mod)
    with open(os.path.join(mod, "go.mod"), "w") as f:
        f.write("module example.com/needsnewer\n\ngo 1.999\n")
    links = os.path.join(tmp, "links")
    os.makedirs(links)
    newest = os.path.join(sdks[-1].root, "bin")
    old = os.path.join(sdks[0].root, "bin")
    path = newest + ":/usr/bin:/bin"
    flags = []
    if kind == "changes":
        # Another SDK between the link folder and the newest.
        path = links + ":" + os.path.join(sdks[len(sdks) // 2].root, "bin") + ":" + path
    if "glyphs-" in kind:
        flags = ["--glyphs", kind.split("glyphs-")[1]]
    env = base_env(tmp, home, path)
    init = "Invoke-Expression (& %s init pwsh%s | Out-String)\n" % (
        ps_quote(gs_bin), "".join(" " + ps_quote(a) for a in flags))
    head = "Set-StrictMode -Version Latest\n" + REC
    if kind == "omp-strict":
        script = head + OMP + USER_CTX + init
    elif kind == "gostatus-first-strict":
        script = head + init + OMP
    elif kind.startswith("clm"):
        script = "$ExecutionContext.SessionState.LanguageMode = 'ConstrainedLanguage'\n" + head + PLAIN + init
    else:
        script = head + PLAIN + init
    broken = os.path.join(tmp, "not-an-sdk")
    os.makedirs(broken)
    if kind == "changes":
        steps = [
            (None, "True:0", None),
            ("go env -w GOTOOLCHAIN=bogus-toolchain", "True:0", None),
            # Every go command fails with that setting, even go env -u.
            ("$env:GOTOOLCHAIN = 'local'; go env -u GOTOOLCHAIN; Remove-Item env:GOTOOLCHAIN", "True:0", None),
            ("ln -s %s %s" % (ps_quote(os.path.join(old, "go")), ps_quote(os.path.join(links, "go"))), "True:0", None),
            ("ln -sf %s %s" % (ps_quote(os.path.join(newest, "go")), ps_quote(os.path.join(links, "go"))), "True:0", None),
            ("Remove-Item -LiteralPath %s" % ps_quote(os.path.join(links, "go")), "True:0", None),
        ]
    elif "glyphs-" in kind:
        steps = [
            (None, "True:0", None),
            ("$env:GOROOT = %s" % ps_quote(broken), "True:0", broken),
            ("Remove-Item env:GOROOT; Set-Location -LiteralPath %s" % ps_quote(mod), "True:0", None),
            ("Set-Location -LiteralPath %s" % ps_quote(home), "True:0", None),
        ]
    else:
        steps = [
            (None, "True:0", None),
            ("sh -c 'exit 42'", "False:42", None),
            ("/bin/false", "False:1", None),
            ("$env:GOROOT = %s" % ps_quote(broken), "True:1", broken),
            ("Remove-Item env:GOROOT; /bin/true", "True:0", None),
            ("Set-Location -LiteralPath %s" % ps_quote(mod), "True:0", None),
            ("$env:PATH = %s + ':' + $env:PATH" % ps_quote(old), "True:0", None),
        ]
    # Files change under the session: what gostatus says at each prompt is
    # asked right after it (by bash, with the session's environment and
    # directory), not afterwards.
    want = os.path.join(tmp, "want.sh")
    with open(want, "w") as f:
        f.write(WANT_SH)
    for i, (cmd, _, _) in enumerate(steps):
        if cmd:
            script += cmd + "\n"
        script += "$null = prompt\n"
        if kind == "changes":
            script += "& /bin/bash %s %s %d%s\n" % (ps_quote(want), ps_quote(gs_bin), i,
                                                     "".join(" " + ps_quote(a) for a in flags))
    return tmp, home, env, script, steps, flags


def run(pwsh, gs_bin, kind, sdks):
    tmp, home, env, script, steps, flags = session(pwsh, gs_bin, kind, sdks)
    r = run_pwsh(pwsh, tmp, env, home, script)
    recs = hu.read_records(env["T_LOG"])
    ok = True
    if len(recs) != len(steps):
        fail("%s: %d prompts recorded, want %d; stderr: %s stdout: %s" % (
            kind, len(recs), len(steps), e2e.show(r.stderr), e2e.show(r.stdout)))
        return False
    PROMPTS[0] += len(recs)
    if b"gostatus: the prompt hook failed" in r.stdout + r.stderr:
        ok = False
        fail("%s: the hook warned: %s" % (kind, e2e.show(r.stdout + r.stderr)))
    # An error inside the prompt (say a StrictMode read of an unset
    # variable) lets the prompt go on but prints on every prompt.
    if r.stderr.strip() or r.stdout.strip():
        ok = False
        fail("%s: the session printed: %s %s" % (kind, e2e.show(r.stdout), e2e.show(r.stderr)))
    for i, (rec, (cmd, want_status, goroot)) in enumerate(zip(recs, steps)):
        what = "%s: prompt after %r" % (kind, cmd or "start")
        if rec.status != want_status.encode():
            ok = False
            fail("%s: $?:$LASTEXITCODE %r, want %s" % (what, rec.status, want_status))
        denv = dict(env)
        if goroot:
            denv["GOROOT"] = goroot
        denv["PATH"] = rec.path.decode()
        if kind == "changes":
            with open(os.path.join(tmp, "want.%d" % i), "rb") as f:
                want = tuple(f.read().split(b"\x1f"))
        else:
            want = hu.expected_vars(gs_bin, flags, denv, rec.pwd.decode())
        if (rec.line, rec.health, rec.version) != want:
            ok = False
            fail("%s: variables %r, gostatus --export says %r" % (what, (rec.line, rec.health, rec.version), want))
        if kind == "omp-strict":
            codes = rec.user_ctx.decode().rstrip(",").split(",")
            want_code = "0" if want_status.startswith("True") else ("42" if i == 1 else "1")
            if len(codes) != i + 1 or codes[-1] != want_code:
                ok = False
                fail("%s: the user's Set-PoshContext calls so far: %r (want %d, the last with %s)" % (
                    what, codes, i + 1, want_code))
        # Each step of these changes what the prompt shows.
        if (kind == "changes" or "glyphs-" in kind) and i > 0 and rec.line == recs[i - 1].line:
            ok = False
            fail("%s: the line %r did not change: the step changes what gostatus says" % (what, rec.line))
    lines = [r.line for r in recs]
    if len(set(lines)) < 3:
        ok = False
        fail("%s: the line did not follow the changes: %r" % (kind, lines))
    if "glyphs-" in kind:
        marks = b"".join(lines)
        if kind.endswith("glyphs-ascii") and any(b > 0x7E for b in marks):
            ok = False
            fail("%s: non-ASCII in %r" % (kind, lines))
        if not kind.endswith("glyphs-ascii") and all(b < 0x80 for b in marks):
            ok = False
            fail("%s: no glyph beyond ASCII in %r: the test shows nothing" % (kind, lines))
    if ok:
        print("ok: pwsh/%s (%d prompts)" % (kind, len(steps)))
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print("  kept %s" % tmp)
    return ok


def run_notify(pwsh, gs_bin, sdks):
    """--notify: one warning with the line when the shell starts broken;
    nothing when it starts healthy."""
    ok = True
    for broken in (True, False):
        tmp = hu.make_tmp("gostatus-pwsh-notify-")
        home = os.path.join(tmp, "home")
        os.makedirs(home)
        env = base_env(tmp, home, os.path.join(sdks[-1].root, "bin") + ":/usr/bin:/bin")
        if broken:
            env["GOROOT"] = os.path.join(tmp, "not-an-sdk")
            os.makedirs(env["GOROOT"])
        script = ("Set-StrictMode -Version Latest\n" + REC + PLAIN +
                  "Invoke-Expression (& %s init pwsh --notify | Out-String)\n$null = prompt\n$null = prompt\n"
                  % ps_quote(gs_bin))
        r = run_pwsh(pwsh, tmp, env, home, script)
        out = (r.stdout + r.stderr).decode("utf-8", "replace")
        want = hu.expected_vars(gs_bin, [], env, home)
        said = out.count("gostatus: the Go environment has errors:")
        recs = hu.read_records(env["T_LOG"])
        PROMPTS[0] += len(recs)
        what = "notify (%s)" % ("broken" if broken else "healthy")
        if len(recs) != 2 or r.returncode != 0:
            ok = False
            fail("%s: %d prompts, rc %d: %s" % (what, len(recs), r.returncode, e2e.show(r.stdout + r.stderr)))
        elif broken and (said != 1 or "gostatus: the Go environment has errors: %s" % want[0].decode() not in out
                         or "gostatus doctor" not in out):
            ok = False
            fail("%s: want one warning naming %r and gostatus doctor, got: %s" % (what, want[0], e2e.show(r.stdout + r.stderr)))
        elif not broken and "gostatus" in out:
            ok = False
            fail("%s: said something: %s" % (what, e2e.show(r.stdout + r.stderr)))
        if ok:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print("  kept %s" % tmp)
    if ok:
        print("ok: pwsh/notify (warns once when broken, silent when healthy)")
    return ok


def run_nospawn(pwsh, gs_bin, sdks, strace):
    """Prompts with nothing changed start no gostatus: strace -f counts its
    execve while pwsh runs 1 + 40 unchanged prompts, then one after a
    change."""
    tmp = hu.make_tmp("gostatus-pwsh-nospawn-")
    home = os.path.join(tmp, "home")
    os.makedirs(home)
    env = base_env(tmp, home, os.path.join(sdks[-1].root, "bin") + ":/usr/bin:/bin")
    n = 40
    script = ("Set-StrictMode -Version Latest\n" + REC + PLAIN +
              "Invoke-Expression (& %s init pwsh | Out-String)\n" % ps_quote(gs_bin) +
              "$null = prompt\n" * (1 + n) + "$env:GOFLAGS = '-mod=mod'\n$null = prompt\n")
    r = run_pwsh(pwsh, tmp, env, home, script, strace)
    recs = hu.read_records(env["T_LOG"])
    PROMPTS[0] += len(recs)
    try:
        with open(os.path.join(tmp, "trace"), encoding="utf-8", errors="replace") as f:
            execs = hu.parse_execs(f.read(), gs_bin)
    except FileNotFoundError:
        execs = []
    # One by `init pwsh`, one at the first prompt, one after the change.
    runs = [a for a in execs if "--export" in a]
    ok = True
    if len(recs) != n + 2:
        ok = False
        fail("nospawn: %d prompts, want %d: %s" % (len(recs), n + 2, e2e.show(r.stdout + r.stderr)))
    elif len(runs) != 2:
        ok = False
        fail("nospawn: %d gostatus --export runs over %d prompts (want 2: the first prompt and the one "
             "after GOFLAGS changed): %s" % (len(runs), n + 2, runs))
    elif recs[-1].line != recs[0].line or not recs[0].line:
        ok = False
        fail("nospawn: the line %r became %r" % (recs[0].line, recs[-1].line))
    if ok:
        print("ok: pwsh/nospawn (%d unchanged prompts started no process)" % n)
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print("  kept %s" % tmp)
    return ok


ALL = ("omp-strict gostatus-first-strict clm changes glyphs-nerd glyphs-unicode glyphs-ascii clm-glyphs-nerd "
       "notify nospawn")


def main():
    gs_bin = e2e.gostatus_bin()
    pwsh = hu.find_pwsh()
    if not pwsh:
        e2e.skip("pwsh is not installed (scripts/deps-extra.sh: dotnet tool install --global PowerShell)")
    sdks = e2e.find_sdks()
    if len(sdks) < 3:
        e2e.skip("need three Go SDKs (/usr/lib/go-1.*), found %d" % len(sdks))
    kinds = os.environ.get("GOSTATUS_PWSH_KINDS", ALL).split()
    ran = 0
    for kind in kinds:
        try:
            if kind == "notify":
                run_notify(pwsh, gs_bin, sdks)
            elif kind == "nospawn":
                strace = shutil.which("strace")
                if not strace or subprocess.run([strace, "-f", "-o", "/dev/null", "/bin/true"],
                                                 capture_output=True).returncode != 0:
                    fail("nospawn: strace is missing or cannot trace here") if e2e.in_ci() else \
                        print("SKIP: pwsh/nospawn: strace is missing or cannot trace here")
                    continue
                run_nospawn(pwsh, gs_bin, sdks, strace)
            else:
                run(pwsh, gs_bin, kind, sdks)
        except Exception:
            fail("%s raised:\n%s" % (kind, traceback.format_exc()))
        ran += 1
    print("pwsh: %d scenarios, %d prompts, %d failures" % (ran, PROMPTS[0], len(FAILURES)))
    if FAILURES:
        return e2e.FAIL
    return e2e.PASS


if __name__ == "__main__":
    sys.exit(main())
