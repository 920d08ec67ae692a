#!/usr/bin/env bash
# Finishes the web root after the wasm build (target alin_dist, cmake/web.cmake):
#  1. content-hashed copies of what index.html loads (alin-shell.<h>.js,
#     alin-loader.<h>.js, alin.<h>.{js,wasm}, alin-demo.<h>.{js,wasm}, the parts
#     fetched after the first frame alin.rest.<h>.wasm, alin-demo.rest.<h>.wasm) and of the
#     English catalogue the client fetches (alin-en.<h>.json); the server marks such names
#     immutable (server-stub/static_files.h); index.html (from shell/index.html)
#     names them, and the shell falls back to the plain names without them;
#  2. Brotli (-q 11) and gzip (-9) variants next to every compressible file
#     (x.br, x.gz, same modification time as x), made only when x is newer.
# Idempotent and quiet: with nothing changed it rewrites nothing.
# Usage: dist.sh <dist dir> <shell/index.html>
set -euo pipefail
dist="$1" shell_index="$2"
cd "$dist"

hash16() { cat "$@" | sha256sum | cut -c1-16; }

# Hashed names: hard links (same inode, same modification time as the original).
link_hashed() {   # link_hashed <base> <ext...>: base.<h>.<ext> for each ext, h over all
  local base="$1"; shift
  local files=() ext h
  for ext in "$@"; do files+=("$base.$ext"); done
  h="$(hash16 "${files[@]}")"
  for ext in "$@"; do
    if [ ! "$base.$h.$ext" -ef "$base.$ext" ]; then ln -f "$base.$ext" "$base.$h.$ext"; fi
    # Older hashed copies of this base go (only the current build is referenced).
    find . -maxdepth 1 -regextype posix-extended -regex "\./$base\.[0-9a-f]{16}\.$ext(\.br|\.gz)?" \
      ! -name "$base.$h.$ext*" -delete
  done
  echo "$base.$h"
}

shell_name="$(link_hashed alin-shell js)"
loader_name="$(link_hashed alin-loader js)"
app_name="" demo_name=""
if [ -f alin.wasm ] && [ -f alin.js ]; then app_name="$(link_hashed alin js wasm)"; fi
if [ -f alin-demo.wasm ] && [ -f alin-demo.js ]; then demo_name="$(link_hashed alin-demo js wasm)"; fi
# The part of each build fetched after the first frame (wasm-split, cmake/web.cmake).
app_rest="" demo_rest=""
if [ -f alin.rest.wasm ]; then app_rest="$(link_hashed alin.rest wasm)"; fi
if [ -f alin-demo.rest.wasm ]; then demo_rest="$(link_hashed alin-demo.rest wasm)"; fi
en_name=""
if [ -f alin-en.json ]; then en_name="$(link_hashed alin-en json)"; fi

attrs="src=\"$shell_name.js\""
if [ -n "$app_name" ]; then attrs+=" data-app=\"$app_name\""; fi
if [ -n "$demo_name" ]; then attrs+=" data-demo=\"$demo_name\""; fi
if [ -n "$app_rest" ]; then attrs+=" data-app-rest=\"$app_rest.wasm\""; fi
if [ -n "$demo_rest" ]; then attrs+=" data-demo-rest=\"$demo_rest.wasm\""; fi
if [ -n "$en_name" ]; then attrs+=" data-en=\"$en_name.json\""; fi
sed -e "s|src=\"alin-shell.js\"|$attrs|" -e "s|src=\"alin-loader.js\"|src=\"$loader_name.js\"|" "$shell_index" > index.html.tmp
if cmp -s index.html.tmp index.html; then rm index.html.tmp; else mv index.html.tmp index.html; fi

# Precompressed variants. Hard-linked hashed names share the variants' work:
# a variant made for one name is linked to the others with the same inode.
find . -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.json' -o -name '*.svg' \
  -o -name '*.css' -o -name '*.bin' \) -size +256c | sort | while read -r f; do
  for v in br gz; do
    if [ -f "$f.$v" ] && [ ! "$f" -nt "$f.$v" ]; then continue; fi
    # Another name of the same file (hard link) already has a fresh variant?
    other="$(find . -maxdepth 2 -samefile "$f" ! -path "$f" | while read -r o; do
      if [ -f "$o.$v" ] && [ ! "$o" -nt "$o.$v" ]; then echo "$o"; break; fi; done)"
    if [ -n "$other" ]; then ln -f "$other.$v" "$f.$v"; continue; fi
    if [ $v = br ]; then brotli -q 11 -f -o "$f.br.tmp" "$f"; else gzip -9 -n -c "$f" > "$f.gz.tmp"; fi
    touch -r "$f" "$f.$v.tmp"
    mv -f "$f.$v.tmp" "$f.$v"
  done
done
