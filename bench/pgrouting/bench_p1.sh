#!/usr/bin/env bash
# P1 against pgRouting: time to the nearest crèche (EAJE, open) for every node of the CAPSO
# car network (today the lattice approximation: 48,852 nodes), in one multi-source search.
#   ours: `maillage network node-times --multi` (graph already in memory; the search only)
#   peer: pgr_drivingDistance(…, ARRAY[facility nodes], 1e9, directed, equicost := true)
#         in a throw-away PostgreSQL 15 + pgRouting cluster started here (its time includes
#         fetching the edges through the edges SQL, as every pgRouting query must).
# Facilities are moved to their nearest graph node on both sides (pgRouting has no virtual
# nodes in pgr_drivingDistance), so both compute exactly the same thing; the script checks the
# per-node times agree, then prints the best of 3 runs and the ratio.
# Usage: bench/pgrouting/bench_p1.sh [BUILD_DIR]  → bench/pgrouting/RESULTS-p1.txt
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build/release}
MAILLAGE=$BUILD/app/cli/maillage
OUT=$ROOT/bench/pgrouting/RESULTS-p1.txt
FAMILY=${FAMILY:-EAJE}
[ -x "$MAILLAGE" ] || { echo "build maillage first: $MAILLAGE" >&2; exit 2; }

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
WORK=$(mktemp -d /tmp/maillage-p1.XXXXXX)
chmod 755 "$WORK"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$WORK"; fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$WORK/pgdata" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

DB="$WORK/capso.gpkg"
"$MAILLAGE" build-db --sources "$ROOT/data/sources" --out "$DB" >/dev/null 2>&1
"$MAILLAGE" network export-graph --db "$DB" --profile car --out "$WORK/edges.csv" 2>/dev/null
ogr2ogr -f CSV "$WORK/facilities.csv" "$DB" facilities -lco GEOMETRY=AS_XY \
  -where "family = '$FAMILY' AND status = 'open'" -select uid

as_pg "$PGBIN/initdb" -D "$WORK/pgdata" -A trust -U maillage >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/pg.log" -w \
  -o "-p $PORT -k $WORK -c listen_addresses='' -c fsync=off -c shared_buffers=256MB" start >/dev/null
export PGOPTIONS="-c client_min_messages=warning"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$WORK" -p "$PORT" -U maillage)
"${PSQL[@]}" -d postgres -c "CREATE DATABASE bench"
"${PSQL[@]}" -d bench -c "CREATE EXTENSION pgrouting CASCADE" 2>/dev/null || "${PSQL[@]}" -d bench -c "CREATE EXTENSION postgis; CREATE EXTENSION pgrouting"
"${PSQL[@]}" -d bench <<SQL
CREATE TABLE edges (id bigint PRIMARY KEY, source bigint, target bigint, cost float8, reverse_cost float8,
                    length_m float8, x1 float8, y1 float8, x2 float8, y2 float8);
\copy edges FROM '$WORK/edges.csv' CSV HEADER
CREATE TABLE facilities (x float8, y float8, uid text);
\copy facilities FROM '$WORK/facilities.csv' CSV HEADER
CREATE TABLE nodes AS SELECT DISTINCT source AS id, x1 AS x, y1 AS y FROM edges
                      UNION SELECT DISTINCT target, x2, y2 FROM edges;
CREATE TABLE facility_nodes AS
  SELECT DISTINCT ON (f.uid) f.uid, n.id FROM facilities f CROSS JOIN nodes n
  ORDER BY f.uid, (n.x - f.x) ^ 2 + (n.y - f.y) ^ 2;
