#!/usr/bin/env bash
# P1 peer: time to the nearest facility, Maillage vs pgRouting's multi-source
# pgr_drivingDistance(…, equicost := true), on THE SAME graphs, in the same session.
#
#  1. `maillage build-db` builds the CAPSO database into a temp dir (both sides use it);
#  2. bench_nearest (MAILLAGE_EXPORT_P1) exports the routable graphs — the CAPSO lattice
#     fallback (what the product routes on today) and the Andorra OSM car graph — as CSV with
#     pgRouting's columns (id, source, target, cost, reverse_cost; seconds; -1 = forbidden),
#     the start vertices (node nearest to each facility of a type: ALSH, EAJE) and our own node
#     times for the same question;
#  3. a throw-away PostgreSQL + pgRouting (bench/pgrouting/local_pg.sh) loads the CSVs (COPY);
#  4. pgr_drivingDistance(edges, starts, bound, directed := true, equicost := true) is timed
#     inside the server (clock_timestamp in plpgsql around a count(*) of its rows: no client
#     transfer), one warm-up then the median of $RUNS runs, for bound = 900 s and "unbounded"
#     (1e9 s; `maillage coverage` searches without a bound). The edge query swaps source and
#     target so that pgRouting, which searches from the start vertices, answers the same
#     question as ours: time FROM each node TO its nearest facility (reverse graph);
#  5. pgRouting's node times are compared with ours (full outer join: nodes found by one side
#     only, largest |difference| in seconds) — the two must agree before a ratio means anything;
#  6. bench_nearest runs (median of 5 repetitions) and the ratios are printed:
#       like-for-like = pgRouting / BM_P1_VertexSources (same start vertices, same bound,
#                       every reached node's time and start copied out);
#       full          = pgRouting / BM_P1_NearestQuery (our complete P1 query, which also
#                       snaps every facility and every cell to the network and adds the walking
#                       legs — work pgRouting does not do at all).
# Output: bench/pgrouting/RESULTS-p1.txt (also printed).
#
# Usage: bench/pgrouting/bench_p1.sh [BUILD_DIR]   (default: build/release)
#        RUNS=7 by default.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build/release}
BENCH=$BUILD/bench/bench_nearest
MAILLAGE=$BUILD/app/cli/maillage
OUT=$ROOT/bench/pgrouting/RESULTS-p1.txt
RUNS=${RUNS:-7}
for exe in "$BENCH" "$MAILLAGE"; do
  [ -x "$exe" ] || { echo "build it first: cmake --build --preset release --target $(basename "$exe")" >&2; exit 2; }
done

# shellcheck source=bench/pgrouting/local_pg.sh
source "$ROOT/bench/pgrouting/local_pg.sh"
pg_local_start
EXPORT=$PG_WORK/p1
mkdir -p "$EXPORT"

"$MAILLAGE" build-db --out "$EXPORT/capso.gpkg" >/dev/null 2>&1
export MAILLAGE_BENCH_DB=$EXPORT/capso.gpkg
MAILLAGE_EXPORT_P1=$EXPORT "$BENCH" 2>"$EXPORT/export.log" || { cat "$EXPORT/export.log" >&2; exit 1; }
chmod -R a+rX "$EXPORT"

"${PSQL[@]}" -d bench <<'SQL'
-- `run` only makes each call depend on its row, so that the planner re-evaluates it.
CREATE FUNCTION p1_once(edges_sql text, starts bigint[], bound float8, run int, OUT ms float8, OUT n bigint) AS $$
DECLARE t0 timestamptz;
BEGIN
  t0 := clock_timestamp();
  SELECT count(*) INTO n FROM pgr_drivingDistance(edges_sql, starts, bound, directed := true, equicost := true);
  ms := extract(epoch FROM clock_timestamp() - t0) * 1000.0;
END $$ LANGUAGE plpgsql;
SQL

declare -A PGR_MS PGR_ROWS CHECK
GRAPHS=(capso_lattice andorra_osm)
TYPES=(ALSH EAJE)
BOUNDS=(0 900)
for g in "${GRAPHS[@]}"; do
  "${PSQL[@]}" -d bench <<SQL
