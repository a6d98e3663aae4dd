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
#     inside the server (clock_timestamp and the backend's on-CPU time from
#     /proc/self/schedstat, in plpgsql around a count(*) of its rows: no client transfer), one
#     warm-up then the median of $RUNS runs, for bound = 900 s and unbounded (1e9 s; `maillage
#     coverage` searches without a bound); also equicost := false + min(agg_cost) per node
#     ($RUNS_MIN runs), the way to get the correct answer from pgRouting. The edge query swaps
#     source and target so that pgRouting, which searches from the start vertices, answers our
#     question: time FROM each node TO its nearest facility (reverse graph);
#  5. pgRouting's node times are compared with ours (full outer join: nodes found by one side
#     only, nodes whose time differs, largest |difference| in seconds);
#  6. bench_nearest runs (median of 5 repetitions) and the ratios are printed, on CPU time and
#     wall clock: against BM_P1_VertexSources (like-for-like: same start vertices, same bound,
#     every reached node's time and start copied out), BM_P1_NearestQuery (our complete P1
#     query, which also snaps every facility and cell and adds the walking legs — work
#     pgRouting does not do at all) and BM_P1_NearestPresnapped (cells snapped beforehand).
# Output: bench/pgrouting/RESULTS-p1.txt (also printed).
#
# Usage: bench/pgrouting/bench_p1.sh [BUILD_DIR]   (default: build/release)
#        RUNS=7, RUNS_MIN=3 by default.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build/release}
BENCH=$BUILD/bench/bench_nearest
MAILLAGE=$BUILD/app/cli/maillage
OUT=$ROOT/bench/pgrouting/RESULTS-p1.txt
RUNS=${RUNS:-7}
RUNS_MIN=${RUNS_MIN:-3}   # the equicost := false variant returns (starts × nodes) rows: slow
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
-- ms: wall clock; cpu_ms: on-CPU time of this backend (first field of /proc/self/schedstat, ns),
-- the measure to compare when the machine is shared with other work.
CREATE FUNCTION on_cpu_ns() RETURNS bigint AS
  $$ SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint $$ LANGUAGE sql VOLATILE;
-- mode 'eq':  pgr_drivingDistance(…, equicost := true), every returned row counted;
-- mode 'min': pgr_drivingDistance(…, equicost := false) then min(agg_cost) per node (the correct
--             answer, see the check column). `run` only makes each call depend on its row, so
--             that the planner re-evaluates it.
CREATE FUNCTION p1_once(edges_sql text, starts bigint[], bound float8, mode text, run int,
                        OUT ms float8, OUT cpu_ms float8, OUT n bigint) AS $$
DECLARE t0 timestamptz; c0 bigint;
BEGIN
  c0 := on_cpu_ns();
  t0 := clock_timestamp();
  IF mode = 'eq' THEN
    SELECT count(*) INTO n FROM pgr_drivingDistance(edges_sql, starts, bound, directed := true, equicost := true);
  ELSE
    SELECT count(*) INTO n FROM (SELECT node, min(agg_cost) FROM
      pgr_drivingDistance(edges_sql, starts, bound, directed := true, equicost := false) GROUP BY node) s;
  END IF;
  ms := extract(epoch FROM clock_timestamp() - t0) * 1000.0;
  cpu_ms := (on_cpu_ns() - c0) / 1e6;
END $$ LANGUAGE plpgsql;
SQL

# One line per (graph, type, bound, mode): median wall ms, median cpu ms, rows, runs, and the
# check against our node times: nodes only ours, only pgRouting, nodes differing by > 1e-6 s,
# max |difference| in seconds.
PEER=$EXPORT/peer.txt
: > "$PEER"
for g in capso_lattice andorra_osm; do
  "${PSQL[@]}" -d bench <<SQL
