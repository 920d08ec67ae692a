// The applicant's journey by keyboard alone at 375 px (issue 10, "Done when"):
// log in -> offers -> an offer -> "Je postule" -> the dialog -> "Mes candidatures",
// with Tab, Shift+Tab, Enter and typing only, counting the keystrokes (printed).
// axe-core runs on every screen on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, withScreenOnFailure, checkA11y } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

function keyboard(page) {
  let count = 0;
  const state = () => page.evaluate(() => {
    const a = document.activeElement;
    return { id: a?.dataset?.semId || null, tag: a?.tagName, name: (a?.getAttribute('aria-label') || a?.textContent || '').trim() };
  });
  return {
    get count() { return count; },
    async press(key) { count++; await page.keyboard.press(key); },
    async type(text) { count += text.length; await page.keyboard.type(text); },
    // Presses `key` until the focused element matches (at most `max` times).
    async until(key, match, max = 40) {
      for (let i = 0; i < max; i++) {
        const s = await state();
        if (match(s)) return s;
        count++;
        await page.keyboard.press(key);
        // Two frames: the mirror follows focus-driven scrolling.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      }
      throw new Error(`focus never reached the target with ${key}; last ${JSON.stringify(await state())}`);
    },
    state,
  };
}

test('keyboard only at 375 px: log in, offers, apply, Mes candidatures', async () => {
  const { page, context, errors } = await openApp(browser, server.url, '#/connexion',
    { query: '?demo=1', viewport: { width: 375, height: 667 } });
  const kb = keyboard(page);
  await withScreenOnFailure(page, 'keyboard-journey', async () => {
    await checkA11y(page, 'login');
    await page.waitForFunction(() => document.activeElement?.dataset.semId === 'login.email');
    await kb.type('anne.porte@example.fr');
    await kb.press('Tab');
    await kb.type('Logement2026');
    await kb.press('Enter');
    await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    await checkA11y(page, 'dashboard');

    // The navigation sits before the screen's heading: Shift+Tab reaches it. On a
    // phone its links are behind the "Menu" disclosure button.
    await kb.until('Shift+Tab', (s) => s.name === 'Les offres' || s.name === 'Menu');
    if ((await kb.state()).name === 'Menu') {
      await kb.press('Enter');
      await kb.until('Tab', (s) => s.name === 'Les offres', 10);
    }
    await kb.press('Enter');
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Les offres');
    await page.getByRole('listitem').first().waitFor();
    await checkA11y(page, 'offers');
    const card = await kb.until('Tab', (s) => /^T\d - /.test(s.name), 60);
    await kb.press('Enter');
    await page.getByRole('button', { name: 'Je postule' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent !== 'Chargement…');
    const title = await page.evaluate(() => document.activeElement.textContent);
    assert.ok(card.name.startsWith(title), `the detail of the card chosen (${title} / ${card.name})`);
    await checkA11y(page, 'offer detail');
    await kb.until('Tab', (s) => s.name === 'Je postule', 60);
    await kb.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Ce logement a bien été ajouté à vos candidatures' });
    await dialog.waitFor();
    await page.waitForFunction(() => !!document.activeElement?.closest('[role=dialog]'));
    await checkA11y(page, 'applied dialog');
    await kb.until('Tab', (s) => s.name === 'OK', 5);
    await kb.press('Enter');
    await page.getByRole('heading', { name: 'Mes candidatures en cours' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    await page.getByRole('listitem').filter({ hasText: 'Étape 1\u00A0: Candidature déposée (en cours)' }).waitFor();
    await checkA11y(page, 'Mes candidatures');
  });
  console.log(`keyboard journey (login -> offers -> apply -> Mes candidatures) at 375 px: ${kb.count} keystrokes`);
  assert.deepEqual(errors, []);
  await context.close();
});
