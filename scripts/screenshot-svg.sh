#!/usr/bin/env bash
# Screenshots one SVG with headless Chromium, in a window the SVG's size,
# and fails if the screenshot is blank (under 1% non-white pixels).
# Installs chromium with apt-get when it is missing. Used by
# check-timeline-svg.sh and check-picture-svg.sh.
#
#   scripts/screenshot-svg.sh picture.svg shot.png
set -euo pipefail

svg="$1"
shot="$2"
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "chromium is missing; installing it with apt-get" >&2
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

# The window matches the SVG's size, so the screenshot is the picture.
width=$(sed -n 's/^<svg [^>]* width="\([0-9.]*\)".*/\1/p' "$svg" | head -n1)
height=$(sed -n 's/^<svg [^>]* height="\([0-9.]*\)".*/\1/p' "$svg" | head -n1)
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars \
  --screenshot="$shot" --window-size="${width%.*},${height%.*}" \
  "file://$(realpath "$svg")" >/dev/null 2>&1 || true

if [ ! -s "$shot" ]; then
  echo "no screenshot written to $shot" >&2
  exit 1
fi
go run ./timeline/internal/pngcheck -min 1 "$shot"
