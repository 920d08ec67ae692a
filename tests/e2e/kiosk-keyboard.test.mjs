// Kiosk without a keyboard (issue 15 part 2), on a 1080 x 1920 portrait touch
// screen: from the kiosk home, "Commencer", the login form typed on the app's
// on-screen keyboard only (taps on its keys by role; no fill, no physical key),
// the registration site shown as a QR code that decodes to its address (jsQR on
// the canvas pixels), a field inside a dialog ("Mes données", the password that
// confirms the deletion: the keyboard opens in front of the dialog, inside it,
// without covering the field), then "Terminer ma session": nothing personal left
// in the DOM, web storage, IndexedDB or cookies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer, launch, openApp, withScreenOnFailure, screenshotPixels } from './harness.mjs';

const jsQR = createRequire(import.meta.url)('jsqr');

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

// Key names of the on-screen keyboard, in each language the page can show.
const KEYS = {
  fr: { group: 'Clavier à l\'écran', symbols: '123, chiffres et symboles', letters: 'ABC, lettres', shift: 'Majuscule',
    chars: { '@': 'arobase', '.': 'point', '-': 'tiret', "'": 'apostrophe', ' ': 'Espace', 'é': 'e accent aigu' } },
  en: { group: 'On-screen keyboard', symbols: '123, numbers and symbols', letters: 'ABC, letters', shift: 'Shift, capital letters',
    chars: { '@': 'at sign', '.': 'full stop' } },
};

// Types `text` into the focused field with taps on the keys (the keyboard opens on
// its letters; digits are on the "123" layer), then checks the DOM input's value.
// Each tap waits for what its key did (the value, or the keys of the new layer)
// before the next: taps that reached the app in one frame would be typed in the
// keyboard's order, not theirs. (A tap costs about five full redraws of the
// 1080 x 1920 canvas in software rendering: the frame that takes it, then the
// four quiet frames main_web.cpp draws after any input.)
async function typeOnScreen(page, field, text, K = KEYS.fr) {
  const keyboard = page.getByRole('group', { name: K.group });
  const key = (name) => keyboard.getByRole('button', { name, exact: true });
  const tap = (name) => key(name).tap();
  const id = await field.getAttribute('data-sem-id');
  const valueIs = (want) => page.waitForFunction(([i, w]) => document.querySelector(`[data-sem-id="${i}"]`)?.value === w,
    [id, want], { polling: 50 });
  let letters = true, typed = '';
  for (const ch of text) {
    const digit = /[0-9]/.test(ch);
    if (digit && letters) { await tap(K.symbols); await key('1').waitFor(); letters = false; }
    if (!digit && !letters) { await tap(K.letters); await key('a').waitFor(); letters = true; }
    if (/[A-Z]/.test(ch)) { await tap(K.shift); await key(ch).waitFor(); }
    await tap(K.chars[ch] || ch);
    typed += ch;
    await valueIs(typed);
  }
  assert.equal(await field.inputValue(), text, 'the DOM input holds what was typed on screen');
}

