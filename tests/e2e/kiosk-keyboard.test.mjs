// Kiosk without a keyboard (issue 15 part 2), on a 1080 x 1920 portrait touch
// screen: from the kiosk home, "Commencer", the login form typed on the app's
// on-screen keyboard only (taps on its keys by role; no fill, no physical key),
// the registration site shown as a QR code that decodes to its address (jsQR on
// the canvas pixels), then "Terminer ma session": nothing personal left in the
// DOM, web storage, IndexedDB or cookies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer, launch, openApp, withScreenOnFailure } from './harness.mjs';

const jsQR = createRequire(import.meta.url)('jsqr');

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

// Key names of the on-screen keyboard for the characters typed here.
const NAMES = { '@': 'arobase', '.': 'point', '-': 'tiret', "'": 'apostrophe', ' ': 'Espace', 'é': 'e accent aigu' };

// Types `text` into the focused field with taps on the keys (the keyboard opens on
// its letters; digits are on the "123" layer), then checks the DOM input's value.
async function typeOnScreen(page, field, text) {
  const keyboard = page.getByRole('group', { name: 'Clavier à l\'écran' });
  const tap = (name) => keyboard.getByRole('button', { name, exact: true }).tap();
  let letters = true;
  for (const ch of text) {
    const digit = /[0-9]/.test(ch);
    if (digit && letters) { await tap('123, chiffres et symboles'); letters = false; }
    if (!digit && !letters) { await tap('ABC, lettres'); letters = true; }
    if (/[A-Z]/.test(ch)) await tap('Majuscule');
    await tap(NAMES[ch] || ch);
  }
  const id = await field.getAttribute('data-sem-id');
  await page.waitForFunction(([i, want]) => document.querySelector(`[data-sem-id="${i}"]`)?.value === want, [id, text]);
  assert.equal(await field.inputValue(), text, 'the DOM input holds what was typed on screen');
}

test('kiosk: typed on the on-screen keyboard only, a QR code for the outside, then a full wipe', { timeout: 120000 }, async () => {
  const { page, context, errors } = await openApp(browser, server.url, '#/', {
    query: '?demo=1&kiosk=1', viewport: { width: 1080, height: 1920 }, contextOptions: { hasTouch: true, isMobile: false } });
  await withScreenOnFailure(page, 'kiosk-keyboard', async () => {
    await page.getByRole('heading', { level: 1, name: 'Borne en libre-service AL\'in' }).waitFor();
    await page.getByRole('button', { name: 'Terminer ma session' }).waitFor();
    const historyAtStart = await page.evaluate(() => history.length);
    if (process.env.ALIN_SHOTS) await page.screenshot({ path: `${process.env.ALIN_SHOTS}/kiosk-home-1080x1920.png` });
    await page.getByRole('button', { name: 'Commencer', exact: true }).tap();

    const email = page.getByRole('textbox', { name: 'E-mail' });
    await email.tap();
    const keyboard = page.getByRole('group', { name: 'Clavier à l\'écran' });
    await keyboard.waitFor();
    // Every key is a touch target of at least 44 x 44 px.
    for (const box of await keyboard.getByRole('button').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()))) {
      assert.ok(box.width >= 44 && box.height >= 44, `key of ${box.width} x ${box.height}`);
    }
    // The field being typed into stays above the keyboard.
    const fieldBox = await email.boundingBox(), keysBox = await keyboard.boundingBox();
    assert.ok(fieldBox.y + fieldBox.height <= keysBox.y, 'the keyboard never covers the field');
    // Short texts: a tap costs a frame of a 1080 x 1920 canvas in software rendering.
    await typeOnScreen(page, email, 'zoé@a.fr');
    if (process.env.ALIN_SHOTS) await page.screenshot({ path: `${process.env.ALIN_SHOTS}/kiosk-keyboard-1080x1920.png` });
    const password = page.locator('[data-sem-id="login.password"]');  // a password input has no textbox role
    await password.tap();
    await typeOnScreen(page, password, 'Ab1');
    await keyboard.getByRole('button', { name: 'Fermer le clavier' }).tap();
    await keyboard.waitFor({ state: 'detached' });
    // The service answered for what was typed (no such account).
    await page.getByRole('button', { name: 'JE ME CONNECTE' }).tap();
    await page.getByText('Identifiant ou mot de passe incorrect.').first().waitFor();
    await page.getByRole('button', { name: /^Me connecter.*Anne PORTE/ }).tap();

    // The registration site (outside the kiosk): a QR code and the address, not opened.
    const view = page.getByRole('button', { name: 'Consulter ma demande' });
    const modify = page.getByRole('button', { name: 'Modifier mes informations' });
    await view.or(modify).first().waitFor({ timeout: 20000 });
    if (await view.count()) await view.tap();
    await modify.tap();
    const dialog = page.getByRole('dialog', { name: 'À ouvrir sur votre téléphone' });
    await dialog.waitFor();
    const address = (await dialog.locator('[data-sem-id="kiosk.qr.address"]').textContent()).replace(/^Adresse\s*:\s*/, '');
    assert.match(address, /^https?:\/\//);
    await page.waitForTimeout(100);  // the frame that draws the dialog reaches the screen
    const box = await dialog.locator('[data-sem-id="kiosk.qr.code"]').boundingBox();
    const png = await page.screenshot({ clip: box });
    const pixels = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + b64;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width; c.height = img.height;
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      return { w: c.width, h: c.height, data: Array.from(ctx.getImageData(0, 0, c.width, c.height).data) };
    }, png.toString('base64'));
    const decoded = jsQR(Uint8ClampedArray.from(pixels.data), pixels.w, pixels.h);
    assert.ok(decoded, 'the QR code decodes');
    assert.equal(decoded.data, address, 'the QR code holds the address written under it');
    assert.equal(context.pages().length, 1, 'nothing opened');
    await dialog.getByRole('button', { name: 'Fermer' }).tap();
    await dialog.waitFor({ state: 'detached' });

    // One tap ends the session and wipes everything personal.
    await page.getByRole('button', { name: 'Terminer ma session' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Borne en libre-service AL\'in' }).waitFor();
    await page.getByText('Session terminée').first().waitFor();
    const left = await page.evaluate(async () => ({
      inputs: [...document.querySelectorAll('input')].map((i) => i.value).filter(Boolean),
      text: document.body.innerText,
      local: Object.keys(localStorage), session: Object.keys(sessionStorage),
      cookies: document.cookie,
      idb: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
      history: history.length,
    }));
    assert.deepEqual(left.inputs, [], 'no value left in any input');
    assert.ok(!/zoé@a\.fr|anne\.porte|\bPORTE\b|\bAnne\b/.test(left.text), 'no personal text left in the DOM');
    assert.deepEqual(left.local, []);
    assert.deepEqual(left.session, []);
    assert.equal(left.cookies, '');
    assert.deepEqual(left.idb, []);
    assert.equal(left.history, historyAtStart, 'routes replaced each other: no history to go back into');
  });
  assert.deepEqual(errors, []);
  await context.close();
});
