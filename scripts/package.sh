#!/usr/bin/env bash
# Builds the Debian package: dist/corroborate_<version>_amd64.deb, holding the
# binary, a desktop entry, the icon (SVG and PNG sizes), the MIME type of
# .corroborate files with the app as their handler, a man page made from the
# program's own --help, and the licences of the bundled models and data.
#
#   scripts/package.sh            (release build; PROFILE=dev packs the debug build)
#
# Installs help2man and desktop-file-utils (scripts/install-deps.sh with
# WITH_PACKAGING=1) and cargo-deb from crates.io when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILE="${PROFILE:-release}"
WITH_PACKAGING=1 bash scripts/install-deps.sh >/dev/null
# Pinned: it packs the debug build for CI with a warning that later
# versions may turn into an error.
command -v cargo-deb >/dev/null 2>&1 || cargo install cargo-deb --locked --version "=3.8.0"
desktop-file-validate packaging/linux/corroborate.desktop

cargo build --profile "$PROFILE" --bin corroborate
dir=release
[ "$PROFILE" = dev ] && dir=debug
bin="target/$dir/corroborate"

# The man page: the program's help, and each command's own help as a section.
mkdir -p target/man
commands="$("$bin" --help | awk '/^Commands:/{on=1;next} /^$/{on=0} on && $1 != "help" {print $1}')"
{
    echo "[COMMANDS]"
    for c in $commands; do
        echo ".SS $c"
        echo ".nf"
        "$bin" "$c" --help | sed 's/\\/\\\\/g; s/^\./\\\&./'
        echo ".fi"
    done
} > target/man/commands.h2m
help2man --no-info --no-discard-stderr \
    --name "compare many reports of one event: who says what, where they agree and conflict" \
    --include target/man/commands.h2m "$bin" | gzip -9n > target/man/corroborate.1.gz

mkdir -p dist
cargo deb -p corroborate --no-build --profile "$PROFILE" --output dist/
ls dist/*.deb
