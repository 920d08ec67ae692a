// The browser journey through the load balancer (issue 13): Chromium against
// nginx in front of two alin_server processes sharing one PostgreSQL database,
// no sticky sessions. Sign-up, e-mail, password, import with the e-mailed code,
// file validated, offers, "Je postule", "Mes candidatures", then the advisor and
// the landlord up to the signed lease: every step may be answered by either server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startCluster } from './cluster.mjs';
import { launchEngine, openApp } from './drivers/engines.mjs';
import { pickRequest, withScreen, signUp, importFile, applies, staffLoop } from './engines/journey_steps.mjs';

test('the whole journey through nginx and two servers on PostgreSQL', { timeout: 300000 }, async () => {
  const cluster = await startCluster({ servers: 2 });
  const engine = await launchEngine('chromium');
  try {
    await pickRequest(cluster.url);
    const page = await openApp(engine, cluster.url, '#/');
    const email = `zoe.cluster.${Date.now()}@example.fr`;
    await withScreen(page, 'cluster-journey', async () => {
      await signUp(page, email);
      await importFile(page);
      await applies(page);
      await staffLoop(page, email);
    });
    assert.deepEqual(page.errors, []);
    await page.close();
    // Both servers answered API requests of this journey.
    const log = cluster.accessLog();
    for (const server of cluster.servers) {
      const answered = log.split('\n').filter((l) => l.includes('/api/v1/') && l.includes(`upstream=127.0.0.1:${server.port} `)).length;
      assert.ok(answered > 0, `server on port ${server.port} answered no API request:\n${log.slice(-2000)}`);
    }
  } finally {
    await engine.close();
    await cluster.stop();
  }
});
