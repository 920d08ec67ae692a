// Through the load balancer (figures, not pass/fail; issue 13): nginx in front
// of one or two alin_server processes, on SQLite (one server, the embedded
// default) and on PostgreSQL (one and two servers), with 100 000 offers
// (ALIN_OFFER_COUNT). wrk with 64 connections for 10 s: requests per second and
// p50 / p99 of an authenticated GET (/api/v1/session) and of the guide's
// applicant's offer search; then the apply rate under contention: 64
// connections sending "Je postule" for one applicant (the rule of one: exactly
// one accepted). The first row is one server without nginx: the hop's cost.
// Run: node tests/bench/cluster-bench.mjs [offers]  (scripts/bench.sh runs it)
import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../e2e/harness.mjs';
import { startCluster } from '../e2e/cluster.mjs';
import { runWrk, toMs } from './wrk.mjs';

const OFFERS = Number(process.argv[2] || 100000);
function figures(out) {
  const rps = Number((out.match(/Requests\/sec:\s*([\d.]+)/) || [])[1] || 0);
  const p = (q) => { const m = out.match(new RegExp(`\\s${q}%\\s+([\\d.]+)(us|ms|s)`)); return m ? toMs(m[1], m[2]).toFixed(2) : '?'; };
  const non2xx = Number((out.match(/Non-2xx or 3xx responses:\s*(\d+)/) || [])[1] || 0);
  return { rps: rps.toFixed(0), p50: p('50'), p99: p('99'), non2xx };
}
const tmp = mkdtempSync(path.join(os.tmpdir(), 'alin-bench-'));
const applyScript = path.join(tmp, 'apply.lua');

async function measure(label, url) {
  const post = (p, body, headers = {}) => fetch(url + p, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const login = await post('api/v1/session', { email: 'anne.porte@example.fr', password: 'Logement2026' });
  if (!login.ok) throw new Error(`${label}: login ${login.status}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const session = figures(await runWrk(['-t2', '-c64', '-d10s', '--latency', '-H', `Cookie: ${cookie}`, url + 'api/v1/session']));
  const search = figures(await runWrk(['-t2', '-c64', '-d10s', '--latency', '-H', `Cookie: ${cookie}`,
    url + 'api/v1/offers?tab=requested&pageSize=20']));
  // Offers to apply to: one per connection, all eligible, so each attempt is a real try.
  const items = (await (await fetch(url + 'api/v1/offers?tab=requested&pageSize=100', { headers: { Cookie: cookie } })).json()).items;
  writeFileSync(applyScript, `
local ids = {${items.map((i) => i.id).join(',')}}
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", "/api/v1/applications", {["Content-Type"] = "application/json", ["Cookie"] = "${cookie}"},
    '{"offerId":' .. ids[(n % #ids) + 1] .. '}')
end
`);
  const apply = figures(await runWrk(['-t2', '-c64', '-d5s', '--latency', '-s', applyScript, url]));
  const mine = await (await fetch(url + 'api/v1/applications', { headers: { Cookie: cookie } })).json();
  const accepted = mine.active ? 1 : 0;
  console.log(`| ${label} | ${session.rps} | ${session.p50} / ${session.p99} | ${search.rps} | ${search.p50} / ${search.p99} | ${apply.rps} | ${apply.p50} / ${apply.p99} | ${accepted} |`);
}

console.log(`\n## Through nginx, ${OFFERS.toLocaleString('fr-FR')} offers, wrk 64 connections (req/s, p50 / p99 in ms)\n`);
console.log('| setup | session req/s | session p50 / p99 | search req/s | search p50 / p99 | apply attempts/s | apply p50 / p99 | accepted (must be 1) |');
console.log('|---|---|---|---|---|---|---|---|');
const env = { ALIN_OFFER_COUNT: String(OFFERS) };
{
  const server = await startServer({ env });
  try { await measure('SQLite, 1 server, no nginx', server.url); } finally { await server.stop(); }
}
for (const [db, servers] of [['sqlite', 1], ['postgresql', 1], ['postgresql', 2]]) {
  const cluster = await startCluster({ db, servers, env });
  try {
    await measure(`${db === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${servers} server${servers > 1 ? 's' : ''}, nginx`, cluster.url);
  } finally { await cluster.stop(); }
}
