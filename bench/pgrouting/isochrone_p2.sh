#!/usr/bin/env bash
# P2: one 15-minute isochrone polygon on the Andorra OSM graph (car), Maillage vs pgRouting.
#
# Same graph on both sides: bench_isochrone exports its routable graph (largest SCC, per-arc
# seconds from data/profiles/car.json) as CSV with pgRouting's columns (id, source, target,
# cost, reverse_cost; -1 = forbidden) plus node coordinates (EPSG:2154), and the vertex
# nearest to the origin (Andorra la Vella, 1.5218 E 42.5063 N).
#   peer:     pgr_drivingDistance(edges, origin vertex, 900 s, directed) joined to the node
#             points, then PostGIS ST_ConcaveHull(ST_Collect(points), 0.3) — the recipe the
#             pgRouting docs and users give for a service-area polygon; timed inside the server
#             (clock_timestamp in plpgsql, no client round trip), median of 7 runs, each run
#             reading the edges with the SQL query as pgRouting requires;
#   Maillage: bench_isochrone (search + raster + marching squares + GEOS check), 100 m and
#             200 m pixels, Google Benchmark's real time, median of 5 repetitions:
#             warm = IsochroneEngine reused (pixel snaps cached per network, as in the app),
#             cold = a fresh engine, every pixel of the window snapped during the query.
#   QGIS:     (if installed: `scripts/install-deps.sh --with-peers`) native:serviceareafrompoint,
#             "Fastest" on the same edges exported as EPSG:2154 polylines with speed = length /
#             our seconds, one-way as F/B/T, 0.25 h, planar lengths (ellipsoid NONE); it returns
#             the reached lines (no polygon). Two timings: `qgis_process` wall time per run
#             (start-up included, median of 3), and the algorithm alone in one PyQGIS process
#             (qgis_service_area.py, median of 5 runs, each reading the layer and building the
#             graph as qgis_process does). Debian's /usr/bin/qgis_process wrapper passes
#             --noversioncheck, which qgis_process 3.22 rejects ("Command --noversioncheck not
#             known!"), so the script runs /usr/bin/qgis_process.bin; the algorithm also needs
#             a project (an empty EPSG:2154 one is written). The union length of QGIS's lines is
#             compared with our reached road length (both without walking legs).
# Starts its own throw-away PostgreSQL 15 + pgRouting + PostGIS cluster (initdb in a temp dir,
# unix socket only; as user `postgres` when run as root), then removes it.
# Output: bench/pgrouting/RESULTS-isochrone.txt (also printed).
#
# Usage: bench/pgrouting/isochrone_p2.sh [BUILD_DIR]   (default: build/release)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build/release}
BENCH=$BUILD/bench/bench_isochrone
OUT=$ROOT/bench/pgrouting/RESULTS-isochrone.txt
[ -x "$BENCH" ] || { echo "build bench_isochrone first: $BENCH" >&2; exit 2; }

# Throw-away cluster (sets PG_WORK, PG_BIN, PSQL, PGR_VERSION; stopped and removed on exit).
source "$ROOT/bench/pgrouting/local_pg.sh"
pg_local_start
WORK=$PG_WORK

MAILLAGE_EXPORT_EDGES="$WORK/edges.csv" "$BENCH" 2>/dev/null
chmod 644 "$WORK"/edges.csv*
ORIGIN=$(cat "$WORK/edges.csv.origin")

POSTGIS_VERSION=$("${PSQL[@]}" -d bench -At -c "SELECT postgis_lib_version()")

"${PSQL[@]}" -d bench <<SQL
CREATE TABLE edges (id bigint, source bigint, target bigint, cost float8, reverse_cost float8,
                    x1 float8, y1 float8, x2 float8, y2 float8);
\copy edges FROM '$WORK/edges.csv' CSV HEADER
CREATE TABLE nodes AS
  SELECT DISTINCT ON (id) id, ST_SetSRID(ST_MakePoint(x, y), 2154) AS geom FROM (
    SELECT source AS id, x1 AS x, y1 AS y FROM edges UNION ALL SELECT target, x2, y2 FROM edges) s
  ORDER BY id;
