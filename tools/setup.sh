#!/usr/bin/env bash
# tools/setup.sh - install what is missing (Debian 12) and build Quizmill.
# Installs packages only when one is missing, so it is quick to rerun.
# Environment: BUILD_DIR (default build), QUIZMILL_WERROR=ON for -Werror.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config libwebsockets-dev libqrencode-dev python3-websockets libinih-dev libcmark-dev libgumbo-dev libcjson-dev
          libstemmer-dev wordnet-dev wordnet-base libsqlite3-dev sqlite3 libsdl2-dev libsdl2-ttf-dev
          fonts-dejavu-core python3 valgrind xvfb xauth xdotool imagemagick openbox
          matchbox-window-manager x11-xserver-utils
          libxml2-utils desktop-file-utils appstream man-db groff-base gettext
          clang libclang-rt-14-dev
          chromium python3-websockets zbar-tools
          firefox-esr webkit2gtk-driver libwebkit2gtk-4.1-0 locales)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi

build=${BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DQUIZMILL_WERROR="${QUIZMILL_WERROR:-OFF}" >/dev/null
cmake --build "$build" -j"$(nproc)"
