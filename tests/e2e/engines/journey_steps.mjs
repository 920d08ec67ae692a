// The steps of the long journey (sign-up -> validation e-mail -> password ->
// import with the e-mailed code -> file validated -> offers -> "Je postule" ->
// "Mes candidatures" -> the staff loop up to the signed lease), written once
// against the engine-neutral driver (tests/e2e/drivers). Used by
// journeys.engines.mjs (three engines, one server) and tests/e2e/cluster.test.mjs
// (Chromium, two servers behind nginx on PostgreSQL).
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT } from '../harness.mjs';

let pick;
// Picks, on the server at `url`, a registered request to import: registered in
// Paris (where the demo landlord Paris Habitat has offers), with an employer,
// created after 20/04/2021.
export async function pickRequest(url) {
  const requests = [];
  for (let offset = 0; offset < 1000; offset += 100) {
    const page = (await (await fetch(url + `api/v1/registry/requests?offset=${offset}&limit=100`)).json()).requests;
    requests.push(...page);
    if (page.length < 100 || requests.some((q) => q.registrationDept === '75' && q.createdOn >= '2021-04-20')) break;
  }
  const ok = (q) => q.applicant?.employerSiret && q.applicant?.email && q.createdOn >= '2021-04-20' && q.numeroUnique !== '1110920621114ACLOG';
  pick = requests.find((q) => ok(q) && q.registrationDept === '75') || requests.find(ok);
  assert.ok(pick, 'a suitable registered request');
  return pick;
}

// Runs `fn(page)`; on failure saves a screenshot and adds what the screen shows.
export async function withScreen(page, label, fn) {
  try {
    return await fn();
  } catch (e) {
    await page.screenshot(path.join(ROOT, 'test-results', label + '.png')).catch(() => {});
    e.message += '\n--- screen at failure ---\n' + await page.describeScreen();
    throw e;
  }
}

export async function readMailbox(page, address) {
  await page.getByRole('button', { name: 'Boîte e-mail de démonstration' }).first().click();
  await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill(address);
  await page.getByRole('button', { name: 'Afficher les messages' }).click();
  await page.getByRole('heading', { name: /Action Logement Services/ }).first().waitFor();
}

export async function logIn(page, email, password) {
  await page.goto((await page.url()).split('#')[0] + '#/connexion');
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'JE ME CONNECTE' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
}

export async function logOut(page) {
  await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
  await page.getByRole('button', { name: 'JE ME CONNECTE' }).waitFor();
}

export async function signUp(page, email) {
  await page.getByRole('button', { name: 'Se connecter' }).first().click();
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.getByRole('heading', { name: 'Création de compte' }).waitFor();
  await page.getByRole('textbox', { name: 'Nom de naissance' }).fill('Lefèvre');
  await page.getByRole('textbox', { name: 'Prénom' }).fill('Zoé');
  await page.getByRole('textbox', { name: 'Téléphone portable' }).fill('06 04 50 57 92');
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.getByRole('checkbox', { name: "J'ai compris et j'accepte" }).check();
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.getByRole('heading', { name: 'Validation du compte' }).waitFor();
  // The validation e-mail, in the development mailbox panel.
  await readMailbox(page, email);
  await page.getByRole('link', { name: 'Cliquez ici' }).first().click();
  await page.getByRole('heading', { name: 'Dernière étape avant la validation de votre compte' }).waitFor();
  await page.getByRole('button', { name: 'Cliquez ici' }).click();
  await page.getByRole('heading', { name: 'Mise à jour du mot de passe' }).waitFor();
  await page.getByLabel('Nouveau mot de passe').fill('Logement2026');
  await page.getByLabel('Confirmation du mot de passe').fill('Logement2026');
  await page.getByRole('list', { name: 'Votre mot de passe doit respecter' })
    .getByRole('listitem').filter({ hasText: '✓ Confirmation identique' }).waitFor();
  await page.getByRole('button', { name: 'VALIDER' }).click();
  await page.getByRole('heading', { name: 'Votre compte est créé' }).waitFor();
  await page.getByRole('button', { name: "Revenir à l'application" }).click();
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill('Logement2026');
  await page.getByRole('button', { name: 'JE ME CONNECTE' }).click();
  await page.getByRole('heading', { name: 'Bonjour Zoé' }).waitFor();
}

