#!/usr/bin/env bash
# Starts a local PostgreSQL 15 (Debian packages) for the tests that need a real server.
# Idempotent: installs only what is missing, starts the cluster only when it is down,
# creates the role and database only when absent.
#
# Usage:  eval "$(bash .ci/start-postgres.sh)"
# Progress goes to stderr; stdout carries only the `export ISMSLINT_TEST_PG_URL=…` line.
set -euo pipefail

PG_VERSION=15
CLUSTER=main
PG_ROLE=ismslint
# A throw-away password for a server that only listens on localhost inside a test machine.
PG_PASSWORD="${ISMSLINT_TEST_PG_PASSWORD:-ismslint-test}"
PG_DATABASE=ismslint_test
PACKAGES=(postgresql-$PG_VERSION postgresql-$PG_VERSION-pgtap libtap-parser-sourcehandler-pgtap-perl)

log() { echo "start-postgres: $*" >&2; }

if [ "$(id -u)" -eq 0 ]; then
  as_root() { "$@"; }
elif command -v sudo >/dev/null 2>&1; then
  as_root() { sudo "$@"; }
else
  log "must run as root (or with sudo available) to install and start PostgreSQL"
  exit 1
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  # `apt-get update` is slow; run it only when apt does not know a candidate for a missing package.
  needs_update=0
  for pkg in "${missing[@]}"; do
    candidate="$(apt-cache policy "$pkg" 2>/dev/null | awk '/Candidate:/ {print $2}')"
    if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then needs_update=1; fi
  done
  if [ "$needs_update" -eq 1 ]; then
    log "apt-get update"
    as_root apt-get update -qq >&2
  fi
  log "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$PG_VERSION $CLUSTER"; then
  log "creating cluster $PG_VERSION/$CLUSTER"
  as_root pg_createcluster "$PG_VERSION" "$CLUSTER" >&2
fi

status="$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $4}')"
if [ "$status" != "online" ]; then
  log "starting cluster $PG_VERSION/$CLUSTER"
  as_root pg_ctlcluster "$PG_VERSION" "$CLUSTER" start >&2
fi
PG_PORT="$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $3}')"

psql_admin() {
  as_root runuser -u postgres -- psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qAt "$@"
}

# Wait until the server accepts connections (start returns before recovery has always finished).
for _ in $(seq 1 30); do
  if psql_admin -c 'SELECT 1' >/dev/null 2>&1; then break; fi
  sleep 1
done

# SUPERUSER: the tests create roles (CREATE ROLE) and schemas/databases of their own.
psql_admin -v role="$PG_ROLE" -v password="$PG_PASSWORD" >&2 <<'SQL'
SELECT format('CREATE ROLE %I LOGIN SUPERUSER PASSWORD %L', :'role', :'password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN SUPERUSER PASSWORD %L', :'role', :'password') \gexec
SQL

if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")" != "1" ]; then
  log "creating database $PG_DATABASE"
  psql_admin -c "CREATE DATABASE $PG_DATABASE OWNER $PG_ROLE" >&2
fi

log "PostgreSQL $PG_VERSION ready on 127.0.0.1:$PG_PORT"
echo "export ISMSLINT_TEST_PG_URL=postgres://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DATABASE"
