// The request file (guide §1, §3, §4) through the semantic layer, against the
// real server and identically in the offline demo mode: import by Numéro Unique
// with the e-mailed code, the three panels, validation, update, deletion.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp } from './harness.mjs';

let server, browser, pick;
// A registered request to import: the guide's example is already taken by the
// demo applicant, so take a generated one (the registry is deterministic: the
// same in the demo mode) with an employer and created after 20/04/2021.
before(async () => {
  server = await startServer();
  browser = await launch();
  const r = await fetch(server.url + 'api/v1/registry/requests?offset=0&limit=100');
  const { requests } = await r.json();
  pick = requests.find((q) => q.applicant?.employerSiret && q.applicant?.email && q.createdOn >= '2021-04-20' &&
    q.numeroUnique !== '1110920621114ACLOG');
  assert.ok(pick, 'a suitable registered request');
});
after(async () => { await browser?.close(); await server?.stop(); });

export async function createAccountAndLogIn(page, email, firstName = 'Anne') {
  await page.goto(page.url().split('#')[0] + '#/creer-mon-compte');
  await page.getByRole('textbox', { name: 'Nom de naissance' }).fill('Porte');
  await page.getByRole('textbox', { name: 'Prénom' }).fill(firstName);
  await page.getByRole('textbox', { name: 'Téléphone portable' }).fill('0604505792');
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.getByRole('checkbox', { name: "J'ai compris et j'accepte" }).check();
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.getByRole('heading', { name: 'Validation du compte' }).waitFor();
  await readMailbox(page, email);
  await page.getByRole('link', { name: 'Cliquez ici' }).first().click();
  await page.getByRole('button', { name: 'Cliquez ici' }).click();
  await page.getByLabel('Nouveau mot de passe').fill('Logement2026');
  await page.getByLabel('Confirmation du mot de passe').fill('Logement2026');
  await page.getByRole('button', { name: 'VALIDER' }).click();
  await page.getByRole('button', { name: "Revenir à l'application" }).click();
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill('Logement2026');
  await page.getByRole('button', { name: 'JE ME CONNECTE' }).click();
  await page.getByRole('heading', { name: `Bonjour ${firstName}` }).waitFor();
}

async function readMailbox(page, address) {
  await page.getByRole('button', { name: 'Boîte e-mail de démonstration' }).first().click();
  await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill(address);
  await page.getByRole('button', { name: 'Afficher les messages' }).click();
  await page.getByRole('heading', { name: /Action Logement Services/ }).first().waitFor();
}

