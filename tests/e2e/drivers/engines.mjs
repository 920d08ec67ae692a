// Three engines behind one small interface (page.mjs):
//   chromium - Debian's chromium through playwright-core (headless, SwiftShader GL)
//   firefox  - Debian's firefox-esr through puppeteer-core over WebDriver BiDi
//   webkit   - WebKitGTK's MiniBrowser through WebKitWebDriver (W3C WebDriver, a
//              small fetch-based client below: no extra package)
// Firefox and WebKit run with a display: headless Firefox has no WebGL2 here, and
// MiniBrowser needs X. With no DISPLAY, one Xvfb is started for the process
// (Mesa's software GL then gives WebGL2).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { freePort, CHROMIUM, CHROMIUM_ARGS } from '../harness.mjs';
import { inPage, encodeSpec } from './find.mjs';
import { Page } from './page.mjs';

export const ENGINES = (process.env.ALIN_ENGINES || 'chromium,firefox,webkit').split(',').map((s) => s.trim()).filter(Boolean);
const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// MiniBrowser's folder carries the WebKitGTK API version (webkit2gtk-4.0, -4.1, webkitgtk-6.0).
export function miniBrowserPath() {
  if (process.env.MINIBROWSER_PATH) return process.env.MINIBROWSER_PATH;
  for (const lib of ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib']) {
    if (!existsSync(lib)) continue;
    for (const d of readdirSync(lib).filter((n) => /^webkit(2)?gtk-/.test(n)).sort().reverse()) {
      const p = path.join(lib, d, 'MiniBrowser');
      if (existsSync(p)) return p;
    }
  }
  throw new Error('MiniBrowser not found (Debian package webkit2gtk-driver / libwebkit2gtk-4.1-0)');
}

// ------------------------------------------------------------------ display
let display = null;
async function ensureDisplay() {
  if (process.env.DISPLAY) return process.env.DISPLAY;
  display ??= new Promise((resolve, reject) => {
    const x = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1600x1000x24', '-nolisten', 'tcp'],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let err = '';
    x.stderr.on('data', (d) => { err += d; });
    x.stdio[3].on('data', (d) => resolve(':' + String(d).trim()));
    x.on('exit', (c) => reject(new Error('Xvfb exited ' + c + ': ' + err)));
    process.on('exit', () => { try { x.kill(); } catch { /* gone */ } });
    x.unref(); x.stdio[3].unref?.(); x.stderr.unref?.();
  });
  return display;
}

// ------------------------------------------------------------------ chromium
async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    name: 'chromium',
    version: browser.version(),
    async newPage({ viewport = { width: 1280, height: 800 }, touch = false, initScript } = {}) {
      const context = await browser.newContext({ viewport, locale: 'fr-FR', hasTouch: touch, isMobile: touch });
      const page = await context.newPage();
      if (initScript) await page.addInitScript(initScript);
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const el = async (spec) => {
        const h = (await page.evaluateHandle(inPage('(s) => alinFind(s)', encodeSpec(spec)))).asElement();
        if (!h) throw new Error('no element for ' + JSON.stringify(encodeSpec(spec)));
        return h;
      };
      const p = new Page({
        evaluate: (expr) => page.evaluate(expr),
        async click(spec) { const h = await el(spec); if (touch) await h.tap(); else await h.click(); },
        async hover(spec) { const h = await el(spec); await h.hover(); },
        // Playwright's fill (as the Chromium suite does): per-key typing costs ~0.5 s a key
        // in headless Chromium on 2 cores. Firefox and WebKit type real keys.
        async fill(spec, text) { const h = await el(spec); await h.fill(text); },
        async type(spec, text) { const h = await el(spec); await h.focus(); await page.keyboard.type(text); },
        press: (key) => page.keyboard.press(key),
        async wheel(dy, x, y) { await page.mouse.move(x, y); await page.mouse.wheel(0, dy); },
        screenshot: () => page.screenshot(),
        goto: (url) => page.goto(url),
        close: () => context.close(),
      }, 'chromium');
      p.errors = errors;
      return p;
    },
    close: () => browser.close(),
  };
}

