// Offers (guide §5) and applications (guide §6) end to end through the semantic
// layer, against the real server and in the offline demo mode: tabs and counts,
// a filter, the detail, "Je postule", a refused second application; then the
// other side moves the application from step 1 to step 7.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, withScreenOnFailure } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function logIn(page, email, password) {
  await page.goto(page.url().split('#')[0] + '#/connexion');
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'JE ME CONNECTE' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
}

async function logOut(page) {
  await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
  await page.getByRole('button', { name: 'JE ME CONNECTE' }).waitFor();
}

const tabCount = async (page, name) => {
  const label = await page.getByRole('tab', { name }).textContent();
  return Number((label.match(/\((\d+)\)/) || [])[1]);
};

// Opens the first card of the list whose text matches `landlord`, in any tab.
async function openOfferOf(page, landlord) {
  for (const tab of ['Communes demandées', 'Communes limitrophes', 'Autres communes du département']) {
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForFunction((t) => [...document.querySelectorAll('[role=tab]')].some((e) => e.getAttribute('aria-selected') === 'true' && e.textContent.startsWith(t)), tab);
    await page.getByText(/offres? pour (?:laquelle|lesquelles) vous êtes éligible|Aucune offre/).first().waitFor();
    // The list is virtualised: only visible cards exist in the DOM. Scroll (bounded).
    await page.mouse.move(640, 500);
    for (let i = 0; i < 60; i++) {
      const card = page.getByRole('link', { name: new RegExp(landlord) }).first();
      if (await card.count()) {
        const name = await card.evaluate((e) => e.getAttribute('aria-label') || e.textContent);
        await card.click();
        return name;
      }
      await page.mouse.wheel(0, 700);
      await page.waitForTimeout(120);
    }
  }
  throw new Error('no offer of ' + landlord);
}

