// Keyboard, screen reader and zoom (issue 10 items 4-11) through the semantic
// layer, in the offline demo mode: zoom left to the browser, the modal dialog
// pattern, focus on a change of view, the offer list as a list every card of
// which reading and Tab reach, tabs/combobox/groups/disclosure, landmarks and
// the skip link, forced colours; axe-core on every screen visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, withScreenOnFailure, checkA11y } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

const demo = (route, options = {}) => openApp(browser, server.url, route, { query: '?demo=1', ...options });

// What has focus: semantic id, tag, role, accessible name, and the dialog it is in.
const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  if (!a || a === document.body) return { id: null, tag: 'BODY' };
  return { id: a.dataset.semId || a.id, tag: a.tagName, role: a.getAttribute('role'),
    name: (a.getAttribute('aria-label') || a.textContent || a.value || '').trim(),
    dialog: a.closest('[role=dialog],[role=alertdialog]')?.dataset.semId || null };
});

async function logIn(page, email = 'anne.porte@example.fr', password = 'Logement2026') {
  await page.goto(page.url().split('#')[0] + '#/connexion');
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'JE ME CONNECTE' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
}

const waitFocus = (page, predicate, arg) => page.waitForFunction(predicate, arg, { timeout: 5000 });

test('zoom: pinch and Ctrl+wheel are left to the browser, and the app lines up at 200 %', async () => {
  const { page, context, errors } = await demo('#/connexion');
  await withScreenOnFailure(page, 'a11y-zoom', async () => {
    const touch = await page.evaluate(() => getComputedStyle(document.getElementById('canvas')).touchAction);
    assert.notEqual(touch, 'none', 'the canvas lets the browser pinch-zoom');
    const prevented = await page.evaluate(() => {
      const e = new WheelEvent('wheel', { deltaY: -100, ctrlKey: true, cancelable: true, bubbles: true });
      document.getElementById('canvas').dispatchEvent(e);
      return e.defaultPrevented;
    });
    assert.equal(prevented, false, 'Ctrl+wheel is not cancelled');
    // 200 %: a 1280 × 800 window zoomed shows 640 × 400 CSS px at a pixel ratio of 2.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 640, height: 400, deviceScaleFactor: 2, mobile: false });
    await page.waitForFunction(() => document.getElementById('canvas').width === 1280);
    const box = await page.getByRole('textbox', { name: 'E-mail' }).boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 640, `the field fits the zoomed width (${JSON.stringify(box)})`);
    await page.getByRole('textbox', { name: 'E-mail' }).fill('anne.porte@example.fr');
    await page.getByLabel('Mot de passe', { exact: true }).fill('Logement2026');
    await page.getByRole('button', { name: 'JE ME CONNECTE' }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: /./ }).first().waitFor();
    await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
    await checkA11y(page, 'dashboard at 200 %');
  });
  assert.deepEqual(errors, []);
  await context.close();
});

test('dialog: focus moves in, Tab is trapped, Escape cancels, focus returns; then the disclosure and the combobox', async () => {
  const { page, context, errors } = await demo('#/');
  await withScreenOnFailure(page, 'a11y-dialog', async () => {
    await logIn(page);
    const opener = page.getByRole('button', { name: 'Supprimer ma demande' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Supprimer ma demande\u202F?' });
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('aria-modal'), 'true');
    const labelled = await dialog.evaluate((d) => document.getElementById(d.getAttribute('aria-labelledby'))?.textContent);
    assert.equal(labelled, 'Supprimer ma demande\u202F?', 'named by its heading (aria-labelledby)');
    await waitFocus(page, () => !!document.activeElement?.closest('[role=dialog]'));
    await checkA11y(page, 'delete dialog');
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      assert.equal((await focused(page)).dialog, 'file.deleteDialog', `Tab ${i + 1} stays in the dialog`);
    }
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Shift+Tab');
      assert.equal((await focused(page)).dialog, 'file.deleteDialog', `Shift+Tab ${i + 1} stays in the dialog`);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await waitFocus(page, () => document.activeElement?.dataset.semId === 'dashboard.delete');
    assert.equal(await opener.count(), 1, 'Escape cancelled: the request is still there');

    // Confirmed this time: the import screen, with its disclosure and combobox.
    await opener.click();
    await dialog.getByRole('button', { name: 'Oui, supprimer' }).click();
    await page.getByRole('heading', { name: 'Importer sa demande de logement social' }).waitFor();
    const disclosure = page.getByRole('button', { name: /Je n'ai pas de numéro unique/ });
    assert.equal(await disclosure.getAttribute('aria-expanded'), 'false');
    await disclosure.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-sem-id="import.noNu"]')?.getAttribute('aria-expanded') === 'true');
    const combo = page.getByRole('combobox');
    await combo.focus();
    await page.keyboard.type('Pa');
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => {
      const c = document.querySelector('[role=combobox]');
      const id = c.getAttribute('aria-activedescendant');
      const o = id && document.getElementById(id);
      return o && o.getAttribute('role') === 'option' && o.getAttribute('aria-selected') === 'true';
    });
    assert.equal((await focused(page)).role, 'combobox', 'focus stays in the field');
    await checkA11y(page, 'import with the department picker');
  });
  assert.deepEqual(errors, []);
  await context.close();
});

