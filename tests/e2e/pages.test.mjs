// Footer pages and help centre (issue 14 parts 2 and 4) on a 375 px phone: the
// footer's links reach each page (one h1 each, axe clean), the help search finds
// an answer typed without accents, a deep link opens that answer.
// ALIN_SHOTS_DIR=<folder> saves a screenshot of each page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, launch, openApp, withScreenOnFailure, checkA11y } from './harness.mjs';

const SHOTS = process.env.ALIN_SHOTS_DIR || '';
const PAGES = [
  ['Mentions légales', '#/mentions-legales', 'Mentions légales', 'mentions-legales'],
  ['Accessibilité\u00a0: partiellement conforme', '#/accessibilite', "Déclaration d'accessibilité", 'accessibilite'],
  ['Données personnelles', '#/donnees-personnelles', 'Utilisation de vos données personnelles', 'donnees-personnelles'],
  ['Cookies', '#/cookies', 'Cookies', 'cookies'],
  ['Conditions générales d\'utilisation', '#/cgu', 'Conditions générales d\'utilisation', 'cgu'],
  ['Aide', '#/aide', "Centre d'aide", 'aide'],
  ['Contact', '#/contact', 'Contact', 'contact'],
];

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launch();
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});
after(async () => { await browser?.close(); await server?.stop(); });

test('at 375 px the footer reaches every page; the help search ignores accents; a deep link opens an answer', async () => {
  const { context, page, errors } = await openApp(browser, server.url, '#/', { viewport: { width: 375, height: 667 } });
  await withScreenOnFailure(page, 'pages-375', async () => {
    for (const [link, hash, title, shot] of PAGES) {
      await page.getByRole('contentinfo').getByRole('link', { name: link, exact: true }).click();
      await page.waitForFunction((h) => window.location.hash === h, hash);
      const h1 = page.getByRole('heading', { level: 1 });
      await h1.filter({ hasText: title }).waitFor();
      assert.equal(await h1.count(), 1, `one h1 on ${hash}`);
      assert.ok(await page.getByRole('heading', { level: 2 }).count() >= 1, `sections on ${hash}`);
      if (shot === 'accessibilite' || shot === 'aide') await checkA11y(page, hash);
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${shot}-375.png`), fullPage: true });
    }
    // From the contact page to the help centre: "numero" finds "Numéro Unique", not the other questions.
    await page.getByRole('link', { name: "Ouvrir le centre d'aide" }).click();
    await page.waitForFunction(() => window.location.hash === '#/aide');
    const search = page.getByRole('searchbox', { name: "Rechercher dans l'aide" });
    await search.fill('numero unique');
    const question = page.getByRole('button', { name: "Qu'est-ce que le Numéro Unique et comment l'obtenir\u202f?" });
    await question.waitFor();
    await page.getByRole('button', { name: 'Comment annuler ma candidature\u202f?' }).waitFor({ state: 'detached' });
    await search.fill('zzzz');
    await page.getByText('Aucune question ne correspond').waitFor();
    // A deep link opens its answer, expanded.
    await page.evaluate(() => { window.location.hash = '#/aide/code-de-securite'; });
    await page.getByText('Il est actif pendant 24').waitFor();
    const opened = page.getByRole('button', { name: /Je n'ai pas reçu le code de sécurité/ });
    assert.equal(await opened.getAttribute('aria-expanded'), 'true');
    assert.equal(await page.getByRole('link', { name: 'Appeler le 0970\u00a0800\u00a0800' }).getAttribute('href'), 'tel:+33970800800');
  });
  assert.deepEqual(errors, []);
  await context.close();
});
