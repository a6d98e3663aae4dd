#!/usr/bin/env bash
# Builds Maillage and runs the whole test suite (GoogleTest through CTest, headless UI tests
# included). Preset: release by default; MAILLAGE_PRESET=dev for the ASan/UBSan build.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${MAILLAGE_PRESET:-release}"
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
  export XDG_RUNTIME_DIR="$(mktemp -d)"; chmod 700 "$XDG_RUNTIME_DIR"
fi
cmake --preset "$preset" --log-level=WARNING
cmake --build --preset "$preset"
ctest --preset "$preset"
