// Phones (issue 10 items 1-3, WCAG 1.4.10 reflow): every screen of the journey
// at 320, 375 and 390 px wide keeps everything inside the viewport - no mirrored
// element and no drawn text beyond the right edge, no text cut by a clip, the
// document never wider than the screen and the mirrors never scrolled sideways
// away from what is drawn. The journey itself (sign-up -> file -> offers ->
// apply -> Mes candidatures, then the staff screens) is done at 375 px by taps
// on a touch screen. And text is sized like the browser's CSS px.
//
// The app publishes what it drew when window.__alinLayoutProbe is set
// (src/platform/main_web.cpp): the horizontal extent of the drawn glyphs, the
// glyph vertices cut by a clip rectangle, and its font metrics.
// ALIN_SHOTS_DIR=<folder> saves a screenshot of each screen at 375 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, launch, openApp, mailbox, withScreenOnFailure } from './harness.mjs';

const WIDTHS = [320, 375, 390];
const HEIGHT = 667;
const SHOTS = process.env.ALIN_SHOTS_DIR || '';

let server, browser, pick;
before(async () => {
  // ALIN_E2E_WEB_ROOT: another build of the client (to check the test fails on an older one).
  server = await startServer({ env: process.env.ALIN_E2E_WEB_ROOT ? { ALIN_WEB_ROOT: process.env.ALIN_E2E_WEB_ROOT } : {} });
  browser = await launch();
  const r = await fetch(server.url + 'api/v1/registry/requests?offset=0&limit=100');
  const { requests } = await r.json();
  pick = requests.find((q) => q.applicant?.employerSiret && q.applicant?.email && q.createdOn >= '2021-04-20' &&
    q.numeroUnique !== '1110920621114ACLOG');
  assert.ok(pick, 'a suitable registered request');
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});
after(async () => { await browser?.close(); await server?.stop(); });

async function openPhone(route, query = '') {
  const { context, page, errors } = await openApp(browser, server.url, route, {
    viewport: { width: 375, height: HEIGHT }, query,
    contextOptions: { hasTouch: true, isMobile: true, deviceScaleFactor: 2 },
  });
  return { context, page, errors };
}

// Two animation frames: the app has drawn (and probed) what the DOM shows.
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

// What is outside the viewport at the current width, as readable lines (empty = fine).
async function overflowAt(page, screenWidth) {
  await page.waitForFunction(() => window.__alinLayout && window.__alinLayout.width === window.innerWidth);
  await settle(page);
  return page.evaluate((screenWidth) => {
    const vw = window.innerWidth;
    const out = [];
    // A mobile browser widens the layout viewport (zooming out) when the page is wider than the screen.
    if (vw !== screenWidth) out.push(`layout viewport ${vw} px wide for a ${screenWidth} px screen`);
    const doc = document.documentElement;
    if (doc.scrollWidth > vw) out.push(`document ${doc.scrollWidth} px wide for ${vw}`);
    if (document.body.scrollWidth > vw) out.push(`body ${document.body.scrollWidth} px wide for ${vw}`);
    for (const el of [document.scrollingElement, document.getElementById('sem-root'), ...document.querySelectorAll('#sem-root .sem-clip')]) {
      if (el && el.scrollLeft !== 0) out.push(`${el.id || el.dataset.semId || el.tagName} scrolled ${el.scrollLeft} px sideways`);
    }
    for (const el of document.querySelectorAll('#sem-root [data-sem-id]')) {
      const n = el.__n;
      if (!n || n.w <= 0 || n.h <= 0) continue;
      const name = `${n.r} "${(n.n || '').slice(0, 50)}"`;
      // The widget as laid out by the app...
      if (n.x < -0.5 || n.x + n.w > vw + 0.5) out.push(`${name} laid out at x ${Math.round(n.x)}..${Math.round(n.x + n.w)}`);
      // ...and its mirror, which must stand over it (no sideways drift).
      const r = el.getBoundingClientRect();
      if (r.left < -0.5 || r.right > vw + 0.5) out.push(`${name} mirrored at x ${Math.round(r.left)}..${Math.round(r.right)}`);
      if (Math.abs(r.left - n.x) > 1) out.push(`${name} mirror at x ${Math.round(r.left)}, widget at ${Math.round(n.x)}`);
    }
    const L = window.__alinLayout;
    if (L.textMaxX > vw + 0.5) out.push(`text drawn up to x ${Math.round(L.textMaxX)}`);
    if (L.textMinX < -0.5) out.push(`text drawn from x ${Math.round(L.textMinX)}`);
    if (L.cutGlyphVertices > 0) out.push(`${L.cutGlyphVertices} glyph vertices cut by a clip rectangle`);
    return out;
  }, screenWidth);
}

