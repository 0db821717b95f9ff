#!/usr/bin/env bash
# System packages dgmm needs beyond Python: Thai fonts for reports, poppler for PDF checks,
# chromium for browser tests, gettext to check the Thai message catalogues. Installs with apt when it can; says what is missing otherwise.
set -u
need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v xgettext >/dev/null 2>&1 && command -v msgmerge >/dev/null 2>&1 || need+=(gettext)
fc-list 2>/dev/null | grep -qi laksaman || need+=(fonts-tlwg-laksaman fonts-thai-tlwg)
if [ ${#need[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
echo "system packages to install: ${need[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
if command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q >/dev/null 2>&1 || true
  if $SUDO apt-get install -y -q "${need[@]}" >/dev/null; then
    echo "system packages: installed ${need[*]}"
    exit 0
  fi
fi
echo "WARNING: could not install ${need[*]}; PDF and browser tests will report what is missing." >&2
exit 0
