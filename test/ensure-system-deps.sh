#!/usr/bin/env bash
# Makes sure the system packages the tests need are there: Debian's Chromium (e2e, driven by playwright-core)
# and poppler-utils (pdftotext, to read generated PDFs back). Installs them when we are root on Debian;
# otherwise stops with the one command to run.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
# RabbitMQ for the worker's broker tests (they start and stop their own node on loopback).
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  # shellcheck source=test/wait-for-apt.sh
  . "$(dirname "$0")/wait-for-apt.sh"
  wait_for_apt
  echo "installing ${missing[*]} from Debian (needed by the tests)"
  # apt's own lock wait covers a package manager that starts between our check and the install.
  lock=(-o "DPkg::Lock::Timeout=${APT_LOCK_TIMEOUT:-300}")
  apt-get "${lock[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive apt-get "${lock[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "The tests need ${missing[*]}. Run once:  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