async function journey(page) {
  await createAccountAndLogIn(page, `anne.${Date.now()}@example.fr`);
  await page.getByRole('heading', { name: 'Importer sa demande de logement social' }).waitFor();

  // Without a number: the department picker gives the registration site.
  await page.getByRole('button', { name: "Je n'ai pas de numéro unique" }).click();
  const combo = page.getByRole('combobox', { name: 'Votre département de recherche' });
  await combo.fill('finis');
  await page.getByRole('option', { name: '29 - Finistère' }).click();
  await page.getByRole('link', { name: /demandelogement29\.fr/ }).waitFor();

  // An unknown number, then the guide's number typed loosely (spaces, lower case).
  const nu = page.getByRole('textbox', { name: 'Numéro Unique' });
  await nu.fill('999999999999999999');
  await page.getByRole('button', { name: 'Valider', exact: true }).click();
  await page.getByText('Aucune demande ne correspond').first().waitFor();
  const loose = pick.numeroUnique.toLowerCase().replace(/(.{4})/g, '$1 ');
  await nu.fill(loose);
  await page.getByRole('button', { name: 'Valider', exact: true }).click();
  const masked = new RegExp('Un code vous a été envoyé.*' + pick.applicant.email.slice(0, 2) + '\\*+@');
  await page.getByText(masked).first().waitFor();

  // A wrong code, then the right one read in the registered request's mailbox.
  const code = page.getByRole('textbox', { name: "Mon code d'accès" });
  await code.fill('ZZZZZZ');
  await page.getByRole('button', { name: 'VALIDER' }).click();
  await page.getByText('Le code de sécurité est incorrect ou expiré').first().waitFor();
  await readMailbox(page, pick.applicant.email);
  const codeText = await page.getByText(/^Code\s:\s/).first().textContent();
  const secret = codeText.replace(/^Code\s:\s/, '').trim();
  await page.getByRole('link', { name: 'Ma situation' }).click();
  await page.getByRole('button', { name: 'Recevoir un nouveau code' }).waitFor();
  await page.getByRole('textbox', { name: "Mon code d'accès" }).fill(secret);
  await page.getByRole('button', { name: 'VALIDER' }).click();

  // Panel 1: the registry's data, read-only, the NIR masked.
  await page.getByRole('heading', { name: '1. Les informations de mon NUR-NUD' }).waitFor();
  await page.getByText('Voici les informations liées au numéro unique : ' + pick.numeroUnique).waitFor();
  await page.getByText("Nom (nom d'usage ou d'époux(se)) : " + pick.applicant.lastName).first().waitFor();
  const nir = await page.getByText(/Numéro de sécurité sociale/).first().textContent();
  assert.match(nir, /\*/, 'NIR masked');
  await page.getByRole('button', { name: 'Étape suivante' }).click();

  // Panel 2: employer name is mandatory; then the data-sharing choice.
  await page.getByRole('heading', { name: "2. Les informations à compléter pour AL'in" }).waitFor();
  await page.getByRole('radio', { name: pick.applicant.firstName + ' ' + pick.applicant.lastName }).check();
  const employer = page.getByRole('textbox', { name: "Nom de l'employeur" });
  await employer.fill('');
  await page.getByRole('button', { name: "Je valide l'entreprise" }).click();
  await page.waitForFunction(() => document.querySelector('[data-sem-id="file.employerName"]')?.getAttribute('aria-invalid') === 'true');
  await employer.fill('Entreprise Exemple');
  await page.getByRole('button', { name: "Je valide l'entreprise" }).click();
  await page.getByText('Votre entreprise est validée.').first().waitFor();
  await page.getByRole('radio', { name: /Choix n°3/ }).check();
  await page.getByText('Votre choix est enregistré.').first().waitFor();
  await page.getByRole('button', { name: 'Étape suivante' }).click();

  // Panel 3: "Valider mon dossier" only once every box is ticked.
  await page.getByRole('heading', { name: '3. Les pièces justificatives de mon NUR/NUD' }).waitFor();
  const validate = page.getByRole('button', { name: 'Valider mon dossier' });
  assert.equal(await validate.isDisabled(), true);
  for (const name of ['Identité', 'Ressources', "Avis d'imposition", 'Motif']) {
    await page.getByRole('checkbox', { name: new RegExp(name) }).check();
  }
  await page.waitForFunction(() => !document.querySelector('[data-sem-id="file.validate"]').disabled);
  await validate.click();

  // Dashboard: state, eligibility in plain French, update, deletion with confirmation.
  await page.getByText('Statut du dossier : Dossier validé').waitFor();
  await page.getByText(/plafond/).first().waitFor();
  await page.getByRole('button', { name: 'Mettre à jour' }).click();
  await page.getByText('Votre demande a bien été mise à jour').first().waitFor();
  await page.getByRole('button', { name: 'Supprimer ma demande' }).click();
  const dialog = page.getByRole('dialog', { name: 'Supprimer ma demande ?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Oui, supprimer' }).click();
  await page.getByRole('heading', { name: 'Importer sa demande de logement social' }).waitFor();
}

test('request file against the real server', async () => {
  const { page, context, errors } = await openApp(browser, server.url, '#/');
  await journey(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('request file in the offline demo mode, no server call', async () => {
  const { page, context, errors } = await openApp(browser, server.url, '#/', { query: '?demo=1' });
  const apiCalls = [];
  page.on('request', (r) => { if (r.url().includes('/api/')) apiCalls.push(r.url()); });
  await journey(page);
  assert.deepEqual(apiCalls, []);
  assert.deepEqual(errors, []);
  await context.close();
});
