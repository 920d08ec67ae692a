// What differs between browsers and settings, shown on pages where an init script
// takes something away before the app starts: web storage that throws (private
// windows), no streaming wasm compilation (older engines, a wrong MIME type), no
// WebGL 2, no WebAssembly at all. Runs in the engines whose driver has init
// scripts (Chromium, Firefox; classic WebDriver for WebKit has none). And a slow
// network for the build's second part: input made meanwhile waits, never lost.
import { test, before, after } from 'node:test';
import http from 'node:http';
import assert from 'node:assert/strict';
import { startServer } from '../harness.mjs';
import { ENGINES, launchEngine } from '../drivers/engines.mjs';

const engines = ENGINES.filter((e) => e !== 'webkit');
let server;
const launched = new Map();   // one browser per engine for the whole file
const engineFor = async (name) => { if (!launched.has(name)) launched.set(name, await launchEngine(name)); return launched.get(name); };
before(async () => { server = await startServer(); });
after(async () => {
  for (const e of launched.values()) await e.close();
  await server?.stop();
});

const NO_STORAGE = `for (const k of ['localStorage', 'sessionStorage']) {
  Object.defineProperty(window, k, { configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
}`;
const STREAMING_REFUSED = `WebAssembly.instantiateStreaming = () => Promise.reject(new TypeError("WebAssembly: Response has unsupported MIME type 'application/octet-stream'"));`;
const NO_STREAMING = 'delete WebAssembly.instantiateStreaming; delete WebAssembly.compileStreaming;';
const NO_WEBGL2 = `{ const get = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) { return type === 'webgl2' ? null : get.call(this, type, ...rest); }; }`;
const NO_WASM = 'delete window.WebAssembly;';

async function open(engine, query, initScript, base = server.url) {
  const page = await engine.newPage({ initScript });
  await page.goto(base + query + '#/');
  return page;
}