CREATE UNIQUE INDEX ON nodes (id);
ANALYZE;
CREATE FUNCTION p2_once(origin bigint, OUT ms float8, OUT area_km2 float8, OUT reached bigint) AS \$\$
DECLARE t0 timestamptz; hull geometry;
BEGIN
  t0 := clock_timestamp();
  SELECT ST_ConcaveHull(ST_Collect(n.geom), 0.3), count(*) INTO hull, reached
  FROM pgr_drivingDistance('SELECT id, source, target, cost, reverse_cost FROM edges',
                           origin, 900, directed := true) d
  JOIN nodes n ON n.id = d.node;
  ms := extract(epoch FROM clock_timestamp() - t0) * 1000.0;
  area_km2 := ST_Area(hull) / 1e6;
END \$\$ LANGUAGE plpgsql;
SQL
read -r PGR_MS PGR_AREA PGR_REACHED < <("${PSQL[@]}" -d bench -At -F ' ' -c \
  "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), max(area_km2), max(reached)
     FROM (SELECT (p2_once($ORIGIN)).* FROM generate_series(1, 7)) s")

# QGIS "Service area (from point)" on the same graph, when installed.
QGIS_WALL=-; QGIS_ALGO=-; QGIS_KM=-; OURS_KM=-; QGIS_VERSION="not installed"
if [ -x /usr/bin/qgis_process.bin ] && /usr/bin/python3 -c 'import qgis.core' 2>/dev/null; then
  export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$WORK/xdg}
  mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
  QG=$(mktemp -d)
  MAILLAGE_EXPORT_LINES="$QG/edges.gpkg" "$BENCH" 2>/dev/null
  OURS_KM=$(cat "$QG/edges.gpkg.reached_km")
  XY=$(cat "$QG/edges.gpkg.origin")
  cat > "$QG/p2.qgs" <<'QGS'
<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis projectname="p2" version="3.22.16">
  <projectCrs><spatialrefsys><authid>EPSG:2154</authid></spatialrefsys></projectCrs>
</qgis>
QGS
  QGIS_VERSION=$(/usr/bin/qgis_process.bin --version 2>/dev/null | grep -m1 '^QGIS' | cut -d' ' -f2)
  walls=()
  for i in 1 2 3; do
    rm -f "$QG"/lines.gpkg "$QG"/nodes.gpkg
    t0=$(date +%s.%N)
    /usr/bin/qgis_process.bin run native:serviceareafrompoint --PROJECT_PATH="$QG/p2.qgs" --ELLIPSOID=NONE \
      --INPUT="$QG/edges.gpkg" --STRATEGY=1 --DIRECTION_FIELD=dir --VALUE_FORWARD=F --VALUE_BACKWARD=B \
      --VALUE_BOTH=T --DEFAULT_DIRECTION=2 --SPEED_FIELD=speed_kmh --DEFAULT_SPEED=50 --TOLERANCE=0 \
      "--START_POINT=$XY [EPSG:2154]" --TRAVEL_COST2=0.25 --INCLUDE_BOUNDS=0 \
      --OUTPUT_LINES="$QG/lines.gpkg" --OUTPUT="$QG/nodes.gpkg" >/dev/null 2>&1
    walls+=("$(python3 -c "import sys; print('%.0f' % ((float(sys.argv[2]) - float(sys.argv[1])) * 1000))" "$t0" "$(date +%s.%N)")")
  done
  QGIS_WALL=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n 2p)
  read -r _ QGIS_ALGO _ _ _ _ _ QGIS_KM < <(/usr/bin/python3 "$ROOT/bench/pgrouting/qgis_service_area.py" \
    "$QG/edges.gpkg" "$XY" 5 "$QG/p2.qgs" 2>/dev/null | grep '^median_ms')
  rm -rf "$QG"
fi

"$BENCH" --benchmark_filter='BM_Isochrone15min' --benchmark_repetitions=5 \
  --benchmark_report_aggregates_only=true --benchmark_format=json 2>/dev/null > "$WORK/ours.json"
