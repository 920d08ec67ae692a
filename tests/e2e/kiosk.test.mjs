// Kiosk mode (issue 10 item 12): with a field focused and nothing typed, the
// warning dialog opens (focus moved into it, announced, visible countdown), then
// the session ends on the kiosk home saying "Session terminée", with nothing left in
// storage and the form empty. The idle delays are shortened for the test
// (?kioskIdle=2: warning after 2 s, end after 5 s; the real ones are 2 min / 2 min 30).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, withScreenOnFailure, checkA11y } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('kiosk: a half-filled form with a focused field is wiped after the warning', async () => {
  const { page, context, errors } = await openApp(browser, server.url, '#/creer-mon-compte',
    { query: '?demo=1&kiosk=1&kioskIdle=2', viewport: { width: 375, height: 667 } });
  await withScreenOnFailure(page, 'kiosk-idle', async () => {
    await page.getByRole('textbox', { name: 'Nom de naissance' }).fill('Dupont');
    await page.getByRole('textbox', { name: 'Prénom' }).fill('Zoe');
    const email = page.getByRole('textbox', { name: 'E-mail' });
    await email.fill('kiosque@example.fr');
    await email.focus();   // the focused field loses focus when the warning opens: that is no activity
    const warning = page.getByRole('alertdialog', { name: 'Votre session va se terminer' });
    await warning.waitFor({ timeout: 10000 });
    await page.waitForFunction(() => !!document.activeElement?.closest('[role=alertdialog]'));
    assert.match(await warning.getByText(/dans \d+\s+secondes/).textContent(), /\d+/, 'a visible countdown');
    await page.waitForFunction(() => document.getElementById('live').textContent.includes('Votre session va se terminer'));
    await checkA11y(page, 'kiosk warning');
    // No input: the session ends on its own.
    await page.getByRole('heading', { level: 1, name: 'Borne en libre-service AL\'in' }).waitFor({ timeout: 10000 });
    await page.getByRole('status').filter({ hasText: 'Session terminée' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }));
    assert.deepEqual(stored, { local: 0, session: 0 }, 'nothing left in storage');
    const leftovers = await page.evaluate(() => [...document.querySelectorAll('input')].map((i) => i.value).filter(Boolean));
    assert.deepEqual(leftovers, []);
    await checkA11y(page, 'session ended');
    await page.getByRole('button', { name: 'Commencer', exact: true }).click();
    await page.goto(page.url().split('#')[0] + '#/creer-mon-compte');
    await page.getByRole('textbox', { name: 'Nom de naissance' }).waitFor();
    for (const name of ['Nom de naissance', 'Prénom', 'E-mail']) {
      assert.equal(await page.getByRole('textbox', { name }).inputValue(), '', `${name} is empty`);
    }
  });
  assert.deepEqual(errors, []);
  await context.close();
});

test('kiosk: real input keeps the session, Escape in the warning continues it', async () => {
  const { page, context, errors } = await openApp(browser, server.url, '#/creer-mon-compte',
    { query: '?demo=1&kiosk=1&kioskIdle=2', viewport: { width: 375, height: 667 } });
  await withScreenOnFailure(page, 'kiosk-continue', async () => {
    await page.getByRole('textbox', { name: 'Nom de naissance' }).fill('Dupont');
    const warning = page.getByRole('alertdialog', { name: 'Votre session va se terminer' });
    await warning.waitFor({ timeout: 10000 });
    await page.waitForFunction(() => !!document.activeElement?.closest('[role=alertdialog]'));
    await page.keyboard.press('Escape');
    await warning.waitFor({ state: 'detached' });
    // Focus goes back to the field, whose value is kept.
    await page.waitForFunction(() => document.activeElement?.dataset.semId === 'signup.birthName');
    assert.equal(await page.getByRole('textbox', { name: 'Nom de naissance' }).inputValue(), 'Dupont');
  });
  assert.deepEqual(errors, []);
  await context.close();
});
