// Keyboard in every engine: real key events into the semantic layer's inputs
// (accented letters included), Tab from the e-mail to the password field, Enter
// submits the form; then Shift+Tab goes back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../harness.mjs';
import { ENGINES, launchEngine } from '../drivers/engines.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const focused = (page) => page.evaluate(() => document.activeElement?.dataset?.semId || document.activeElement?.tagName);

// Chromium has the fuller keyboard-journey.test.mjs in the Chromium suite: here only when
// ALIN_ENGINES names it (keeps the CI stage short).
const engines = process.env.ALIN_ENGINES ? ENGINES : ENGINES.filter((e) => e !== 'chromium');
for (const name of engines) {
  test(`${name}: typed keys, Tab to the next field, Enter submits`, { timeout: 120000 }, async () => {
    const engine = await launchEngine(name);
    try {
      const page = await engine.newPage();
      await page.goto(server.url + '?demo=1#/connexion');
      await page.waitReady();
      await page.evaluate(() => localStorage.setItem('alin-tuto-off', '1'));  // as the harness: no tutorial
      const email = page.getByRole('textbox', { name: 'E-mail' });
      await email.type('zoé');           // a non-ASCII letter through real key events
      await page.waitForFunction(() => AlinShell.semantics.recent.some((l) => l.includes('input')));
      assert.equal(await email.inputValue(), 'zoé');
      await email.fill('anne.porte@example.fr');
      const emailId = await focused(page);
      await page.press('Tab');
      await page.waitUntil(async () => (await focused(page)) !== emailId, 'focus to move on Tab');
      assert.equal(await page.evaluate(() => document.activeElement.type), 'password');
      await page.getByLabel('Mot de passe', { exact: true }).type('Logement2026');
      await page.press('Enter');
      await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
      await page.close();
    } finally {
      await engine.close();
    }
  });
}
