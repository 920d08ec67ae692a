// The offer search over HTTP (figures, not pass/fail; issue 17): the guide's
// applicant (Anne PORTE, Paris: the largest areas, the worst case) searching
// her "Communes demandées" with the default sort, one connection (wrk -c1,
// 10 s), at 10 000, 100 000 and 500 000 offers (ALIN_OFFER_COUNT). Prints
// requests per second, p50 / p99 wall-clock latency and the server's CPU time
// per request (from /proc: moves much less with the machine's load).
// Goal: p50 <= 2 ms and p99 <= 10 ms at 100 000 and at 500 000 offers.
// Run: node tests/bench/search-bench.mjs [offers...]  (scripts/bench.sh runs it)
import { readFileSync } from 'node:fs';
import { startServer } from '../e2e/harness.mjs';
import { runWrk, toMs } from './wrk.mjs';

const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 0);
if (SIZES.length === 0) SIZES.push(10000, 100000, 500000);

const pct = (out, q) => { const m = out.match(new RegExp(`\\s${q}%\\s+([\\d.]+)(us|ms|s)`)); return m ? toMs(m[1], m[2]) : NaN; };
const cpuMs = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 1000 / 100;
};

console.log('\n## Offer search over HTTP, the guide\'s applicant (Paris), 1 connection, 10 s\n');
console.log('| offers | eligible in the tab | req/s | p50 ms | p99 ms | server CPU per request ms |');
console.log('|---|---|---|---|---|---|');
for (const n of SIZES) {
  const server = await startServer({ env: { ALIN_OFFER_COUNT: String(n) }, startTimeoutMs: 600000 });
  try {
    const login = await fetch(server.url + 'api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'anne.porte@example.fr', password: 'Logement2026' }) });
    if (!login.ok) throw new Error('login ' + login.status);
    const cookie = login.headers.get('set-cookie').split(';')[0];
    const url = server.url + 'api/v1/offers?tab=requested&pageSize=20';
    const first = await (await fetch(url, { headers: { Cookie: cookie } })).json();
    // Warm-up (the applicant's context and eligible set are built by the first search).
    await runWrk(['-t1', '-c1', '-d2s', '-H', `Cookie: ${cookie}`, url]);
    const before = cpuMs(server.pid);
    const out = await runWrk(['-t1', '-c1', '-d10s', '--latency', '-H', `Cookie: ${cookie}`, url]);
    const cpu = cpuMs(server.pid) - before;
    const requests = Number((out.match(/(\d+) requests in/) || [])[1] || 0);
    const rps = Number((out.match(/Requests\/sec:\s*([\d.]+)/) || [])[1] || 0);
    console.log(`| ${n.toLocaleString('fr-FR')} | ${first.total} | ${rps.toFixed(0)} | ${pct(out, '50').toFixed(2)} | ${pct(out, '99').toFixed(2)} | ${requests ? (cpu / requests).toFixed(3) : '?'} |`);
  } finally {
    await server.stop();
  }
}