// ------------------------------------------------------------------ firefox
async function launchFirefox({ headless = false } = {}) {
  const puppeteer = (await import('puppeteer-core')).default;
  const DISPLAY = headless ? '' : await ensureDisplay();
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless, protocol: 'webDriverBiDi',
    env: { ...process.env, DISPLAY, MOZ_CRASHREPORTER_DISABLE: '1' },
    defaultViewport: null,
    extraPrefsFirefox: { 'intl.accept_languages': 'fr-FR,fr', 'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false, 'toolkit.telemetry.enabled': false },
  });
  const version = await browser.version();
  return {
    name: 'firefox',
    version,
    async newPage({ viewport = { width: 1280, height: 800 }, touch = false, initScript } = {}) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ ...viewport, hasTouch: touch, isMobile: false });
      const resize = (v) => page.setViewport({ hasTouch: touch, isMobile: false, ...v });
      if (initScript) await page.evaluateOnNewDocument(initScript);
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const el = async (spec) => {
        const h = (await page.evaluateHandle(inPage('(s) => alinFind(s)', encodeSpec(spec)))).asElement();
        if (!h) throw new Error('no element for ' + JSON.stringify(encodeSpec(spec)));
        return h;
      };
      const p = new Page({
        evaluate: (expr) => page.evaluate(expr),
        async click(spec) { const h = await el(spec); if (touch) await h.tap(); else await h.click(); await h.dispose(); },
        async hover(spec) { const h = await el(spec); await h.hover(); await h.dispose(); },
        async fill(spec, text) {
          const h = await el(spec);
          await h.focus();
          await h.evaluate((e) => e.select());
          if (text) await page.keyboard.type(text); else await page.keyboard.press('Backspace');
          await h.dispose();
        },
        async type(spec, text) { const h = await el(spec); await h.focus(); await page.keyboard.type(text); await h.dispose(); },
        press: (key) => page.keyboard.press(key),
        async wheel(dy, x, y) { await page.mouse.move(x, y); await page.mouse.wheel({ deltaY: dy }); },
        screenshot: () => page.screenshot(),
        goto: (url) => page.goto(url),
        close: () => context.close(),
      }, 'firefox');
      p.errors = errors;
      p.setViewport = resize;   // { width, height, deviceScaleFactor }
      return p;
    },
    close: () => browser.close(),
  };
}

// ------------------------------------------------------------------ webkit
// The W3C WebDriver commands the pages need, over fetch.
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const KEYS = { Enter: '\uE007', Tab: '\uE004', Escape: '\uE00C', Backspace: '\uE003', Delete: '\uE017', Space: ' ',
  ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015', Home: '\uE011', End: '\uE010',
  PageUp: '\uE00E', PageDown: '\uE00F', Shift: '\uE008' };