test('focus on a change of view: the new h1 takes focus and the next Tab starts there', async () => {
  const { page, context, errors } = await demo('#/connexion');
  await withScreenOnFailure(page, 'a11y-route-focus', async () => {
    await checkA11y(page, 'login');
    await page.getByRole('textbox', { name: 'E-mail' }).fill('anne.porte@example.fr');
    await page.getByLabel('Mot de passe', { exact: true }).fill('Logement2026');
    await page.keyboard.press('Enter');
    await waitFocus(page, () => document.activeElement?.tagName === 'H1' && !!document.activeElement.closest('main'));
    await checkA11y(page, 'dashboard');
    const nav = page.getByRole('navigation').getByRole('link', { name: 'Les offres' });
    await nav.focus();
    await page.keyboard.press('Enter');
    await waitFocus(page, () => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Les offres');
    await page.getByRole('listitem').first().waitFor();
    await page.keyboard.press('Tab');
    const next = await focused(page);
    assert.equal(next.id, 'offers.rooms1', `the first Tab after the heading reaches the first filter (${JSON.stringify(next)})`);
    await checkA11y(page, 'offers');
  });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the offer list is a list: tabs with arrow keys, grouped chips, and Tab reaches every card', async () => {
  // A phone (smaller frames to draw): a few cards on screen, the list mirrored around them.
  const { page, context, errors } = await demo('#/', { viewport: { width: 375, height: 667 } });
  await withScreenOnFailure(page, 'a11y-list', async () => {
    await logIn(page);
    // On a phone the navigation is behind its "Menu" disclosure button.
    const menu = page.getByRole('button', { name: 'Menu' });
    if (await menu.count()) await menu.click();
    await page.getByRole('link', { name: 'Les offres' }).click();
    const list = page.getByRole('list', { name: 'Les offres' });
    await list.getByRole('listitem').first().waitFor();
    const total = Number((await page.getByText(/offres? pour (?:laquelle|lesquelles) vous êtes éligible/).first().textContent()).match(/\d+/)[0]);
    assert.ok(total > 30, `enough offers to need scrolling (${total})`);
    assert.equal(await list.getByRole('listitem').first().getAttribute('aria-setsize'), String(total));
    // The accessibility tree has more than the cards on screen.
    const cdp = await context.newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const items = nodes.filter((n) => n.role?.value === 'listitem' && !n.ignored).length;
    assert.ok(items >= Math.min(total, 20), `list items in the accessibility tree, far more than the 4 cards on screen (${items})`);

    // Room chips grouped; tabs: one tab stop, arrows select, the panel follows.
    await page.getByRole('group', { name: 'Nombre de pièces' }).getByRole('checkbox', { name: '1 pièce' }).waitFor();
    const tab0 = page.getByRole('tab', { name: /Communes demandées/ });
    const panel = page.getByRole('tabpanel');
    assert.equal(await panel.getAttribute('aria-labelledby'), await tab0.getAttribute('id'));
    assert.equal(await tab0.getAttribute('aria-controls'), await panel.getAttribute('id'));
    await tab0.focus();
    await page.keyboard.press('ArrowRight');
    const tab1 = page.getByRole('tab', { name: /Communes limitrophes/ });
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-selected') === 'true' &&
      document.activeElement.textContent.startsWith('Communes limitrophes'));
    assert.equal(await page.getByRole('tabpanel').getAttribute('aria-labelledby'), await tab1.getAttribute('id'));
    assert.equal(await tab0.getAttribute('tabindex'), '-1');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-selected') === 'true' &&
      document.activeElement.textContent.startsWith('Communes demandées'));
    await list.getByRole('listitem').first().waitFor();
    await checkA11y(page, 'offers list');

    // Tab from the first card reaches every position, in order.
    await list.getByRole('link').first().focus();
    const seen = new Set();
    for (let step = 0; step < total + 5 && seen.size < total; step++) {
      const pos = await page.evaluate(() => Number(document.activeElement?.closest('li')?.getAttribute('aria-posinset') || 0));
      assert.ok(pos > 0, `focus stays on a card (step ${step}, ${JSON.stringify(await focused(page))})`);
      seen.add(pos);
      if (pos >= total) break;
      // The card after it is mirrored once the view has followed the focus.
      await page.waitForFunction((p) => !!document.querySelector(`li[aria-posinset="${p + 1}"] a`), pos);
      await page.keyboard.press('Tab');
      await page.waitForFunction((p) => Number(document.activeElement?.closest('li')?.getAttribute('aria-posinset')) === p + 1, pos);
    }
    assert.equal(seen.size, total, 'Tab reached every offer');
  });
  assert.deepEqual(errors, []);
  await context.close();
});

