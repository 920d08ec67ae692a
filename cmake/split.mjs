// Splits a wasm build in two (Binaryen's wasm-split): the functions the first
// screen runs stay in the primary module, loaded before the first frame; the
// rest goes to a second module, fetched once the first frame is drawn
// (shell/alin-loader.js). Which functions the first screen runs was measured by
// scripts/split-profile.mjs in a real browser and is kept in cmake/split/<build>.keep
// as hashes of the functions' names (names shift little between builds; a
// function the list misses is still found, in the second module, only later).
// Usage: node split.mjs <module with names> <keep list> <primary out> <rest out>
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const nameHash = (name) => createHash('sha256').update(name).digest('hex').slice(0, 16);

// The module's function names as Binaryen writes them (the names wasm-split takes).
export function functionNames(wasm) {
  const out = execFileSync('wasm-opt', [wasm, '--print-function-map', '-o', os.devNull],
    { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  return out.split('\n').filter(Boolean).map((line) => line.slice(line.indexOf(':') + 1));
}

export const SPLIT_FLAGS = ['--enable-mutable-globals', '--export-prefix=%'];

if (import.meta.url === `file://${process.argv[1]}`) {
  const [input, keepFile, primary, rest] = process.argv.slice(2);
  const keep = new Set(existsSync(keepFile)
    ? readFileSync(keepFile, 'utf8').split('\n').map((l) => l.trim()).filter((l) => /^[0-9a-f]{16}$/.test(l)) : []);
  const names = functionNames(input);
  const kept = names.filter((n) => keep.has(nameHash(n)));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'alin-split-'));
  try {
    const list = path.join(dir, 'keep.txt');
    writeFileSync(list, kept.join('\n') + '\n');
    execFileSync('wasm-split', [...SPLIT_FLAGS, input, '-o1', primary, '-o2', rest, `--keep-funcs=@${list}`],
      { stdio: ['ignore', 'ignore', 'inherit'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const found = new Set(kept.map(nameHash));
  console.log(`split ${path.basename(primary)}: ${kept.length} of ${names.length} functions before the first frame` +
    (keep.size > found.size ? ` (${keep.size - found.size} listed functions no longer exist: scripts/split-profile.mjs renews the list)` : ''));
}
