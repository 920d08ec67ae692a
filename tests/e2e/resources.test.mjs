// "Ressources et aides au logement" (issue 12 item 7b) through the semantic
// layer, against the real server and identically in the offline demo mode:
// the demo applicant declares an expected housing aid on her dashboard, the
// count of eligible offers changes, and the offer detail explains the rent
// effort with the aid.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, withScreenOnFailure } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

const tabCount = async (page, name) => {
  const label = await page.getByRole('tab', { name }).textContent();
  return Number((label.match(/\((\d+)\)/) || [])[1]);
};

async function openOffers(page) {
  await page.getByRole('link', { name: 'Les offres' }).first().click();
  await page.getByRole('heading', { name: 'Où souhaitez-vous habiter ?' }).waitFor();
  await page.getByText(/offres? pour (?:laquelle|lesquelles) vous êtes éligible|Aucune offre/).first().waitFor();
}

async function declareAid(page, query, t) {
  await page.getByRole('textbox', { name: 'E-mail' }).fill('anne.porte@example.fr');
  await page.getByLabel('Mot de passe', { exact: true }).fill('Logement2026');
  await page.getByRole('button', { name: 'JE ME CONNECTE' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();

  await openOffers(page);
  const before = await tabCount(page, 'Communes demandées');

  await page.getByRole('link', { name: 'Ma situation' }).first().click();
  await page.getByRole('heading', { name: 'Ressources et aides au logement' }).waitFor();
  await page.getByRole('link', { name: 'Estimer mon aide au logement sur le simulateur de la CAF' }).waitFor();
  const aid = page.getByRole('textbox', { name: 'Aide au logement attendue par mois (APL ou AL, en euros)' });
  // A wrong amount first: the error at the field, in French.
  await aid.fill('beaucoup');
  await page.getByRole('button', { name: 'Enregistrer mes ressources' }).click();
  await page.getByText('Indiquez votre aide au logement en euros par mois').first().waitFor();
  assert.equal(await aid.getAttribute('aria-invalid'), 'true', query);
  await aid.fill('450,00');
  await page.getByRole('button', { name: 'Enregistrer mes ressources' }).click();
  await page.getByText(/Vos ressources et votre aide au logement sont enregistrées/).first().waitFor();

  await openOffers(page);
  await page.waitForFunction(async (b) => {
    const t = [...document.querySelectorAll('[role=tab]')].find((e) => e.textContent.startsWith('Communes demandées'));
    const n = Number(((t?.textContent || '').match(/\((\d+)\)/) || [])[1]);
    return n !== b;
  }, before, { timeout: 15000 });
  const after = await tabCount(page, 'Communes demandées');
  assert.ok(after > before, `more eligible offers with the aid (${before} -> ${after}) ${query}`);
  t.diagnostic(`Communes demandées: ${before} -> ${after} eligible offers with 450 EUR of aid`);

  // The detail explains the effort with the aid.
  await page.getByRole('link', { name: /Date limite/ }).first().click();
  await page.getByRole('button', { name: 'Je postule' }).waitFor();
  await page.getByText(/moins 450\s€ d'aide au logement/).first().waitFor();
}

for (const [label, query] of [['server', ''], ['demo', '?demo=1']]) {
  test(`resources: an expected housing aid changes the offers and their effort (${label})`, async (t) => {
    const { page, context } = await openApp(browser, server.url, '#/connexion', { query });
    try {
      await withScreenOnFailure(page, label, () => declareAid(page, query, t));
    } finally {
      await context.close();
    }
  });
}