test('landmarks: skip link first, navigation outside main, header left to right, brand named by its text', async () => {
  const { page, context, errors } = await demo('#/');
  await withScreenOnFailure(page, 'a11y-landmarks', async () => {
    // A fresh page: the first Tab stop is the skip link, which leads to the screen's heading.
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    const skip = await focused(page);
    assert.equal(skip.name, 'Aller au contenu', 'the first Tab stop is the skip link');
    await page.keyboard.press('Enter');
    await waitFocus(page, () => document.activeElement?.tagName === 'H1' && !!document.activeElement.closest('main'));
    await checkA11y(page, 'home');

    await logIn(page);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    assert.match(await page.getByRole('link', { name: /AL'in/ }).first().textContent(), /AL'in/);
    const layout = await page.evaluate(() => ({
      navInMain: !!document.querySelector('#sem-root nav')?.closest('main'),
      header: [...document.querySelectorAll('header a, header button')].map((e) => [e.dataset.semId, e.getBoundingClientRect().left]),
    }));
    assert.equal(layout.navInMain, false, 'the navigation landmark is outside main');
    const visible = layout.header.filter(([id]) => id !== 'header.skip');
    for (let i = 1; i < visible.length; i++) {
      assert.ok(visible[i][1] > visible[i - 1][1], `header Tab order left to right (${JSON.stringify(visible)})`);
    }
    await checkA11y(page, 'dashboard');
  });
  assert.deepEqual(errors, []);
  await context.close();
});

test('forced colours: the overlay paints no text over the canvas, which uses the system colours', async () => {
  const { page, context, errors } = await demo('#/connexion');
  await withScreenOnFailure(page, 'a11y-forced-colors', async () => {
    await page.emulateMedia({ forcedColors: 'active' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForTimeout(300);  // a few frames with the new palette
    await page.evaluate(() => document.activeElement?.blur());
    const style = await page.evaluate(() => {
      const h = document.querySelector('#sem-root h1');
      return { color: getComputedStyle(h).color, adjust: getComputedStyle(document.getElementById('sem-root')).forcedColorAdjust };
    });
    assert.equal(style.color, 'rgba(0, 0, 0, 0)', 'mirror text stays transparent');
    // The overlay adds nothing to what the canvas draws: identical screenshots with and without it.
    await page.waitForTimeout(100);
    const withOverlay = await page.screenshot();
    await page.evaluate(() => { document.getElementById('sem-root').style.visibility = 'hidden'; });
    const without = await page.screenshot();
    await page.evaluate(() => { document.getElementById('sem-root').style.visibility = ''; });
    assert.ok(withOverlay.equals(without), 'no doubled text: the overlay paints nothing');
    // The canvas follows the palette: its background is the system Canvas colour.
    // (The system Canvas colour read here with a probe of the test's own, as the app reads it.)
    const canvasRgb = await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.style.cssText = 'position:absolute;visibility:hidden;forced-color-adjust:none;color:Canvas';
      document.body.appendChild(probe);
      const m = (getComputedStyle(probe).color.match(/\d+/g) || [0, 0, 0]).map(Number);
      probe.remove();
      return (m[0] << 16) | (m[1] << 8) | m[2];
    });
    const corner = await page.evaluate(async (b64) => {
      const img = new Image(); img.src = 'data:image/png;base64,' + b64; await img.decode();
      const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
      const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(img.width - 5, img.height - 5, 1, 1).data;
      return (d[0] << 16) | (d[1] << 8) | d[2];
    }, without.toString('base64'));
    assert.equal(corner.toString(16), canvasRgb.toString(16), 'the canvas background is the system Canvas colour');
    await checkA11y(page, 'login in forced colours');
  });
  assert.deepEqual(errors, []);
  await context.close();
});