CREATE TABLE edges_$g (id bigint PRIMARY KEY, source bigint, target bigint, cost float8, reverse_cost float8);
\copy edges_$g FROM '$EXPORT/$g-edges.csv' CSV HEADER
ANALYZE edges_$g;
SQL
  SQL_EDGES="SELECT id, target AS source, source AS target, cost, reverse_cost FROM edges_$g"
  for t in ALSH EAJE; do
    STARTS=$(cat "$EXPORT/$g-$t-sources.txt")
    for b in 0 900; do
      PB=$([ "$b" = 0 ] && echo 1e9 || echo "$b")
      for mode in eq min; do
        runs=$([ "$mode" = eq ] && echo "$RUNS" || echo "$RUNS_MIN")
        CALL="p1_once('$SQL_EDGES', ARRAY[$STARTS]::bigint[], $PB, '$mode'"
        "${PSQL[@]}" -d bench -At -c "SELECT ms FROM $CALL, 0)" >/dev/null  # warm-up
        read -r ms cpu rows nruns < <("${PSQL[@]}" -d bench -At -F ' ' -c "
          SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY r.ms), percentile_cont(0.5) WITHIN GROUP (ORDER BY r.cpu_ms),
                 max(r.n), count(*)
          FROM generate_series(1, $runs) k, LATERAL $CALL, k) r")
        [ "$nruns" = "$runs" ] || { echo "expected $runs timed runs, got $nruns" >&2; exit 1; }
        if [ "$mode" = eq ]; then
          RESULT="SELECT node, agg_cost FROM pgr_drivingDistance('$SQL_EDGES', ARRAY[$STARTS]::bigint[], $PB, directed := true, equicost := true)"
        else
          RESULT="SELECT node, min(agg_cost) AS agg_cost FROM pgr_drivingDistance('$SQL_EDGES', ARRAY[$STARTS]::bigint[], $PB, directed := true, equicost := false) GROUP BY node"
        fi
        check=$("${PSQL[@]}" -d bench -At -F ' ' <<SQL
DROP TABLE IF EXISTS ours, pgr;
CREATE TABLE ours (node bigint, agg_cost float8);
\copy ours FROM '$EXPORT/$g-$t-$b-ours.csv' CSV HEADER
CREATE TABLE pgr AS $RESULT;
SELECT count(*) FILTER (WHERE p.node IS NULL), count(*) FILTER (WHERE o.node IS NULL),
       count(*) FILTER (WHERE abs(o.agg_cost - p.agg_cost) > 1e-6),
       coalesce(max(abs(o.agg_cost - p.agg_cost)), 0)
FROM ours o FULL OUTER JOIN pgr p USING (node);
SQL
)
        echo "$g $t $b $mode $ms $cpu $rows $nruns $check" >> "$PEER"
      done
    done
  done
done

"$BENCH" --benchmark_filter='BM_P1_(NearestQuery|NearestQueryNodeTimes|NearestPresnapped|VertexSources)/' --benchmark_repetitions=5 \
  --benchmark_report_aggregates_only=true --benchmark_format=json 2>/dev/null > "$EXPORT/ours.json"

{
  echo "# P1: time to the nearest facility, Maillage vs pgRouting pgr_drivingDistance (multi-source) on the same graphs"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- geo bench app ':!bench/pgrouting/RESULTS-p1.txt' || echo ' (uncommitted changes)')"
  echo "machine: $(uname -sr), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg) (at the end)"
  echo "PostgreSQL: $PG_VERSION, pgRouting: $PGR_VERSION"
  echo "command: bench/pgrouting/bench_p1.sh $BUILD   (RUNS=$RUNS, RUNS_MIN=$RUNS_MIN)"
  grep -v '^exported' "$EXPORT/export.log" | sed 's/^/graph: /' || true
  echo
  python3 - "$EXPORT/ours.json" "$PEER" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
med = {r["run_name"]: r for r in runs if r.get("aggregate_name") == "median"}
peer = {}
for line in open(sys.argv[2]):
    g, t, b, mode, ms, cpu, rows, nruns, only_o, only_p, differ, maxd = line.split()
    peer[(g, t, b, mode)] = dict(ms=float(ms), cpu=float(cpu), rows=int(rows), only_o=only_o, only_p=only_p,
                                 differ=int(differ), maxd=float(maxd))
