#!/usr/bin/env bash
# System packages dgmm needs beyond Python, installed with apt (as root, or through sudo).
#
#   scripts/system-deps.sh run    Thai fonts: the survey platform renders agency reports as PDF
#   scripts/system-deps.sh test   also poppler (PDF checks), chromium (browser tests) and gettext
#                                 (the Thai message catalogues)
#
# Waits for another apt or dpkg to finish (up to DGMM_APT_LOCK_TIMEOUT seconds, 600 by default).
# Exits 0 only when everything needed is present afterwards; otherwise says what is missing and the
# exact command that installs it, and exits 1 (so `make` does not mark the step done).
set -u
profile="${1:-test}"
case "$profile" in run|test) ;; *) echo "usage: $0 [run|test]" >&2; exit 2 ;; esac
lock_timeout="${DGMM_APT_LOCK_TIMEOUT:-600}"

missing() {  # prints the Debian packages still needed by this profile
  fc-list 2>/dev/null | grep -qi laksaman || echo fonts-tlwg-laksaman fonts-thai-tlwg
  [ "$profile" = test ] || return 0
  command -v pdftotext >/dev/null 2>&1 || echo poppler-utils
  command -v chromium >/dev/null 2>&1 || echo chromium
  { command -v xgettext && command -v msgmerge; } >/dev/null 2>&1 || echo gettext
}

fail() {  # what is missing, why, and the exact command
  echo "ERROR: system packages missing for 'make $profile': ${need[*]}" >&2
  echo "  $1" >&2
  echo "  install them, then run make again:  ${2}apt-get install -y ${need[*]}" >&2
  exit 1
}

read -r -a need <<< "$(missing | tr '\n' ' ')"
if [ ${#need[@]} -eq 0 ]; then
  echo "system packages ($profile): all present"
  exit 0
fi
echo "system packages ($profile) to install: ${need[*]}"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || fail "not root and sudo is not available: run it as root." ""
  SUDO="sudo"
fi
command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: install them with this system's package manager." "sudo "
hint="${SUDO:+sudo }"

export DEBIAN_FRONTEND=noninteractive
apt=($SUDO apt-get -o "DPkg::Lock::Timeout=$lock_timeout" -q)
"${apt[@]}" update >/dev/null || echo "warning: apt-get update failed; trying with the package lists there are" >&2
if ! "${apt[@]}" install -y --no-install-recommends "${need[@]}"; then
  fail "apt-get install failed (another apt or dpkg may have held the lock for more than ${lock_timeout} s, or a package was not found)." "$hint"
fi

read -r -a need <<< "$(missing | tr '\n' ' ')"
if [ ${#need[@]} -ne 0 ]; then
  fail "apt-get reported success but they are still not found." "$hint"
fi
echo "system packages ($profile): installed"
