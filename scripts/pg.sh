#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks: Debian's postgresql package,
# a cluster in a fresh temporary directory, listening on a free port of 127.0.0.1 only.
#
#   eval "$(scripts/pg.sh start)"    # sets SVODKA_PG_URL, SVODKA_PG_DIR, SVODKA_PG_STOP
#   svodka --db "$SVODKA_PG_URL" ingest examples/
#   eval "$SVODKA_PG_STOP"           # = scripts/pg.sh stop DIR: stops it, removes DIR
#
# `start` prints shell assignments on stdout (and nothing else), diagnostics on stderr.
# PG_FAST=1 turns off fsync and synchronous commit: fine for tests (we kill clients,
# never the server), wrong for a benchmark meant to say what a real server does.
# initdb refuses to run as root, so as root the server runs as the unprivileged
# `postgres` user the package creates (runuser -u postgres --).
set -euo pipefail

die() { echo "pg.sh: $*" >&2; exit 1; }

bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

install_pg() {
  [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed and we are not root: apt-get install postgresql"
  echo "pg.sh: installing Debian's postgresql package" >&2
  # Only the binaries are wanted: keep the package from creating and starting its own cluster.
  mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/svodka-no-main.conf
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  # The kernel picks an unused port; the tiny race until postgres binds it is handled
  # by retrying the start on another port.
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  local bin dir port try
  bin=$(bindir) || { install_pg; bin=$(bindir) || die "no initdb after installing postgresql"; }
  if [ "$(id -u)" = 0 ]; then
    getent passwd postgres >/dev/null || die "running as root but there is no 'postgres' user to run initdb as"
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/svodka-pg.XXXXXX")
  chmod 0755 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
      --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  local opts="-c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=200"
  if [ "${PG_FAST:-0}" = 1 ]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  for try in 1 2 3 4 5; do
    port=$(free_port)
    if as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port $opts" start >/dev/null 2>&1; then
      echo "SVODKA_PG_URL=postgresql://postgres@127.0.0.1:$port/postgres"
      echo "SVODKA_PG_DIR=$dir"
      echo "SVODKA_PG_STOP='$(readlink -f "$0") stop $dir'"
      return 0
    fi
    echo "pg.sh: start on port $port failed (try $try), retrying" >&2
  done
  tail -n 20 "$dir/server.log" >&2 || true
  rm -rf "$dir"
  die "could not start PostgreSQL"
}

stop() {
  local dir=${1:?usage: pg.sh stop DIR}
  local bin
  bin=$(bindir) || die "no PostgreSQL binaries"
  case "$dir" in */svodka-pg.*) ;; *) die "$dir is not a directory pg.sh made";; esac
  [ -d "$dir/data" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
