#!/usr/bin/env bash
# Opens the workbench under Xvfb on a folder of reports, runs a search, and
# saves a screenshot of the window: scripts/screenshot.sh REPORTS OUT.png
set -euo pipefail
cd "$(dirname "$0")/.."
reports=${1:-../shared/corpus/tiktok-2022}
out=${2:-docs/screenshot.png}
WITH_XVFB=1 bash scripts/install-deps.sh
cargo build --release
export DISPLAY=:97
Xvfb "$DISPLAY" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true' EXIT
sleep 1
./target/release/corroborate "$reports" &
app=$!
sleep 5
window=$(xdotool search --name Corroborate | head -1)
xdotool windowfocus --sync "$window"
# The query box sits at the top of the right-hand panel.
xdotool mousemove 1240 60 click 1
xdotool type --delay 30 "${QUERY:-\"government relations\" OR Kantor~1}"
xdotool key Return
sleep 1
import -window "$window" "$out"
echo "saved $out"
