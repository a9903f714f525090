#!/usr/bin/env bash
# Story grouping on small real archives: each ECB+ dev folder alone (one
# event each: is it one story?) and each ECB+ topic's two folders together
# (two events of one kind: are they told apart?).
#   scripts/story-archives.sh [BINARY] [ECB+ DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/corroborate}
ecb=${2:-../shared/data/ecbplus-dev}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

stories_of() {
    python3 - "$1" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
n = len(a["sources"])
sizes = [len(s["sources"]) for s in a["stories"]]
print(n, len(sizes), sum(k * k for k in sizes) / max(n * n, 1))
PY
}

split=0 folders=0 recall=0
for dir in "$ecb"/*/; do
    "$bin" analyze "$dir" --json "$work/one.json" >/dev/null 2>&1
    read -r n count r < <(stories_of "$work/one.json")
    folders=$((folders + 1))
    recall=$(python3 -c "print($recall + $r)")
    if [ "$count" -gt 1 ]; then
        split=$((split + 1))
        echo "  $(basename "$dir"): $n reports in $count stories"
    fi
done
echo "one-event folders: $split of $folders split; mean B-cubed recall $(python3 -c "print(round($recall / $folders, 3))")"

pairs=0 f1=0
for ecbdir in "$ecb"/*_ecb/; do
    topic=$(basename "$ecbdir" _ecb)
    [ -d "$ecb/${topic}_ecbplus" ] || continue
    rm -rf "$work/pair" && mkdir "$work/pair"
    cp "$ecbdir"/*.txt "$ecb/${topic}_ecbplus"/*.txt "$work/pair/"
    "$bin" analyze "$work/pair" --json "$work/pair.json" >/dev/null 2>&1
    line=$(python3 ../shared/eval/score_stories.py "$work/pair.json" "$ecb/stories.json")
    score=$(echo "$line" | sed -E 's/.*F1 ([0-9.]+).*/\1/')
    pairs=$((pairs + 1))
    f1=$(python3 -c "print($f1 + $score)")
done
echo "topic pairs (two events of one kind): mean B-cubed F1 $(python3 -c "print(round($f1 / $pairs, 3))") over $pairs topics"
