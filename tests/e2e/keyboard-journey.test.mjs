// The applicant's journey by keyboard alone at 375 px (issue 10, "Done when"):
// sign-up -> the validation e-mail in the demo mailbox -> password -> import of
// the request with the e-mailed code -> panels 1-3 validated; then log in ->
// offers -> an offer -> "Je postule" -> the dialog -> "Mes candidatures".
// Tab, Shift+Tab, Enter, Space, arrows and typed characters only (no click, no
// fill), counting the keystrokes (printed). axe-core runs on every screen on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, withScreenOnFailure, checkA11y } from './harness.mjs';

let server, browser, pick;
before(async () => {
  server = await startServer();
  browser = await launch();
  // A registered request to import (the registry is deterministic, the same in
  // the demo mode): generated, with an employer, created after 20/04/2021.
  const r = await fetch(server.url + 'api/v1/registry/requests?offset=0&limit=100');
  const { requests } = await r.json();
  pick = requests.find((q) => q.applicant?.employerSiret && q.applicant?.email && q.createdOn >= '2021-04-20' &&
    q.numeroUnique !== '1110920621114ACLOG');
  assert.ok(pick, 'a suitable registered request');
});
after(async () => { await browser?.close(); await server?.stop(); });

function keyboard(page) {
  let count = 0;
  const state = () => page.evaluate(() => {
    const a = document.activeElement;
    return { id: a?.dataset?.semId || null, tag: a?.tagName, name: (a?.getAttribute('aria-label') || a?.textContent || '').trim() };
  });
  return {
    page,
    get count() { return count; },
    async press(key) { count++; await page.keyboard.press(key); },
    async type(text) { count += text.length; await page.keyboard.type(text); },
    // Presses `key` until the focused element matches (at most `max` times).
    async until(key, match, max = 40) {
      const path = [];
      for (let i = 0; i < max; i++) {
        const s = await state();
        if (match(s)) return s;
        path.push(s.id || `${s.tag}:${s.name.slice(0, 20)}`);
        count++;
        await page.keyboard.press(key);
        // Two frames: the mirror follows focus-driven scrolling.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      }
      throw new Error(`focus never reached the target with ${key}; last ${JSON.stringify(await state())}; ` +
        `visited ${path.join(' > ')}; DOM order ${await page.evaluate(() => [...document.querySelectorAll('[data-sem-id]')]
          .filter((e) => e.tabIndex >= 0).map((e) => e.dataset.semId).join(' '))}`);
    },
    state,
  };
}

// Waits until `id` has focus and keeps it over a few frames (a view change moves
// focus to its h1 first, then to the field the screen asks for).
async function focusedId(page, id) {
  for (let settled = 0; settled < 3;) {
    await page.waitForFunction((i) => document.activeElement?.dataset?.semId === i, id);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    settled = (await page.evaluate((i) => document.activeElement?.dataset?.semId === i, id)) ? settled + 1 : 0;
  }
}
const h1Is = (page, text) => page.waitForFunction((t) => document.activeElement?.tagName === 'H1' &&
  document.activeElement.textContent.includes(t), text);

// Opens the phone's "Menu" disclosure (focused) with Enter and tabs to its link
// `name`. The links exist from the frame after the press: a Tab sent before that
// frame (a loaded machine) would move past the menu into the page, which a person
// who sees the menu open would not do; so wait for it to be open first.
async function openMenu(page, kb, name) {
  await kb.press('Enter');
  await page.waitForFunction((n) => document.activeElement?.getAttribute('aria-expanded') === 'true' &&
    [...document.querySelectorAll('a')].some((a) => (a.getAttribute('aria-label') || a.textContent).trim().startsWith(n)), name);
  await kb.until('Tab', (s) => s.name.startsWith(name), 12);
}

// The nav link `name` by keyboard: before the heading (Shift+Tab), behind "Menu" on a phone.
async function navTo(kb, name) {
  await kb.until('Shift+Tab', (s) => s.name.startsWith(name) || s.name === 'Menu');
  if ((await kb.state()).name === 'Menu') await openMenu(kb.page, kb, name);
  await kb.press('Enter');
}

test('keyboard only at 375 px: sign-up, e-mail, password, import with the e-mailed code, panels 1-3', async () => {
  const { page, context, errors } = await openApp(browser, server.url, '#/',
    { query: '?demo=1', viewport: { width: 375, height: 667 } });
  const kb = keyboard(page);
  const email = `zoe.${Date.now()}@example.fr`;
  await withScreenOnFailure(page, 'keyboard-signup', async () => {
    // Home -> "Se connecter" -> "Créer mon compte".
    await kb.until('Tab', (s) => s.id === 'home.login');
    await kb.press('Enter');
    await focusedId(page, 'login.email');
    await kb.until('Tab', (s) => s.id === 'login.signup');
    await kb.press('Enter');
    await page.getByRole('textbox', { name: 'Nom de naissance' }).waitFor();
    await checkA11y(page, 'sign-up');
    await kb.until('Tab', (s) => s.id === 'signup.birthName');
    await kb.type('Dupont');
    await kb.until('Tab', (s) => s.id === 'signup.firstName', 3);
    await kb.type('Zoé');
    await kb.until('Tab', (s) => s.id === 'signup.phone', 3);
    await kb.type('0604505792');
    await kb.until('Tab', (s) => s.id === 'signup.email', 3);
    await kb.type(email);
    await kb.until('Tab', (s) => s.id === 'signup.consent', 5);
    await kb.press('Space');
    await kb.until('Tab', (s) => s.id === 'signup.submit', 5);
    await kb.press('Enter');

    // The validation e-mail, read in the demo mailbox.
    await page.getByRole('heading', { name: 'Validation du compte' }).waitFor();
    await checkA11y(page, 'sign-up sent');
    await kb.until('Tab', (s) => s.id === 'sent.mailbox');
    await kb.press('Enter');
    await page.getByRole('heading', { name: /Action Logement Services/ }).first().waitFor();
    await checkA11y(page, 'mailbox');
    await kb.until('Tab', (s) => s.name === 'Cliquez ici', 40);
    await kb.press('Enter');
    await page.getByRole('button', { name: 'Cliquez ici' }).waitFor();
    await kb.until('Tab', (s) => s.name === 'Cliquez ici');
    await kb.press('Enter');

    // The password.
    await page.getByLabel('Nouveau mot de passe').waitFor();
    await checkA11y(page, 'password');
    await kb.until('Tab', (s) => s.id === 'password.new');
    await kb.type('Logement2026');
    await kb.until('Tab', (s) => s.id === 'password.confirm', 5);
    await kb.type('Logement2026');
    await kb.until('Tab', (s) => s.id === 'password.submit', 5);
    await kb.press('Enter');
    await page.getByRole('button', { name: "Revenir à l'application" }).waitFor();
    await kb.until('Tab', (s) => s.id === 'created.back');
    await kb.press('Enter');
    await focusedId(page, 'login.email');
    await kb.type(email);
    await kb.press('Tab');
    await kb.type('Logement2026');
    await kb.press('Enter');
    await page.getByRole('heading', { name: 'Importer sa demande de logement social' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    await checkA11y(page, 'import');

    // The Numéro Unique, then the code e-mailed to the registered address.
    await kb.until('Tab', (s) => s.id === 'import.nu');
    await kb.type(pick.numeroUnique);
    await kb.press('Enter');
    await page.getByRole('textbox', { name: "Mon code d'accès" }).waitFor();
    await checkA11y(page, 'import code');
    await kb.until('Tab', (s) => s.id === 'import.mailbox');
    await kb.press('Enter');
    await page.getByRole('textbox', { name: 'Adresse e-mail' }).waitFor();
    await kb.until('Tab', (s) => s.id === 'mailbox.address');
    await kb.type(pick.applicant.email);
    await kb.press('Enter');
    const codeLine = page.getByText(/^Code\s:\s/).first();
    await codeLine.waitFor();
    const secret = (await codeLine.textContent()).replace(/^Code\s:\s/, '').trim();
    await navTo(kb, 'Ma situation');
    await page.getByRole('textbox', { name: "Mon code d'accès" }).waitFor();
    await kb.until('Tab', (s) => s.id === 'import.code');
    await kb.type(secret);
    await kb.press('Enter');

    // Panel 1 (read-only) -> panel 2 -> panel 3.
    await page.getByRole('heading', { name: '1. Les informations de mon NUR-NUD' }).waitFor();
    await checkA11y(page, 'panel 1');
    await kb.until('Tab', (s) => s.id === 'file.next1', 80);
    await kb.press('Enter');
    await page.getByRole('heading', { name: "2. Les informations à compléter pour AL'in" }).waitFor();
    await checkA11y(page, 'panel 2');
    const employer = page.getByRole('textbox', { name: "Nom de l'employeur" });
    if (!(await employer.inputValue())) {
      await kb.until('Tab', (s) => s.id === 'file.employerName', 40);
      await kb.type('Entreprise Exemple');
    }
    await kb.until('Tab', (s) => s.name === "Je valide l'entreprise", 40);
    await kb.press('Enter');
    await page.getByText('Votre entreprise est validée.').first().waitFor();
    // The data-sharing choice: a radio group, arrows move the choice.
    await kb.until('Tab', (s) => s.tag === 'INPUT' && /^Choix n°/.test(s.name), 20);
    await kb.until('ArrowDown', (s) => /^Choix n°3/.test(s.name), 4);
    await page.getByText('Votre choix est enregistré.').first().waitFor();
    await kb.until('Tab', (s) => s.id === 'file.next2', 20);
    await kb.press('Enter');
    await page.getByRole('heading', { name: '3. Les pièces justificatives de mon NUR/NUD' }).waitFor();
    await checkA11y(page, 'panel 3');
    for (const name of ['Identité', 'Ressources', "Avis d'imposition", 'Motif']) {
      await kb.until('Tab', (s) => s.tag === 'INPUT' && s.name.includes(name), 20);
      await kb.press('Space');
    }
    await page.waitForFunction(() => !document.querySelector('[data-sem-id="file.validate"]').disabled);
    await kb.until('Tab', (s) => s.id === 'file.validate', 10);
    await kb.press('Enter');
    await page.getByText('Statut du dossier : Dossier validé').waitFor();
    await checkA11y(page, 'file validated');
  });
  console.log(`keyboard journey (sign-up -> e-mail -> password -> import -> panels 1-3) at 375 px: ${kb.count} keystrokes`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only at 375 px: log in, offers, apply, Mes candidatures', async () => {
  const { page, context, errors } = await openApp(browser, server.url, '#/connexion',
    { query: '?demo=1', viewport: { width: 375, height: 667 } });
  const kb = keyboard(page);
  await withScreenOnFailure(page, 'keyboard-journey', async () => {
    await checkA11y(page, 'login');
    await page.waitForFunction(() => document.activeElement?.dataset.semId === 'login.email');
    await kb.type('anne.porte@example.fr');
    await kb.press('Tab');
    await kb.type('Logement2026');
    await kb.press('Enter');
    await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    await checkA11y(page, 'dashboard');

    // The navigation sits before the screen's heading: Shift+Tab reaches it. On a
    // phone its links are behind the "Menu" disclosure button.
    await kb.until('Shift+Tab', (s) => s.name === 'Les offres' || s.name === 'Menu');
    if ((await kb.state()).name === 'Menu') await openMenu(page, kb, 'Les offres');
    await kb.press('Enter');
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Les offres');
    await page.getByRole('listitem').first().waitFor();
    await checkA11y(page, 'offers');
    const card = await kb.until('Tab', (s) => /^T\d - /.test(s.name), 60);
    await kb.press('Enter');
    await page.getByRole('button', { name: 'Je postule' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent !== 'Chargement…');
    const title = await page.evaluate(() => document.activeElement.textContent);
    assert.ok(card.name.startsWith(title), `the detail of the card chosen (${title} / ${card.name})`);
    await checkA11y(page, 'offer detail');
    // "Retour aux résultats" puts focus back on the card that was opened, in view
    // (not on the h1, which would send the user back through every filter).
    await kb.until('Shift+Tab', (s) => s.id === 'offer.back', 10);
    await kb.press('Enter');
    await page.waitForFunction(() => location.hash === '#/offres');
    await page.waitForFunction((id) => document.activeElement?.dataset?.semId === id, card.id, { timeout: 5000 })
      .catch(async () => assert.fail(`focus after "Retour aux résultats": ${JSON.stringify(await kb.state())}, expected ${card.id}`));
    const box = await page.evaluate(() => {
      const r = document.activeElement.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, vh: window.innerHeight };
    });
    assert.ok(box.top >= 0 && box.bottom <= box.vh, `the card is in view: ${JSON.stringify(box)}`);
    await kb.press('Enter');
    await page.getByRole('button', { name: 'Je postule' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent !== 'Chargement…');
    await kb.until('Tab', (s) => s.name === 'Je postule', 60);
    await kb.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Ce logement a bien été ajouté à vos candidatures' });
    await dialog.waitFor();
    await page.waitForFunction(() => !!document.activeElement?.closest('[role=dialog]'));
    await checkA11y(page, 'applied dialog');
    await kb.until('Tab', (s) => s.name === 'OK', 5);
    await kb.press('Enter');
    await page.getByRole('heading', { name: 'Mes candidatures en cours' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    await page.getByRole('listitem').filter({ hasText: 'Étape 1\u00A0: Candidature déposée (en cours)' }).waitFor();
    await checkA11y(page, 'Mes candidatures');
  });
  console.log(`keyboard journey (login -> offers -> apply -> Mes candidatures) at 375 px: ${kb.count} keystrokes`);
  assert.deepEqual(errors, []);
  await context.close();
});
