// The long journeys, written once against the engine-neutral driver
// (tests/e2e/drivers) and run in Chromium, Firefox and WebKit against the real
// server: sign-up -> validation e-mail -> password -> import with the e-mailed
// code -> file validated -> offers -> "Je postule" -> "Mes candidatures", then
// the staff loop (advisor, landlord) up to the signed lease.
// Run: node --test tests/e2e/engines/  (ALIN_ENGINES=firefox to pick engines).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../harness.mjs';
import { pickRequest, withScreen, signUp, importFile, applies, staffLoop } from './journey_steps.mjs';
import { ENGINES, launchEngine, openApp } from '../drivers/engines.mjs';

// A fresh server per engine: the advisor and landlord then see only this applicant.
async function freshServer() {
  const server = await startServer();
  await pickRequest(server.url);
  return server;
}

for (const name of ENGINES) {
  test(`${name}: sign-up, file, offers, "Je postule", "Mes candidatures", then the staff loop`, { timeout: 240000 }, async () => {
    const server = await freshServer();
    const engine = await launchEngine(name);
    try {
      const page = await openApp(engine, server.url, '#/');
      const email = `zoe.${name}.${Date.now()}@example.fr`;
      await withScreen(page, `engines-${name}-journey`, async () => {
        await signUp(page, email);
        await importFile(page);
        await applies(page);
        await staffLoop(page, email);
      });
      assert.deepEqual(page.errors, []);
      await page.close();
    } finally {
      await engine.close();
      await server.stop();
    }
  });
}