VACUUM ANALYZE;
SQL
SOURCES=$("${PSQL[@]}" -d bench -At -c "SELECT string_agg(DISTINCT id::text, ',') FROM facility_nodes")
NODES=$("${PSQL[@]}" -d bench -At -c "SELECT count(*) FROM nodes")
EDGES=$("${PSQL[@]}" -d bench -At -c "SELECT count(*) FROM edges")
SQL_DD="SELECT count(*) FROM pgr_drivingDistance('SELECT id, source, target, cost, reverse_cost FROM edges', ARRAY[$SOURCES]::bigint[], 1e9, directed := true, equicost := true)"
SQL_FETCH="SELECT count(*) FROM (SELECT id, source, target, cost, reverse_cost FROM edges) e"
best_ms() {  # best of 3 psql \timing results for one statement
  for i in 1 2 3; do "${PSQL[@]}" -d bench -c '\timing on' -c "$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'; done | sort -g | head -1
}
PGR_MS=$(best_ms "$SQL_DD")
FETCH_MS=$(best_ms "$SQL_FETCH")
args=(); for s in ${SOURCES//,/ }; do args+=(--source-node "$s"); done
OURS_MS=$(for i in 1 2 3; do "$MAILLAGE" network node-times --db "$DB" --profile car "${args[@]}" --multi --out "$WORK/ours.csv" 2>&1 \
          | sed -n 's/.* took \([0-9.]*\) ms/\1/p'; done | sort -g | head -1)
"${PSQL[@]}" -d bench <<SQL
CREATE TABLE pgr AS SELECT from_v AS start_vid, node, agg_cost FROM pgr_drivingDistance(
  'SELECT id, source, target, cost, reverse_cost FROM edges', ARRAY[$SOURCES]::bigint[], 1e9, directed := true, equicost := true);
CREATE TABLE pgr_min AS SELECT node, min(agg_cost) AS agg_cost FROM pgr_drivingDistance(
  'SELECT id, source, target, cost, reverse_cost FROM edges', ARRAY[$SOURCES]::bigint[], 1e9, directed := true, equicost := false)
  GROUP BY node;
CREATE TABLE ours (start_vid bigint, node bigint, agg_cost float8);
\copy ours FROM '$WORK/ours.csv' CSV HEADER
SQL
CHECK=$("${PSQL[@]}" -d bench -At -F ' ' -c "
  SELECT count(*), count(*) FILTER (WHERE p.node IS NULL OR o.node IS NULL),
         coalesce(max(abs(o.agg_cost - p.agg_cost)), 0)
  FROM ours o FULL OUTER JOIN pgr p ON o.node = p.node")
read -r PAIRS MISSING MAXDIFF <<<"$CHECK"
CHECK_MIN=$("${PSQL[@]}" -d bench -At -F ' ' -c "
  SELECT count(*), count(*) FILTER (WHERE p.node IS NULL OR o.node IS NULL),
         coalesce(max(abs(o.agg_cost - p.agg_cost)), 0)
  FROM ours o FULL OUTER JOIN pgr_min p ON o.node = p.node")
read -r PAIRS_MIN MISSING_MIN MAXDIFF_MIN <<<"$CHECK_MIN"
CHECK_PGR=$("${PSQL[@]}" -d bench -At -F ' ' -c "
  SELECT count(*) FILTER (WHERE abs(e.agg_cost - m.agg_cost) > 1e-6), coalesce(max(abs(e.agg_cost - m.agg_cost)), 0)
  FROM pgr e JOIN pgr_min m ON e.node = m.node")
read -r PGR_BAD PGR_MAXDIFF <<<"$CHECK_PGR"
{
  echo "# P1: time to the nearest $FAMILY for every node, one multi-source search, vs pgr_drivingDistance(equicost)"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (uncommitted changes)')"
  echo "machine: $(uname -sr), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); other jobs may share the cores"
  echo "PostgreSQL: $("$PGBIN/postgres" --version | cut -d' ' -f3), pgRouting: $("${PSQL[@]}" -d bench -At -c 'SELECT pgr_version()')"
  echo "graph: CAPSO car network from the project database = $("$MAILLAGE" network info --db "$DB" --profile car | sed -n '2p' | sed 's/^ *//')"
  echo "       $NODES nodes, $EDGES edges; sources: $(echo "$SOURCES" | tr ',' '\n' | wc -l) facility nodes ($FAMILY, open)"
  echo "agreement with the minimum over pgRouting's per-source searches (equicost := false):"
  echo "  $PAIRS_MIN nodes, $MISSING_MIN found by one side only, max |difference| = $MAXDIFF_MIN s"
  echo "agreement with pgr_drivingDistance(equicost := true): $PAIRS nodes, $MISSING by one side only, max |difference| = $MAXDIFF s"
  echo "  (pgRouting's own equicost result differs from its per-source minimum at $PGR_BAD nodes, by up to $PGR_MAXDIFF s:"
  echo "   equicost assigns each node to one start without guaranteeing the minimum; the timing below is still the"
  echo "   cost of pgRouting's multi-start search, the correctness reference is the per-source minimum)"
  echo
  echo "maillage (search only, best of 3):                 $OURS_MS ms"
  echo "pgr_drivingDistance equicost (best of 3):          $PGR_MS ms"
  echo "  of which fetching the edges SQL alone (best of 3): $FETCH_MS ms"
  python3 -c "print(f'ratio pgRouting / maillage: {float(\"$PGR_MS\") / float(\"$OURS_MS\"):.0f}x (target >= 50x); without the edge fetch: {(float(\"$PGR_MS\") - float(\"$FETCH_MS\")) / float(\"$OURS_MS\"):.0f}x')"
} | tee "$OUT"
