// Server benchmarks (figures, not pass/fail): login latency (Argon2id cost)
// and requests per second of an authenticated GET at 1, 8 and 64 connections
// (wrk), next to Debian's nginx serving the same bytes in the same run.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, mailbox, freePort } from '../e2e/harness.mjs';
import { runWrk } from './wrk.mjs';

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

// The server's CPU time (user + system, ms) from /proc: moves much less with the
// machine's load than wall-clock figures.
const serverCpuMs = () => {
  const f = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 1000 / 100;  // utime, stime in clock ticks (USER_HZ 100)
};
// The reference, measured in the same run: Debian's nginx serving the same bytes
// (the session reply saved as a static file), one worker, no access log.
const sessionBody = await (await fetch(base + 'api/v1/session', { headers: { Cookie: cookie } })).text();
const ngDir = mkdtempSync(path.join(os.tmpdir(), 'alin-bench-nginx-'));
chmodSync(ngDir, 0o755);
writeFileSync(path.join(ngDir, 'session.json'), sessionBody);
const ngPort = await freePort();
writeFileSync(path.join(ngDir, 'nginx.conf'), `worker_processes 1; daemon off; pid ${ngDir}/nginx.pid; error_log ${ngDir}/error.log;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path ${ngDir}/b; proxy_temp_path ${ngDir}/p; fastcgi_temp_path ${ngDir}/f;
  uwsgi_temp_path ${ngDir}/u; scgi_temp_path ${ngDir}/s; default_type application/json;
  server { listen 127.0.0.1:${ngPort}; root ${ngDir}; } }`);
const nginx = spawn(existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx', ['-c', path.join(ngDir, 'nginx.conf'), '-p', ngDir], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const procCpuMs = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 1000 / 100;
};
// nginx's worker is the master's only child.
const nginxWorker = () => Number(execFileSync('pgrep', ['-P', String(nginx.pid)], { encoding: 'utf8' }).trim().split('\n')[0]);

console.log(`\n## Authenticated GET /api/v1/session (${sessionBody.length} bytes) against nginx serving the same bytes (wrk, CPU from /proc)\n`);
console.log('| connections | alin req/s | alin CPU per request | nginx req/s | nginx CPU per request | ratio (req/s) |\n|---|---|---|---|---|---|');
for (const c of [1, 8, 64]) {
  const run = async (url, headers, cpu) => {
    const before = cpu();
    const out = await runWrk([`-t${Math.min(c, 2)}`, `-c${c}`, '-d5s', ...headers, url]);
    const used = cpu() - before;
    const n = Number((out.match(/(\d+) requests in/) || [])[1] || 0);
    const rps = Number((out.match(/Requests\/sec:\s*([\d.]+)/) || [])[1] || 0);
    return { rps, cpu: n ? used / n : NaN };
  };
  const alin = await run(base + 'api/v1/session', ['-H', `Cookie: ${cookie}`], serverCpuMs);
  const worker = nginxWorker();
  const ref = await run(`http://127.0.0.1:${ngPort}/session.json`, [], () => procCpuMs(worker));
  console.log(`| ${c} | ${alin.rps.toFixed(0)} | ${alin.cpu.toFixed(3)} ms | ${ref.rps.toFixed(0)} | ${ref.cpu.toFixed(3)} ms | ${(alin.rps / ref.rps).toFixed(2)}x |`);
}
nginx.kill('SIGTERM');
const wrkOut = await runWrk(['-t2', '-c64', '-d10s', '--latency', '-H', `Cookie: ${cookie}`, base + 'api/v1/session']);
console.log('\n## Authenticated GET /api/v1/session, 64 connections, 2 threads, 10 s (wrk)\n');
console.log(wrkOut);
await server.stop();
