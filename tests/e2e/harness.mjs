// Shared helpers for the browser end-to-end tests: start the real server on a
// free loopback port with a fresh SQLite file, launch Debian's Chromium through
// playwright-core, open the app and wait for its first frame.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
    srv.on('error', reject);
  });
}

// Starts build/alin_server; resolves once it prints its URL.
export async function startServer({ env = {}, startTimeoutMs = 20000 } = {}) {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'alin-e2e-'));
  // ALIN_SERVER_BIN: another build of the server (benchmarks comparing two builds).
  const child = spawn(process.env.ALIN_SERVER_BIN || path.join(ROOT, 'build/alin_server'), [], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ALIN_DB: path.join(dir, 'alin.db'),
      ALIN_ENV: 'test', ALIN_WEB_ROOT: process.env.ALIN_E2E_DIST || path.join(ROOT, 'build-web/dist'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start:\n' + log)), startTimeoutMs);
    const onData = (d) => {
      log += d.toString();
      const m = log.match(/listening on (http:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); resolve(m[1].endsWith('/') ? m[1] : m[1] + '/'); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => { log += d.toString(); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error('server exited ' + code + '\n' + log)); });
  });
  return {
    url, port, pid: child.pid, log: () => log,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => { if (child.exitCode !== null) r(); else child.on('exit', r); });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

// Opens the app at `route` (e.g. '#/connexion') and waits for the first frame.
export async function openApp(browser, baseUrl, route = '#/', { viewport = { width: 1280, height: 800 }, query = '', contextOptions = {}, tutorial = false } = {}) {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', ...contextOptions });
  // No first-connection tutorial unless the test asks for it (journeys written before it).
  if (!tutorial) await context.addInitScript(() => { try { localStorage.setItem('alin-tuto-off', '1'); sessionStorage.setItem('alin-tuto-off', '1'); } catch { /* storage off */ } });
  const page = await context.newPage();
  // ALIN_E2E_CPU_THROTTLE=4: the page's main thread that many times slower (a slow
  // phone, or a loaded CI machine), to bring out races between frames and input.
  const slow = Number(process.env.ALIN_E2E_CPU_THROTTLE || 1);
  if (slow > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slow });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The last API exchanges and console lines, for failure messages (describeScreen).
  page.alinTrail = [];
  const trail = (line) => { page.alinTrail.push(line); if (page.alinTrail.length > 25) page.alinTrail.shift(); };
  page.on('response', (r) => { if (r.url().includes('/api/')) trail(`${r.request().method()} ${new URL(r.url()).pathname} -> ${r.status()}`); });
  page.on('console', (m) => trail(`console.${m.type()}: ${m.text().slice(0, 200)}`));
  await page.goto(baseUrl + query + route);
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 30000 });
  return { context, page, errors };
}

// The pixels of a screenshot region, decoded by the page's own PNG decoder:
// { w, h, data } with data as RGBA bytes (a Uint8ClampedArray, as ImageData holds).
export async function screenshotPixels(page, clip) {
  const png = await page.screenshot({ clip });
  const { w, h, b64 } = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + src;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    // Back as base64 (a JSON array of numbers would be several times larger).
    let bin = '';
    for (let i = 0; i < d.length; i += 0x8000) bin += String.fromCharCode.apply(null, d.subarray(i, i + 0x8000));
    return { w: c.width, h: c.height, b64: btoa(bin) };
  }, png.toString('base64'));
  return { w, h, data: new Uint8ClampedArray(Buffer.from(b64, 'base64')) };
}

// Counts pixels of a colour (tolerance per channel) in a PNG screenshot region.
export async function countColor(page, clip, rgb, tolerance = 24) {
  const { data: d } = await screenshotPixels(page, clip);
  let n = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (Math.abs(d[i] - rgb[0]) <= tolerance && Math.abs(d[i + 1] - rgb[1]) <= tolerance &&
        Math.abs(d[i + 2] - rgb[2]) <= tolerance) n++;
  }
  return n;
}

// Reads the development mailbox of the server for an address.
export async function mailbox(baseUrl, to) {
  const r = await fetch(baseUrl + 'api/v1/dev/mailbox?to=' + encodeURIComponent(to));
  if (!r.ok) throw new Error('mailbox ' + r.status);
  return (await r.json()).messages;
}

// What the semantic layer shows (role, name, state), for failure messages: a
// failed step in CI then says what was on screen instead of only what was missing.
export async function describeScreen(page) {
  try {
    const lines = await page.evaluate(() => [...document.querySelectorAll('#sem-root [role], #sem-root input, #sem-root a, #sem-root button, #sem-root h1, #sem-root h2, #sem-root p')]
      .filter((e) => !e.closest('[inert]'))
      .map((e) => {
        const role = e.getAttribute('role') || e.tagName.toLowerCase();
        const name = (e.getAttribute('aria-label') || e.value || e.textContent || '').trim().slice(0, 90);
        const state = [e.disabled && 'disabled', e.getAttribute('aria-selected') === 'true' && 'selected', e.checked && 'checked']
          .filter(Boolean).join(',');
        return `${role}: ${name}${state ? ' [' + state + ']' : ''}`;
      }));
    return `url ${page.url()}\n` + lines.slice(0, 80).join('\n') +
      '\n--- last API calls and console lines ---\n' + (page.alinTrail || []).join('\n') +
      '\n--- last semantic events (ms) ---\n' +
      (await page.evaluate(() => (window.AlinShell?.semantics?.recent || []).join('\n') + `\nnow ${Math.round(performance.now())}`));
  } catch (e) {
    return 'screen unavailable: ' + e.message;
  }
}

// Runs `fn`; on failure saves a screenshot under test-results/ and adds the
// screen's semantic content to the error.
export async function withScreenOnFailure(page, label, fn) {
  try {
    return await fn();
  } catch (e) {
    const dir = path.join(ROOT, 'test-results');
    try {
      (await import('node:fs')).mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: path.join(dir, label.replace(/[^a-z0-9]+/gi, '-') + '.png') });
    } catch { /* the page may be gone */ }
    e.message += '\n--- screen at failure ---\n' + await describeScreen(page);
    throw e;
  }
}

// axe-core (npm) on the current screen: WCAG 2.1 A/AA rules and `region` (all
// content inside landmarks). Throws with each violation's rule, target and
// summary; returns the number of rules that passed. Any test can call it on
// every screen it visits.
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource = null;
export async function checkA11y(page, label = '') {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') forbids injected scripts.
  axeSource ??= readFileSync(AXE_PATH, 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource + '\n;0');
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: { region: { enabled: true } },
      resultTypes: ['violations'],
    });
    return { passes: r.passes.length, violations: r.violations.map((v) => ({
      id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(0, 2).join(' ')}`),
    })) };
  });
  if (result.violations.length) {
    throw new Error(`axe: ${result.violations.length} violation(s) on ${label || page.url()}\n` +
      result.violations.map((v) => `- ${v.id} (${v.help})\n    ${v.nodes.join('\n    ')}`).join('\n'));
  }
  return result.passes;
}
