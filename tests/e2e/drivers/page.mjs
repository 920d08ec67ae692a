// The engine-neutral page: locators by role/name/label/text (found in the page by
// find.mjs), waits, and the actions each engine driver implements natively
// (click, typing, keys, wheel, screenshot). A journey written against this runs
// unchanged in Chromium, Firefox and WebKit.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeSpec, inPage } from './find.mjs';

const DEFAULT_TIMEOUT = Number(process.env.ALIN_E2E_TIMEOUT || 30000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Locator {
  constructor(page, spec) { this.page = page; this.spec = spec; }
  // Narrowing, like Playwright's chaining.
  getByRole(role, opts = {}) { return new Locator(this.page, { role, ...opts, within: this.spec }); }
  getByText(text, opts = {}) { return new Locator(this.page, { text, ...opts, within: this.spec }); }
  filter({ hasText }) { return new Locator(this.page, { ...this.spec, hasText }); }
  first() { return new Locator(this.page, { ...this.spec, nth: 0 }); }
  nth(i) { return new Locator(this.page, { ...this.spec, nth: i }); }
  describe() { return JSON.stringify(encodeSpec(this.spec)); }

  async info() { return this.page.info(this.spec); }
  async count() { return (await this.info()).count; }
  // Waits until the element exists (visible, not inert).
  async waitFor({ timeout = DEFAULT_TIMEOUT, state = 'visible' } = {}) {
    return this.page.waitUntil(async () => {
      const i = await this.info();
      return state === 'hidden' ? i.count === 0 : i.count > 0 && i;
    }, `${state}: ${this.describe()}`, timeout);
  }
  async textContent() { return (await this.waitFor()).text; }
  async inputValue() { return (await this.waitFor()).value; }
  async getAttribute(name) { const a = (await this.waitFor()).attrs[name]; return a === undefined ? null : a; }
  async isDisabled() { return (await this.waitFor()).disabled; }
  async isChecked() { return (await this.waitFor()).checked; }
  async names() { return (await this.info()).names || []; }
  // Waits for an enabled element, then clicks it with the engine's real pointer.
  async click() {
    let state;
    await this.page.waitUntil(async () => (state = await this.page.driver.evaluate(inPage('(s) => alinClickable(s)', encodeSpec(this.spec)))) === 'ok',
      () => `clickable: ${this.describe()} (last: ${state})`);
    await this.page.driver.click(this.spec);
  }
  // Moves the engine's pointer over the element (Chromium, Firefox).
  async hover() { await this.waitFor(); await this.page.driver.hover(this.spec); }
  // Like Playwright: the state must have changed after the click.
  async check() { await this.setChecked(true); }
  async uncheck() { await this.setChecked(false); }
  async setChecked(want) {
    if ((await this.isChecked()) === want) return;
    await this.click();
    await this.page.waitUntil(async () => (await this.info()).checked === want,
      `${want ? 'checked' : 'unchecked'} after a click: ${this.describe()}`, 5000);
  }
  // Replaces the field's text with real key events (no value setter).
  // The value is checked afterwards and typed once more if the app replaced it
  // meanwhile (seen in Firefox: a login form typed into right after a log-out lost
  // its first characters once in a few runs; Playwright's fill sets the value at once).
  async fill(text) {
    text = String(text);
    for (let attempt = 0; ; attempt++) {
      await this.waitFor();
      await this.page.driver.fill(this.spec, text);
      try {
        await this.page.waitUntil(async () => (await this.info()).value === text, `value ${JSON.stringify(text)} in ${this.describe()}`, 3000);
        return;
      } catch (e) {
        if (attempt >= 1) return;   // the app may format what was typed: its own check follows
      }
    }
  }
  async type(text) { await this.waitFor(); await this.page.driver.type(this.spec, String(text)); }
}

export class Page {
  constructor(driver, engine) {
    this.driver = driver;     // engine adapter: evaluate, click, fill, type, press, wheel, screenshot, goto, close
    this.engine = engine;
  }
  getByRole(role, opts = {}) { return new Locator(this, { role, ...opts }); }
  getByLabel(label, opts = {}) { return new Locator(this, { label, ...opts }); }
  getByText(text, opts = {}) { return new Locator(this, { text, ...opts }); }

  async evaluate(fn, arg) { return this.driver.evaluate(`(${String(fn)})(${JSON.stringify(arg === undefined ? null : arg)})`); }
  async info(spec) { return this.driver.evaluate(inPage('(s) => alinInfo(s)', encodeSpec(spec))); }
  async goto(url) { await this.driver.goto(url); }
  async url() { return this.evaluate(() => window.location.href); }
  async press(key) { await this.driver.press(key); }
  async wheel(dy, x = 200, y = 300) { await this.driver.wheel(dy, x, y); }
  async pause(ms) { await sleep(ms); }
  async close() { await this.driver.close(); }

  // Polls `cond` (async, truthy when done) every 100 ms.
  async waitUntil(cond, what, timeout = DEFAULT_TIMEOUT) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try { last = await cond(); } catch (e) { last = undefined; if (Date.now() > end) throw e; }
      if (last) return last;
      if (Date.now() > end) throw new Error(`[${this.engine}] timed out after ${timeout} ms waiting for ${typeof what === 'function' ? what() : what}`);
      await sleep(100);
    }
  }
  // Waits for a predicate evaluated in the page.
  async waitForFunction(fn, arg, timeout = DEFAULT_TIMEOUT) {
    return this.waitUntil(() => this.evaluate(fn, arg), String(fn).slice(0, 120), timeout);
  }
  async waitReady(timeout = 60000) {
    await this.waitForFunction(() => document.body.dataset.ready === '1', null, timeout);
  }
  async screenshot(file) {
    const png = await this.driver.screenshot();
    if (file) { mkdirSync(path.dirname(file), { recursive: true }); writeFileSync(file, png); }
    return png;
  }
  // What the semantic layer shows, for failure messages.
  async describeScreen() {
    try {
      return await this.evaluate(() => [...document.querySelectorAll('#sem-root [role], #sem-root input, #sem-root a, #sem-root button, #sem-root h1, #sem-root h2, #sem-root p, #loader')]
        .filter((e) => !e.closest('[inert]'))
        .map((e) => `${e.getAttribute('role') || e.tagName.toLowerCase()}: ${(e.getAttribute('aria-label') || e.value || e.textContent || '').trim().slice(0, 90)}${e.disabled ? ' [disabled]' : ''}`)
        .slice(0, 80).join('\n') + `\nurl ${location.href}`);
    } catch (e) { return 'screen unavailable: ' + e.message; }
  }
}
