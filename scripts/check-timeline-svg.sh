#!/usr/bin/env bash
# Renders a timeline SVG (the crash loop and the liveness-http pod, three
# minutes), screenshots it with headless Chromium, and fails if the
# screenshot is blank (see screenshot-svg.sh).
#
#   scripts/check-timeline-svg.sh [output-dir]
set -euo pipefail

cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
svg="$out/timeline.svg"
shot="$out/timeline.png"

go run ./timeline/internal/svgdemo -for 3m -o "$svg" \
  timeline/testdata/crash-loop.yaml timeline/testdata/liveness-http.yaml
scripts/screenshot-svg.sh "$svg" "$shot"
echo "picture: $svg"
echo "screenshot: $shot"
