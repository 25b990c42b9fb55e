// Each target of issue 9 as a row (the measured figure, the limit it is compared with, met or not), and
// the printed report.
import { LoadResult, round } from './load';
import { BenchResults, TargetRow } from './results';
import { MEMORY_REQUESTS } from './settings';

type Row = (scenario: string, target: string, measured: string, limit: string, met: boolean) => void;

const pct = (ratio: number): string => `${round(ratio * 100, 1)} %`;

export function targets(results: BenchResults): TargetRow[] {
  const rows: TargetRow[] = [];
  const row: Row = (scenario, target, measured, limit, met) => rows.push({ scenario, target, measured, limit, met });
  throughputTargets(results, row);
  loginTargets(results, row);
  revocationTargets(results, row);
  memoryTargets(results, row);
  scaleTargets(results, row);
  return rows;
}

function throughputTargets(results: BenchResults, row: Row): void {
  const c = results.ceiling;
  for (const [key, name] of [
    ['me-cookie', 'GET /auth/me, cookie'],
    ['me-bearer', 'GET /auth/me, bearer'],
  ] as const) {
    const s = results.scenarios[key];
    if (!s) continue;
    const share = s.requestsPerSecond / c.requestsPerSecond;
    row(name, '≥ 12 % of ceiling req/s', `${s.requestsPerSecond} req/s (${pct(share)})`, `${c.requestsPerSecond} req/s`, share >= 0.12);
    row(name, 'p99 ≤ 10 × ceiling p99', `${s.p99} ms (${round(s.p99 / c.p99, 1)} ×)`, `${c.p99} ms`, s.p99 <= 10 * c.p99);
    row(name, '0 errors', `${s.errors} errors`, '0', s.errors === 0);
  }
  const admin = results.scenarios['admin-users'];
  if (admin) {
    const share = admin.requestsPerSecond / c.requestsPerSecond;
    const name = 'GET /admin/users?limit=1';
    row(name, '≥ 5 % of ceiling req/s', `${admin.requestsPerSecond} req/s (${pct(share)})`, `${c.requestsPerSecond} req/s`, share >= 0.05);
    row(name, '0 errors', `${admin.errors} errors`, '0', admin.errors === 0);
  }
}

function loginTargets(results: BenchResults, row: Row): void {
  const c = results.ceiling;
  const logins = results.scenarios.logins;
  if (logins) {
    const limit = results.bcrypt.hashesPerSecond;
    const perSecond = logins.successfulPerSecond ?? 0;
    const measured = `${perSecond} logins/s (${pct(perSecond / limit)}), ${logins.errors} errors`;
    row('logins', '≥ 90 % of bcrypt limit', measured, `${limit} hashes/s`, perSecond >= 0.9 * limit);
  }
  const under = results.scenarios['me-under-logins'];
  if (under) {
    const measured = `${under.p99} ms (${round(under.p99 / c.p99, 1)} ×)`;
    row('GET /auth/me under logins', 'p99 ≤ 25 × ceiling p99', measured, `${c.p99} ms`, under.p99 <= 25 * c.p99);
  }
}

function revocationTargets(results: BenchResults, row: Row): void {
  const revocation = results.scenarios.revocation;
  if (!revocation) return;
  const refused = `${revocation.samples - revocation.notRefused}/${revocation.samples} refused at once`;
  row('revocation', 'refused every time', refused, 'all', revocation.refusedEveryTime);
  const measured = `${revocation.p99} ms (revoke answered → refused: p99 ${revocation.afterRevokeP99} ms)`;
  row('revocation', 'revoke-to-refusal p99 ≤ 50 ms', measured, '50 ms', revocation.p99 <= 50);
}

function memoryTargets(results: BenchResults, row: Row): void {
  const served = results.memory.requestsServed ?? 0;
  for (const [name, bytes] of Object.entries(results.memory.rssAfterLoad ?? {})) {
    const measured = bytes === null ? 'gone' : `${round(bytes / 2 ** 20, 1)} MB after ${served} requests`;
    const met = bytes !== null && bytes <= 150 * 2 ** 20 && served >= MEMORY_REQUESTS;
    row(`RSS ${name}`, `≤ 150 MB after 100,000 requests`, measured, '150 MB', met);
  }
  const redis = results.memory.redis;
  if (redis) {
    const measured = `${redis.bytesPerSessionAtScale} B/session at ${redis.sessions}`;
    row('Redis memory', '≤ 600 B/session', measured, '600 B', redis.bytesPerSessionAtScale <= 600);
  }
}

function scaleTargets(results: BenchResults, row: Row): void {
  const scaled = results.scenarios.scale;
  if (!scaled) return;
  const measured = `${scaled.large.requestsPerSecond} vs ${scaled.small.requestsPerSecond} req/s (${pct(scaled.ratio)})`;
  row('resolve at scale', `within 10 % of 1,000`, measured, '≥ 90 %', scaled.ratio >= 0.9 && scaled.large.errors === 0);
}

export function printReport(results: BenchResults): string {
  const { machine, ceiling, bcrypt } = results;
  const lines = [
    `\nMachine: ${machine.nproc} cores, node ${machine.node}, load average at start ${machine.loadAverage.join(' ')}, at end ${results.loadAverageAtEnd?.join(' ')}`,
    `Ceiling: ${ceiling.requestsPerSecond} req/s, p50 ${ceiling.p50} ms, p99 ${ceiling.p99} ms`,
    `bcrypt limit: cost ${bcrypt.cost}, ${round(bcrypt.secondsPerHash * 1000, 1)} ms per hash × ${bcrypt.cores} cores = ${bcrypt.hashesPerSecond} hashes/s`,
    '',
  ];
  const throughput = Object.entries(results.scenarios).filter((entry): entry is [string, LoadResult] => 'requestsPerSecond' in entry[1]);
  lines.push(
    table(
      ['scenario', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'errors'],
      throughput.map(([name, s]) => [name, ...figures(s)]),
    ),
  );
  if (results.scenarios.scale) {
    const { small, large, largeSameCookies: same } = results.scenarios.scale;
    lines.push(
      table(
        ['scale (cache off)', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'errors'],
        [
          [`${small.sessions} sessions`, ...figures(small)],
          [`${large.sessions} sessions`, ...figures(large)],
          [`${large.sessions} sessions, the first ${small.cookies} cookies`, ...figures(same)],
        ],
      ),
    );
  }
  const rows = (results.targets ?? []).map((r) => [r.scenario, r.target, r.measured, r.limit, r.met ? 'yes' : 'NO']);
  lines.push(table(['scenario', 'target', 'measured', 'limit', 'met'], rows));
  for (const [name, summary] of Object.entries(results.profiles?.summaries ?? {})) {
    lines.push(`\nTop self time, ${name} (${summary.totalMs} ms sampled):`);
    for (const f of summary.top.slice(0, 10)) lines.push(`  ${String(f.selfPercent).padStart(5)} %  ${f.name}  ${f.where}`);
  }
  return lines.join('\n');
}

function figures(s: LoadResult): number[] {
  return [s.requestsPerSecond, s.p50, s.p90, s.p99, s.errors];
}

function table(header: string[], rows: Array<Array<string | number>>): string {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]): string => `| ${r.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(all[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...all.slice(1).map(line), ''].join('\n');
}
