// The wasm build in two parts (cmake/web.cmake, shell/alin-loader.js): the first
// screen is drawn from the first part alone, the rest is fetched once it is drawn,
// and an action that needs the rest before it arrives still works (it waits for the
// prefetch, tests/e2e/engines/robustness.engines.mjs, or, the prefetch failed, the
// rest is fetched at once). A first screen that needs a function outside the first part
// (cmake/split/*.keep out of date) fails here: run scripts/split-profile.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

for (const [name, route, viewport] of [
  ['home page on a phone', '#/', { width: 390, height: 844 }],
  ['home page on a desktop', '#/', { width: 1280, height: 800 }],
  ['kiosk', '#/', { width: 1080, height: 1920 }, '?kiosk=1'],
  ['offline demo on a phone', '#/', { width: 390, height: 844 }, '?demo=1'],
  ['offline demo kiosk', '#/', { width: 1080, height: 1920 }, '?demo=1&kiosk=1'],
].map(([n, r, v, q]) => [n, r, { viewport: v, query: q || '' }])) {
  test(`${name}: drawn from the first part; the rest follows after the first frame`, async () => {
    const context = await browser.newContext({ viewport: viewport.viewport, locale: 'fr-FR' });
    const page = await context.newPage();
    const wasm = [];
    page.on('request', (r) => { if (/\.wasm$/.test(new URL(r.url()).pathname)) wasm.push({ url: r.url(), at: Date.now() }); });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url + viewport.query + route);
    await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 30000 });
    const drawnAt = Date.now();
    await page.waitForFunction(() => window.AlinShell.split?.prefetched, null, { timeout: 30000 });
    await page.waitForTimeout(1000);  // idle frames of the first screen
    const split = await page.evaluate(() => window.AlinShell.split);
    assert.equal(split.syncLoads, 0, 'the first screen ran only functions of the first part (else: node scripts/split-profile.mjs)');
    const first = wasm.filter((w) => !/\.rest\./.test(w.url));
    const rest = wasm.filter((w) => /\.rest\./.test(w.url));
    assert.equal(first.length, 1, `one first part fetched: ${JSON.stringify(wasm)}`);
    assert.equal(rest.length, 1, `the rest fetched once: ${JSON.stringify(wasm)}`);
    assert.ok(first[0].at < drawnAt && rest[0].at >= first[0].at, 'the rest is fetched after the first part');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the prefetch failed: an action that needs the rest still works (fetched at once)', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
  await context.addInitScript(() => { try { localStorage.setItem('alin-tuto-off', '1'); } catch { /* no storage */ } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The prefetch (fetch, then its retry from an ArrayBuffer) fails, as on a network
  // that drops; the synchronous request (XMLHttpRequest) does not.
  await page.route(/\.rest\.([0-9a-f]{16}\.)?wasm$/,
    (r) => (r.request().resourceType() === 'fetch' ? r.abort('connectionreset') : r.continue()));
  await page.goto(server.url + '#/');
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 30000 });
  await page.waitForTimeout(500);
  // The login page: its form is not on the first screen, so not in the first part.
  await page.getByRole('button', { name: 'Se connecter' }).first().click();
  await page.getByRole('textbox', { name: 'E-mail' }).waitFor({ timeout: 15000 });
  const split = await page.evaluate(() => window.AlinShell.split);
  assert.equal(split.syncLoads, 1, 'the rest was fetched at once when first needed');
  assert.equal(split.prefetched, false, 'the prefetch had failed');
  assert.equal(errors.length, 0, errors.join('\n'));
  await context.close();
});
