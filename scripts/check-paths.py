#!/usr/bin/env python3
"""Every repository path cited in a comment or a document exists.

Scans the project's sources (C++, JS, CMake, shell, SQL) and documents (*.md,
*.yaml) for paths that start with a top-level folder of the repository
(src/, server-stub/, tests/, docs/, scripts/, assets/, shell/, web/, cmake/)
and checks each against the working tree. "x.*" and "*" are globs; a trailing
"/" names a folder. Generated folders (build*/, build-assets/, third_party/,
node_modules/) are not checked. Prints each missing path with where it is
cited; exit status 1 when any is missing.
"""
import fnmatch
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOPS = ("src", "server-stub", "tests", "docs", "scripts", "assets", "shell", "web", "cmake")
PATH_RE = re.compile(r"(?<![\w./-])((?:%s)/[A-Za-z0-9_./*{}-]*[A-Za-z0-9_*/])" % "|".join(re.escape(t) for t in TOPS))
EXTS = (".cpp", ".h", ".mjs", ".js", ".cmake", ".sh", ".sql", ".md", ".yaml", ".txt", ".html", ".py")


def tracked_files():
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split("\n")
    return [f for f in out if f and (f.endswith(EXTS) or os.path.basename(f) == "CMakeLists.txt")]


# Paths of another tree that happen to share a folder name (libsodium's source
# layout), and placeholders.
EXTERNAL = ("src/libsodium/", "src/src/libsodium/")


def exists(path):
    if path.startswith(EXTERNAL) or "NNNN" in path:
        return True
    if "{" in path:  # brace list: offer_search.{h,cpp}: something with that prefix
        path = path[: path.index("{")] + "*"
    if "*" in path:  # as git pathspecs: * also matches "/"
        return any(fnmatch.fnmatch(f, path) for f in FILES)
    return os.path.exists(os.path.join(ROOT, path.rstrip("/")))


FILES = []


def main():
    missing = []
    FILES.extend(subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.split("\n"))
    for f in tracked_files():
        try:
            text = open(os.path.join(ROOT, f), encoding="utf-8", errors="replace").read()
        except OSError:
            continue
        for n, line in enumerate(text.split("\n"), 1):
            for m in PATH_RE.finditer(line):
                p = m.group(1).rstrip(".")
                if p.endswith("/."):
                    p = p[:-1]
                if not exists(p):
                    missing.append(f"{f}:{n}: {p}")
    for m in missing:
        print("missing path:", m)
    print(f"check-paths: {len(missing)} missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
