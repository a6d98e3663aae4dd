#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: installs the packages, builds (release preset),
# builds the CAPSO project database from data/sources/ and runs the main job on it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release --log-level=WARNING
cmake --build --preset release
build/release/app/cli/maillage build-db
build/release/app/cli/maillage info
# Zones blanches of the accueils de loisirs (ALSH): who lives beyond 15 minutes by car.
build/release/app/cli/maillage coverage --type ALSH --minutes 15 --profile car \
  --out build/zones-blanches-alsh-15min.gpkg --csv build/zones-blanches-alsh-15min
# The map application on the new database: a window when a display is available, otherwise a
# headless screenshot of it.
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  build/release/app/gui/maillage-app data/capso.gpkg
else
  QT_QPA_PLATFORM=offscreen build/release/app/gui/maillage-app data/capso.gpkg --screenshot build/capso-map.png
  echo "maillage-app: no display; map saved to build/capso-map.png"
fi