read -r OURS100 OURS200 COLD100 COLD200 AREA100 < <(python3 - "$WORK/ours.json" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
med = {r["run_name"]: r for r in runs if r.get("aggregate_name") == "median"}
def ms(name): return med[name]["real_time"]  # unit: ms (Unit(kMillisecond))
print(ms("BM_Isochrone15min/100"), ms("BM_Isochrone15min/200"),
      ms("BM_Isochrone15minCold/100"), ms("BM_Isochrone15minCold/200"), med["BM_Isochrone15min/100"]["area_km2"])
PY
)

{
  echo "# P2: one 15-minute isochrone polygon, Andorra OSM graph (car), Maillage vs pgRouting"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet -- . ':!bench/pgrouting/RESULTS-isochrone.txt' || echo ' (uncommitted changes)')"
  echo "machine: $(uname -sr), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1 /proc/loadavg)"
  echo "PostgreSQL: $("$PG_BIN/postgres" --version | cut -d' ' -f3), pgRouting: $PGR_VERSION, PostGIS: $POSTGIS_VERSION, QGIS: $QGIS_VERSION"
  echo "graph: tests/data/osm/andorra-2025-01-19.osm.pbf (© OpenStreetMap contributors, ODbL), $(($(wc -l < "$WORK/edges.csv") - 1)) edges, origin vertex $ORIGIN"
  echo "command: bench/pgrouting/isochrone_p2.sh $BUILD"
  echo
  printf "%-58s %10s %10s\n" "method" "median_ms" "area_km2"
  printf "%-58s %10.1f %10.2f\n" "pgr_drivingDistance + ST_ConcaveHull(0.3) ($PGR_REACHED nodes)" "$PGR_MS" "$PGR_AREA"
  printf "%-58s %10s %10s\n" "QGIS serviceareafrompoint, qgis_process (start-up incl.)" "$QGIS_WALL" "lines"
  printf "%-58s %10s %10s\n" "QGIS serviceareafrompoint, algorithm in PyQGIS" "$QGIS_ALGO" "lines"
  printf "%-58s %10.2f %10.2f\n" "Maillage isochrone, 100 m pixels, warm engine" "$OURS100" "$AREA100"
  printf "%-58s %10.2f %10s\n" "Maillage isochrone, 200 m pixels, warm engine" "$OURS200" "-"
  printf "%-58s %10.2f %10s\n" "Maillage isochrone, 100 m pixels, cold (snaps included)" "$COLD100" "-"
  printf "%-58s %10.2f %10s\n" "Maillage isochrone, 200 m pixels, cold (snaps included)" "$COLD200" "-"
  echo
  python3 -c "print('ratio pgRouting / Maillage warm  (100 m): %.1fx   (200 m): %.1fx   target: >= 50x' % ($PGR_MS / $OURS100, $PGR_MS / $OURS200))"
  python3 -c "print('ratio pgRouting / Maillage cold  (100 m): %.1fx   (200 m): %.1fx' % ($PGR_MS / $COLD100, $PGR_MS / $COLD200))"
  if [ "$QGIS_ALGO" != "-" ]; then
    python3 -c "print('ratio QGIS algorithm / Maillage warm (100 m): %.0fx   (200 m): %.0fx;  cold: %.0fx / %.0fx' % ($QGIS_ALGO / $OURS100, $QGIS_ALGO / $OURS200, $QGIS_ALGO / $COLD100, $QGIS_ALGO / $COLD200))"
    python3 -c "print('ratio qgis_process wall / Maillage cold (100 m): %.0fx   (200 m): %.0fx' % ($QGIS_WALL / $COLD100, $QGIS_WALL / $COLD200))"
    echo "same reach: QGIS lines (union) $QGIS_KM km of road, Maillage $OURS_KM km within 900 s (no walking legs)"
  fi
  echo "Maillage's polygon has real holes and follows the same times as the coverage tables;"
  echo "the concave hull of reached nodes includes unreachable land between roads (anchors §4)."
} | tee "$OUT"
