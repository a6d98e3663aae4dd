#!/bin/bash
# Builds bench/tools/snap_callgrind.cpp against the geo/routing sources of TREE (snap.cpp,
# road_network.cpp, nearest.cpp and their headers; the rest from this checkout's release
# build) and prints, per snap, instructions and simulated D1 / LL misses (callgrind, D1 48 KiB,
# LL 16 MiB), then the minimum on-CPU time of REPS passes.
#   bench/tools/snap_callgrind.sh TREE MODE [POINTS]
#   e.g. old=$(mktemp -d); git archive 6e94093 geo/routing | tar -x -C $old
#        bench/tools/snap_callgrind.sh $old 3 20000; bench/tools/snap_callgrind.sh . 3 20000
set -euo pipefail
tree=$(cd "$1" && pwd); mode=$2; points=${3:-20000}
src=$(cd "$(dirname "$0")/../.." && pwd); build=$src/build/release
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
objs=()
for f in "$src/bench/tools/snap_callgrind.cpp" "$tree/geo/routing/snap.cpp" "$tree/geo/routing/road_network.cpp" "$tree/geo/routing/nearest.cpp"; do
  o=$work/$(basename "$(dirname "$f")")-$(basename "$f" .cpp).o
  c++ -O2 -g -DNDEBUG -std=c++20 -DMAILLAGE_SOURCE_DIR="\"$src\"" -DMAILLAGE_DATA_DIR="\"$src/data\"" \
      -I"$tree" -I"$src" -isystem /usr/include/gdal -isystem /usr/include/geos -c "$f" -o "$o"
  objs+=("$o")
done
c++ -O2 "${objs[@]}" -o "$work/snap_callgrind" "$build/geo/libmaillage_geo.a" "$build/layers/libmaillage_layers.a" \
    "$build/geo/libmaillage_geo.a" -lgdal -lproj -lgeos_c -lsqlite3 -lspatialite -lexpat -lbz2 -lxml2 -lz -lm
valgrind --tool=callgrind --instr-atstart=no --collect-atstart=no --cache-sim=yes --D1=49152,12,64 \
    --LL=16777216,16,64 --callgrind-out-file="$work/cg.out" "$work/snap_callgrind" "$mode" "$points" 2>"$work/valgrind.log" | tee "$work/log"
n=$(grep -o '[0-9]* points' "$work/log" | cut -d' ' -f1)
callgrind_annotate "$work/cg.out" | awk -v n="$n" '/PROGRAM TOTALS/ {
  j = 0; for (i = 1; i <= NF; ++i) if ($i !~ /^\(/) { gsub(",", "", $i); v[++j] = $i }
  # events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw
  printf "per snap: %.0f instructions, %.1f D1 misses, %.2f LL misses\n", v[1] / n, (v[5] + v[6]) / n, (v[8] + v[9]) / n }'
REPS=${REPS:-5} "$work/snap_callgrind" "$mode" "$points" | grep min_cpu