async function launchWebKit() {
  const DISPLAY = await ensureDisplay();
  const port = await freePort();
  const driver = spawn(WEBKIT_DRIVER, ['--port=' + port, '--host=127.0.0.1'],
    { env: { ...process.env, DISPLAY }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  driver.stderr.on('data', (d) => { log += d; if (log.length > 20000) log = log.slice(-10000); });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, url, body) => {
    const r = await fetch(base + url, { method, headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body) });
    const j = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(`WebDriver ${method} ${url}: ${r.status} ${j.value?.error || ''} ${j.value?.message || ''}`);
    return j.value;
  };
  for (let i = 0; ; i++) {
    try { if ((await call('GET', '/status')).ready !== undefined) break; } catch (e) { if (i > 100) throw new Error('WebKitWebDriver did not start: ' + log); }
    await sleep(100);
  }
  const minibrowser = miniBrowserPath();
  const sessions = new Set();
  return {
    name: 'webkit',
    version: 'WebKitGTK',
    async newPage({ viewport = { width: 1280, height: 800 }, touch = false, initScript } = {}) {
      if (initScript) throw new Error('webkit: no init scripts over classic WebDriver');
      const args = ['--automation'];
      const s = await call('POST', '/session', { capabilities: { alwaysMatch: {
        'webkitgtk:browserOptions': { binary: minibrowser, args } } } });
      const sid = s.sessionId;
      sessions.add(sid);
      this.version = `WebKitGTK ${s.capabilities.browserVersion}`;
      const S = `/session/${sid}`;
      const exec = (script, args = []) => call('POST', S + '/execute/sync', { script, args });
      const evaluate = (expr) => exec('return ' + expr + ';');
      // The window's outer size is what WebDriver sets: correct it to the wanted viewport.
      const setViewport = async ({ width, height }) => {
        await call('POST', S + '/window/rect', { width, height });
        for (let i = 0; i < 3; i++) {
          const [w, h] = await evaluate('[window.innerWidth, window.innerHeight]');
          if (w === width && h === height) break;
          const r = await call('GET', S + '/window/rect');
          await call('POST', S + '/window/rect', { width: r.width + width - w, height: r.height + height - h });
        }
      };
      await setViewport(viewport);
      const el = async (spec) => {
        const v = await evaluate(inPage('(s) => alinFind(s)', encodeSpec(spec)));
        if (!v || !v[ELEMENT]) throw new Error('no element for ' + JSON.stringify(encodeSpec(spec)));
        return v[ELEMENT];
      };
      const keys = (text) => [...text].flatMap((c) => [{ type: 'keyDown', value: c }, { type: 'keyUp', value: c }]);
      const p = new Page({
        evaluate,
        async click(spec) {
          const id = await el(spec);
          if (touch) {
            const r = await exec('arguments[0].scrollIntoView({block:"nearest"}); const c = arguments[0].getBoundingClientRect(); return [c.left + c.width / 2, c.top + c.height / 2];', [{ [ELEMENT]: id }]);
            await call('POST', S + '/actions', { actions: [{ type: 'pointer', id: 'finger', parameters: { pointerType: 'touch' }, actions: [
              { type: 'pointerMove', x: Math.round(r[0]), y: Math.round(r[1]) }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }] }] });
            await call('DELETE', S + '/actions');
          } else {
            await call('POST', `${S}/element/${id}/click`, {});
          }
        },
        async fill(spec, text) {
          const id = await el(spec);
          await exec('arguments[0].focus(); arguments[0].select();', [{ [ELEMENT]: id }]);
          await call('POST', S + '/actions', { actions: [{ type: 'key', id: 'kb', actions: keys(text || KEYS.Backspace) }] });
          await call('DELETE', S + '/actions');
        },
        async type(spec, text) {
          const id = await el(spec);
          await exec('arguments[0].focus();', [{ [ELEMENT]: id }]);
          await call('POST', S + '/actions', { actions: [{ type: 'key', id: 'kb', actions: keys(text) }] });
          await call('DELETE', S + '/actions');
        },
        async press(key) {
          await call('POST', S + '/actions', { actions: [{ type: 'key', id: 'kb', actions: keys(KEYS[key] || key) }] });
          await call('DELETE', S + '/actions');
        },
        async wheel(dy, x, y) {
          try {
            await call('POST', S + '/actions', { actions: [{ type: 'wheel', id: 'wheel', actions: [
              { type: 'scroll', x, y, deltaX: 0, deltaY: dy, origin: 'viewport' }] }] });
          } catch {
            // No wheel input source: the shell reads the wheel event the same way.
            await exec('document.elementFromPoint(arguments[1], arguments[2]).dispatchEvent(new WheelEvent("wheel", { deltaY: arguments[0], clientX: arguments[1], clientY: arguments[2], bubbles: true, cancelable: true }));', [dy, x, y]);
          }
        },
        async screenshot() { return Buffer.from(await call('GET', S + '/screenshot'), 'base64'); },
        goto: (url) => call('POST', S + '/url', { url }),
        async close() { sessions.delete(sid); await call('DELETE', S).catch(() => {}); },
      }, 'webkit');
      p.errors = [];
      p.setViewport = setViewport;
      return p;
    },
    async close() {
      for (const sid of sessions) await call('DELETE', `/session/${sid}`).catch(() => {});
      driver.kill('SIGTERM');
      await new Promise((r) => { if (driver.exitCode !== null) r(); else driver.on('exit', r); });
    },
  };
}

// options: { headless } (Firefox: without a display, where it has no WebGL 2 here).
export async function launchEngine(name, options = {}) {
  if (name === 'chromium') return launchChromium();
  if (name === 'firefox') return launchFirefox(options);
  if (name === 'webkit') return launchWebKit();
  throw new Error('unknown engine ' + name);
}

// Opens the app at `route` and waits for its first frame.
export async function openApp(engine, baseUrl, route = '#/', { query = '', viewport, touch, initScript } = {}) {
  const page = await engine.newPage({ viewport, touch, initScript });
  await page.goto(baseUrl + query + route);
  await page.waitReady();
  // The first-connection tutorial is skipped as tests/e2e/harness.mjs does (read at
  // sign-in, so setting it after the load is enough; WebKit has no init scripts).
  await page.evaluate(() => { try { localStorage.setItem('alin-tuto-off', '1'); } catch { /* storage off */ } });
  return page;
}
