if @INTERACTIVE@
    _gostatus_update
    if test "$POSH_GOSTATUS_HEALTH" = error
        printf '%s\n' "gostatus: the Go environment has errors: $POSH_GOSTATUS" "gostatus: run 'gostatus doctor' to see why" >&2
    end
end
