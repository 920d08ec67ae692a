// The whole journey in English (issue 15 part 1), against the real server and in
// the offline demo mode: the header's switch on the home page, sign-up, the
// validation e-mail, the password, the import with the e-mailed code, the file
// completed and validated, the offers and their three tabs, Apply, "My
// applications". Then the account keeps its language: switched while signed in,
// it comes back at the next sign-in from a fresh browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, launch, openApp, withScreenOnFailure, ROOT } from './harness.mjs';

let server, browser, pick;
before(async () => {
  server = await startServer();
  browser = await launch();
  // A registered request to import (deterministic registry, the same in the demo
  // mode): with an employer and an address, created after 20/04/2021.
  const r = await fetch(server.url + 'api/v1/registry/requests?offset=0&limit=100');
  const { requests } = await r.json();
  pick = requests.find((q) => q.applicant?.employerSiret && q.applicant?.email && q.createdOn >= '2021-04-20' &&
    q.numeroUnique !== '1110920621114ACLOG');
  assert.ok(pick, 'a suitable registered request');
});
after(async () => { await browser?.close(); await server?.stop(); });

const exact = (name) => ({ name, exact: true });
const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);

// The header's switch: "English" (lang en) on a French page, "Français" (lang fr) on an English one.
async function switchTo(page, lang) {
  const label = lang === 'en' ? 'English' : 'Français';
  const button = page.getByRole('button', exact(label));
  assert.equal(await button.getAttribute('lang'), lang);
  await button.click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  const back = page.getByRole('button', exact(lang === 'en' ? 'Français' : 'English'));
  await back.waitFor();
  assert.equal(await back.getAttribute('lang'), lang === 'en' ? 'fr' : 'en');
}

async function readMailbox(page, address) {
  await page.getByRole('button', exact('Demo mailbox')).first().click();
  await page.getByRole('textbox', exact('Email address')).fill(address);
  await page.getByRole('button', exact('Show messages')).click();
  await page.getByRole('heading', { name: /Action Logement Services/ }).first().waitFor();
}

async function signUpAndSignIn(page, email) {
  await page.goto(page.url().split('#')[0] + '#/creer-mon-compte');
  await page.getByRole('textbox', { name: /^Last name at birth/ }).fill('Porte');
  await page.getByRole('textbox', { name: /^First name/ }).fill('Anne');
  await page.getByRole('textbox', { name: /^Mobile phone/ }).fill('0604505792');
  await page.getByRole('textbox', { name: /^Email/ }).fill(email);
  await page.getByRole('checkbox', { name: 'I understand and accept' }).check();
  await page.getByRole('button', exact('Create my account')).click();
  await page.getByRole('heading', exact('Account confirmation')).waitFor();
  // The validation e-mail is written in English: the account took the page's language.
  await readMailbox(page, email);
  await page.getByRole('link', exact('Click here')).first().click();
  await page.getByRole('button', exact('Click here')).click();
  await page.getByLabel('New password', { exact: true }).fill('Logement2026');
  await page.getByLabel('Confirm password', { exact: true }).fill('Logement2026');
  await page.getByRole('button', exact('CONFIRM')).click();
  await page.getByRole('button', exact('Back to the app')).click();
  await page.getByRole('textbox', exact('Email')).fill(email);
  await page.getByLabel('Password', { exact: true }).fill('Logement2026');
  await page.getByRole('button', exact('SIGN IN')).click();
  await page.getByRole('heading', exact('Hello Anne')).waitFor();
}

