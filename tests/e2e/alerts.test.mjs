// "Mes alertes" (issue 14 part 1) end to end against the real server: Anne
// creates an alert from the offers screen, a landlord publishes an offer she is
// eligible for (API call), the e-mail arrives in the development mailbox with
// the List-Unsubscribe link, its first link opens the offer, and its
// unsubscribe link works in a browser without a session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, mailbox, withScreenOnFailure } from './harness.mjs';

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

// The landlord's session cookie, from the API (no browser needed for that side).
async function landlordCookie(baseUrl) {
  const r = await fetch(baseUrl + 'api/v1/session', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'bailleur@parishabitat.example', password: 'Bailleur2026' }),
  });
  assert.equal(r.status, 200, 'landlord log-in');
  return r.headers.get('set-cookie').split(';')[0];
}

test('an alert created from the offers screen e-mails a matching new offer; its links work', async () => {
  const server = await startServer();
  try {
    const { page, context, errors } = await openApp(browser, server.url, '#/');
    await withScreenOnFailure(page, 'alerts', async () => {
      await logIn(page, 'anne.porte@example.fr', 'Logement2026');
      await page.getByRole('link', { name: 'Les offres' }).click();
      await page.getByText(/offres? pour (?:laquelle|lesquelles) vous êtes éligible/).first().waitFor();
      await page.getByRole('button', { name: 'Créer une alerte avec ces critères' }).click();
      await page.getByRole('link', { name: 'Gérer mes alertes' }).waitFor();
      await page.getByRole('link', { name: 'Gérer mes alertes' }).click();
      await page.getByRole('heading', { name: 'Mes alertes', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Mettre en pause' }).waitFor();

      // An offer like one Anne sees, published by Paris Habitat.
      const found = await page.evaluate(() => fetch('api/v1/offers?tab=requested').then((r) => r.json()));
      const card = found.items[0];
      const cookie = await landlordCookie(server.url);
      const added = await fetch(server.url + 'api/v1/offers', {
        method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: JSON.stringify({ insee: card.insee, street: '3 rue des Alertes', typology: card.rooms, surface: 48,
          funding: card.funding, kind: card.kindCode, rentCents: card.rentCents, chargesCents: card.chargesCents }),
      });
      assert.equal(added.status, 201, 'offer published');
      const offerId = (await added.json()).offer.id;

      const mails = await mailbox(server.url, 'anne.porte@example.fr');
      const mail = mails.find((m) => /Nouvelle offre/.test(m.subject));
      assert.ok(mail, 'the alert e-mail: ' + mails.map((m) => m.subject).join(' | '));
      assert.match(mail.links[0].url, new RegExp('#/offre/' + offerId + '$'));
      assert.match(mail.links[1].unsubscribe, /api\/v1\/alerts\/unsubscribe\?token=\d+\.[0-9a-f]{32}$/);

      // Its link opens the offer.
      await page.goto(mail.links[0].url);
      await page.getByRole('button', { name: 'Je postule' }).waitFor();
      await page.getByText('3 rue des Alertes').first().waitFor();

      // Its unsubscribe link, in a browser without a session: one click.
      const { page: other, context: otherContext } = await openApp(browser, server.url, '#/');
      await other.goto(mail.links[1].url);
      await other.getByText(/C'est fait/).first().waitFor();
      await otherContext.close();
      await page.goto(server.url + '#/alertes');
      await page.getByRole('button', { name: 'Réactiver' }).waitFor();
      // The RFC 8058 POST of a mail client works as well (already paused: still 200).
      const oneClick = await fetch(mail.links[1].unsubscribe, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
      assert.equal(oneClick.status, 200);
    });
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await server.stop();
  }
});