const failures = [];
// Checks the screen at 320, 375 and 390 px, then comes back to 375 px.
async function checkScreen(page, label) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT });
    const problems = await overflowAt(page, width);
    if (problems.length) failures.push(`${label} at ${width} px:\n  ` + problems.slice(0, 12).join('\n  '));
  }
  await page.setViewportSize({ width: 375, height: HEIGHT });
  await page.waitForFunction(() => window.__alinLayout && window.__alinLayout.width === window.innerWidth);
  await settle(page);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${String(shotNo++).padStart(2, '0')}-${label.replace(/[^a-z0-9]+/gi, '-')}.png`) });
}
let shotNo = 1;

// A tap on a touch-sized target (WCAG 2.5.8: at least 24 x 24 CSS px).
async function tap(locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box || box.width < 24 || box.height < 24) {
    failures.push(`touch target ${await locator.evaluate((e) => e.dataset.semId)} is ${box && Math.round(box.width)} x ${box && Math.round(box.height)} px`);
  }
  await locator.tap();
}

async function logIn(page, email, password) {
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await tap(page.getByRole('button', { name: /je me connecte/i }));
}

async function logOut(page) {
  await tap(page.getByRole('button', { name: 'Se déconnecter' }).first());
  await page.getByRole('button', { name: /je me connecte/i }).waitFor();
}

// The nav collapses behind "Menu" on phones.
async function navTo(page, name) {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.count()) await tap(menu);
  await tap(page.getByRole('link', { name }));
}

async function openSomeOffer(page) {
  for (const tab of ['Communes demandées', 'Communes limitrophes', 'Autres communes du département']) {
    await tap(page.getByRole('tab', { name: new RegExp(tab) }));
    await page.waitForFunction((t) => [...document.querySelectorAll('[role=tab]')]
      .some((e) => e.getAttribute('aria-selected') === 'true' && e.textContent.startsWith(t)), tab);
    const label = await page.getByRole('tab', { name: new RegExp(tab) }).textContent();
    if (Number((label.match(/\((\d+)\)/) || [])[1] || 0) > 0) {
      const card = page.getByRole('link', { name: /Date limite/ }).first();
      await card.waitFor();
      await tap(card);
      return;
    }
  }
  throw new Error('no offer in any tab');
}

async function journey(page) {
  const email = `zoe.${Date.now()}@example.fr`;
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await checkScreen(page, 'home');
  await tap(page.getByRole('button', { name: 'Se connecter' }).first());
  await page.getByRole('button', { name: /je me connecte/i }).waitFor();
  await checkScreen(page, 'login');

  // Sign-up.
  await tap(page.getByRole('button', { name: 'Créer mon compte' }));
  await page.getByRole('heading', { name: 'Création de compte' }).waitFor();
  await checkScreen(page, 'signup');
  await page.getByRole('textbox', { name: 'Nom de naissance' }).fill('Lefèvre');
  await page.getByRole('textbox', { name: 'Prénom' }).fill('Zoé');
  await page.getByRole('textbox', { name: 'Téléphone portable' }).fill('06 04 50 57 92');
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await tap(page.getByRole('checkbox', { name: "J'ai compris et j'accepte" }));
  await tap(page.getByRole('button', { name: 'Créer mon compte' }));
  await page.getByRole('heading', { name: 'Validation du compte' }).waitFor();
  await checkScreen(page, 'signup-sent');

  // The e-mailed link, the password.
  await tap(page.getByRole('button', { name: 'Boîte e-mail de démonstration' }).first());
  await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill(email);
  await tap(page.getByRole('button', { name: 'Afficher les messages' }));
  await page.getByRole('heading', { name: /Action Logement Services/ }).first().waitFor();
  await checkScreen(page, 'mailbox');
  await tap(page.getByRole('link', { name: 'Cliquez ici' }).first());
  await tap(page.getByRole('button', { name: 'Cliquez ici' }));
  await page.getByLabel('Nouveau mot de passe').fill('Logement2026');
  await page.getByLabel('Confirmation du mot de passe').fill('Logement2026');
  await checkScreen(page, 'password');
  await tap(page.getByRole('button', { name: 'VALIDER' }));
  await tap(page.getByRole('button', { name: "Revenir à l'application" }));
  await logIn(page, email, 'Logement2026');
  await page.getByRole('heading', { name: 'Bonjour Zoé' }).waitFor();
  await checkScreen(page, 'dashboard-import');

  // Import: the department picker, then the Numéro Unique and its code.
  await tap(page.locator('[data-sem-id="import.noNu"]'));  // a link today, a disclosure button soon
  await page.getByRole('combobox', { name: 'Votre département de recherche' }).fill('finis');
  await tap(page.getByRole('option', { name: '29 - Finistère' }));
  await page.getByRole('link', { name: /demandelogement29\.fr/ }).waitFor();
  await checkScreen(page, 'import-department');
  await page.getByRole('textbox', { name: 'Numéro Unique' }).fill(pick.numeroUnique);
  await tap(page.getByRole('button', { name: 'Valider', exact: true }));
  await page.getByRole('textbox', { name: "Mon code d'accès" }).waitFor();
  await checkScreen(page, 'import-code');
  const mails = await mailbox(server.url, pick.applicant.email);
  const code = mails.flatMap((m) => m.codes || []).pop();
  assert.ok(code, 'the import code e-mailed');
  await page.getByRole('textbox', { name: "Mon code d'accès" }).fill(code);
  await tap(page.getByRole('button', { name: 'VALIDER' }));

  // The three panels.
  await page.getByRole('heading', { name: '1. Les informations de mon NUR-NUD' }).waitFor();
  await checkScreen(page, 'file-panel-1');
  await tap(page.getByRole('button', { name: 'Étape suivante' }));
  await page.getByRole('heading', { name: "2. Les informations à compléter pour AL'in" }).waitFor();
  await tap(page.getByRole('radio', { name: pick.applicant.firstName + ' ' + pick.applicant.lastName }));
  await page.getByRole('textbox', { name: "Nom de l'employeur" }).fill('Entreprise Exemple');
  await tap(page.getByRole('button', { name: "Je valide l'entreprise" }));
  await page.getByText('Votre entreprise est validée.').first().waitFor();
  await tap(page.getByRole('radio', { name: /Choix n°3/ }));
  await page.getByText('Votre choix est enregistré.').first().waitFor();
  await checkScreen(page, 'file-panel-2');
  await tap(page.getByRole('button', { name: 'Étape suivante' }));
  await page.getByRole('heading', { name: '3. Les pièces justificatives de mon NUR/NUD' }).waitFor();
  for (const name of ['Identité', 'Ressources', "Avis d'imposition", 'Motif']) {
    await tap(page.getByRole('checkbox', { name: new RegExp(name) }));
  }
  await page.waitForFunction(() => !document.querySelector('[data-sem-id="file.validate"]').disabled);
  await checkScreen(page, 'file-panel-3');
  await tap(page.getByRole('button', { name: 'Valider mon dossier' }));
  await page.getByText('Statut du dossier : Dossier validé').waitFor();
  await checkScreen(page, 'file-dashboard');

  // The navigation (collapsed behind "Menu" when it does not fit), the offers with their filters.
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.count()) {
    await tap(menu);
    await page.getByRole('link', { name: 'Les offres' }).waitFor();
    await checkScreen(page, 'nav-menu-open');
    await tap(page.getByRole('link', { name: 'Les offres' }));
  } else {
    await tap(page.getByRole('link', { name: 'Les offres' }));
  }
  await page.getByRole('heading', { name: 'Où souhaitez-vous habiter ?' }).waitFor();
  await page.getByText(/offres? pour (?:laquelle|lesquelles) vous êtes éligible|Aucune offre/).first().waitFor();
  // The last chips (off screen before): tapping one must not scroll the mirrors sideways.
  await tap(page.getByRole('checkbox', { name: '5 pièces et plus' }));
  await tap(page.getByRole('checkbox', { name: 'Adapté aux personnes à mobilité réduite' }));
  await tap(page.getByRole('checkbox', { name: 'Adapté aux personnes à mobilité réduite' }));
  await tap(page.getByRole('checkbox', { name: '5 pièces et plus' }));
  await page.getByRole('textbox', { name: /Prix minimum/ }).focus();
  await checkScreen(page, 'offers-filters');

  await openSomeOffer(page);
  await page.getByRole('button', { name: 'Je postule' }).waitFor();
  await page.getByText(/Taux d'effort/).first().waitFor();
  await checkScreen(page, 'offer-detail');
  await tap(page.getByRole('button', { name: 'Je postule' }));
  const applied = page.getByRole('dialog', { name: /ajouté à vos candidatures/ });
  await applied.waitFor();
  await checkScreen(page, 'apply-dialog');
  await tap(applied.getByRole('button', { name: 'OK' }));
  await page.getByRole('heading', { name: 'Mes candidatures en cours' }).waitFor();
  await page.getByRole('button', { name: 'Annuler cette candidature' }).waitFor();
  await checkScreen(page, 'applications');
  await tap(page.getByRole('button', { name: 'Annuler cette candidature' }));
  await page.getByRole('dialog').first().waitFor();
  await checkScreen(page, 'cancel-dialog');
  await tap(page.getByRole('button', { name: 'Non, la conserver' }));
  await logOut(page);

  // The other side: advisor, landlord, employer.
  for (const [who, mail, password, heading] of [
    ['advisor', 'conseiller@actionlogement.example', 'Conseiller2026', 'Espace conseiller Action Logement'],
    ['landlord', 'bailleur@parishabitat.example', 'Bailleur2026', /Espace bailleur/],
    ['employer', 'employeur@entreprise.example', 'Employeur2026', /Espace employeur/]]) {
    await logIn(page, mail, password);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await page.getByText('Chargement…').first().waitFor({ state: 'detached' }).catch(() => {});
    await checkScreen(page, 'staff-' + who);
    await logOut(page);
  }
}

test('the journey at 375 px by taps, every screen fitting 320, 375 and 390 px', { timeout: 600000 }, async () => {
  const { page, context, errors } = await openPhone('#/');
  await page.evaluate(() => { window.__alinLayoutProbe = true; });
  await withScreenOnFailure(page, 'phones-journey', async () => {
    try {
      await journey(page);
    } catch (e) {
      if (failures.length) e.message += '\n--- layout problems before this step ---\n' + failures.join('\n');
      throw e;
    }
  });
  assert.deepEqual(failures, [], '\n' + failures.join('\n'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('text is sized like CSS px: DejaVu Sans 16 px with a 24 px line, as the DOM draws it', async () => {
  const { page, context } = await openPhone('#/connexion');
  await page.evaluate(() => { window.__alinLayoutProbe = true; });
  await page.mouse.move(10, 10);
  await page.waitForFunction(() => window.__alinLayout);
  const r = await page.evaluate(async () => {
    await document.fonts.load('16px "DejaVu Sans"');
    await document.fonts.load('bold 16px "DejaVu Sans"');
    const L = window.__alinLayout;
    const ctx = document.createElement('canvas').getContext('2d');
    const specs = { body: ['', 16], bold: ['bold ', 16], small: ['', 14], h1: ['bold ', 28], h2: ['bold ', 22] };
    const out = { available: document.fonts.check('16px "DejaVu Sans"') };
    for (const [name, [weight, px]] of Object.entries(specs)) {
      ctx.font = `${weight}${px}px "DejaVu Sans"`;
      const m = ctx.measureText(L.sample);
      const h = ctx.measureText('H');
      out[name] = { px, app: L.fonts[name], domWidth: m.width, domCap: h.actualBoundingBoxAscent + h.actualBoundingBoxDescent };
    }
    // A DOM reference paragraph in DSFR's body style: its line height.
    const p = document.createElement('p');
    p.style.cssText = 'position:absolute;left:0;top:0;width:60px;margin:0;font:16px/1.5 "DejaVu Sans"';
    p.textContent = 'AL in AL in AL in';
    document.body.appendChild(p);
    const lines = Math.round(p.getBoundingClientRect().height / 24);
    out.domLine = p.getBoundingClientRect().height / lines;
    p.remove();
    return out;
  });
  assert.ok(r.available, 'DejaVu Sans is installed (fonts-dejavu-core), the reference text needs it');
  for (const name of ['body', 'bold', 'small', 'h1', 'h2']) {
    const f = r[name];
    const ratio = f.app.sampleWidth / f.domWidth;
    assert.ok(Math.abs(ratio - 1) < 0.03,
      `${name} (${f.px} px): the app's sample is ${f.app.sampleWidth.toFixed(1)} px wide, the DOM's ${f.domWidth.toFixed(1)} px (ratio ${ratio.toFixed(3)})`);
    assert.ok(Math.abs(f.app.capHeight - f.domCap) <= 1.5,
      `${name} (${f.px} px): cap height ${f.app.capHeight.toFixed(1)} px in the app, ${f.domCap.toFixed(1)} px in the DOM`);
  }
  assert.equal(r.body.app.lineHeight, 24, 'body line height 1.5 x 16 px');
  assert.equal(r.body.app.lineHeight, r.domLine, 'the same line height as a DOM paragraph at 16px/1.5');
  assert.equal(r.small.app.lineHeight, 24, 'small text (14 px) keeps a 24 px line');
  await context.close();
});
