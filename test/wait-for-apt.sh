#!/usr/bin/env bash
# wait_for_apt: waits until no other package manager (apt, apt-get, dpkg, aptitude, unattended-upgrades) runs,
# for at most APT_LOCK_TIMEOUT seconds (default 300). A fresh VM's unattended upgrades hold the dpkg lock for
# minutes; without waiting, apt-get fails at once. Prints what it waits for; returns 1 with a clear message on
# timeout. PROC_ROOT (default /proc) and APT_LOCK_POLL (seconds, default 5) exist for the tests.
holders() {
  local d name
  for d in "${PROC_ROOT:-/proc}"/[0-9]*; do
    [ -r "$d/comm" ] || continue
    name=$(cat "$d/comm" 2>/dev/null) || continue
    case "$name" in
      apt | apt-get | dpkg | aptitude | unattended-upgr*) echo "${d##*/} ($name)" ;;
    esac
  done
}

wait_for_apt() {
  local timeout=${APT_LOCK_TIMEOUT:-300} poll=${APT_LOCK_POLL:-5} waited=0 busy
  busy=$(holders | tr '\n' ' ')
  [ -z "$busy" ] && return 0
  echo "waiting up to ${timeout}s for the package manager to finish (running: ${busy% })" >&2
  while [ -n "$busy" ]; do
    if [ "$waited" -ge "$timeout" ]; then
      echo "The package manager is still busy after ${timeout}s (running: ${busy% })." >&2
      echo "Let it finish (or stop it), then run npm test again; APT_LOCK_TIMEOUT=<seconds> waits longer." >&2
      return 1
    fi
    sleep "$poll"
    waited=$((waited + poll))
    busy=$(holders | tr '\n' ' ')
  done
  echo "the package manager is free (waited ${waited}s)" >&2
}
