# Sourceable helper: a throw-away local PostgreSQL 15 + pgRouting (+ PostGIS when present)
# cluster for peer benchmarks. Same recipe as compare.sh and isochrone_p2.sh (initdb into a
# temporary directory, free TCP port number, unix socket only, fsync off; run as user
# `postgres` through runuser when the caller is root), packaged as functions.
#
#   source bench/pgrouting/local_pg.sh
#   pg_local_start            # sets PG_WORK, PG_BIN, PSQL (array), creates database "bench"
#   "${PSQL[@]}" -d bench -c "SELECT pgr_version()"
#   (pg_local_stop runs automatically on exit: trap set by pg_local_start)
#
# Files that the server must read with \copy are read by psql (the client), so any path works.

pg_local_as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_local_stop() {
  if [ -n "${PG_WORK:-}" ] && [ -d "$PG_WORK" ]; then
    pg_local_as_pg "$PG_BIN/pg_ctl" -D "$PG_WORK/pgdata" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_WORK"
  fi
}

pg_local_start() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL server not found: run scripts/install-deps.sh --with-peers" >&2; return 2; }
  PG_WORK=$(mktemp -d /tmp/maillage-pg.XXXXXX)
  chmod 755 "$PG_WORK"
  if [ "$(id -u)" = 0 ]; then chown postgres "$PG_WORK"; fi
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  trap pg_local_stop EXIT
  pg_local_as_pg "$PG_BIN/initdb" -D "$PG_WORK/pgdata" -A trust -U maillage >/dev/null
  pg_local_as_pg "$PG_BIN/pg_ctl" -D "$PG_WORK/pgdata" -l "$PG_WORK/pg.log" -w \
    -o "-p $PG_PORT -k $PG_WORK -c listen_addresses='' -c fsync=off -c work_mem=256MB -c shared_buffers=256MB" \
    start >/dev/null
  export PGOPTIONS="-c client_min_messages=warning"
  PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$PG_WORK" -p "$PG_PORT" -U maillage)
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE bench"
  "${PSQL[@]}" -d bench -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null 2>&1 || true
  "${PSQL[@]}" -d bench -c "CREATE EXTENSION pgrouting"
  PG_VERSION=$("$PG_BIN/postgres" --version | cut -d' ' -f3)
  PGR_VERSION=$("${PSQL[@]}" -d bench -At -c "SELECT pgr_version()")
}
