# Shared environment for the build scripts (sourced).
export NODE_PATH=/usr/share/nodejs
export EMSDK_PYTHON=/usr/bin/python3
export EM_COMPILER_WRAPPER=ccache
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/alin-ccache}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="$(nproc 2>/dev/null || echo 2)"

# build_native <dir> [extra cmake args]; ALIN_TARGETS="a b" builds only those
# targets (and what they need) instead of everything.
build_native() {
  local dir="$1"; shift
  local targets=()
  if [ -n "${ALIN_TARGETS:-}" ]; then targets=(--target $ALIN_TARGETS); fi
  mkdir -p "$ROOT/$dir"
  cmake -S "$ROOT" -B "$ROOT/$dir" -DCMAKE_BUILD_TYPE=Release "$@" >"$ROOT/$dir/configure.log" 2>&1 \
    || { cat "$ROOT/$dir/configure.log"; return 1; }
  cmake --build "$ROOT/$dir" -j"$JOBS" "${targets[@]}" >"$ROOT/$dir/build.log" 2>&1 \
    || { grep -E -A5 "error|Error" "$ROOT/$dir/build.log" | head -80; return 1; }
}

build_web() {   # ALIN_TARGETS as for build_native
  local targets=()
  if [ -n "${ALIN_TARGETS:-}" ]; then targets=(--target $ALIN_TARGETS); fi
  mkdir -p "$ROOT/build-web"
  emcmake cmake -S "$ROOT" -B "$ROOT/build-web" -DCMAKE_BUILD_TYPE=Release >"$ROOT/build-web/configure.log" 2>&1 \
    || { cat "$ROOT/build-web/configure.log"; return 1; }
  cmake --build "$ROOT/build-web" -j"$JOBS" "${targets[@]}" >"$ROOT/build-web/build.log" 2>&1 \
    || { grep -E -A5 "error|Error" "$ROOT/build-web/build.log" | head -80; return 1; }
}
# A clone in another folder (CI, a worktree) reuses the cache: paths under the
# checkout are hashed relative to it, and the working directory is not hashed.
export CCACHE_BASEDIR="$ROOT"
export CCACHE_NOHASHDIR=1
# Precompiled headers (cmake/pch.cmake): without these, ccache caches no unit that uses one.
export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros}"
