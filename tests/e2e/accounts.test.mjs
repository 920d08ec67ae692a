// Accounts (guide §2), end to end through the semantic layer, identically
// against the real server and in the offline demo mode:
// create → mailbox → link → weak password refused → strong → log in → out → in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

async function journey(page, email) {
  await page.getByRole('button', { name: 'Se connecter' }).first().click();
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.getByRole('heading', { name: 'Création de compte' }).waitFor();

  // Bad input: each error at its field, nothing typed is lost.
  await page.getByRole('textbox', { name: 'Nom de naissance' }).fill("D'Artagnan-Lefèvre");
  await page.getByRole('textbox', { name: 'Prénom' }).fill('Zoé');
  await page.getByRole('textbox', { name: 'Téléphone portable' }).fill('01 45 67 89 10');
  await page.getByRole('textbox', { name: 'E-mail' }).fill('pas-une-adresse');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  const phone = page.getByRole('textbox', { name: 'Téléphone portable' });
  await page.waitForFunction(() => document.querySelector('[data-sem-id="signup.phone"]').getAttribute('aria-invalid') === 'true');
  await page.getByText("Ce numéro n'est pas un numéro de portable").waitFor();
  assert.equal(await page.getByRole('checkbox', { name: "J'ai compris et j'accepte" }).getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByRole('textbox', { name: 'Nom de naissance' }).inputValue(), "D'Artagnan-Lefèvre");
  assert.equal(await page.getByRole('textbox', { name: 'Nom de naissance' }).getAttribute('aria-invalid'), null);

  await phone.fill('+33 6 04 50 57 92');
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email.toUpperCase());
  await page.getByRole('checkbox', { name: "J'ai compris et j'accepte" }).check();
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.getByRole('heading', { name: 'Validation du compte' }).waitFor();

  // The development mailbox panel of the client.
  await page.getByRole('button', { name: 'Boîte e-mail de démonstration' }).first().click();
  await page.getByRole('heading', { name: "Action Logement Services – Demande d'accès" }).waitFor();
  await page.getByRole('link', { name: 'Cliquez ici' }).first().click();
  await page.getByRole('heading', { name: 'Dernière étape avant la validation de votre compte' }).waitFor();
  await page.getByRole('button', { name: 'Cliquez ici' }).click();
  await page.getByRole('heading', { name: 'Mise à jour du mot de passe' }).waitFor();

  // Weak password: its rule is unticked and VALIDER does nothing.
  await page.getByLabel('Nouveau mot de passe').fill('logement');
  await page.getByLabel('Confirmation du mot de passe').fill('logement');
  const rules = page.getByRole('list', { name: 'Votre mot de passe doit respecter' });
  await rules.getByRole('listitem').filter({ hasText: '✗ Au moins 1 chiffre' }).waitFor();
  await rules.getByRole('listitem').filter({ hasText: '✗ Au moins 1 lettre en majuscule' }).waitFor();
  await rules.getByRole('listitem').filter({ hasText: '✓ Au moins 8 caractères' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'VALIDER' }).isDisabled(), true);
  // The e-mail itself is refused as a password (rule "not the user name").
  await page.getByLabel('Nouveau mot de passe').fill(email);
  await rules.getByRole('listitem').filter({ hasText: "✗ Différent de votre nom d'utilisateur" }).waitFor();

  await page.getByLabel('Nouveau mot de passe').fill('Logement2026');
  await page.getByLabel('Confirmation du mot de passe').fill('Logement2026');
  await rules.getByRole('listitem').filter({ hasText: '✓ Confirmation identique' }).waitFor();
  await page.getByRole('button', { name: 'VALIDER' }).click();
  await page.getByRole('heading', { name: 'Votre compte est créé' }).waitFor();
  await page.getByRole('button', { name: "Revenir à l'application" }).click();

  // Log in, log out, log in again.
  for (let round = 0; round < 2; round++) {
    await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill('Logement2026');
    await page.getByRole('button', { name: 'JE ME CONNECTE' }).click();
    await page.getByRole('heading', { name: 'Bonjour Zoé' }).waitFor();
    await page.getByRole('heading', { name: 'Importer sa demande de logement social' }).waitFor();
    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page.getByRole('button', { name: 'JE ME CONNECTE' }).waitFor();
  }
}

test('account journey against the real server', async () => {
  const { page, context, errors } = await openApp(browser, server.url, '#/');
  await journey(page, 'zoe.lefevre@example.fr');
  // The session cookie is HttpOnly: invisible to scripts.
  assert.equal(await page.evaluate(() => document.cookie.includes('alin_session')), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the same journey in the offline demo mode, with no server call', async () => {
  const { page, context, errors } = await openApp(browser, server.url, '#/', { query: '?demo=1' });
  const apiCalls = [];
  page.on('request', (r) => { if (r.url().includes('/api/')) apiCalls.push(r.url()); });
  await journey(page, 'zoe.demo@example.fr');
  assert.deepEqual(apiCalls, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a used, expired-looking or forged link gets a clear page and a way to ask again', async () => {
  const { page, context } = await openApp(browser, server.url, '#/activation/0000deadbeef');
  await page.getByRole('heading', { name: 'Ce lien ne peut pas être utilisé' }).waitFor();
  await page.getByRole('button', { name: 'Demander un nouveau lien' }).click();
  await page.getByRole('heading', { name: 'Mot de passe oublié' }).waitFor();
  await context.close();
});

test('kiosk: logging out wipes everything personal from the browser', async () => {
  const { page, context } = await openApp(browser, server.url, '#/', { query: '?demo=1&kiosk=1' });
  await page.getByRole('button', { name: 'Commencer', exact: true }).click();
  await page.getByRole('textbox', { name: 'E-mail' }).fill('kiosque@example.fr');
  // (Not counting the test harness's own tutorial opt-out key.)
  const stored = await page.evaluate(() => ({
    local: Object.keys(localStorage).filter((k) => k !== 'alin-tuto-off').length, session: Object.keys(sessionStorage) }));
  assert.equal(stored.local, 0, 'a kiosk never writes localStorage');
  await context.close();
});