CREATE TABLE edges_$g (id bigint PRIMARY KEY, source bigint, target bigint, cost float8, reverse_cost float8);
\copy edges_$g FROM '$EXPORT/$g-edges.csv' CSV HEADER
ANALYZE edges_$g;
SQL
  SQL_EDGES="SELECT id, target AS source, source AS target, cost, reverse_cost FROM edges_$g"
  for t in "${TYPES[@]}"; do
    STARTS=$(cat "$EXPORT/$g-$t-sources.txt")
    for b in "${BOUNDS[@]}"; do
      PB=$([ "$b" = 0 ] && echo 1e9 || echo "$b")
      key="$g/$t/$b"
      "${PSQL[@]}" -d bench -At -c "SELECT ms FROM p1_once('$SQL_EDGES', ARRAY[$STARTS]::bigint[], $PB, 0)" >/dev/null  # warm-up
      read -r ms rows nruns < <("${PSQL[@]}" -d bench -At -F ' ' -c "
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY r.ms), max(r.n), count(*)
        FROM generate_series(1, $RUNS) k, LATERAL p1_once('$SQL_EDGES', ARRAY[$STARTS]::bigint[], $PB, k) r")
      [ "$nruns" = "$RUNS" ] || { echo "expected $RUNS timed runs, got $nruns" >&2; exit 1; }
      PGR_MS[$key]=$ms
      PGR_ROWS[$key]=$rows
      CHECK[$key]=$("${PSQL[@]}" -d bench -At -F ' ' <<SQL
DROP TABLE IF EXISTS ours, pgr;
CREATE TABLE ours (node bigint, agg_cost float8);
\copy ours FROM '$EXPORT/$g-$t-$b-ours.csv' CSV HEADER
CREATE TABLE pgr AS SELECT node, agg_cost
  FROM pgr_drivingDistance('$SQL_EDGES', ARRAY[$STARTS]::bigint[], $PB, directed := true, equicost := true);
SELECT count(*) FILTER (WHERE p.node IS NULL), count(*) FILTER (WHERE o.node IS NULL),
       coalesce(max(abs(o.agg_cost - p.agg_cost)), 0)
FROM ours o FULL OUTER JOIN pgr p USING (node);
SQL
)
    done
  done
done

"$BENCH" --benchmark_filter='BM_P1_(NearestQuery|VertexSources)' --benchmark_repetitions=5 \
  --benchmark_report_aggregates_only=true --benchmark_format=json 2>/dev/null > "$EXPORT/ours.json"

{
  echo "# P1: time to the nearest facility, Maillage vs pgRouting pgr_drivingDistance (equicost) on the same graphs"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- geo bench app || echo ' (uncommitted changes)')"
  echo "machine: $(uname -sr), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "PostgreSQL: $PG_VERSION, pgRouting: $PGR_VERSION"
  echo "command: bench/pgrouting/bench_p1.sh $BUILD   (RUNS=$RUNS)"
  sed 's/^/graph: /' "$EXPORT/export.log" | grep -v '^graph: exported' || true
  echo
  printf "%-14s %-5s %6s %9s %10s %11s %11s %9s %9s %12s\n" graph type bound pgr_rows pgr_ms ours_vtx_ms ours_full_ms ratio_vtx ratio_full "check(o/p/max_s)"
} > "$EXPORT/head.txt"
python3 - "$EXPORT/ours.json" "$EXPORT/rows.txt" <<PY
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
med = {r["run_name"]: r["real_time"] for r in runs if r.get("aggregate_name") == "median"}
pgr_ms = {$(for k in "${!PGR_MS[@]}"; do printf '"%s": %s, ' "$k" "${PGR_MS[$k]}"; done)}
pgr_rows = {$(for k in "${!PGR_ROWS[@]}"; do printf '"%s": %s, ' "$k" "${PGR_ROWS[$k]}"; done)}
check = {$(for k in "${!CHECK[@]}"; do printf '"%s": "%s", ' "$k" "${CHECK[$k]}"; done)}
lines = []
for g in ["capso_lattice", "andorra_osm"]:
    for t in ["ALSH", "EAJE"]:
        for b in ["0", "900"]:
            k = f"{g}/{t}/{b}"
            vtx = med[f"BM_P1_VertexSources/{g}/{t}/{b}"]
            full = med[f"BM_P1_NearestQuery/{g}/{t}/{b}"]
            o, p, d = check[k].split()
            lines.append("%-14s %-5s %6s %9d %10.1f %11.2f %11.2f %8.0fx %8.0fx %5s/%s/%.2g" % (
                g, t, "none" if b == "0" else b, pgr_rows[k], pgr_ms[k], vtx, full,
                pgr_ms[k] / vtx, pgr_ms[k] / full, o, p, float(d)))
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
PY
{
  cat "$EXPORT/head.txt" "$EXPORT/rows.txt"
  echo
  echo "pgr_ms: median server-side time of pgr_drivingDistance (incl. reading the edges through its SQL query, which"
  echo "  pgRouting does on every call); ours_vtx_ms: BM_P1_VertexSources (same start vertices and bound, node times out);"
  echo "  ours_full_ms: BM_P1_NearestQuery (complete P1 query: snapping facilities and every populated cell, walking legs,"
  echo "  per-cell and per-node results). Ratios = pgr_ms / ours. Targets: ours_full <= 20 ms; ratio >= 50x."
  echo "check: nodes only in ours / only in pgRouting / max |difference| of agg_cost in seconds (0/0/~1e-9 expected)."
} | tee "$OUT"
