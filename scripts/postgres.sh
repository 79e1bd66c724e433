#!/usr/bin/env bash
# The local PostgreSQL that cluster storage and its tests use, on a Debian machine.
#
#   scripts/postgres.sh start   start the installed cluster (creating it if the package made none), make sure
#                               the role "realtime" (LOGIN CREATEDB, password below) and the database "realtime"
#                               exist, then print the connection string. Safe to run again.
#   scripts/postgres.sh stop    stop the cluster.
#   scripts/postgres.sh url     print the connection string only.
#
# Installs nothing: scripts/install-test-deps.sh installs the postgresql package. Runs as root (psql runs as the
# postgres user through runuser) or as the postgres user itself. The password is REALTIME_POSTGRES_PASSWORD,
# default "realtime": a development and test login, reachable only from loopback in Debian's default
# configuration. The role may create databases so that tests can make one per test and drop it afterwards.
# Progress goes to stderr; stdout carries only the connection string, so `$(scripts/postgres.sh start)` works.
set -euo pipefail

role="realtime"
database="realtime"
password="${REALTIME_POSTGRES_PASSWORD:-realtime}"

die() { echo "postgres.sh: $*" >&2; exit 1; }
say() { echo "postgres.sh: $*" >&2; }

# Characters that need quoting in SQL or in the connection string are refused rather than escaped.
[[ "$password" =~ ^[A-Za-z0-9_.+-]+$ ]] || die "REALTIME_POSTGRES_PASSWORD may only hold letters, digits and _ . + -"

# The cluster to use: "main" of the newest installed version, else the first one listed.
# pg_lsclusters -h prints: version cluster port status owner data-directory log-file.
pick_cluster() {
  command -v pg_lsclusters >/dev/null 2>&1 || die "PostgreSQL is not installed (apt-get install postgresql, or run scripts/install-test-deps.sh)"
  local line
  line="$(pg_lsclusters -h 2>/dev/null | awk '$2 == "main"' | sort -k1,1V | tail -n 1)"
  [ -n "$line" ] || line="$(pg_lsclusters -h 2>/dev/null | head -n 1)"
  if [ -z "$line" ] && [ "${1:-}" = "create" ]; then
    # The package was installed without a cluster (create_main_cluster = false, or it was dropped): make one.
    local version
    version="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)"
    [ -n "$version" ] || die "no PostgreSQL server found under /usr/lib/postgresql"
    [ "$(id -u)" -eq 0 ] || die "no PostgreSQL cluster exists and creating one needs root"
    say "creating cluster $version/main"
    pg_createcluster --encoding UTF8 --locale C.UTF-8 "$version" main >&2
    line="$(pg_lsclusters -h | awk '$2 == "main"' | sort -k1,1V | tail -n 1)"
  fi
  [ -n "$line" ] || die "no PostgreSQL cluster exists (pg_createcluster <version> main, or run: $0 start)"
  read -r version cluster port status _ <<<"$line"
}

as_postgres() {
  # From /, so that psql does not warn about a working directory the postgres user cannot enter (/root).
  if [ "$(id -un)" = "postgres" ]; then
    (cd / && "$@")
  elif [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && sudo -n -u postgres -- "$@") || die "run as root or as postgres (psql needs the postgres superuser)"
  fi
}

psql_admin() {
  # Over the local socket as the postgres superuser (peer authentication), no ~/.psqlrc, stop at the first error.
  as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@"
}

url() {
  echo "Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=$database"
}

start() {
  pick_cluster create
  if [ "$status" != "online" ]; then
    say "starting cluster $version/$cluster on port $port"
    # pg_ctlcluster runs the server as the cluster's owner; when root calls it, it switches user itself.
    pg_ctlcluster "$version" "$cluster" start >&2 || die "pg_ctlcluster $version $cluster start failed; see /var/log/postgresql/postgresql-$version-$cluster.log"
  fi

  local waited=0
  until pg_isready -q -h 127.0.0.1 -p "$port"; do
    waited=$((waited + 1))
    [ "$waited" -le 60 ] || die "PostgreSQL $version/$cluster did not accept connections on 127.0.0.1:$port within 30 s"
    sleep 0.5
  done

  # Role and database, created or brought back to the expected settings. CREATE DATABASE cannot run inside a
  # DO block or a transaction, hence \gexec on a query that yields the statement only when it is needed. The
  # database is UTF-8 whatever locale the cluster was created in (a machine without LANG gets SQL_ASCII).
  psql_admin <<SQL
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', '$role', '$password')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') \gexec
ALTER ROLE "$role" WITH LOGIN CREATEDB PASSWORD '$password';
SELECT format('CREATE DATABASE %I OWNER %I TEMPLATE template0 ENCODING %L LOCALE %L', '$database', '$role', 'UTF8', 'C.UTF-8')
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$database') \gexec
SQL
  url
}

stop() {
  pick_cluster
  if [ "$status" = "online" ]; then
    say "stopping cluster $version/$cluster"
    pg_ctlcluster "$version" "$cluster" stop >&2
  else
    say "cluster $version/$cluster is not running"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) pick_cluster; url ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
