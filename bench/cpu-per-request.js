#!/usr/bin/env node
// CPU milliseconds per request, per process, for one path: steadier than requests/s on this shared VM,
// whose speed drifts by a factor of three within an hour. Starts the system as the benchmark does, logs
// in as the bootstrap admin, loads the path for BENCH_WARM_UP seconds unmeasured (the JIT), then for
// BENCH_DURATION seconds while reading each process's user+system time from /proc.
//
//   node bench/cpu-per-request.js ['/admin/users?limit=1']
//
// To compare two commits, run it alternately from two worktrees (each with its own `npm run build`):
// the figures of one run are only comparable with runs made minutes apart.
'use strict';
const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { Client } = require('./lib/client');
const { load } = require('./lib/load');
const { ADMIN, startSystem } = require('./lib/system');

const PATH = process.argv[2] ?? '/admin/users?limit=1';
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 12);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

/** User+system CPU of a process so far, in ms (/proc/<pid>/stat fields 14 and 15, in 10 ms ticks). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The machine's CPU time so far by kind (/proc/stat's first line), in seconds. */
function machineCpu() {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  return { user: user + nice, system, idle: idle + iowait, softirq: irq + softirq, steal };
}

async function main() {
  const system = await startSystem({ transport: process.env.BENCH_TRANSPORT ?? 'redis' });
  try {
    const admin = await new Client(system.baseUrl).login(ADMIN.username, ADMIN.password);
    const options = { url: system.baseUrl + PATH, connections: CONNECTIONS, headers: { cookie: admin.cookie } };
    await load('warm-up', { ...options, duration: WARM_UP });
    const pids = Object.fromEntries([...system.services].map(([name, service]) => [name, service.process.pid]));
    pids['redis (transport)'] = system.children[0].process.pid;
    const shared = execFileSync('pgrep', ['-f', 'redis-server 127.0.0.1:6379'], { encoding: 'utf8' }).trim().split('\n')[0];
    if (shared) pids['redis (sessions)'] = Number(shared);
    const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
    const machineBefore = machineCpu();
    const ownBefore = process.cpuUsage();
    const result = await load(`GET ${PATH}`, { ...options, duration: DURATION });
    const own = process.cpuUsage(ownBefore);
    const machineAfter = machineCpu();
    const machineTotal = Object.keys(machineAfter).reduce((sum, kind) => sum + machineAfter[kind] - machineBefore[kind], 0);
    const machineShares = Object.keys(machineAfter).map(
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
