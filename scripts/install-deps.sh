#!/usr/bin/env bash
# Installs the Debian 12 packages Maillage needs to build, test and benchmark.
# Idempotent: apt-get skips what is already installed. Uses sudo when not root.
# Usage: scripts/install-deps.sh [--with-peers]
#   --with-peers  also installs the peers the benchmarks compare against
#                 (PostgreSQL + pgRouting + osm2pgrouting), not needed for the tests.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo" >&2; exit 1; }
  SUDO="sudo"
fi

PACKAGES=(
  # build tools
  cmake ninja-build g++ pkg-config git ccache
  # spatial engine
  libgdal-dev gdal-bin libproj-dev proj-data libgeos-dev
  libsqlite3-dev libspatialite-dev libsqlite3-mod-spatialite
  libosmium2-dev libprotozero-dev libexpat1-dev libbz2-dev zlib1g-dev
  # small libraries (CLI parsing, JSON)
  libcli11-dev nlohmann-json3-dev
  # Qt 6.4
  qt6-base-dev qt6-declarative-dev qt6-positioning-dev qt6-svg-dev qt6-qpa-plugins
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-window qml6-module-qtquick-shapes qml6-module-qtquick-templates
  qml6-module-qtquick-dialogs qml6-module-qtqml-workerscript qml6-module-qtpositioning
  qml6-module-qtqml-models qml6-module-qtcore
  libgl-dev libxkbcommon-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev xvfb xauth
)
PEERS=(postgresql postgresql-15-pgrouting postgresql-15-postgis-3 osm2pgrouting osmium-tool
       qgis qgis-providers)  # qgis: qgis_process + PyQGIS for the P2 "Service area" peer

want=("${PACKAGES[@]}")
[ "${1:-}" = "--with-peers" ] && want+=("${PEERS[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#want[@]} packages already installed"
  exit 0
fi
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
