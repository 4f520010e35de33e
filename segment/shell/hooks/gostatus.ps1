# gostatus init pwsh: add  Invoke-Expression (& gostatus init pwsh | Out-String)
# to $PROFILE (after oh-my-posh or starship init). Before each prompt it sets
# $env:POSH_GOSTATUS, POSH_GOSTATUS_HEALTH and POSH_GOSTATUS_VERSION, running
# gostatus only when something the answer depends on changed: the variables
# gostatus reads, the directory, or a file (gostatus hands over
# Test-GostatusUnchanged, which checks them with .NET's File and Directory
# APIs; it starts no process). This script and what gostatus --export pwsh
# prints are ASCII, so no console code page can garble them.
# Every variable is set before it is read (Set-StrictMode -Version Latest).
# In ConstrainedLanguage mode, where only core types' methods may be called,
# the hook runs gostatus before every prompt: the same check done with
# cmdlets cost more than that run (see the README).
$global:_gostatus_seen = $false
$global:_gostatus_fresh = $false
$global:_gostatus_skip = $false
$global:_gostatus_sig = $null
$global:_gostatus_warned = $false
# The names gostatus reads: any GO*, the prefixes and the names below.
# -match ignores case: a superset of gostatus's names, never fewer.
$global:_gostatus_names_re = '^(?:go@PREFIXED_RE@)|^(?:@NAMES_RE@)$'
# Kept when the profile is loaded again: it holds the user's Set-PoshContext.
if (-not (Test-Path -LiteralPath variable:global:_gostatus_prev_context)) { $global:_gostatus_prev_context = $null }
if (-not (Test-Path -LiteralPath variable:global:_gostatus_inner_prompt)) { $global:_gostatus_inner_prompt = $null }
# The directory and every variable gostatus reads, as one string. One -match
# filters the names and one indexing fetches their values (no per-variable
# loop); names and values hold no NUL, so the string reads back one way.
function global:Get-GostatusEnvSig {
    $cwd = $executionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath
    $vars = [System.Environment]::GetEnvironmentVariables()
    $names = [string[]]@(([string[]]$vars.Keys) -match $global:_gostatus_names_re)
    [System.Array]::Sort($names, [System.StringComparer]::Ordinal)
    $sig = "$($cwd.Length):$cwd`0$($names.Count)"
    if ($names.Count -eq 0) { return $sig }
    $sig + "`0" + [string]::Join("`0", $names) + "`0" + [string]::Join("`0", [string[]]@($vars[$names]))
}
function global:Update-GostatusEnv {
    $gostatusDone = $false
    $gostatusRan = $false
    $gostatusCode = $null
    try {
        $gostatusFull = $ExecutionContext.SessionState.LanguageMode -eq 'FullLanguage'
        if ($gostatusFull) {
            $gostatusSig = Get-GostatusEnvSig
            if ($global:_gostatus_skip -and $gostatusSig -ceq $global:_gostatus_sig -and (Test-GostatusUnchanged)) {
                return
            }
            $global:_gostatus_sig = $gostatusSig
        }
        $global:_gostatus_skip = $false
        # Unset until a native program ran; reading it then throws under
        # Set-StrictMode.
        $gostatusHad = Test-Path -LiteralPath variable:global:LASTEXITCODE
        if ($gostatusHad) { $gostatusCode = $global:LASTEXITCODE }
        $gostatusRan = $true
        if ($gostatusFull) {
            $gostatusOut = & @BIN@ '--export' 'pwsh'@DEPS@@ARGS@ 2>$null
        } else {
            $gostatusOut = & @BIN@ '--export' 'pwsh'@ARGS@ 2>$null
        }
        if ($LASTEXITCODE -eq 0 -and $gostatusOut) {
            Invoke-Expression ($gostatusOut -join "`n")
            $gostatusDone = $true
        }
    } catch {
        # Said once, so a broken hook is not silently an empty segment.
        if (-not $global:_gostatus_warned) {
            $global:_gostatus_warned = $true
            Write-Warning "gostatus: the prompt hook failed: $_"
        }
    }
    if (-not $gostatusDone) {
        $env:POSH_GOSTATUS = $null
        $env:POSH_GOSTATUS_HEALTH = $null
        $env:POSH_GOSTATUS_VERSION = $null
    }
    if ($gostatusRan) {
        if ($gostatusHad) { $global:LASTEXITCODE = $gostatusCode }
        else { Remove-Variable -Name LASTEXITCODE -Scope Global -ErrorAction Ignore }
    }
}
# Oh My Posh calls Set-PoshContext right before it renders. An existing one
# (an alias of the user's, or Oh My Posh's placeholder function) is kept and
# called after ours.
function global:Set-GostatusPoshContext {
    if ($global:_gostatus_fresh) {
        $global:_gostatus_fresh = $false
    } else {
        Update-GostatusEnv
    }
    $global:_gostatus_seen = $true
    if ($null -ne $global:_gostatus_prev_context) {
        & $global:_gostatus_prev_context @args
    }
}
& {
    $alias = Get-Alias -Name Set-PoshContext -ErrorAction Ignore
    if ($alias) {
        if ($alias.Definition -ne 'Set-GostatusPoshContext') {
            $global:_gostatus_prev_context = $alias.Definition
        }
    } else {
        $fn = Get-Command -Name Set-PoshContext -CommandType Function -ErrorAction Ignore
        if ($fn) {
            $global:_gostatus_prev_context = $fn.ScriptBlock
        }
    }
    Set-Alias -Name Set-PoshContext -Value Set-GostatusPoshContext -Scope Global -Force
    # Without Oh My Posh, wrap the prompt function (a plain prompt, or
    # starship's) so the variables are fresh when it runs; $? and
    # $LASTEXITCODE reach it unchanged.
    $loaded = $function:prompt -and $function:prompt.ToString().Contains('_gostatus_inner_prompt')
    if (-not (Get-Module -Name oh-my-posh-core) -and -not $loaded) {
        $global:_gostatus_inner_prompt = $function:prompt
        function global:prompt {
            $gostatusOk = $?
            if ($global:_gostatus_seen) {
                $global:_gostatus_seen = $false
            } else {
                Update-GostatusEnv
                $global:_gostatus_fresh = $true
            }
            if ($gostatusOk) { $null = 1 } else { Write-Error '' -ErrorAction Ignore }
            if ($global:_gostatus_inner_prompt) { & $global:_gostatus_inner_prompt } else { "PS $($executionContext.SessionState.Path.CurrentLocation)> " }
        }
    }
}
@NOTIFY@
