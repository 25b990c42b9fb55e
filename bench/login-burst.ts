// Bursts of parallel requests against a fresh system at the real bcrypt cost (issues 13.3 and 20.1):
//   logins         N parallel correct logins of one user: status counts, logins/s, p50/p99 latency
//   registrations  N parallel registrations of one username: status counts
//   guesses        N parallel wrong passwords for one username (limit 5): guesses evaluated (401) vs 429
// Run: npm run build && node dist/tooling/bench/login-burst.js
// Environment: BURST_SIZE (default 50), BCRYPT_COST (default 12), BURST_DATABASE (sqlite|postgres).
import { Http } from '../test/support/http';
import { Database, TestSystem } from '../test/support/system';
import { startBenchSystem } from './lib/bench-system';
import { percentile } from './lib/load';

const SIZE = Number(process.env.BURST_SIZE ?? 50);
const DATABASE = (process.env.BURST_DATABASE ?? 'sqlite') as Database;
const PASSWORD = 'burst user password 1';

interface Timed {
  status: number;
  ms: number;
}

async function timed(request: () => Promise<{ status: number }>): Promise<Timed> {
  const started = performance.now();
  const { status } = await request();
  return { status, ms: performance.now() - started };
}

function statusCounts(answers: Timed[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/** Nearest-rank percentile of the latencies, in whole ms. */
function percentileMs(answers: Timed[], p: number): number {
  return Math.round(
    percentile(
      answers.map((answer) => answer.ms),
      p,
    ),
  );
}

async function logins(http: Http): Promise<Record<string, unknown>> {
  await http.register('burst-login', PASSWORD);
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: SIZE }, () => timed(() => http.post('/auth/login', { body: { username: 'burst-login', password: PASSWORD } }))),
  );
  const seconds = (performance.now() - started) / 1000;
  const ok = answers.filter((answer) => answer.status === 200).length;
  return {
    statuses: statusCounts(answers),
    loginsPerSecond: Math.round((ok / seconds) * 10) / 10,
    p50Ms: percentileMs(answers, 50),
    p99Ms: percentileMs(answers, 99),
    wallSeconds: Math.round(seconds * 100) / 100,
  };
}

async function registrations(http: Http): Promise<Record<string, unknown>> {
  const answers = await Promise.all(
    Array.from({ length: SIZE }, () =>
      timed(() => http.post('/auth/register', { body: { username: 'burst-same-name', password: PASSWORD } })),
    ),
  );
  return {
    statuses: statusCounts(answers),
    p99Ms: percentileMs(answers, 99),
  };
}

async function guesses(http: Http): Promise<Record<string, unknown>> {
  await http.register('burst-victim', PASSWORD);
  const answers = await Promise.all(
    Array.from({ length: SIZE }, (_, index) =>
      timed(() => http.post('/auth/login', { body: { username: 'burst-victim', password: `wrong guess ${index}` } })),
    ),
  );
  return { statuses: statusCounts(answers), evaluated: answers.filter((a) => a.status === 401 || a.status === 200).length };
}

async function main(): Promise<void> {
  const system: TestSystem = await startBenchSystem({
    database: DATABASE,
    serviceEnv: { 'auth-service': { LOGIN_MAX_FAILURES_PER_USERNAME: '5', LOGIN_MAX_FAILURES_PER_IP: '1000' } },
  });
  try {
    const http = new Http(system.baseUrl);
    const results = {
      size: SIZE,
      database: DATABASE,
      logins: await logins(http),
      registrations: await registrations(http),
      guesses: await guesses(http),
    };
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await system.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
