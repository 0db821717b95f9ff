#!/usr/bin/env bash
# Installs and starts Debian's PostgreSQL when no server answers (a user's fresh machine).
set -u
command -v apt-get >/dev/null 2>&1 || exit 1
[ "$(id -u)" -eq 0 ] || exit 1
if ! ls /etc/postgresql >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1 || exit 1
fi
ver=$(ls /etc/postgresql | head -n1)
pg_ctlcluster --skip-systemctl-redirect "$ver" main start >/dev/null 2>&1 || true
conf=/etc/postgresql/$ver/main/pg_hba.conf
if ! grep -q "dgmm-trust" "$conf"; then
  sed -i '1i host all postgres 127.0.0.1/32 trust # dgmm-trust' "$conf"
  pg_ctlcluster --skip-systemctl-redirect "$ver" main reload >/dev/null 2>&1 || true
fi
sleep 1
.venv/bin/python scripts/pg_probe.py postgres://postgres@127.0.0.1:5432/postgres
