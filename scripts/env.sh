# Shared environment for the build scripts (sourced).
export NODE_PATH=/usr/share/nodejs
export EMSDK_PYTHON=/usr/bin/python3
export EM_COMPILER_WRAPPER=ccache
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/alin-ccache}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="$(nproc 2>/dev/null || echo 2)"

build_native() {   # build_native <dir> [extra cmake args]
  local dir="$1"; shift
  mkdir -p "$ROOT/$dir"
  cmake -S "$ROOT" -B "$ROOT/$dir" -DCMAKE_BUILD_TYPE=Release "$@" >"$ROOT/$dir/configure.log" 2>&1 \
    || { cat "$ROOT/$dir/configure.log"; return 1; }
  cmake --build "$ROOT/$dir" -j"$JOBS" >"$ROOT/$dir/build.log" 2>&1 \
    || { grep -E -A5 "error|Error" "$ROOT/$dir/build.log" | head -80; return 1; }
}

build_web() {
  mkdir -p "$ROOT/build-web"
  emcmake cmake -S "$ROOT" -B "$ROOT/build-web" -DCMAKE_BUILD_TYPE=Release >"$ROOT/build-web/configure.log" 2>&1 \
    || { cat "$ROOT/build-web/configure.log"; return 1; }
  cmake --build "$ROOT/build-web" -j"$JOBS" >"$ROOT/build-web/build.log" 2>&1 \
    || { grep -E -A5 "error|Error" "$ROOT/build-web/build.log" | head -80; return 1; }
}
# A clone in another folder (CI, a worktree) reuses the cache: paths under the
# checkout are hashed relative to it, and the working directory is not hashed.
export CCACHE_BASEDIR="$ROOT"
export CCACHE_NOHASHDIR=1
