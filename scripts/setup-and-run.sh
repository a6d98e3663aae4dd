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