async function importAndValidate(page) {
  await page.getByRole('heading', exact('Import your social-housing request')).waitFor();
  await page.getByRole('textbox', { name: /^Numéro Unique/ }).fill(pick.numeroUnique);
  await page.getByRole('button', exact('Confirm')).click();
  await page.getByText(/^A code has been sent to the email address linked to your request/).first().waitFor();
  await readMailbox(page, pick.applicant.email);
  const codeText = await page.getByText(/^Code:\s/).first().textContent();
  const secret = codeText.replace(/^Code:\s/, '').trim();
  await page.getByRole('link', exact('My situation')).click();
  await page.getByRole('button', exact('Get a new code')).waitFor();
  await page.getByRole('textbox', { name: /^My access code/ }).fill(secret);
  await page.getByRole('button', exact('CONFIRM')).click();

  await page.getByRole('heading', exact('1. My NUR/NUD information')).waitFor();
  await page.getByRole('button', exact('Next step')).click();
  await page.getByRole('heading', exact("2. Information to complete for AL'in")).waitFor();
  await page.getByRole('radio', exact(pick.applicant.firstName + ' ' + pick.applicant.lastName)).check();
  await page.getByRole('textbox', { name: /^Employer's name/ }).fill('Entreprise Exemple');
  await page.getByRole('button', exact('Confirm my company')).click();
  await page.getByText('Your company is confirmed.').first().waitFor();
  await page.getByRole('radio', { name: /^Choice 3:/ }).check();
  await page.getByText('Your choice has been saved.').first().waitFor();
  await page.getByRole('button', exact('Next step')).click();
  await page.getByRole('heading', exact('3. Supporting documents for my NUR/NUD')).waitFor();
  for (const name of [/ - Identity:/, / - Income:/, / - Tax notice:/, / - Reason:/]) {
    await page.getByRole('checkbox', { name }).check();
  }
  await page.waitForFunction(() => !document.querySelector('[data-sem-id="file.validate"]').disabled);
  await page.getByRole('button', exact('Validate my file')).click();
  await page.getByText(/File validated/).first().waitFor();
}

// The three tabs, then the first offer of any of them: Apply, "My applications".
async function offersAndApply(page) {
  await page.getByRole('link', exact('Offers')).click();
  await page.getByRole('heading', exact('Where would you like to live?')).waitFor();
  const tabs = ['Requested municipalities', 'Neighbouring municipalities', 'Other municipalities in the department'];
  let applied = false;
  for (const tab of tabs) {
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForFunction((t) => [...document.querySelectorAll('[role=tab]')].some(
      (e) => e.getAttribute('aria-selected') === 'true' && e.textContent.startsWith(t)), tab);
    await page.getByText(/offers? you are eligible for|^No offer matches/).first().waitFor();
    if (applied) continue;
    const card = page.getByRole('link', { name: /^T\d - / }).first();
    if (!(await card.count())) continue;
    await card.click();
    await page.getByRole('button', exact('Apply')).click();
    const dialog = page.getByRole('dialog', exact('This home has been added to your applications'));
    await dialog.getByRole('button', exact('OK')).click();
    await page.getByRole('heading', exact('My current applications')).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Application submitted' }).first().waitFor();
    applied = true;
    await page.getByRole('link', exact('Offers')).click();
    await page.getByRole('heading', exact('Where would you like to live?')).waitFor();
  }
  assert.ok(applied, 'an offer to apply to in one of the three tabs');
  await page.getByRole('link', { name: /^My applications/ }).click();
  await page.getByRole('heading', exact('My current applications')).waitFor();
}

async function journey(page) {
  assert.equal(await htmlLang(page), 'fr');
  await switchTo(page, 'en');
  assert.match(await page.title(), /AL'in/);
  await page.getByRole('banner').getByRole('button', exact('Sign in')).waitFor();  // the header, in English at once
  await signUpAndSignIn(page, `anne.${Date.now()}@example.fr`);
  await importAndValidate(page);
  await offersAndApply(page);
  assert.equal(await htmlLang(page), 'en');
  assert.equal(await page.getByRole('button', exact('Se déconnecter')).count(), 0);
  await page.getByRole('button', exact('Sign out')).waitFor();
}

test('the journey in English against the real server; every API request says Accept-Language: en', async () => {
  const { page, context, errors } = await openApp(browser, server.url, '#/');
  const languages = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/')) languages.push(r.headers()['accept-language']);
  });
  await withScreenOnFailure(page, 'english-server', () => journey(page));
  const afterSwitch = languages.slice(2);  // the health check and the session check came before the switch
  assert.ok(afterSwitch.length > 10);
  assert.deepEqual([...new Set(afterSwitch)], ['en']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the journey in English in the offline demo mode, no server call', async () => {
  const { page, context, errors } = await openApp(browser, server.url, '#/', { query: '?demo=1' });
  const apiCalls = [];
  page.on('request', (r) => { if (r.url().includes('/api/')) apiCalls.push(r.url()); });
  await withScreenOnFailure(page, 'english-demo', () => journey(page));
  assert.deepEqual(apiCalls, []);
  assert.deepEqual(errors, []);
  await context.close();
});

// Issue 17 (first load): the build carries French only; English is a file of its own.
test('English is a file of its own: not loaded by a French page, fetched (content-hashed, immutable) when chosen, fetched by the loader for a page that starts in English', async () => {
  const { page, context, errors } = await openApp(browser, server.url, '#/connexion');
  const files = [];
  page.on('response', (r) => { if (/alin-en[.\w]*\.json/.test(r.url())) files.push(r); });
  await page.getByRole('button', exact('JE ME CONNECTE')).waitFor();
  assert.deepEqual(files.map((r) => r.url()), []);
  await switchTo(page, 'en');
  assert.equal(files.length, 1);
  assert.match(new URL(files[0].url()).pathname, /^\/alin-en\.[0-9a-f]{16}\.json$/);
  assert.equal(files[0].status(), 200);
  assert.match(files[0].headers()['cache-control'], /immutable/);
  await page.getByRole('button', exact('SIGN IN')).waitFor();
  // Reloaded, the page starts in English: the loader fetched the file with the wasm,
  // and the first frame is already in English (the switch never said "English").
  await context.addInitScript(() => {
    window.__switchLabels = [];
    new MutationObserver(() => {
      const n = document.querySelector('[data-sem-id="header.language"]');
      const label = n && (n.getAttribute('aria-label') || n.textContent);
      if (label && window.__switchLabels[window.__switchLabels.length - 1] !== label) window.__switchLabels.push(label);
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 30000 });
  await page.getByRole('button', exact('SIGN IN')).waitFor({ timeout: 5000 });
  assert.deepEqual(await page.evaluate(() => window.__switchLabels), ['Français']);
  assert.equal(await htmlLang(page), 'en');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the language is kept for the account: switched while signed in, back at the next sign-in elsewhere', async () => {
  const first = await openApp(browser, server.url, '#/connexion');
  await withScreenOnFailure(first.page, 'english-account', async () => {
    const page = first.page;
    await page.getByRole('textbox', exact('E-mail')).fill('anne.porte@example.fr');
    await page.getByLabel('Mot de passe', { exact: true }).fill('Logement2026');
    await page.getByRole('button', exact('JE ME CONNECTE')).click();
    await page.getByRole('button', exact('Se déconnecter')).waitFor();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/me/language') && r.request().method() === 'PUT');
    await switchTo(page, 'en');
    assert.equal((await saved).status(), 200);
    await page.getByRole('button', exact('Sign out')).click();
    await page.getByRole('button', exact('SIGN IN')).waitFor();  // signed out, still in English here
  });
  assert.deepEqual(first.errors, []);
  await first.context.close();

  // A fresh browser (nothing stored) starts in French; signing in brings the account's English.
  const second = await openApp(browser, server.url, '#/connexion');
  await withScreenOnFailure(second.page, 'english-account-again', async () => {
    const page = second.page;
    assert.equal(await htmlLang(page), 'fr');
    await page.getByRole('textbox', exact('E-mail')).fill('anne.porte@example.fr');
    await page.getByLabel('Mot de passe', { exact: true }).fill('Logement2026');
    await page.getByRole('button', exact('JE ME CONNECTE')).click();
    await page.getByRole('button', exact('Sign out')).waitFor();
    assert.equal(await htmlLang(page), 'en');
    await page.getByRole('button', exact('Français')).waitFor();
    // Put the account back in French for whoever comes next.
    await switchTo(page, 'fr');
  });
  assert.deepEqual(second.errors, []);
  await second.context.close();
});

test('screenshots of the header in both languages at 375 px', async () => {
  const dir = path.join(ROOT, 'test-results', 'shots-en');
  mkdirSync(dir, { recursive: true });
  const { page, context, errors } = await openApp(browser, server.url, '#/', { viewport: { width: 375, height: 667 } });
  const clip = { x: 0, y: 0, width: 375, height: 130 };
  await page.screenshot({ path: path.join(dir, 'header-fr-375.png'), clip });
  await switchTo(page, 'en');
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(dir, 'header-en-375.png'), clip });
  assert.deepEqual(errors, []);
  await context.close();
});
