#!/usr/bin/env bash
# Screenshots the store pictures of picture/testdata (the golden SVGs that
# `go test ./picture` keeps) with headless Chromium, and fails if a
# screenshot is blank (see screenshot-svg.sh). Look at the PNGs it leaves
# in output-dir.
#
#   scripts/check-picture-svg.sh [output-dir]
set -euo pipefail

cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
for svg in picture/testdata/*.svg; do
  scripts/screenshot-svg.sh "$svg" "$out/$(basename "$svg" .svg).png"
done
echo "screenshots: $out"
