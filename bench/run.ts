// The performance benchmark (npm run bench). Measures, in one run: the bare-server ceiling and the
// bcrypt limit of this machine, then the system's scenarios against them, and prints a table of each
// target's ratio. Configuration (environment):
//   BENCH_DURATION      seconds per load (default 10; 2 for a smoke run)
//   BENCH_CONNECTIONS   autocannon connections (default 50)
//   BENCH_SCENARIOS     comma-separated subset: me-cookie,me-bearer,admin-users,logins,me-under-logins,revocation,scale
//   BENCH_TRANSPORT     redis (default) or nats (a private nats-server)
//   BENCH_PROFILE       1: run each service with --cpu-prof and summarise where the time goes
//   BENCH_SCALE_SESSIONS  sessions for the scale scenario (default 1000000)
//   BENCH_REVOKE_SAMPLES  revocation samples (default 60)
//   BENCH_MEMORY_REQUESTS  requests served before RSS is read (default 100000; topped up with /auth/me)
//   BENCH_URL           use a running system (with BENCH_ADMIN_USERNAME/PASSWORD): no RSS, profile or scale
//   BCRYPT_COST         the services' cost (default 12, the real one)
//   TEST_REDIS_URL      the shared Redis the sessions go to (default redis://127.0.0.1:6379), as for the tests
// The system is test/support/system.ts's; this file and bench/lib/ run compiled, from dist/tooling/bench/.
import { execSync, fork, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { BcryptTiming } from './lib/bcrypt-limit';
import { LoadResult, load, round } from './lib/load';
import { mainScenarios } from './lib/main-scenarios';
import { printReport, targets } from './lib/report';
import { BcryptLimit, BenchResults, Machine } from './lib/results';
import { scale } from './lib/scale';
import { BCRYPT_COST, CONNECTIONS, DURATION, EXTERNAL, RESULTS_DIR, SCENARIOS, STAMP, TRANSPORT } from './lib/settings';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function machine(): Machine {
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model,
    memory: execSync('free -h').toString().trim(),
    node: process.version,
    loadAverage: os.loadavg().map((v) => round(v, 2)),
  };
}

/** The bare-server ceiling: node:http in a child process, same autocannon settings. */
async function ceiling(): Promise<LoadResult> {
  const child = fork(join(__dirname, 'lib', 'ceiling-server.js'), { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  try {
    const { port } = await new Promise<{ port: number }>((done) => child.once('message', (message) => done(message as { port: number })));
    return await load('ceiling (node:http)', { url: `http://127.0.0.1:${port}/`, duration: DURATION, connections: CONNECTIONS });
  } finally {
    child.kill();
  }
}

/** The bcrypt limit: cores ÷ seconds per hash at the configured cost, timed in a child process. */
function bcryptLimit(): BcryptLimit {
  const count = BCRYPT_COST >= 12 ? 8 : 40;
  const out = spawnSync(process.execPath, [join(__dirname, 'lib', 'bcrypt-limit.js'), String(BCRYPT_COST), String(count)], {
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`bcrypt-limit failed: ${out.stderr}`);
  const measured = JSON.parse(out.stdout) as BcryptTiming;
  const cores = os.availableParallelism();
  return { ...measured, cores, hashesPerSecond: round(cores / measured.secondsPerHash, 2) };
}

async function main(): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const settings = { duration: DURATION, connections: CONNECTIONS, transport: TRANSPORT, bcryptCost: BCRYPT_COST };
  const startedAt = new Date().toISOString();
  const host = machine();
  log(`benchmark: ${DURATION} s per load, ${CONNECTIONS} connections, transport ${TRANSPORT}, load average ${host.loadAverage.join(' ')}`);
  log('measuring the bare-server ceiling…');
  const ceilingResult = await ceiling();
  log(`  ${ceilingResult.requestsPerSecond} req/s, p99 ${ceilingResult.p99} ms`);
  log(`measuring the bcrypt limit (cost ${BCRYPT_COST})…`);
  const bcrypt = bcryptLimit();
  log(`  ${bcrypt.hashesPerSecond} hashes/s`);
  const results: BenchResults = { startedAt, settings, machine: host, ceiling: ceilingResult, bcrypt, scenarios: {}, memory: {} };
  if ([...SCENARIOS].some((s) => s !== 'scale')) {
    log('starting the system…');
    await mainScenarios(results);
  }
  if (SCENARIOS.has('scale') && !EXTERNAL) {
    log(`scale: the system with sessions on a private redis-server, resolver cache off…`);
    await scale(results);
  }
  results.loadAverageAtEnd = os.loadavg().map((v) => round(v, 2));
  results.targets = targets(results);
  const report = printReport(results);
  const file = join(RESULTS_DIR, `bench-${STAMP}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  process.stdout.write(`${report}\nResults: ${file}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`\nbenchmark failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
