#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests: Debian's postgresql, initdb into a temp folder as the
# unprivileged postgres user, listening on 127.0.0.1 only (port PORTAL_PG_PORT, default 55432), the role "portal"
# with trust authentication. Tests read PORTAL_TEST_POSTGRES (scripts/test.sh sets it). Safe to run again.
set -euo pipefail

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! dpkg-query -W -f='${Status}' postgresql 2>/dev/null | grep -q "install ok installed"; then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends postgresql
fi
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
dir="${PORTAL_PG_DIR:-/tmp/portal-pg}"
port="${PORTAL_PG_PORT:-55432}"
# PostgreSQL refuses to run as root: as root, run it as the postgres user the package created.
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  echo "postgres already listening on 127.0.0.1:$port"
  exit 0
fi
rm -rf "$dir"
mkdir -p "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
as_owner "$bin/initdb" -D "$dir" -U portal -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
# A test cluster: no fsync, so test databases come and go quickly.
as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
echo "postgres listening on 127.0.0.1:$port"