async function applicantSearchesAndApplies(page) {
  await logIn(page, 'anne.porte@example.fr', 'Logement2026');
  await page.getByRole('link', { name: 'Les offres' }).click();
  await page.getByRole('heading', { name: 'Où souhaitez-vous habiter ?' }).waitFor();
  await page.getByText(/offres? pour (?:laquelle|lesquelles) vous êtes éligible/).first().waitFor();
  const requested = await tabCount(page, 'Communes demandées');
  assert.ok(requested > 0, 'offers in the requested communes');
  assert.equal(await page.getByRole('tab', { name: 'Communes demandées' }).getAttribute('aria-selected'), 'true');

  // A filter narrows the list; the counts follow.
  await page.getByRole('checkbox', { name: '3 pièces' }).check();
  await page.getByRole('button', { name: 'Afficher' }).click();
  await page.waitForFunction((n) => {
    const t = [...document.querySelectorAll('[role=tab]')][0];
    const m = t && t.textContent.match(/\((\d+)\)/);
    return m && Number(m[1]) < n;
  }, requested);
  const firstCard = page.getByRole('link', { name: /^T3 - / }).first();
  await firstCard.waitFor();

  // Detail, then back to the same tab with the filter kept.
  await firstCard.click();
  await page.getByRole('button', { name: 'Je postule' }).waitFor();
  await page.getByText(/Taux d'effort/).first().waitFor();
  await page.getByRole('link', { name: 'Retour aux résultats' }).click();
  await page.getByRole('checkbox', { name: '3 pièces' }).waitFor();
  assert.equal(await page.getByRole('checkbox', { name: '3 pièces' }).isChecked(), true);

  // Nearest to the workplace (Paris, from her request): the workplace commune first,
  // each card saying how far it is, and the page saying from where.
  await page.getByRole('radio', { name: 'Proche de mon travail' }).check();
  await page.getByRole('button', { name: 'Afficher' }).click();
  await page.getByText("Distances à vol d'oiseau depuis votre lieu de travail\u00a0: Paris.").waitFor();
  await page.waitForFunction(() => {
    const cards = [...document.querySelectorAll('#sem-root a')].map((e) => e.getAttribute('aria-label') || e.textContent)
      .filter((n) => /^T\d - /.test(n));
    return cards.length > 0 && cards[0].includes('Dans la commune de votre lieu de travail');
  });

  // Apply to an offer of Paris Habitat (the demo landlord).
  await page.getByRole('checkbox', { name: '3 pièces' }).uncheck();
  await page.getByRole('button', { name: 'Afficher' }).click();
  const cardName = await openOfferOf(page, 'Paris Habitat');
  // The detail has loaded once its "Je postule" shows (the heading reads "Chargement" before).
  await page.getByRole('button', { name: 'Je postule' }).waitFor();
  const title = await page.getByRole('heading', { level: 1 }).first().textContent();
  assert.ok(cardName.startsWith(title), `the detail of the card clicked (${title} / ${cardName})`);
  const appliedHash = new URL(page.url()).hash;  // "#/offre/<id>"
  await page.getByRole('button', { name: 'Je postule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ce logement a bien été ajouté à vos candidatures' });
  await dialog.getByRole('button', { name: 'OK' }).click();
  await page.getByRole('heading', { name: 'Mes candidatures en cours' }).waitFor();
  await page.getByRole('listitem').filter({ hasText: 'Étape 1 : Candidature déposée (en cours)' }).waitFor();

  // A second application is refused while this one is active.
  await page.getByRole('link', { name: 'Les offres' }).click();
  await page.getByRole('link', { name: /^T\d - / }).first().waitFor();
  // Another offer than the one applied to (told apart by its address: the card's
  // text changes with its applications count).
  const other = await page.getByRole('link', { name: /^T\d - / }).evaluateAll(
    (els, applied) => els.map((e) => e.getAttribute('href')).find((h) => h && h !== applied), appliedHash);
  assert.ok(other, 'another offer in view');
  await page.locator(`#sem-root a[href="${other}"]`).first().click();
  // The offer page names the active application (and "Je postule" is disabled).
  await page.getByText(/Vous avez déjà une candidature en cours/).first().waitFor();
  assert.ok(await page.getByRole('button', { name: 'Je postule' }).isDisabled());
  return title;
}

async function otherSideMovesIt(page) {
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

  await logIn(page, 'anne.porte@example.fr', 'Logement2026');
  await page.getByRole('link', { name: /Mes candidatures/ }).click();
  await page.getByRole('listitem').filter({ hasText: /Étape 7\s:\sSignature du bail/ }).waitFor();
}

async function fullLoop(page) {
  await applicantSearchesAndApplies(page);
  await otherSideMovesIt(page);
  // The e-mails of every status change.
  await page.getByRole('button', { name: 'Boîte e-mail de démonstration' }).first().click();
  await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill('anne.porte@example.fr');
  await page.getByRole('button', { name: 'Afficher les messages' }).click();
  const subjects = await page.getByRole('heading', { name: /Votre candidature/ }).count();
  assert.ok(subjects >= 4, `status e-mails received (${subjects})`);
}

test('offers and the application loop against the real server', async () => {
  const server = await startServer();
  try {
    const { page, context, errors } = await openApp(browser, server.url, '#/');
    await withScreenOnFailure(page, 'offers-server', () => fullLoop(page));
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await server.stop();
  }
});

test('the same loop in the offline demo mode', async () => {
  const server = await startServer();
  try {
    const { page, context, errors } = await openApp(browser, server.url, '#/', { query: '?demo=1' });
    const apiCalls = [];
    page.on('request', (r) => { if (r.url().includes('/api/')) apiCalls.push(r.url()); });
    await withScreenOnFailure(page, 'offers-demo', () => fullLoop(page));
    assert.deepEqual(apiCalls, []);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await server.stop();
  }
});

test('cancel, then an invalidation followed by a new application', async () => {
  const server = await startServer();
  try {
    const { page, context } = await openApp(browser, server.url, '#/');
    await withScreenOnFailure(page, 'offers-cancel', () => cancelThenInvalidate(page));
    await context.close();
  } finally {
    await server.stop();
  }
});

async function cancelThenInvalidate(page) {
    await applicantSearchesAndApplies(page);
    await page.getByRole('link', { name: /Mes candidatures/ }).click();
    await page.getByRole('button', { name: 'Annuler cette candidature' }).click();
    await page.getByRole('dialog', { name: 'Annuler cette candidature ?' }).getByRole('button', { name: 'Oui, annuler ma candidature' }).click();
    await page.getByText('Votre candidature a été annulée').first().waitFor();
    // Free again: apply once more, then the advisor invalidates with a reason.
    await page.getByRole('link', { name: 'Les offres' }).click();
    await openOfferOf(page, 'Paris Habitat');
    await page.getByRole('button', { name: 'Je postule' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    await logOut(page);
    await logIn(page, 'conseiller@actionlogement.example', 'Conseiller2026');
    await page.getByRole('textbox', { name: "Motif de l'invalidation" }).first().fill('Pièces justificatives illisibles');
    await page.getByRole('button', { name: 'Invalider le dossier' }).first().click();
    await page.getByRole('status').filter({ hasText: /./ }).first().waitFor();
    await logOut(page);
    await logIn(page, 'anne.porte@example.fr', 'Logement2026');
    await page.getByRole('link', { name: /Mes candidatures/ }).click();
    await page.getByText(/Pièces justificatives illisibles/).first().waitFor();
    await page.getByRole('link', { name: 'Les offres' }).click();
    await page.getByRole('link', { name: /^T\d - / }).first().click();
    await page.getByRole('button', { name: 'Je postule' }).click();
    await page.getByRole('dialog', { name: 'Ce logement a bien été ajouté à vos candidatures' }).waitFor();
}

test('pressing a card cut by the bottom edge does not scroll it away: the click lands', async () => {
  const server = await startServer();
  try {
    const { page, context, errors } = await openApp(browser, server.url, '#/', { query: '?demo=1' });
    await withScreenOnFailure(page, 'offers-press', async () => {
      await logIn(page, 'anne.porte@example.fr', 'Logement2026');
      await page.getByRole('link', { name: 'Les offres' }).click();
      await page.getByRole('link', { name: /^T\d - / }).first().waitFor();
      const height = page.viewportSize().height;
      // Scroll (bounded) until a card straddles the bottom edge.
      let boxes = [], cut;
      for (let i = 0; i < 20 && !cut; i++) {
        boxes = await page.getByRole('link', { name: /^T\d - / }).evaluateAll((els) =>
          els.map((e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, width: r.width }; }));
        cut = boxes.find((b) => b.top < height - 20 && b.bottom > height);
        if (!cut) { await page.mouse.move(640, 400); await page.mouse.wheel(0, 40); await page.waitForTimeout(150); }
      }
      assert.ok(cut, `a card cut by the bottom edge (${JSON.stringify(boxes)})`);
      await page.mouse.move(cut.left + cut.width / 2, (cut.top + height) / 2);
      await page.mouse.down();
      await page.waitForTimeout(400);  // many frames: anything that scrolls on press has scrolled
      const still = await page.getByRole('link', { name: /^T\d - / }).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
      assert.ok(still.some((t) => Math.abs(t - cut.top) < 1), 'the pressed card stayed under the pointer');
      await page.mouse.up();
      await page.getByRole('button', { name: 'Je postule' }).waitFor();
    });
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await server.stop();
  }
});