// A proxy in front of the server that answers requests for the build's second part
// (alin.rest.<hash>.wasm) after `delay` ms: a slow network.
async function slowRestProxy(delay) {
  const target = new URL(server.url);
  const proxy = http.createServer((req, res) => {
    const forward = () => {
      const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (r) => { res.writeHead(r.statusCode, r.headers); r.pipe(res); });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    };
    if (/\.rest\./.test(req.url)) setTimeout(forward, delay); else forward();
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${proxy.address().port}/`, close: () => new Promise((resolve) => proxy.close(resolve)) };
}

async function demoLogIn(page, kiosk = false) {
  await page.waitReady();
  // A kiosk starts from its home ("Commencer") and ends with "Terminer ma session".
  await page.getByRole('button', { name: kiosk ? 'Commencer' : 'Se connecter' }).first().click();
  await page.getByRole('textbox', { name: 'E-mail' }).fill('anne.porte@example.fr');
  await page.getByLabel('Mot de passe', { exact: true }).fill('Logement2026');
  await page.getByRole('button', { name: 'JE ME CONNECTE' }).click();
  // The first-connection tutorial (a fresh browser; a kiosk offers it at each sign-in).
  await page.getByRole('button', { name: 'X Passer les étapes' }).click();
  if (kiosk) await page.getByRole('button', { name: 'JE ME CONNECTE' }).waitFor({ state: 'hidden' });
  else await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
}

// The loader's message once the shell gave up (role alert).
async function fatalText(page) {
  return page.waitForFunction(() => document.getElementById('loader')?.getAttribute('role') === 'alert' &&
    document.getElementById('loader-text').textContent, null, 30000);
}

for (const name of engines) {
  test(`${name}: web storage that throws (private windows): the demo and kiosk modes still work`, { timeout: 180000 }, async () => {
    const engine = await engineFor(name);
    {
      for (const query of ['?demo=1', '?demo=1&kiosk=1']) {
        const page = await open(engine, query, NO_STORAGE);
        assert.equal(await page.evaluate(() => { try { return !window.localStorage; } catch { return 'throws'; } }), 'throws');
        await demoLogIn(page, query.includes('kiosk=1'));
        assert.deepEqual(page.errors, [], query);
        await page.close();
      }
    }
  });

  test(`${name}: the second part still downloading: a click made meanwhile waits for it, is not lost (no synchronous load)`, { timeout: 180000 }, async () => {
    const engine = await engineFor(name);
    const proxy = await slowRestProxy(3000);
    try {
      const page = await open(engine, '', '', proxy.url);
      await page.waitReady();
      // The pointer rests on the button first (hovering needs the second part too),
      // then clicks. Before the frames waited, Firefox dropped this click: it was made
      // during the synchronous request the hover had started.
      const button = page.getByRole('button', { name: 'Se connecter' }).first();
      await button.hover();
      await page.pause(400);
      await button.click();
      const busy = await page.waitForFunction(() => !!document.getElementById('busy'), null, 2500).then(() => true, () => false);
      await page.getByRole('textbox', { name: 'E-mail' }).waitFor({ timeout: 15000 });
      const split = await page.evaluate(() => window.AlinShell.split);
      assert.equal(split.syncLoads, 0, 'the frames waited for the prefetch');
      assert.ok(busy, 'a progress bar showed the wait');
      assert.equal(await page.evaluate(() => !!document.getElementById('busy')), false, 'the bar is gone');
      assert.deepEqual(page.errors, []);
      await page.close();
    } finally {
      await proxy.close();
    }
  });

  test(`${name}: no streaming compilation, or a refused MIME type: compiled from an ArrayBuffer`, { timeout: 180000 }, async () => {
    const engine = await engineFor(name);
    {
      for (const script of [STREAMING_REFUSED, NO_STREAMING]) {
        const page = await open(engine, '', script);
        await page.waitReady();
        await page.getByRole('button', { name: 'Se connecter' }).first().waitFor();
        await page.close();
      }
    }
  });

  test(`${name}: no WebGL 2 or no WebAssembly: a clear message (French, or English if chosen before) with a way out, never a blank page`, { timeout: 180000 }, async () => {
    const engine = await engineFor(name);
    {
      let page = await open(engine, '', NO_WEBGL2);
      let text = await fatalText(page);
      assert.match(text, /WebGL\u00a02 indisponible/);
      assert.match(text, /navigateur récent/);
      await page.close();
      page = await open(engine, '', NO_WASM);
      text = await fatalText(page);
      assert.match(text, /trop ancien/);
      assert.match(text, /navigateur récent/);
      await page.close();
      // Someone who chose English on an earlier visit reads the loader in English.
      page = await open(engine, '', NO_WEBGL2 + "\ntry { localStorage.setItem('alin-language', 'en'); } catch (e) {}");
      text = await fatalText(page);
      assert.match(text, /WebGL 2 unavailable/);
      assert.match(text, /Use a recent browser/);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await page.close();
    }
  });
}

// devicePixelRatio changing under a running page (browser zoom, a window moved to
// another screen): the canvas backing store follows, the layout stays in CSS pixels.
for (const name of engines.filter((e) => e === 'firefox')) {
  test(`${name}: devicePixelRatio changing at run time: the backing store follows`, { timeout: 120000 }, async () => {
    const engine = await engineFor(name);
    const page = await engine.newPage({ viewport: { width: 800, height: 600 } });
    await page.goto(server.url + '#/connexion');
    await page.waitReady();
    const size = () => page.evaluate(() => { const c = document.getElementById('canvas'); return [c.width, c.height, c.clientWidth]; });
    assert.deepEqual(await size(), [800, 600, 800]);
    await page.setViewport({ width: 800, height: 600, deviceScaleFactor: 2 });
    await page.waitUntil(async () => (await size())[0] === 1600, 'the canvas at 2x');
    assert.deepEqual(await size(), [1600, 1200, 800]);
    const h = Number((await page.getByRole('button', { name: 'JE ME CONNECTE' }).getAttribute('style')).match(/height: (\d+)px/)[1]);
    assert.ok(h >= 44 && h < 50, 'the button keeps its CSS size');
    await page.close();
  });
}

// A real engine without WebGL 2: headless Firefox on these machines.
for (const name of engines.filter((e) => e === 'firefox')) {
  test(`${name} headless (no WebGL 2 there): the French message, not a blank page`, { timeout: 120000 }, async () => {
    const engine = await launchEngine(name, { headless: true });
    try {
      const page = await engine.newPage();
      await page.goto(server.url + '#/');
      const text = await fatalText(page);
      assert.match(text, /WebGL\u00a02 indisponible/);
      assert.match(text, /navigateur récent/);
      await page.close();
    } finally {
      await engine.close();
    }
  });
}