export async function importFile(page) {
  await page.getByRole('heading', { name: 'Importer sa demande de logement social' }).waitFor();
  await page.getByRole('textbox', { name: 'Numéro Unique' }).fill(pick.numeroUnique);
  await page.getByRole('button', { name: 'Valider', exact: true }).click();
  await page.getByText(/Un code vous a été envoyé/).first().waitFor();
  await readMailbox(page, pick.applicant.email);
  const codeText = await page.getByText(/^Code\s:\s/).first().textContent();
  const secret = codeText.replace(/^Code\s:\s/, '').trim();
  await page.getByRole('link', { name: 'Ma situation' }).click();
  await page.getByRole('textbox', { name: "Mon code d'accès" }).fill(secret);
  await page.getByRole('button', { name: 'VALIDER' }).click();
  await page.getByRole('heading', { name: '1. Les informations de mon NUR-NUD' }).waitFor();
  await page.getByRole('button', { name: 'Étape suivante' }).click();
  await page.getByRole('heading', { name: "2. Les informations à compléter pour AL'in" }).waitFor();
  await page.getByRole('radio', { name: pick.applicant.firstName + ' ' + pick.applicant.lastName }).check();
  await page.getByRole('textbox', { name: "Nom de l'employeur" }).fill('Entreprise Exemple');
  await page.getByRole('button', { name: "Je valide l'entreprise" }).click();
  await page.getByText('Votre entreprise est validée.').first().waitFor();
  await page.getByRole('radio', { name: /Choix n°3/ }).check();
  await page.getByText('Votre choix est enregistré.').first().waitFor();
  await page.getByRole('button', { name: 'Étape suivante' }).click();
  await page.getByRole('heading', { name: '3. Les pièces justificatives de mon NUR/NUD' }).waitFor();
  for (const name of ['Identité', 'Ressources', "Avis d'imposition", 'Motif']) {
    await page.getByRole('checkbox', { name: new RegExp(name) }).check();
  }
  await page.getByRole('button', { name: 'Valider mon dossier' }).click();
  await page.getByText(/Statut du dossier\s:\sDossier validé/).waitFor();
}

// Opens the first offer of `landlord`, in any tab (the list is virtualised: wheel, bounded).
export async function openOfferOf(page, landlord) {
  for (const tab of ['Communes demandées', 'Communes limitrophes', 'Autres communes du département']) {
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForFunction((t) => [...document.querySelectorAll('[role=tab]')].some((e) => e.getAttribute('aria-selected') === 'true' && e.textContent.startsWith(t)), tab);
    await page.getByText(/offres? pour (?:laquelle|lesquelles) vous êtes éligible|Aucune offre/).first().waitFor();
    for (let i = 0; i < 40; i++) {
      const card = page.getByRole('link', { name: new RegExp(landlord) }).first();
      if (await card.count()) { await card.click(); return; }
      await page.wheel(700, 400, 500);
      await page.pause(150);
    }
  }
  throw new Error('no offer of ' + landlord);
}

export async function applies(page) {
  await page.getByRole('link', { name: 'Les offres' }).click();
  await page.getByRole('heading', { name: 'Où souhaitez-vous habiter ?' }).waitFor();
  await openOfferOf(page, 'Paris Habitat');
  await page.getByRole('button', { name: 'Je postule' }).click();
  await page.getByRole('dialog', { name: 'Ce logement a bien été ajouté à vos candidatures' }).getByRole('button', { name: 'OK' }).click();
  await page.getByRole('heading', { name: 'Mes candidatures en cours' }).waitFor();
  await page.getByRole('listitem').filter({ hasText: 'Étape 1 : Candidature déposée (en cours)' }).waitFor();
}

export async function staffLoop(page, email) {
  await logOut(page);
  await logIn(page, 'conseiller@actionlogement.example', 'Conseiller2026');
  await page.getByRole('heading', { name: 'Espace conseiller Action Logement' }).waitFor();
  await page.getByRole('button', { name: 'Valider le dossier' }).first().click();
  await page.getByRole('checkbox', { name: 'Désigner ce candidat' }).first().check();
  await page.getByRole('button', { name: /Transmettre au bailleur \(1 candidat/ }).click();
  await page.getByRole('status').filter({ hasText: /./ }).first().waitFor();
  await logOut(page);

  await logIn(page, 'bailleur@parishabitat.example', 'Bailleur2026');
  await page.getByRole('heading', { name: /Espace bailleur/ }).waitFor();
  await page.getByRole('button', { name: 'Enregistrer le contact et la visite' }).first().click();
  await page.getByRole('button', { name: 'Présenter en commission CALEOL' }).first().click();
  await page.getByRole('radio', { name: 'Attribution', exact: true }).first().check();
  await page.getByRole('button', { name: 'Enregistrer la décision' }).first().click();
  await page.getByRole('button', { name: 'Enregistrer la signature du bail' }).first().click();
  await page.getByRole('status').filter({ hasText: /./ }).first().waitFor();
  await logOut(page);

  await logIn(page, email, 'Logement2026');
  await page.getByRole('link', { name: /Mes candidatures/ }).click();
  await page.getByRole('listitem').filter({ hasText: /Étape 7\s:\sSignature du bail/ }).waitFor();
}

