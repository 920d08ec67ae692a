// Server benchmarks (figures, not pass/fail): login latency (Argon2id cost)
// and requests per second of an authenticated GET under 64 connections (wrk).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startServer, mailbox } from '../e2e/harness.mjs';

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor((s.length - 1) / 2)]; };
const server = await startServer();
const base = server.url;
const post = (p, body, headers = {}) => fetch(base + p, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

const email = 'bench@example.fr';
await post('api/v1/accounts', { birthName: 'Banc', firstName: 'Essai', phone: '0612345678', email, consent: true });
const link = (await mailbox(base, email))[0].links[0].url;
const token = link.split('/').pop();
const set = await post(`api/v1/links/${token}/password`, { password: 'Logement2026', confirmation: 'Logement2026' });
if (!set.ok) throw new Error('set password ' + set.status);

const times = [];
let cookie = '';
for (let i = 0; i < 10; i++) {
  const t = performance.now();
  const r = await post('api/v1/session', { email, password: 'Logement2026' });
  times.push(performance.now() - t);
  if (!r.ok) throw new Error('login ' + r.status);
  cookie = r.headers.get('set-cookie').split(';')[0];
}
console.log('\n## Login latency (POST /api/v1/session, Argon2id verify, 10 sequential logins)\n');
console.log(`median ${median(times).toFixed(1)} ms, min ${Math.min(...times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`);

// Asynchronous on purpose: node must keep draining the server's log pipe meanwhile.
const runWrk = (args) => new Promise((resolve) => {
  const child = spawn('wrk', args);
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  child.on('close', () => resolve(out));
});
// The server's CPU time (user + system, ms) from /proc: moves much less with the
// machine's load than wall-clock figures.
const serverCpuMs = () => {
  const f = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 1000 / 100;  // utime, stime in clock ticks (USER_HZ 100)
};
console.log('\n## Authenticated GET /api/v1/session: server CPU time per request (wrk, /proc)\n');
console.log('| connections | requests | req/s | server CPU per request |\n|---|---|---|---|');
for (const c of [1, 8, 64]) {
  const before = serverCpuMs();
  const out = await runWrk([`-t${Math.min(c, 2)}`, `-c${c}`, '-d5s', '-H', `Cookie: ${cookie}`, base + 'api/v1/session']);
  const cpu = serverCpuMs() - before;
  const n = Number((out.match(/(\d+) requests in/) || [])[1] || 0);
  const rps = (out.match(/Requests\/sec:\s*([\d.]+)/) || [])[1];
  console.log(`| ${c} | ${n} | ${rps} | ${n ? (cpu / n).toFixed(3) : '?'} ms |`);
}
const wrkOut = await runWrk(['-t2', '-c64', '-d10s', '--latency', '-H', `Cookie: ${cookie}`, base + 'api/v1/session']);
console.log('\n## Authenticated GET /api/v1/session, 64 connections, 2 threads, 10 s (wrk)\n');
console.log(wrkOut);
await server.stop();
