// "Mes données" (issue 14 part 3) at 375 px against the real server: the
// validated demo applicant opens the page, sees each section, downloads the
// JSON export, deletes the account with a wrong then the right password, lands
// on the signed-out home with the notice, and can no longer log in.
// axe (WCAG 2.1 AA) on the page and on the dialog. ALIN_SHOTS_DIR=<folder> saves screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
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
}

test('Mes données: sections, download, deletion with the password, then no log-in', async () => {
  const { context, page, errors } = await openApp(browser, server.url, '#/connexion', {
    viewport: { width: 375, height: 740 }, contextOptions: { acceptDownloads: true },
  });
  await withScreenOnFailure(page, 'my-data', async () => {
    await logIn(page, 'anne.porte@example.fr', 'Logement2026');
    await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
    await page.goto(page.url().split('#')[0] + '#/mes-donnees');
    await page.getByRole('heading', { name: 'Mes données', level: 1 }).waitFor();
    for (const name of ['Mon compte', 'Ma demande de logement social', 'Mes choix de partage des données',
      'Mes candidatures', 'E-mails envoyés', 'Connexions récentes', 'Supprimer mon compte']) {
      await page.getByRole('heading', { name, exact: true }).waitFor();
    }
    await page.getByText('anne.porte@example.fr').first().waitFor();
    await page.getByText(/^1\u00A0connexion/).waitFor();  // a real singular
    await checkA11y(page, 'Mes données');
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, 'mes-donnees-375.png') });
    }

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger mes données' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'mes-donnees-alin.json');
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(exported.account.email, 'anne.porte@example.fr');
    assert.equal(exported.requestFile.numeroUnique, '1110920621114ACLOG');

    await page.getByRole('button', { name: 'Supprimer mon compte' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    await checkA11y(page, 'Mes données: deletion dialog');
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'mes-donnees-suppression-375.png') });
    await dialog.getByLabel('Mot de passe').fill('PasLeBon2026');
    await dialog.getByRole('button', { name: 'Supprimer mon compte' }).click();
    await page.getByText(/Mot de passe incorrect/).first().waitFor();
    await dialog.getByLabel('Mot de passe').fill('Logement2026');
    await dialog.getByRole('button', { name: 'Supprimer mon compte' }).click();
    await page.getByRole('status').filter({ hasText: 'Votre compte et vos données personnelles ont été supprimés.' }).waitFor();
    assert.ok(!page.url().includes('mes-donnees'), 'the signed-out home');
    await page.getByRole('button', { name: /Se connecter/ }).first().waitFor();

    await logIn(page, 'anne.porte@example.fr', 'Logement2026');
    await page.getByText('Identifiant ou mot de passe incorrect.').first().waitFor();
    assert.deepEqual(errors, []);
  });
  await context.close();
});
