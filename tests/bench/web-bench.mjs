// Browser benchmarks (figures, not pass/fail): first-load transfer size,
// navigation → first interactive frame (app vs a bare ImGui window), idle
// frame CPU time, semantic layer cost with 300 widgets.
// Usage: node tests/bench/web-bench.mjs [semantics]   ("semantics": that section only)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import http from 'node:http';
import { startServer, launch, ROOT } from '../e2e/harness.mjs';

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))] : NaN; };
const kb = (n) => (n / 1024).toFixed(1) + ' KB';

const only = process.argv[2] || '';
// A static server for the bare ImGui window (same machine, same headers).
function serveDir(dir) {
  return new Promise((resolve) => {
    const srv = http.createServer((req, res) => {
      const p = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/$/, '/index.html'));
      try {
        const body = readFileSync(p);
        const type = p.endsWith('.wasm') ? 'application/wasm' : p.endsWith('.js') ? 'text/javascript' : 'text/html';
        res.writeHead(200, { 'Content-Type': type }); res.end(body);
      } catch { res.writeHead(404); res.end(); }
    });
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

const server = await startServer();
const browser = await launch();

if (only !== 'semantics') {
  // 1. Transfer sizes.
  const dist = path.join(ROOT, 'build-web/dist');
  const firstLoad = ['index.html', 'alin-shell.js', 'alin-loader.js', 'alin.js', 'alin.wasm', 'favicon.svg'];
  let raw = 0, gz = 0;
  console.log('\n## First-load transfer size (raw / gzip -9)\n');
  console.log('| file | raw | gzip |\n|---|---|---|');
  for (const f of firstLoad) {
    const buf = readFileSync(path.join(dist, f));
    const g = gzipSync(buf, { level: 9 }).length;
    raw += buf.length; gz += g;
    console.log(`| ${f} | ${kb(buf.length)} | ${kb(g)} |`);
  }
  console.log(`| **total** | ${kb(raw)} | ${kb(gz)} |`);
  // The offline demo mode loads its own build, plus its reference data after the first frame.
  let draw = 0, dgz = 0;
  for (const f of ['index.html', 'alin-shell.js', 'alin-loader.js', 'alin-demo.js', 'alin-demo.wasm', 'favicon.svg']) {
    const buf = readFileSync(path.join(dist, f)); draw += buf.length; dgz += gzipSync(buf, { level: 9 }).length;
  }
  console.log(`\nOffline demo mode (?demo=1) first load: ${kb(draw)} raw, ${kb(dgz)} gzip; then reference data after the first frame:`);
  for (const f of ['geo.bin', 'income_ceilings.json', 'registration_sites.json', 'typologies.json']) {
    const buf = readFileSync(path.join(dist, 'data', f));
    console.log(`- data/${f}: ${kb(buf.length)} raw, ${kb(gzipSync(buf, { level: 9 }).length)} gzip`);
  }



  // 1b. Bytes on the wire before the first frame, as alin_server sends them (the
  // names index.html gives: content-hashed copies when the build made them), per
  // Accept-Encoding. Headers are not counted.
  function wireGet(url, encoding) {
    return new Promise((resolve, reject) => {
      http.get(url, { headers: encoding ? { 'Accept-Encoding': encoding } : {} }, (res) => {
        let n = 0; const chunks = [];
        res.on('data', (c) => { n += c.length; chunks.push(c); });
        res.on('end', () => resolve({ status: res.statusCode, bytes: n, body: Buffer.concat(chunks), headers: res.headers }));
      }).on('error', reject);
    });
  }
  async function firstLoadOnWire(demo) {
    const index = await wireGet(server.url, '');
    const html = index.body.toString();
    const attr = (name) => (html.match(new RegExp(name + '="([^"]+)"')) || [])[1];
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    const shell = scripts[0] || 'alin-shell.js', loader = scripts[1] || 'alin-loader.js';
    const build = (demo ? attr('data-demo') : attr('data-app')) || (demo ? 'alin-demo' : 'alin');
    const names = ['', shell, loader, build + '.js', build + '.wasm', 'favicon.svg'];
    const rows = [];
    for (const n of names) {
      const row = { name: n || 'index.html' };
      for (const enc of ['identity', 'gzip', 'br']) {
        const r = await wireGet(server.url + n, enc === 'identity' ? '' : enc);
        row[enc] = r.bytes; row[enc + 'Coding'] = r.headers['content-encoding'] || 'identity';
        row.cache = r.headers['cache-control'];
      }
      rows.push(row);
    }
    return rows;
  }
  for (const demo of [false, true]) {
    const rows = await firstLoadOnWire(demo);
    console.log(`\n## ${demo ? 'Offline demo mode (?demo=1)' : 'App'}: bytes on the wire before the first frame (alin_server, per Accept-Encoding)\n`);
    console.log('| file | identity | gzip | br | Cache-Control |\n|---|---|---|---|---|');
    const sum = { identity: 0, gzip: 0, br: 0 };
    for (const r of rows) {
      for (const k of Object.keys(sum)) sum[k] += r[k];
      console.log(`| ${r.name} | ${kb(r.identity)} | ${kb(r.gzip)} (${r.gzipCoding}) | ${kb(r.br)} (${r.brCoding}) | ${r.cache} |`);
    }
    console.log(`| **total** | ${kb(sum.identity)} | ${kb(sum.gzip)} | ${kb(sum.br)} | |`);
    // The rest of the build (wasm-split), fetched once the first frame is drawn.
    const page = (await wireGet(server.url, '')).body.toString();
    const restName = (page.match(new RegExp((demo ? 'data-demo-rest' : 'data-app-rest') + '="([^"]+)"')) || [])[1];
    if (restName) {
      const sizes = {};
      for (const enc of ['identity', 'gzip', 'br']) sizes[enc] = (await wireGet(server.url + restName, enc === 'identity' ? '' : enc)).bytes;
      console.log(`\nThen, after the first frame, the rest of the build (${restName}): ${kb(sizes.identity)} identity, ${kb(sizes.gzip)} gzip, ${kb(sizes.br)} br`);
    }
  }
  // The English catalogue: not part of the first load (the build carries French);
  // fetched when English is chosen, or with the wasm by a page that starts in English.
  {
    const html = (await wireGet(server.url, '')).body.toString();
    const en = (html.match(/data-en="([^"]+)"/) || [])[1] || 'alin-en.json';
    const sizes = {};
    for (const enc of ['identity', 'gzip', 'br']) sizes[enc] = (await wireGet(server.url + en, enc === 'identity' ? '' : enc)).bytes;
    console.log(`\nEnglish catalogue (${en}, when English is chosen): ${kb(sizes.identity)} identity, ${kb(sizes.gzip)} gzip, ${kb(sizes.br)} br`);
  }
  const bareSrv = await serveDir(path.join(ROOT, 'build-web/bare'));
  const bareUrl = `http://127.0.0.1:${bareSrv.address().port}/`;


  async function firstFrame(url) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 30000 });
    const t = await page.evaluate(() => window.__alinFirstFrame);
    await context.close();
    return t;
  }

  // 2. Navigation → first frame, median of 5 (fresh context each time: cold cache).
  const app = [], bare = [];
  for (let i = 0; i < 5; i++) {
    app.push(await firstFrame(server.url + '#/connexion'));
    bare.push(await firstFrame(bareUrl));
  }
  console.log('\n## Navigation → first interactive frame (headless Chromium, SwiftShader, median of 5)\n');
  console.log(`| build | median | runs |\n|---|---|---|`);
  console.log(`| AL'in client | ${median(app).toFixed(0)} ms | ${app.map((x) => x.toFixed(0)).join(', ')} |`);
  console.log(`| bare ImGui window | ${median(bare).toFixed(0)} ms | ${bare.map((x) => x.toFixed(0)).join(', ')} |`);
  console.log(`ratio: ${(median(app) / median(bare)).toFixed(2)}x`);
  bareSrv.close();

}

