// Renews cmake/split/alin.keep and cmake/split/alin-demo.keep: which functions
// the first screen runs, measured in headless Chromium with the instrumented
// builds that the wasm build leaves in build-web/split/ (cmake/web.cmake). Run it
// after changing what the first screen draws (tests/e2e/split.test.mjs fails when
// the first screen needs a function left out of the list), then rebuild:
//   node scripts/split-profile.mjs && ALIN_TARGETS=alin_dist build_web
// Needs build/alin_server and build-web (scripts/env.sh: build_native, build_web).
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, launch, startServer } from '../tests/e2e/harness.mjs';
import { SPLIT_FLAGS, nameHash } from '../cmake/split.mjs';

const WEB = process.env.ALIN_WEB_BUILD || path.join(ROOT, 'build-web');   // (another build folder: its path)
// The first screens: the home page on a phone and on a desktop, and a kiosk's.
const SCREENS = {
  alin: ['#/', '?kiosk=1#/'],
  'alin-demo': ['?demo=1#/', '?demo=1&kiosk=1#/'],
};
const VIEWPORTS = [{ width: 390, height: 844 }, { width: 1280, height: 800 }, { width: 1080, height: 1920 }];

const work = mkdtempSync(path.join(os.tmpdir(), 'alin-split-profile-'));
const root = path.join(work, 'www');
cpSync(path.join(WEB, 'dist'), root, { recursive: true });
copyFileSync(path.join(ROOT, 'shell/index.html'), path.join(root, 'index.html'));  // plain names
process.env.ALIN_E2E_DIST = root;
const server = await startServer();
const browser = await launch();
try {
  for (const [build, routes] of Object.entries(SCREENS)) {
    copyFileSync(path.join(WEB, 'split', `${build}.instrumented.wasm`), path.join(root, `${build}.wasm`));
    const profiles = [];
    for (const route of routes) {
      for (const viewport of VIEWPORTS) {
        if (route.includes('kiosk') !== (viewport.width === 1080)) continue;
        const context = await browser.newContext({ viewport, locale: 'fr-FR' });
        const page = await context.newPage();
        await page.goto(server.url + route);
        await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 60000 });
        await page.waitForTimeout(1500);   // idle frames, hover states, the first replies
        const bytes = await page.evaluate(() => {
          const write = Module.asm.__write_profile;
          const len = write(0, 0);
          const at = Module._malloc(len);
          write(at, len);
          return Array.from(new Uint8Array(wasmMemory.buffer, at, len));
        });
        const file = path.join(work, `${build}-${profiles.length}.profile`);
        writeFileSync(file, Buffer.from(bytes));
        profiles.push(file);
        await context.close();
      }
    }
    const merged = path.join(work, `${build}.profile`);
    execFileSync('wasm-split', ['--merge-profiles', ...profiles, '-o', merged]);
    const out = execFileSync('wasm-split', [...SPLIT_FLAGS, path.join(WEB, 'split', `${build}.orig.wasm`),
      `--profile=${merged}`, '-v', '-o1', path.join(work, 'p1.wasm'), '-o2', path.join(work, 'p2.wasm')],
    { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
    const line = out.split('\n').find((l) => l.startsWith('Keeping functions: '));
    const names = line ? line.slice('Keeping functions: '.length).split(', ').filter(Boolean) : [];
    const hashes = [...new Set(names.map(nameHash))].sort();
    const keep = path.join(ROOT, 'cmake/split', `${build}.keep`);
    writeFileSync(keep, `# ${build}: functions the first screen runs (scripts/split-profile.mjs); sha256 of each name, 16 hex.\n` +
      hashes.join('\n') + '\n');
    console.log(`${path.relative(ROOT, keep)}: ${hashes.length} functions (${profiles.length} screens profiled)`);
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
