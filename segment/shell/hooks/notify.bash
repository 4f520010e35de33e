_gostatus_update
if [ "${POSH_GOSTATUS_HEALTH-}" = error ]; then
  printf '%s\n' "gostatus: the Go environment has errors: ${POSH_GOSTATUS-}" "gostatus: run 'gostatus doctor' to see why" >&2
fi
