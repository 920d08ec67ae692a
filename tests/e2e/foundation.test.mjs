// Foundation: the shell loads, the semantic layer mirrors the widgets, routes
// and deep links work, the canvas really draws, failures show a retry banner.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, countColor } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('login form by role locators, and the canvas draws it', async () => {
  const { page, context, errors } = await openApp(browser, server.url, '#/');
  // Before anything scrolls: the mirrored elements of the scrolled content already
  // stand over their widgets.
  const first = await page.getByRole('heading', { level: 1 }).first().boundingBox();
  assert.ok(first && first.y >= 0 && first.y + first.height <= 800, `mirror over its widget at start (${JSON.stringify(first)})`);
  await page.getByRole('button', { name: 'Se connecter' }).first().click();
  await page.getByRole('heading', { name: 'Connexion' }).waitFor();
  const email = page.getByRole('textbox', { name: 'E-mail' });
  await email.fill('jean.dupont@example.fr');
  assert.equal(await email.inputValue(), 'jean.dupont@example.fr');
  assert.equal(await email.getAttribute('autocomplete'), 'username');
  assert.equal(await page.getByLabel('Mot de passe', { exact: true }).getAttribute('type'), 'password');
  const submit = page.getByRole('button', { name: 'JE ME CONNECTE' });
  const box = await submit.boundingBox();
  // The DOM button is transparent: the blue comes from the WebGL canvas.
  const blue = await countColor(page, box, [0x00, 0x00, 0x91]);
  assert.ok(blue > box.width * box.height * 0.5, `button drawn in bleu France (${blue} px)`);
  // Empty password: error at the field, tied by aria-describedby.
  await submit.click();
  const pwd = page.getByLabel('Mot de passe', { exact: true });
  await page.waitForFunction(() => document.querySelector('[data-sem-id="login.password"]')?.getAttribute('aria-invalid') === 'true');
  const described = await pwd.getAttribute('aria-describedby');
  assert.ok(described);
  const text = await page.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id).textContent).join(' '), described);
  assert.match(text, /mot de passe/i);
  await page.screenshot({ path: '/tmp/alin-login.png' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('deep link, reload and back button follow the URL fragment', async () => {
  const { page, context } = await openApp(browser, server.url, '#/creer-mon-compte');
  await page.getByRole('heading', { name: 'Création de compte' }).waitFor();
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready === '1');
  await page.getByRole('heading', { name: 'Création de compte' }).waitFor();
  await page.getByRole('link', { name: "J'ai déjà un compte" }).click();
  await page.getByRole('heading', { name: 'Connexion' }).waitFor();
  assert.equal(new URL(page.url()).hash, '#/connexion');
  await page.goBack();
  await page.getByRole('heading', { name: 'Création de compte' }).waitFor();
  await page.goto(server.url + '#/nulle-part');
  await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
  await context.close();
});

test('unreachable or garbage server: banner with retry, never a blank UI', async () => {
  const { page, context } = await openApp(browser, server.url, '#/connexion');
  await page.route('**/api/v1/session', (route) => route.abort('connectionrefused'));
  await page.getByRole('textbox', { name: 'E-mail' }).fill('a@b.fr');
  await page.getByLabel('Mot de passe', { exact: true }).fill('Azerty123');
  await page.getByRole('button', { name: 'JE ME CONNECTE' }).click();
  await page.getByRole('alert').filter({ hasText: 'Service indisponible, réessayez' }).waitFor();
  await page.unroute('**/api/v1/session');
  let garbageServed;
  const served = new Promise((resolve) => { garbageServed = resolve; });
  await page.route('**/api/v1/session', async (route) => {
    await route.fulfill({ status: 200, contentType: 'text/html', body: '<html>oops' });
    garbageServed();
  });
  await page.getByRole('button', { name: 'Réessayer' }).click();
  await served;
  await page.getByRole('button', { name: 'Réessayer' }).waitFor();
  await page.getByRole('alert').filter({ hasText: 'Service indisponible' }).waitFor();
  await page.unroute('**/api/v1/session');
  await page.getByRole('button', { name: 'Réessayer' }).click();
  // The real server answers: wrong credentials, one message for both fields.
  await page.getByRole('alert').filter({ hasText: 'Identifiant ou mot de passe incorrect' }).waitFor();
  await context.close();
});

test('keyboard: Tab moves through the fields in visual order, focus is visible', async () => {
  const { page, context } = await openApp(browser, server.url, '#/connexion');
  // The login screen focuses its first field.
  await page.waitForFunction(() => document.activeElement?.dataset.semId === 'login.email');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.semId), 'login.password');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.semId), 'login.forgot');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.semId), 'login.submit');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid');
  // Enter on a focused button activates the widget.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Création de compte' }).waitFor();
  await context.close();
});

