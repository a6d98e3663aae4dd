#!/usr/bin/env bash
# Compares Maillage's Dijkstra with pgRouting's pgr_drivingDistance on the SAME graphs.
#
# For each OSM extract (Amsterdam, Heidelberg, Monaco, Andorra) and profile (car, walk, bike):
#   1. `maillage network export-graph` writes the routable graph (largest SCC) as CSV with
#      pgRouting's columns: id, source, target, cost, reverse_cost (seconds, -1 = forbidden);
#   2. the CSV is COPYed into a table of a throw-away PostgreSQL 15 + pgRouting cluster that this
#      script starts itself (initdb in a temp dir, free port, unix socket only; as user
#      `postgres` when run as root), then removed;
#   3. pgr_drivingDistance(…, ARRAY[5 sources], LIMIT, directed := true, equicost := false)
#      gives every (source, node, agg_cost) within LIMIT seconds;
#   4. `maillage network node-times` gives the same from our bounded Dijkstra;
#   5. a full outer join counts pairs found by only one side and the largest |difference|.
# Output: bench/pgrouting/RESULTS-compare.txt (also printed).
#
# Usage: bench/pgrouting/compare.sh [BUILD_DIR]   (default: build/release)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build/release}
MAILLAGE=$BUILD/app/cli/maillage
OSM=$ROOT/tests/data/osm
OUT=$ROOT/bench/pgrouting/RESULTS-compare.txt
LIMIT=${LIMIT:-900}   # seconds: the 15-minute question
[ -x "$MAILLAGE" ] || { echo "build maillage first: $MAILLAGE" >&2; exit 2; }

# Throw-away cluster (sets PG_WORK, PG_BIN, PSQL, PGR_VERSION; stopped and removed on exit).
source "$ROOT/bench/pgrouting/local_pg.sh"
pg_local_start
WORK=$PG_WORK
PGBIN=$PG_BIN

{
  echo "# Maillage Dijkstra vs pgRouting pgr_drivingDistance on the same graphs"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet -- . ':!bench/pgrouting/RESULTS-compare.txt' || echo ' (uncommitted changes)')"
  echo "machine: $(uname -sr), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "PostgreSQL: $("$PGBIN/postgres" --version | cut -d' ' -f3), pgRouting: $PGR_VERSION"
  echo "profiles: data/profiles/{car,walk,bike}.json; bound: $LIMIT s; directed; equicost false; 5 sources per graph"
  echo "data: © OpenStreetMap contributors, ODbL (tests/data/osm)"
  echo
  printf "%-30s %-5s %8s %8s %12s %10s %10s %14s\n" graph prof nodes edges pairs only_ours only_pgr max_abs_diff_s
} | tee "$OUT"

for case in amsterdam.osm.pbf:car heidelberg-altstadt.osm.pbf:car monaco.osm.pbf:car andorra-2025-01-19.osm.pbf:car \
            amsterdam.osm.pbf:walk heidelberg-altstadt.osm.pbf:walk monaco.osm.pbf:walk monaco.osm.pbf:bike andorra-2025-01-19.osm.pbf:walk; do
  f=${case%%:*}; profile=${case##*:}
  g="$WORK/${f%%.*}-$profile"
  "$MAILLAGE" network export-graph --input "$OSM/$f" --profile "$profile" --out "$g-edges.csv" 2>/dev/null
  NODES=$(python3 -c "import csv,sys; r=csv.DictReader(open(sys.argv[1])); print(max(max(int(x['source']),int(x['target'])) for x in r))" "$g-edges.csv")
  EDGES=$(($(wc -l < "$g-edges.csv") - 1))
  SOURCES=$(python3 -c "n=$NODES; print(' '.join(str(1 + (n - 1) * k // 4) for k in range(5)))")
  args=(); for s in $SOURCES; do args+=(--source-node "$s"); done
  "$MAILLAGE" network node-times --input "$OSM/$f" --profile "$profile" "${args[@]}" --max-seconds "$LIMIT" --out "$g-ours.csv" 2>/dev/null
  ARRAY=$(echo "$SOURCES" | tr ' ' ',')
  "${PSQL[@]}" -d bench <<SQL
DROP TABLE IF EXISTS edges, ours, pgr;
CREATE TABLE edges (id bigint, source bigint, target bigint, cost float8, reverse_cost float8,
                    length_m float8, x1 float8, y1 float8, x2 float8, y2 float8);
\copy edges FROM '$g-edges.csv' CSV HEADER
CREATE TABLE ours (start_vid bigint, node bigint, agg_cost float8);
\copy ours FROM '$g-ours.csv' CSV HEADER
CREATE TABLE pgr AS
  SELECT from_v AS start_vid, node, agg_cost
  FROM pgr_drivingDistance('SELECT id, source, target, cost, reverse_cost FROM edges',
                           ARRAY[$ARRAY]::bigint[], $LIMIT, directed := true, equicost := false);
SQL
  ROW=$("${PSQL[@]}" -d bench -At -F ' ' -c "
    SELECT count(*),
           count(*) FILTER (WHERE p.node IS NULL),
           count(*) FILTER (WHERE o.node IS NULL),
           coalesce(max(abs(o.agg_cost - p.agg_cost)), 0)
    FROM ours o FULL OUTER JOIN pgr p ON o.start_vid = p.start_vid AND o.node = p.node")
  read -r PAIRS ONLY_OURS ONLY_PGR MAXDIFF <<<"$ROW"
  printf "%-30s %-5s %8s %8s %12s %10s %10s %14.3g\n" "$f" "$profile" "$NODES" "$EDGES" "$PAIRS" "$ONLY_OURS" "$ONLY_PGR" "$MAXDIFF" | tee -a "$OUT"
done
{
  echo
  echo "pairs = (source, node) with agg_cost <= $LIMIT s on either side; only_* = found by one side only"
  echo "(0 expected, except a node whose cost equals the bound within rounding); max_abs_diff_s over pairs found by both."
} | tee -a "$OUT"
