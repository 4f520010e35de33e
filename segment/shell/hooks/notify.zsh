  _gostatus_update
  if [[ $POSH_GOSTATUS_HEALTH == error ]]; then
    print -ru2 -- "gostatus: the Go environment has errors: $POSH_GOSTATUS" "gostatus: run 'gostatus doctor' to see why"
  fi
