// wrk for the HTTP benchmarks (server-bench, search-bench, cluster-bench).
import { spawn } from 'node:child_process';

// Runs wrk with `args`; resolves with everything it printed. Asynchronous on
// purpose: node must keep draining the server's log pipe meanwhile.
export const runWrk = (args) => new Promise((resolve) => {
  const child = spawn('wrk', args);
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  child.on('close', () => resolve(out));
});

// A wrk latency ("12.3ms", "850us") in milliseconds.
export const toMs = (v, unit) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 }[unit] ?? 1);