test('kiosk: typed on the on-screen keyboard only (a dialog\'s field too), a QR code for the outside, then a full wipe', { timeout: 180000 }, async () => {
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
    const pixels = await screenshotPixels(page, box);
    const decoded = jsQR(pixels.data, pixels.w, pixels.h);
    assert.ok(decoded, 'the QR code decodes');
    assert.equal(decoded.data, address, 'the QR code holds the address written under it');
    assert.equal(context.pages().length, 1, 'nothing opened');
    await dialog.getByRole('button', { name: 'Fermer' }).tap();
    await dialog.waitFor({ state: 'detached' });

    // A field inside a dialog: the password that confirms the deletion of the account.
    await page.getByRole('link', { name: 'Mes données', exact: true }).first().tap();
    await page.getByRole('heading', { level: 1, name: 'Mes données' }).waitFor();
    await page.getByRole('button', { name: 'Supprimer mon compte' }).tap();
    const confirm = page.getByRole('alertdialog', { name: /Supprimer définitivement mon compte/ });
    await confirm.waitFor();
    const secret = confirm.locator('[data-sem-id="mydata.password"]');
    await secret.tap();
    // The keyboard opens inside the dialog (its keys are in the dialog's focus trap
    // and not hidden by aria-modal), in front of it, and the dialog moves above it.
    const inDialog = confirm.getByRole('group', { name: 'Clavier à l\'écran' });
    await inDialog.waitFor();
    assert.ok(await confirm.getByRole('button', { name: 'e accent aigu' }).count(), 'the keys are buttons of the dialog');
    const keysTop = (await inDialog.boundingBox()).y;
    for (const el of [secret, confirm.getByRole('button', { name: 'Annuler' })]) {
      const b = await el.boundingBox();
      assert.ok(b.y >= 0 && b.y + b.height <= keysTop, 'the keyboard covers nothing of the dialog');
    }
    if (process.env.ALIN_SHOTS) await page.screenshot({ path: `${process.env.ALIN_SHOTS}/kiosk-keyboard-dialog-1080x1920.png` });
    await typeOnScreen(page, secret, 'Ab1');
    // The service answered for what was typed: a wrong password, said in the dialog.
    await confirm.getByRole('button', { name: 'Supprimer mon compte' }).tap();
    await confirm.getByText(/^Mot de passe incorrect/).first().waitFor();
    await confirm.getByRole('button', { name: 'Annuler' }).tap();
    await confirm.waitFor({ state: 'detached' });

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

test('kiosk against the server: English for one visitor, sign-in typed on the on-screen keyboard, and "End my session" ends the server session and brings French back', { timeout: 180000 }, async () => {
  const { page, errors } = await openApp(browser, server.url, '#/', {
    query: '?kiosk=1', viewport: { width: 1080, height: 1920 }, contextOptions: { hasTouch: true, isMobile: false } });
  await withScreenOnFailure(page, 'kiosk-server', async () => {
    await page.getByRole('heading', { level: 1, name: 'Borne en libre-service AL\'in' }).waitFor();
    // The switch is written in its own language, with its lang.
    const english = page.getByRole('button', { name: 'English', exact: true });
    assert.equal(await english.getAttribute('lang'), 'en');
    await english.tap();
    await page.getByRole('heading', { level: 1, name: 'AL\'in self-service kiosk' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.getByRole('button', { name: 'Start', exact: true }).tap();

    const email = page.getByRole('textbox', { name: 'Email' });
    await email.tap();
    await page.getByRole('group', { name: KEYS.en.group }).waitFor();
    await typeOnScreen(page, email, 'anne.porte@example.fr', KEYS.en);
    const password = page.locator('[data-sem-id="login.password"]');
    await password.tap();
    await typeOnScreen(page, password, 'Logement2026', KEYS.en);
    await page.locator('[data-sem-id="login.submit"]').tap();
    await page.getByRole('link', { name: 'My applications', exact: true }).first().waitFor({ timeout: 20000 });
    assert.equal(await page.evaluate(async () => (await fetch('/api/v1/session')).status), 200, 'signed in on the server');
    // (The harness's tutorial opt-out key is the test's, not the app's.)
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k !== 'alin-tuto-off')), [],
      'a kiosk remembers nothing, not even the language');

    await page.getByRole('button', { name: 'End my session', exact: true }).tap();
    await page.getByRole('heading', { level: 1, name: 'Borne en libre-service AL\'in' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr', 'the next visitor starts in French');
    assert.equal(await page.evaluate(async () => (await fetch('/api/v1/session')).status), 401, 'the server session ended');
    const left = await page.evaluate(() => ({
      inputs: [...document.querySelectorAll('input')].map((i) => i.value).filter(Boolean),
      text: document.body.innerText,
    }));
    assert.deepEqual(left.inputs, []);
    assert.ok(!/anne\.porte|\bPORTE\b|\bAnne\b/.test(left.text), 'no personal text left in the DOM');
  });
  assert.deepEqual(errors, []);
});
