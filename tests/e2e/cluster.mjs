// The system as it runs on several machines, for browser tests: a throwaway
// PostgreSQL (scripts/pg-throwaway.sh), two alin_server processes on it, and
// nginx in front with the configuration of scripts/cluster.sh
// (scripts/nginx-conf.sh). Any server answers any request: no sticky sessions.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { ROOT, freePort, startServer } from './harness.mjs';

async function waitForPort(port, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

// db: 'postgresql' (a throwaway server, any number of servers) or 'sqlite' (one
// server on its own file: the embedded default, behind the same nginx). env:
// added to the servers' environment (e.g. ALIN_OFFER_COUNT for benchmarks).
export async function startCluster({ servers = 2, db = 'postgresql', env = {} } = {}) {
  if (db === 'sqlite' && servers !== 1) throw new Error('SQLite: one server');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'alin-cluster-'));
  chmodSync(dir, 0o755);  // PostgreSQL and nginx's workers run unprivileged when tests run as root
  const pgDir = path.join(dir, 'pg');
  const script = (name) => path.join(ROOT, 'scripts', name);
  const dbUrl = db === 'postgresql'
    ? execFileSync('bash', [script('pg-throwaway.sh'), 'start', pgDir], { encoding: 'utf8' }).trim()
    : path.join(dir, 'alin.db');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const started = [];
  const signingKey = randomBytes(32).toString('hex');  // one for every server (alert unsubscribe links)
  let nginx;
  const stop = async () => {
    if (nginx && nginx.exitCode === null) {
      nginx.kill('SIGTERM');
      await new Promise((r) => { if (nginx.exitCode !== null) r(); else nginx.on('exit', r); });
    }
    for (const s of started) await s.stop().catch(() => {});
    if (db === 'postgresql') execFileSync('bash', [script('pg-throwaway.sh'), 'stop', pgDir]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // One after the other: the first migrates the database and adds the demo accounts.
    for (let i = 0; i < servers; i++) {
      started.push(await startServer({ env: { ALIN_DB: dbUrl, ALIN_TRUSTED_PROXIES: '127.0.0.1', ALIN_PUBLIC_URL: url, ALIN_SIGNING_KEY: signingKey, ...env } }));
    }
    const conf = execFileSync('bash', [script('nginx-conf.sh'), path.join(dir, 'nginx'), String(port), ...started.map((s) => String(s.port))],
      { encoding: 'utf8' }).trim();
    const binary = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
    nginx = spawn(binary, ['-c', conf, '-p', path.join(dir, 'nginx')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let nginxLog = '';
    nginx.stderr.on('data', (d) => { nginxLog += d.toString(); });
    if (!await waitForPort(port, 10000)) throw new Error('nginx did not start: ' + nginxLog);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url,
    servers: started,
    // Requests nginx passed to each server (its access log names the upstream).
    accessLog: () => { try { return readFileSync(path.join(dir, 'nginx', 'access.log'), 'utf8'); } catch { return ''; } },
    stop,
  };
}
