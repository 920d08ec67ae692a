// The contact form and the advisors' inbox (issue 14 part 2), and the
// printable "Mes données", at 375 px against the real server: the demo
// applicant writes from "Mes messages" (the empty form's errors first), the
// demo advisor answers in the professional space (another browser context),
// the applicant reads the answer; the printable page opens in a new tab and
// holds the person's name and nobody else's. axe (WCAG 2.1 AA) on the form and
// the inbox. ALIN_SHOTS_DIR=<folder> saves screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, launch, openApp, withScreenOnFailure, checkA11y } from './harness.mjs';

const SHOTS = process.env.ALIN_SHOTS_DIR || '';
let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

async function logIn(page, email, password) {
  await page.goto(page.url().split('#')[0] + '#/connexion');
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'JE ME CONNECTE' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
}

async function shot(page, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name) });
}

test('contact: the applicant writes, the advisor answers, the applicant reads; the printable page', async () => {
  const viewport = { width: 375, height: 740 };
  const anne = await openApp(browser, server.url, '#/connexion', { viewport });
  const advisor = await openApp(browser, server.url, '#/connexion', { viewport });
  await withScreenOnFailure(anne.page, 'contact', async () => {
    const page = anne.page;
    await logIn(page, 'anne.porte@example.fr', 'Logement2026');
    await page.getByRole('link', { name: 'Écrire à un conseiller' }).first().click();
    await page.getByRole('heading', { name: 'Mes messages', level: 1 }).waitFor();
    assert.ok(page.url().endsWith('#/mes-messages'));

    await page.getByRole('button', { name: 'Envoyer mon message' }).click();
    await page.getByText('Choisissez le sujet de votre message dans la liste.').first().waitFor();
    await page.getByText("Écrivez votre message avant de l'envoyer.").first().waitFor();
    await checkA11y(page, 'Mes messages: errors');

    await page.getByRole('radio', { name: 'Ma demande de logement et mon dossier' }).check();
    // A multi-line field (a <textarea>): Enter types a new line and sends nothing.
    const message = page.getByRole('textbox', { name: /Votre message/ });
    assert.equal(await message.evaluate((el) => el.tagName), 'TEXTAREA');
    await message.click();
    await page.keyboard.type('Bonjour,');
    await page.keyboard.press('Enter');
    await page.keyboard.type('mon dossier est-il complet ?');
    assert.equal(await message.inputValue(), 'Bonjour,\nmon dossier est-il complet ?');
    await page.getByText(/37\s+caractères sur 2\s+000/).first().waitFor();  // the newline counts as one
    assert.equal(await page.getByText(/Votre message a été envoyé/).count(), 0);
    // Never wider than the phone: the text wraps inside the box.
    const box = await message.evaluate((el) => ({ right: el.getBoundingClientRect().right, sw: el.scrollWidth,
      cw: el.clientWidth, color: getComputedStyle(el).color }));
    assert.ok(box.right <= 375 && box.sw <= box.cw, JSON.stringify(box));
    assert.equal(box.color, 'rgb(22, 22, 22)');  // the typed text is the <textarea>'s own, visible
    await page.getByRole('button', { name: 'Envoyer mon message' }).click();
    await page.getByText(/Votre message a été envoyé/).first().waitFor();
    await page.getByText('En attente de réponse').first().waitFor();
    await shot(page, 'mes-messages-375.png');
  });
  await withScreenOnFailure(advisor.page, 'contact-inbox', async () => {
    const page = advisor.page;
    await logIn(page, 'conseiller@actionlogement.example', 'Conseiller2026');
    await page.goto(page.url().split('#')[0] + '#/espace-professionnel');
    await page.getByRole('heading', { name: 'Messages des demandeurs' }).waitFor();
    // Two lines, as typed: the text node holds the line break and is two lines tall.
    const text = page.locator('[data-sem-id^="inbox.item"][data-sem-id$=".text"]').first();
    await text.waitFor();
    assert.equal(await text.textContent(), 'Bonjour,\nmon dossier est-il complet ?');
    const lines = await text.evaluate((el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight || '19'));
    assert.ok(lines >= 1.8, 'lines: ' + lines);
    await checkA11y(page, 'contact inbox');
    await page.getByRole('textbox', { name: /Votre réponse/ }).first().fill('Oui, votre dossier est complet.');
    await page.getByRole('button', { name: 'Envoyer la réponse' }).first().click();
    await page.getByText(/Réponse envoyée/).first().waitFor();
    await shot(page, 'messages-demandeurs-375.png');
  });
  await withScreenOnFailure(anne.page, 'contact-read', async () => {
    const page = anne.page;
    await page.reload();
    await page.getByRole('heading', { name: 'Mes messages', level: 1 }).waitFor();
    await page.getByText('Oui, votre dossier est complet.').first().waitFor();
    await page.getByText(/Réponse du conseiller, le /).first().waitFor();
    // Her message in "Mes messages" keeps its two lines too.
    const mine = page.locator('[data-sem-id^="contact.item"][data-sem-id$=".text"]').first();
    assert.equal(await mine.textContent(), 'Bonjour,\nmon dossier est-il complet ?');

    // The printable "Mes données": a new tab, the person's data and nobody else's.
    await page.goto(page.url().split('#')[0] + '#/mes-donnees');
    await page.getByRole('heading', { name: 'Mes données', level: 1 }).waitFor();
    const [printable] = await Promise.all([
      anne.context.waitForEvent('page'),
      page.getByRole('button', { name: 'Version imprimable' }).click(),
    ]);
    await printable.waitForLoadState();
    await printable.getByRole('heading', { level: 1, name: /Anne PORTE/ }).waitFor();
    const text = await printable.locator('body').innerText();
    for (const mine of ['anne.porte@example.fr', '1110920621114ACLOG', 'mon dossier est-il complet ?',
      'Oui, votre dossier est complet.'])
      assert.ok(text.includes(mine), mine);
    for (const other of ['DURAND', 'LEFEBVRE', 'BERNARD', 'conseiller@actionlogement.example'])
      assert.ok(!text.includes(other), other);
    await printable.close();
    assert.deepEqual(anne.errors, []);
    assert.deepEqual(advisor.errors, []);
  });
  await anne.context.close();
  await advisor.context.close();
});
