Update-GostatusEnv
if ($env:POSH_GOSTATUS_HEALTH -eq 'error') {
    Write-Warning "gostatus: the Go environment has errors: $env:POSH_GOSTATUS"
    Write-Warning "gostatus: run 'gostatus doctor' to see why"
}
