// Minifies a JavaScript file of the web build (the shell, the loader, Emscripten's
// glue): local names shortened, dead code and whitespace removed, top-level names
// and property names kept (the page, the tests and the wasm reach them by name).
// Emscripten 3.1.6 from Debian has no Closure Compiler; terser (npm) does this part.
// Without terser (node_modules not installed) the file is copied as it is.
// Usage: node minify.mjs <in.js> <out.js>   (in and out may be the same file)
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [input, output] = process.argv.slice(2);
const source = readFileSync(input, 'utf8');
let code = source;
try {
  const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
  const { minify } = createRequire(path.join(root, 'package.json'))('terser');
  const result = await minify(source, {
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    toplevel: false,
    format: { comments: false },
  });
  code = result.code;
} catch (e) {
  if (e.code !== 'MODULE_NOT_FOUND') throw e;
  console.warn(`minify: terser not installed (npm ci), ${path.basename(input)} copied unminified`);
}
const tmp = output + '.tmp';
writeFileSync(tmp, code);
renameSync(tmp, output);
