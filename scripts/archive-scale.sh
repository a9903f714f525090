#!/usr/bin/env bash
# An archive on a laptop (issue 16), measured end to end with the real
# binary: a generated archive imported into a project file, searched through
# the kept index beside ripgrep over the same files, and analysed twice (the
# second time from the kept analysis).
#
#   scripts/archive-scale.sh [SOURCES] [EVENTS]     (default 10000, one event per ten)
#
# 100,000 sources (434 MB of reports, a 925 MB project) need about 2 GB of
# memory to import and 20 minutes; the analysis of them (about 10 minutes
# and 7.6 GB, twice) is run only when ANALYZE=1 is set.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000}"
E="${2:-$(( (N + 9) / 10 ))}"
WITH_RIPGREP=1 bash scripts/install-deps.sh >/dev/null
cargo build --release --quiet --bin corroborate
BIN="$PWD/target/release/corroborate"
DIR="$(mktemp -d)"
export CORROBORATE_CACHE="$DIR/cache"
trap 'rm -rf "$DIR"' EXIT
secs() { /usr/bin/time -f "%e s, peak %M KB" "$@" 2>&1 >/dev/null | tail -1; }

echo "generate $N reports of $E events: $(secs "$BIN" generate --sources "$N" --events "$E" "$DIR/archive")"
echo "import:                        $(secs "$BIN" import "$DIR/archive/reports" --project "$DIR/p.corroborate")"
echo "project file:                  $(du -h "$DIR/p.corroborate" | cut -f1)"
echo "first search (index built):    $(secs "$BIN" search "$DIR/p.corroborate" --query Meridian)"
python3 - "$BIN" "$DIR" <<'PY'
import subprocess, sys, time
binary, d = sys.argv[1:]
queries = ["Meridian", "evacuated", "Halstrom", "chemical storage", "Herald"] * 4
def timed(cmd):
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True)
    # ripgrep says "no match" with exit code 1.
    assert r.returncode in (0, 1) and not r.stderr, r.stderr
    return (time.perf_counter() - t) * 1000
ours = sorted(timed([binary, "search", f"{d}/p.corroborate", "--query", q, "--limit", "50"]) for q in queries)
rg = sorted(timed(["rg", "-c", "-i", "-F", q, f"{d}/archive/reports"]) for q in queries)
print(f"search p50 / p99 (kept index): {ours[len(ours)//2]:.1f} / {ours[-1]:.1f} ms")
print(f"ripgrep p50 / slowest:         {rg[len(rg)//2]:.1f} / {rg[-1]:.1f} ms")
PY
if [ "$N" -le 20000 ] || [ "${ANALYZE:-0}" = 1 ]; then
    echo "analyze, first:                $(secs "$BIN" analyze "$DIR/p.corroborate" --json "$DIR/a1.json")"
    echo "analyze, unchanged project:    $(secs "$BIN" analyze "$DIR/p.corroborate" --json "$DIR/a2.json")"
    cmp -s "$DIR/a1.json" "$DIR/a2.json" && echo "the two analyses are identical" || echo "THE TWO ANALYSES DIFFER"
fi
