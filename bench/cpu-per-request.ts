// CPU milliseconds per request, per process, for one path: steadier than requests/s on this shared VM,
// whose speed drifts by a factor of three within an hour. Starts the system as the benchmark does, logs
// in as the bootstrap admin, loads the path for BENCH_WARM_UP seconds unmeasured (the JIT), then for
// BENCH_DURATION seconds while reading each process's user+system time from /proc.
//
//   node dist/tooling/bench/cpu-per-request.js ['/admin/users?limit=1']
//
// To compare two commits, run it alternately from two worktrees (each with its own `npm run build`):
// the figures of one run are only comparable with runs made minutes apart.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ADMIN, TestSystem } from '../test/support/system';
import { startBenchSystem } from './lib/bench-system';
import { BenchClient } from './lib/client';
import { load } from './lib/load';
import { CONNECTIONS, DURATION, TRANSPORT } from './lib/settings';

const PATH = process.argv[2] ?? '/admin/users?limit=1';
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 12);

/** User+system CPU of a process so far, in ms (/proc/<pid>/stat fields 14 and 15, in 10 ms ticks). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

type MachineCpu = Record<'user' | 'system' | 'idle' | 'softirq' | 'steal', number>;

/** The machine's CPU time so far by kind (/proc/stat's first line), in seconds. */
function machineCpu(): MachineCpu {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  return { user: user + nice, system, idle: idle + iowait, softirq: irq + softirq, steal };
}

/** The processes whose CPU is counted: the three services, the transport's server and the shared Redis. */
function processes(system: TestSystem): Record<string, number> {
  const pids: Record<string, number> = {};
  for (const [name, service] of system.services) if (service.pid) pids[name] = service.pid;
  const transport = system.privateNats ?? system.privateRedis;
  if (transport?.pid) pids[`${TRANSPORT} (transport)`] = transport.pid;
  const shared = execFileSync('pgrep', ['-f', 'redis-server 127.0.0.1:6379'], { encoding: 'utf8' }).trim().split('\n')[0];
  if (shared) pids['redis (sessions)'] = Number(shared);
  return pids;
}

async function main(): Promise<void> {
  const system = await startBenchSystem();
  try {
    const admin = await new BenchClient(system.baseUrl).login(ADMIN.username, ADMIN.password);
    const options = { url: system.baseUrl + PATH, connections: CONNECTIONS, headers: { cookie: admin.cookie } };
    await load('warm-up', { ...options, duration: WARM_UP });
    const pids = processes(system);
    const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
    const machineBefore = machineCpu();
    const ownBefore = process.cpuUsage();
    const result = await load(`GET ${PATH}`, { ...options, duration: DURATION });
    const own = process.cpuUsage(ownBefore);
    const machineAfter = machineCpu();
    const kinds = Object.keys(machineAfter) as Array<keyof MachineCpu>;
    const machineTotal = kinds.reduce((sum, kind) => sum + machineAfter[kind] - machineBefore[kind], 0);
    const machineShares = kinds.map(
      (kind) => `${kind} ${((100 * (machineAfter[kind] - machineBefore[kind])) / machineTotal).toFixed(0)} %`,
    );
    const perRequest = Object.fromEntries(
      Object.entries(pids).map(([name, pid]) => [name, (cpuMs(pid) - before[name]) / result.completed]),
    );
    perRequest.autocannon = (own.user + own.system) / 1000 / result.completed;
    const total = Object.values(perRequest).reduce((sum, ms) => sum + ms, 0);
    console.log(`GET ${PATH}: ${result.requestsPerSecond} req/s, p99 ${result.p99} ms, ${result.errors} errors`);
    for (const [name, ms] of Object.entries(perRequest)) console.log(`  ${name.padEnd(18)} ${ms.toFixed(3)} ms CPU per request`);
    console.log(`  ${'total'.padEnd(18)} ${total.toFixed(3)} ms`);
    console.log(`  the machine meanwhile: ${machineShares.join(', ')}`);
  } finally {
    await system.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
