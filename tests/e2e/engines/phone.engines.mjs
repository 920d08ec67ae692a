// The phone journey at 375 px with touch input (taps), in Chromium and Firefox:
// log in, the offers, a card opened by a tap, "Je postule", "Mes candidatures".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, ROOT } from '../harness.mjs';
import { ENGINES, launchEngine } from '../drivers/engines.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

// WebKit is left out: MiniBrowser's GTK window cannot be narrower than 447 px
// (its toolbar), and WebKitGTK has no touch-event emulation over WebDriver.
// Chromium has the fuller phones.test.mjs in the Chromium suite: here only when
// ALIN_ENGINES names it (keeps the CI stage short).
const engines = process.env.ALIN_ENGINES ? ENGINES : ENGINES.filter((e) => e !== 'chromium');
for (const name of engines) {
  const skip = name === 'webkit' && 'MiniBrowser cannot be narrower than 447 px and has no touch emulation';
  test(`${name}: 375 px phone with touch: log in, offers, "Je postule", "Mes candidatures"`, { timeout: 180000, skip }, async () => {
    const engine = await launchEngine(name);
    try {
      const page = await engine.newPage({ viewport: { width: 375, height: 812 }, touch: true });
      await page.goto(server.url + '?demo=1#/connexion');
      await page.waitReady();
      await page.evaluate(() => localStorage.setItem('alin-tuto-off', '1'));  // as the harness: no tutorial
      try {
        assert.equal(await page.evaluate(() => window.innerWidth), 375);
        await page.evaluate(() => { window.__pointerTypes = new Set(); document.addEventListener('pointerdown', (e) => window.__pointerTypes.add(e.pointerType), true); });
        await page.getByRole('textbox', { name: 'E-mail' }).fill('anne.porte@example.fr');
        await page.getByLabel('Mot de passe', { exact: true }).fill('Logement2026');
        await page.getByRole('button', { name: 'JE ME CONNECTE' }).click();
        await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
        // The nav collapses behind "Menu" on phones.
        const menu = page.getByRole('button', { name: 'Menu' });
        if (await menu.count()) await menu.click();
        await page.getByRole('link', { name: 'Les offres' }).first().click();
        await page.getByRole('link', { name: /^T\d - / }).first().click();
        await page.getByRole('button', { name: 'Je postule' }).click();
        await page.getByRole('dialog', { name: 'Ce logement a bien été ajouté à vos candidatures' }).getByRole('button', { name: 'OK' }).click();
        await page.getByRole('heading', { name: 'Mes candidatures en cours' }).waitFor();
        assert.deepEqual(await page.evaluate(() => [...window.__pointerTypes]), ['touch'], 'taps are touch pointers');
        // Nothing wider than the phone.
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll');
      } catch (e) {
        await page.screenshot(path.join(ROOT, 'test-results', `engines-${name}-phone.png`)).catch(() => {});
        e.message += '\n--- screen at failure ---\n' + await page.describeScreen();
        throw e;
      }
      assert.deepEqual(page.errors, []);
      await page.close();
    } finally {
      await engine.close();
    }
  });
}
