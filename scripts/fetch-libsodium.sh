#!/usr/bin/env bash
# Fetches libsodium's source from Debian's source package into
# third_party/libsodium (ignored by git). The wasm build compiles the subset it
# needs from there (cmake/sodium_wasm.cmake); the native build uses the system
# libsodium-dev. Idempotent: does nothing when the source is already there.
# Needs a deb-src entry (scripts/setup.sh writes one) and dpkg-dev.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/third_party/libsodium"
log() { printf '[fetch-libsodium] %s\n' "$*" >&2; }

if [ -f "$DEST/src/libsodium/crypto_pwhash/argon2/argon2.c" ]; then
  exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

log "downloading Debian's libsodium source package"
if ! (cd "$tmp" && apt-get source --download-only -qq libsodium >/dev/null 2>&1); then
  # The deb-src index may be stale or missing: refresh once and retry.
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq >/dev/null
  (cd "$tmp" && apt-get source --download-only -qq libsodium >/dev/null)
fi

dsc="$(find "$tmp" -maxdepth 1 -name 'libsodium_*.dsc' | head -n1)"
if [ -n "$dsc" ] && command -v dpkg-source >/dev/null; then
  (cd "$tmp" && dpkg-source -x --no-check "$(basename "$dsc")" libsodium-src >/dev/null)
else
  orig="$(find "$tmp" -maxdepth 1 -name 'libsodium_*.orig.tar.*' | head -n1)"
  [ -n "$orig" ] || { log "no libsodium source package found"; exit 1; }
  mkdir -p "$tmp/libsodium-src"
  tar xf "$orig" -C "$tmp/libsodium-src" --strip-components=1
fi

src="$tmp/libsodium-src"
[ -f "$src/src/libsodium/crypto_pwhash/argon2/argon2.c" ] || { log "unexpected source layout"; exit 1; }
mkdir -p "$ROOT/third_party"
rm -rf "$DEST.partial"
cp -r "$src" "$DEST.partial"
rm -rf "$DEST"
mv "$DEST.partial" "$DEST"
log "libsodium source in $DEST"
