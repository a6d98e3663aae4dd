#!/usr/bin/env bash
# One CLI test case: cli_case.sh CASE MAILLAGE SOURCES_DIR TEST_DB WORK_DIR
# Checks exit codes (0 success, 1 runtime error, 2 usage error), messages and that failed
# commands leave existing files byte-identical.
set -uo pipefail
case_name="$1"; maillage="$2"; sources="$3"; test_db="$4"; work="$5/cli-$1"
rm -rf "$work"; mkdir -p "$work"
fail() { echo "FAIL [$case_name]: $*"; exit 1; }
# expect CODE PATTERN CMD...: runs CMD, checks its exit code and that stdout+stderr match PATTERN.
expect() {
  local code="$1" pattern="$2"; shift 2
  "$@" >"$work/out.txt" 2>&1; local rc=$?
  [ "$rc" -eq "$code" ] || { cat "$work/out.txt"; fail "exit $rc, expected $code: $*"; }
  grep -Eq -- "$pattern" "$work/out.txt" || { cat "$work/out.txt"; fail "output does not match /$pattern/: $*"; }
}

case "$case_name" in
  help)
    expect 0 "build-db" "$maillage" --help
    for cmd in build-db info export; do expect 0 "Usage|Options" "$maillage" "$cmd" --help; done
    ;;
  usage)
    expect 2 "shp" "$maillage" export communes --format shp --out "$work/x.shp" --db "$test_db"
    expect 2 "no layer 'nope'.*layers: .*communes" "$maillage" export nope --format csv --out "$work/x.csv" --db "$test_db"
    expect 2 "required" "$maillage" export communes --db "$test_db"
    expect 2 "" "$maillage" no-such-command
    ;;
  missing-db)
    expect 1 "$work/none.gpkg.*not found" "$maillage" info --db "$work/none.gpkg"
    echo "not a database" >"$work/fake.gpkg"
    expect 1 "$work/fake.gpkg" "$maillage" info --db "$work/fake.gpkg"
    ;;
  build-missing-source)
    cp -r "$sources" "$work/sources"
    rm "$work/sources/raw/capso_rp2022_age_0-29_60plus.csv"
    cp "$test_db" "$work/capso.gpkg"; cp "$test_db" "$work/before.gpkg"
    expect 1 "capso_rp2022_age_0-29_60plus.csv.*not found" "$maillage" build-db --sources "$work/sources" --out "$work/capso.gpkg"
    cmp -s "$work/capso.gpkg" "$work/before.gpkg" || fail "previous database modified"
    if ls "$work" | grep -q "tmp"; then ls "$work"; fail "temporary file left behind"; fi
    ;;
  build-bad-crs)
    cp -r "$sources" "$work/sources"
    printf '%s' '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3035"}},"features":[{"type":"Feature","properties":{"code":"62765","nom":"Saint-Omer"},"geometry":{"type":"Polygon","coordinates":[[[3780000,3090000],[3781000,3090000],[3781000,3091000],[3780000,3090000]]]}}]}' \
      >"$work/sources/raw/communes_study_area_59_62.geojson"
    cp "$test_db" "$work/capso.gpkg"; cp "$test_db" "$work/before.gpkg"
    expect 1 "communes_study_area_59_62.geojson.*unexpected CRS EPSG:3035" "$maillage" build-db --sources "$work/sources" --out "$work/capso.gpkg"
    cmp -s "$work/capso.gpkg" "$work/before.gpkg" || fail "previous database modified"
    ;;
  info)
    expect 0 "Bassin urbain +9 +52 045" "$maillage" info --db "$test_db"
    grep -Eq "Bassin Nord +13 +14 527" "$work/out.txt" || fail "Bassin Nord line"
    grep -Eq "Bassin Morinie/Aire +14 +27 769" "$work/out.txt" || fail "Bassin Morinie/Aire line"
    grep -Eq "Bassin de Fauquembergues +17 +9 979" "$work/out.txt" || fail "Bassin de Fauquembergues line"
    grep -Eq "CAPSO +53 +104 320" "$work/out.txt" || fail "CAPSO total line"
    grep -Eq "revenu_median_uc +€ +2019 +53/53" "$work/out.txt" || fail "Filosofi medians line"
    grep -q "Provenance" "$work/out.txt" || fail "provenance section"
    ;;
  export)
    expect 0 "exported 53 rows of communes" "$maillage" export communes --format geojson --out "$work/communes.geojson" --db "$test_db"
    [ "$(grep -o '"insee"' "$work/communes.geojson" | wc -l)" -eq 53 ] || fail "53 features expected in the GeoJSON"
    expect 0 "exported [0-9]+ rows of indicators" "$maillage" export indicators --format csv --out "$work/indicators.csv" --db "$test_db"
    head -1 "$work/indicators.csv" | grep -q "scope,place_code" || fail "indicators CSV header"
    ;;
  *) fail "unknown case" ;;
esac
echo "PASS [$case_name]"
