#!/usr/bin/env bash
# Runs each fuzz target (libFuzzer, through cargo-fuzz) for a bounded time and
# keeps what it learnt in fuzz/corpus/TARGET, which is committed.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]    (default: 60 s each, every target)
#
# A crash stops the script with the input saved under fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
EACH="${1:-60}"
shift || true
TARGETS=("$@")
if [ "${#TARGETS[@]}" -eq 0 ]; then
  TARGETS=(decode html pdf clean segment project import)
fi
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
# cargo-fuzz passes nightly-only flags; the one stable toolchain accepts them so.
export RUSTC_BOOTSTRAP=1
for t in "${TARGETS[@]}"; do
  corpus="fuzz/corpus/$t"
  mkdir -p "$corpus"
  # Seeds: the sample reports for the text targets, a sample project file.
  if [ -z "$(ls -A "$corpus")" ]; then
    case "$t" in
      decode|html|clean|segment|import) cp assets/sample/reports/* "$corpus"/ ;;
      project) ./target/release/corroborate import assets/sample/reports --project "$corpus/sample.corroborate" 2>/dev/null \
                 || cargo run --release --quiet -- import assets/sample/reports --project "$corpus/sample.corroborate" ;;
    esac
  fi
  echo "== $t: $EACH s"
  cargo fuzz run --release "$t" "$corpus" -- \
    -max_total_time="$EACH" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 2>&1 \
    | grep -E "^(#[0-9]+ *DONE|stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|thread .* panicked|Done)" || true
  # Keep the corpus small: only inputs that add coverage.
  tmp="$(mktemp -d)"
  cargo fuzz run --release "$t" "$tmp" "$corpus" -- -merge=1 >/dev/null 2>&1 || true
  rm -rf "$corpus" && mv "$tmp" "$corpus"
done
if ls fuzz/artifacts/*/crash-* >/dev/null 2>&1; then
  echo "crashes found:" && ls fuzz/artifacts/*/crash-*
  exit 1
fi
echo "no crash"
