// First-load and first-frame figures per engine (not a test: prints figures).
//   node tests/e2e/engines/timings.mjs [runs=3]
// For each engine, a fresh page (empty cache) opens the app against the real
// server; the figures are read from the page, in ms since navigation start:
//   wasm ready  - the WebAssembly module compiled and instantiated (shell loader)
//   first frame - the first frame drawn (the app calls AlinShell.firstFrameDrawn)
// and the medians over the runs are printed as a Markdown table.
import { startServer } from '../harness.mjs';
import { ENGINES, launchEngine } from '../drivers/engines.mjs';

const runs = Number(process.argv[2] || 3);
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const server = await startServer();
const rows = [];
try {
  for (const name of ENGINES) {
    const engine = await launchEngine(name);
    const got = { wasm: [], frame: [] };
    try {
      for (let i = 0; i < runs; i++) {
        const page = await engine.newPage();
        await page.goto(server.url + '#/');
        await page.waitReady();
        await page.getByRole('button', { name: 'Se connecter' }).first().waitFor();
        const t = await page.evaluate(() => ({ wasm: window.__alinWasmReady, frame: window.__alinFirstFrame }));
        got.wasm.push(t.wasm); got.frame.push(t.frame);
        await page.close();
      }
      rows.push(`| ${name} (${engine.version}) | ${Math.round(median(got.wasm))} | ${Math.round(median(got.frame))} | ${runs} |`);
    } finally {
      await engine.close();
    }
  }
} finally {
  await server.stop();
}
console.log('| engine | wasm ready (ms) | first frame (ms) | runs |\n|---|---|---|---|\n' + rows.join('\n'));
process.exit(0);