// Cross-origin isolation (COOP and COEP headers added to every response): the
// page's performance.now() then counts in 5 µs steps instead of 100 µs.
async function isolate(page) {
  await page.route('**/*', async (route) => {
    const resp = await route.fetch();
    await route.fulfill({ response: resp, headers: { ...resp.headers(), 'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp' } });
  });
}

// 3. Idle frame CPU time and 4. semantic layer cost.
async function frameStats(url, ms, probe = false) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  if (probe) await context.addInitScript(() => { window.__alinFrameProbe = 1; });
  const page = await context.newPage();
  if (probe) await isolate(page);
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 30000 });
  await page.waitForTimeout(500);
  await page.evaluate(() => { AlinShell.frames.length = 0; });
  await page.waitForTimeout(ms);
  const frames = await page.evaluate(() => AlinShell.frames.slice());
  const nodes = await page.evaluate(() => document.querySelectorAll('#sem-root [data-sem-id]').length);
  await context.close();
  return { frames, nodes };
}
if (only !== 'semantics') {
  const idle = await frameStats(server.url + '#/connexion', 3000);
  const all = idle.frames.map((f) => f[0]);
  const drawn = idle.frames.filter((f) => f[2]).map((f) => f[0]);
  console.log('\n## Idle frame CPU time (login screen, 3 s without input)\n');
  console.log(`frames: ${all.length}, drawn: ${drawn.length}; median ${median(all).toFixed(3)} ms, p99 ${pct(all, 0.99).toFixed(3)} ms per animation frame`);

}

