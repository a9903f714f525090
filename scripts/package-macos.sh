#!/usr/bin/env bash
# Builds the macOS app bundle and disk image on a Mac:
#   dist/Corroborate.app and dist/Corroborate_<version>_<arch>.dmg
# from [package.metadata.packager] in Cargo.toml, with cargo-packager installed from crates.io when
# missing. Needs Xcode's command line tools (for hdiutil and codesign).
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(uname -s)" = Darwin ] || { echo "package-macos.sh runs on macOS; on Linux use scripts/package.sh" >&2; exit 1; }
command -v cargo-packager >/dev/null 2>&1 || cargo install cargo-packager --locked --version "=0.11.8"
cargo packager --release --formats app,dmg
mkdir -p dist
cp -R target/release/Corroborate.app dist/
cp target/release/*.dmg dist/
ls dist
