#!/usr/bin/env bash
# System packages Corroborate needs to build and test, on Debian/Ubuntu.
# Used by the README's fresh-machine instructions and by .ci/run.
set -euo pipefail

# The engine and its tests need only the Rust toolchain (1.95, with rustfmt and
# clippy). Everything is pure Rust: no -dev packages, no model downloads.
PACKAGES=(ca-certificates)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust is not installed: install it from rustup (Rust 1.95 or newer)." >&2
  exit 1
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true