// 4. Semantic layer cost. Its parts, per drawn frame:
//  - recording: what widgets spend building nodes. The page is also run with
//    ?record=alternate, where every other frame records nothing (drawn = 2): the
//    cost is, over neighbouring frames, (frame with nodes - its endFrame) - frame
//    without nodes, so the machine's load affects both sides alike;
//  - end of frame in wasm (ui::semantics().endFrame(): diff, patch JSON), without
//    the DOM patch;
//  - the DOM patch (applyPatch in alin-shell.js, timed with performance.now());
//  - style and layout the patch causes: a layout forced and timed right after the
//    frame (window.__alinFrameProbe, set by this benchmark only).
const RUNS = Number(process.env.ALIN_BENCH_RUNS || 3);
const drawnOf = (r, k) => r.frames.filter((f) => f[2]).map((f) => f[k]);
function recordingCost(frames) {
  const d = [];
  for (let i = 1; i < frames.length; i++) {
    const [a, b] = [frames[i - 1], frames[i]];
    const on = a[2] === 1 ? a : b[2] === 1 ? b : null, off = a[2] === 2 ? a : b[2] === 2 ? b : null;
    if (on && off) d.push(on[0] - on[1] - off[0]);
  }
  return d;
}
async function semCase(animate) {
  const rec = [], parts = { total: [], sem: [], patch: [], layout: [] };
  let nodes = 0;
  for (let i = 0; i < RUNS; i++) {
    const a = await frameStats(server.url + `?bench=1&animate=${animate}#/banc-d-essai`, 2000, true);
    const b = await frameStats(server.url + `?bench=1&animate=${animate}&record=alternate#/banc-d-essai`, 2000, true);
    nodes = a.nodes;
    rec.push(...recordingCost(b.frames));
    for (const [k, idx] of [['total', 0], ['sem', 1], ['patch', 3], ['layout', 4]]) parts[k].push(...drawnOf(a, idx));
  }
  const sem = median(parts.sem), patch = median(parts.patch), layout = median(parts.layout);
  const record = median(rec);
  return { nodes, record, endFrame: sem - patch, patch, layout, total: record + sem + layout, semP99: pct(parts.sem, 0.99),
    layoutP99: pct(parts.layout, 0.99), frame: median(parts.total), frames: parts.total.length, pairs: rec.length };
}
const cases = [
  ['tree unchanged (diff only)', 1],
  ['one label changes every frame (patch of 1 node)', 2],
  ['content scrolls every frame (nodes keep content coordinates: one scroll offset is sent)', 3],
];
console.log('\n## Semantic layer cost (300 widgets mirrored)\n');
const results = [];
for (const [name, animate] of cases) results.push([name, await semCase(animate)]);
console.log(`DOM nodes mirrored: ${results[1][1].nodes}; medians over ${RUNS} runs of 2 s per case`);
console.log('| case | recording | endFrame in wasm | DOM patch | style + layout | **total** | endFrame p99 | layout p99 | whole frame (+ layout) | frames, pairs |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
const f3 = (x) => x.toFixed(3) + ' ms';
for (const [name, r] of results) {
  console.log(`| ${name} | ${f3(r.record)} | ${f3(r.endFrame)} | ${f3(r.patch)} | ${f3(r.layout)} | **${f3(r.total)}** | ${f3(r.semP99)} | ${f3(r.layoutP99)} | ${f3(r.frame)} (+${r.layout.toFixed(3)}) | ${r.frames}, ${r.pairs} |`);
}

await browser.close();
await server.stop();
