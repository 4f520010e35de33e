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
  - clm: ConstrainedLanguage mode (and StrictMode) with a plain prompt.
Each prompt's variables equal what `gostatus --export` prints when run
directly with that environment; $? and $LASTEXITCODE reach the prompt as the
command left them; an env var change, a PATH change and cd into a module
show on the very next prompt.

Exit: 0 pass, 1 fail, 77 skip (no pwsh, no Go SDK).
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


def run(pwsh, gs_bin, kind, sdks):
    tmp = hu.make_tmp("gostatus-pwsh-%s-" % kind)
    home = os.path.join(tmp, "home")
    mod = os.path.join(tmp, "needs-newer-go")
    os.makedirs(home)
    os.makedirs(mod)
    with open(os.path.join(mod, "go.mod"), "w") as f:
        f.write("module example.com/needsnewer\n\ngo 1.999\n")
    log = os.path.join(tmp, "prompt.log")
    env = {"HOME": home, "LANG": "C.UTF-8", "TERM": "dumb", "T_LOG": log,
           "XDG_CACHE_HOME": os.path.join(tmp, "cache"), "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
           "POWERSHELL_TELEMETRY_OPTOUT": "1", "POWERSHELL_UPDATECHECK": "Off",
           "PATH": os.path.join(sdks[-1].root, "bin") + ":/usr/bin:/bin"}
    init = "Invoke-Expression (& %s init pwsh | Out-String)\n" % ps_quote(gs_bin)
    head = "Set-StrictMode -Version Latest\n" + REC
    if kind == "omp-strict":
        script = head + OMP + USER_CTX + init
    elif kind == "gostatus-first-strict":
        script = head + init + OMP
    else:
        script = "$ExecutionContext.SessionState.LanguageMode = 'ConstrainedLanguage'\n" + head + PLAIN + init
    broken = os.path.join(tmp, "not-an-sdk")
    os.makedirs(broken)
    old = os.path.join(sdks[0].root, "bin")
    steps = [
        (None, "True:0", {}),
        ("sh -c 'exit 42'", "False:42", {}),
        ("/bin/false", "False:1", {}),
        ("$env:GOROOT = %s" % ps_quote(broken), "True:1", {"GOROOT": broken}),
        ("Remove-Item env:GOROOT; /bin/true", "True:0", {}),
        ("Set-Location -LiteralPath %s" % ps_quote(mod), "True:0", {}),
        ("$env:PATH = %s + ':' + $env:PATH" % ps_quote(old), "True:0", {}),
    ]
    for cmd, _, _ in steps:
        if cmd:
            script += cmd + "\n"
        script += "$null = prompt\n"
    path = os.path.join(tmp, "session.ps1")
    with open(path, "w") as f:
        f.write(script)
    r = subprocess.run([pwsh, "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", ". %s" % ps_quote(path)],
                       env=env, cwd=home, capture_output=True, timeout=600)
    recs = hu.read_records(log)
    ok = True
    if len(recs) != len(steps):
        fail("%s: %d prompts recorded, want %d; stderr: %s stdout: %s" % (
            kind, len(recs), len(steps), e2e.show(r.stderr), e2e.show(r.stdout)))
        return False
    if b"gostatus: the prompt hook failed" in r.stdout + r.stderr:
        ok = False
        fail("%s: the hook warned: %s" % (kind, e2e.show(r.stdout + r.stderr)))
    extra = {}
    for i, (rec, (cmd, want_status, ex)) in enumerate(zip(recs, steps)):
        extra = ex if cmd and "GOROOT" in cmd else extra
        what = "%s: prompt after %r" % (kind, cmd or "start")
        if rec.status != want_status.encode():
            ok = False
            fail("%s: $?:$LASTEXITCODE %r, want %s" % (what, rec.status, want_status))
        denv = {k: v for k, v in env.items()}
        denv.update(extra)
        denv["PATH"] = rec.path.decode()
        want = hu.expected_vars(gs_bin, [], denv, rec.pwd.decode())
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
    lines = [(r.line) for r in recs]
    if len(set(lines)) < 3:
        ok = False
        fail("%s: the line did not follow GOROOT, cd and PATH: %r" % (kind, lines))
    if ok:
        print("ok: pwsh/%s (%d prompts)" % (kind, len(steps)))
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print("  kept %s" % tmp)
    return ok


def main():
    gs_bin = e2e.gostatus_bin()
    pwsh = hu.find_pwsh()
    if not pwsh:
        e2e.skip("pwsh is not installed (scripts/deps-extra.sh: dotnet tool install --global PowerShell)")
    sdks = e2e.find_sdks()
    if len(sdks) < 2:
        e2e.skip("need two Go SDKs (/usr/lib/go-1.*), found %d" % len(sdks))
    kinds = os.environ.get("GOSTATUS_PWSH_KINDS", "omp-strict gostatus-first-strict clm").split()
    for kind in kinds:
        try:
            run(pwsh, gs_bin, kind, sdks)
        except Exception:
            fail("%s raised:\n%s" % (kind, traceback.format_exc()))
    if FAILURES:
        print("%d failure(s)" % len(FAILURES))
        return e2e.FAIL
    return e2e.PASS


if __name__ == "__main__":
    sys.exit(main())