test('phone width: 360 px layout fits, fields usable, touch scroll reaches the bottom', async () => {
  const { page, context } = await openApp(browser, server.url, '#/creer-mon-compte', { viewport: { width: 360, height: 640 } });
  const field = page.getByRole('textbox', { name: 'Nom de naissance' });
  const b = await field.boundingBox();
  assert.ok(b.x >= 0 && b.x + b.width <= 360, 'field inside the viewport');
  // The submit button is below the fold: Playwright scrolls it into view through the layer.
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.getByRole('textbox', { name: 'Nom de naissance' }).and(page.locator('[aria-invalid=true]')).waitFor();
  await context.close();
});

test('the browser cannot scroll the mirrors past what the app can scroll (a click lands where it aimed)', async () => {
  const { page, context } = await openApp(browser, server.url, '#/creer-mon-compte', { viewport: { width: 360, height: 640 } });
  // scrollIntoView centring the last link (or the first heading) asks for more
  // than the content's scroll range. The mirrors must stay where the app can
  // show them: if they moved once the app clamped, a click aimed after the
  // browser's scroll would land on another widget.
  for (const [name, role] of [["J'ai déjà un compte", 'link'], ['Création de compte', 'heading']]) {
    const target = page.getByRole(role, { name });
    const box = await target.evaluate(async (el) => {
      el.scrollIntoView({ block: 'center' });
      // One frame: the browser has run its scroll steps (and their events), the
      // app has not drawn an answer yet (its offset applies a frame later).
      await new Promise((r) => requestAnimationFrame(r));
      const b = el.getBoundingClientRect();
      return { y: b.y, h: b.height };
    });
    // The app has taken the scroll and answered with its own offset.
    await page.waitForTimeout(600);
    const after = await target.boundingBox();
    assert.ok(Math.abs(after.y - box.y) < 1, `${name}: ${box.y} right after the browser's scroll, ${after.y} once the app answered`);
    assert.ok(after.y >= 0 && after.y + after.height <= 640, `${name} visible (${after.y})`);
  }
  await context.close();
});

test('demo mode: enter from the home page, no server call made', async () => {
  const { page, context } = await openApp(browser, server.url, '#/');
  await page.getByRole('link', { name: 'Mode démonstration' }).click();
  await page.waitForURL(/demo=1/);
  await page.waitForFunction(() => document.body.dataset.ready === '1');
  // From here on the page is the demo: nothing may reach the server's API.
  const apiCalls = [];
  page.on('request', (r) => { if (r.url().includes('/api/')) apiCalls.push(r.url()); });
  await page.getByRole('button', { name: 'Boîte e-mail de démonstration' }).first().waitFor();
  await page.getByRole('button', { name: 'Se connecter' }).first().click();
  await page.getByRole('textbox', { name: 'E-mail' }).fill('x@y.fr');
  await page.getByLabel('Mot de passe', { exact: true }).fill('Azerty123');
  await page.getByRole('button', { name: 'JE ME CONNECTE' }).click();
  await page.getByRole('alert').filter({ hasText: 'Identifiant ou mot de passe incorrect' }).waitFor();
  assert.deepEqual(apiCalls, []);
  await context.close();
});

test('HiDPI: the canvas backing store follows devicePixelRatio, layout stays in CSS pixels', async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(server.url + '#/connexion');
  await page.waitForFunction(() => document.body.dataset.ready === '1');
  const size = await page.evaluate(() => { const c = document.getElementById('canvas'); return [c.width, c.height, c.clientWidth]; });
  assert.deepEqual(size, [1600, 1200, 800]);
  const box = await page.getByRole('button', { name: 'JE ME CONNECTE' }).boundingBox();
  assert.ok(box.height >= 44 && box.height < 50, 'button keeps its CSS size');
  await context.close();
});

test('loading screen: progress bar until the first frame, then removed', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Slow the wasm download so the loader is observable.
  await page.route('**/alin*.wasm', async (route) => { await new Promise((r) => setTimeout(r, 800)); await route.continue(); });
  await page.goto(server.url);
  await page.getByRole('progressbar', { name: "Chargement d'AL'in" }).waitFor();
  await page.waitForFunction(() => document.body.dataset.ready === '1');
  assert.equal(await page.getByRole('progressbar').count(), 0);
  await context.close();
});