for clock, key in (("on-CPU time", "cpu_time"), ("wall clock", "real_time")):
    pk = "cpu" if key == "cpu_time" else "ms"
    print(f"## {clock}, ms (medians)")
    print("%-14s %-4s %5s | %9s %9s | %8s %8s %8s %8s | %7s %7s %7s %7s | %7s" % (
        "graph", "type", "bound", "pgr_eq", "pgr_min", "vtx", "full", "full_n", "pre", "eq/vtx", "eq/full", "eq/fn",
        "eq/pre", "min/vtx"))
    for (g, t, b, mode), p in peer.items():
        if mode != "eq": continue
        q = peer[(g, t, b, "min")]
        ours = {bm: med[f"BM_P1_{bm}/{g}/{t}/{b}"][key]
                for bm in ("VertexSources", "NearestQuery", "NearestQueryNodeTimes", "NearestPresnapped")}
        v, f, fn, pre = (ours["VertexSources"], ours["NearestQuery"], ours["NearestQueryNodeTimes"],
                         ours["NearestPresnapped"])
        print("%-14s %-4s %5s | %9.1f %9.1f | %8.2f %8.2f %8.2f %8.2f | %6.0fx %6.0fx %6.0fx %6.0fx | %6.0fx" % (
            g, t, "none" if b == "0" else b, p[pk], q[pk], v, f, fn, pre, p[pk] / v, p[pk] / f, p[pk] / fn,
            p[pk] / pre, q[pk] / v))
    print()
print("## agreement with our node times (same start vertices and bound)")
print("%-14s %-4s %5s %-4s %8s | %9s %9s %13s %12s" % ("graph", "type", "bound", "mode", "rows", "only_ours", "only_pgr", "nodes_differ", "max_diff_s"))
for (g, t, b, mode), p in peer.items():
    print("%-14s %-4s %5s %-4s %8d | %9s %9s %13d %12.3g" % (g, t, "none" if b == "0" else b, mode, p["rows"],
          p["only_o"], p["only_p"], p["differ"], p["maxd"]))
PY
  echo
  echo "pgr_eq:  pgr_drivingDistance(edges, start vertices, bound, directed, equicost := true), inside the server, incl."
  echo "         reading the edges through its SQL query (pgRouting does it on every call); rows counted, not sent."
  echo "pgr_min: pgr_drivingDistance(…, equicost := false) + min(agg_cost) GROUP BY node: the correct answer."
  echo "vtx:  BM_P1_VertexSources — like-for-like: same start vertices and bound, node times + nearest start copied out."
  echo "full: BM_P1_NearestQuery — our complete P1 query as \`maillage coverage\` runs it: snapping the facilities and"
  echo "      every populated cell to the network, walking legs, multi-source Dijkstra stopped once every cell's edge"
  echo "      ends are settled, per-cell results."
  echo "full_n: BM_P1_NearestQueryNodeTimes — the same searching to the end, with every node's time and nearest"
  echo "      source filled as well (what isochrones and maps use)."
  echo "pre:  BM_P1_NearestPresnapped — the same with the cells snapped once beforehand (facilities snapped per query)."
  echo "bound 'none' = unbounded (pgRouting: 1e9 s). Ratios = pgRouting / ours. Targets: full <= 20 ms; ratio >= 50x."
  echo "On-CPU time: ours CLOCK_PROCESS_CPUTIME_ID (Google Benchmark cpu_time), pgRouting's backend /proc/self/schedstat;"
  echo "it is the fairer measure on a shared machine (wall clock includes waiting for a core)."
  echo "Agreement: nodes_differ = nodes whose agg_cost differs from ours by > 1e-6 s. equicost := true in pgRouting"
  echo "$PGR_VERSION returns, for some nodes, a time that is not the minimum over the start vertices (pgr_min and ours agree)."
} | tee "$OUT"
