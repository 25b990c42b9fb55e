#!/usr/bin/env node
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
'use strict';
const { execSync, fork, spawnSync } = require('node:child_process');
const { mkdirSync, writeFileSync, readdirSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const Redis = require('ioredis');
const { Client } = require('./lib/client');
const { load, round } = require('./lib/load');
const { seedSessions, tokenOf } = require('./lib/seed-sessions');
const { ADMIN, startSystem } = require('./lib/system');
const { summariseProfile } = require('./profile-summary');

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ALL = ['me-cookie', 'me-bearer', 'admin-users', 'logins', 'me-under-logins', 'revocation', 'scale'];
const SCENARIOS = new Set(process.env.BENCH_SCENARIOS ? process.env.BENCH_SCENARIOS.split(',') : ALL);
const TRANSPORT = process.env.BENCH_TRANSPORT ?? 'redis';
const PROFILE = process.env.BENCH_PROFILE === '1';
const SCALE_SESSIONS = Number(process.env.BENCH_SCALE_SESSIONS ?? 1_000_000);
const REVOKE_SAMPLES = Number(process.env.BENCH_REVOKE_SAMPLES ?? 60);
const WARM_UP_SECONDS = Math.min(10, DURATION);
const MEMORY_REQUESTS = Number(process.env.BENCH_MEMORY_REQUESTS ?? 100_000);
const BCRYPT_COST = Number(process.env.BCRYPT_COST ?? 12);
const USER = { username: 'bench-user', password: 'bench user password 1' };
const VICTIM = { username: 'bench-victim', password: 'bench victim password 1' };
const RESULTS_DIR = join(__dirname, 'results');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');

const log = (line) => process.stderr.write(`${line}\n`);
const percentile = (values, p) => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

function machine() {
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model,
    memory: execSync('free -h').toString().trim(),
    node: process.version,
    loadAverage: os.loadavg().map((v) => round(v, 2)),
  };
}

/** The bare-server ceiling: node:http in a child process, same autocannon settings. */
async function ceiling() {
  const child = fork(join(__dirname, 'lib', 'ceiling-server.js'), { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  try {
    const { port } = await new Promise((done) => child.once('message', done));
    return await load('ceiling (node:http)', { url: `http://127.0.0.1:${port}/`, duration: DURATION, connections: CONNECTIONS });
  } finally {
    child.kill();
  }
}

/** The bcrypt limit: cores ÷ seconds per hash at the configured cost, timed in a child process. */
function bcryptLimit() {
  const count = BCRYPT_COST >= 12 ? 8 : 40;
  const out = spawnSync(process.execPath, [join(__dirname, 'lib', 'bcrypt-limit.js'), String(BCRYPT_COST), String(count)], {
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`bcrypt-limit failed: ${out.stderr}`);
  const measured = JSON.parse(out.stdout);
  const cores = os.availableParallelism();
  return { ...measured, cores, hashesPerSecond: round(cores / measured.secondsPerHash, 2) };
}

/**
 * After a login load the auth-service may still be hashing passwords whose requests the gateway has
 * already given up on (503 after TRANSPORT_TIMEOUT_MS): waits until a login answers again, and says how long that took.
 */
async function drain(client) {
  const started = Date.now();
  for (;;) {
    const response = await client.request('POST', '/auth/login', { body: USER });
    if (response.status === 200) return round((Date.now() - started) / 1000, 1);
    if (Date.now() - started > 300_000) throw new Error(`logins did not recover: ${response.status}`);
  }
}

/** Users for the scenarios: a plain user (cookie and bearer), the admin, and an admin-role victim. */
async function setUp(client, admin) {
  await client.request('POST', '/auth/register', { body: USER });
  const victim = await client.request('POST', '/auth/register', { body: VICTIM });
  const adminSession = await client.login(admin.username, admin.password);
  if (victim.status === 201) {
    await client.expect(200, 'PATCH', `/admin/users/${victim.body.user.id}`, {
      cookie: adminSession.cookie,
      csrf: adminSession.csrf,
      body: { roles: ['admin'] },
    });
  }
  const list = await client.expect(200, 'GET', `/admin/users?query=${VICTIM.username}`, { cookie: adminSession.cookie });
  const victimId = list.body.items.find((u) => u.username === VICTIM.username).id;
  return {
    user: await client.login(USER.username, USER.password),
    bearer: await client.bearer(USER.username, USER.password),
    admin: adminSession,
    victimId,
  };
}

/**
 * Revocation: for each sample a fresh victim session (the victim has the admin role, so the probe
 * /admin/users passes the gateway AND the admin-service and both caches hold it), warmed, then revoked
 * one of three ways, then probed at once. Revoke-to-refusal = from sending the revoke to receiving the
 * refusal (polling every 1 ms if the first probe was not refused, which counts as a failure).
 */
async function revocation(client, setup) {
  const variants = [
    'own session via gateway (DELETE /auth/sessions/:id)',
    'cookie, revoked via admin-service',
    'bearer, revoked via admin-service',
  ];
  const samples = variants.map((name) => ({ name, times: [], afterRevoke: [], refusedFirst: 0, notRefused: 0 }));
  for (let i = 0; i < REVOKE_SAMPLES; i++) {
    const variant = i % 3;
    const sample = samples[variant];
    process.stderr.write(`\r  revocation: sample ${i + 1}/${REVOKE_SAMPLES}`.padEnd(100));
    let credential;
    let sessionId;
    if (variant === 2) {
      credential = { bearer: await client.bearer(VICTIM.username, VICTIM.password) };
    } else {
      const session = await client.login(VICTIM.username, VICTIM.password);
      credential = { cookie: session.cookie, csrf: session.csrf };
    }
    for (let w = 0; w < 3; w++) {
      const me = await client.expect(200, 'GET', '/auth/me', credential);
      sessionId = me.body.session.id;
      await client.expect(200, 'GET', '/admin/users?limit=1', credential);
    }
    const started = performance.now();
    if (variant === 0) await client.expect(204, 'DELETE', `/auth/sessions/${sessionId}`, credential);
    else
      await client.expect(204, 'DELETE', `/admin/users/${setup.victimId}/sessions`, { cookie: setup.admin.cookie, csrf: setup.admin.csrf });
    const revoked = performance.now();
    let probe = await client.request('GET', '/admin/users?limit=1', credential);
    if (probe.status === 401) sample.refusedFirst++;
    else {
      sample.notRefused++;
      const deadline = performance.now() + 5000;
      while (probe.status !== 401 && performance.now() < deadline) {
        await new Promise((next) => setTimeout(next, 1));
        probe = await client.request('GET', '/admin/users?limit=1', credential);
      }
    }
    sample.times.push(performance.now() - started);
    sample.afterRevoke.push(performance.now() - revoked);
  }
  process.stderr.write(`\r${' '.repeat(100)}\r`);
  const all = samples.flatMap((s) => s.times);
  const afterRevoke = samples.flatMap((s) => s.afterRevoke);
  return {
    samples: all.length,
    refusedEveryTime: samples.every((s) => s.notRefused === 0),
    notRefused: samples.reduce((n, s) => n + s.notRefused, 0),
    p50: round(percentile(all, 50), 2),
    p99: round(percentile(all, 99), 2),
    max: round(Math.max(...all), 2),
    // From the revoke's answer to the refusal: what the caches add, without the revoke's own round trip.
    afterRevokeP50: round(percentile(afterRevoke, 50), 2),
    afterRevokeP99: round(percentile(afterRevoke, 99), 2),
    variants: samples.map((s) => ({
      name: s.name,
      samples: s.times.length,
      refusedFirst: s.refusedFirst,
      notRefused: s.notRefused,
      p50: round(percentile(s.times, 50), 2),
      p99: round(percentile(s.times, 99), 2),
      afterRevokeP99: round(percentile(s.afterRevoke, 99), 2),
    })),
  };
}

/** The main system: the throughput, login, revocation and memory scenarios. */
async function mainScenarios(results) {
  const profileDir = PROFILE ? join(RESULTS_DIR, `profiles-${stamp}`) : undefined;
  const system = process.env.BENCH_URL ? null : await startSystem({ transport: TRANSPORT, cpuProfileDir: profileDir });
  const baseUrl = process.env.BENCH_URL ?? system.baseUrl;
  const admin = process.env.BENCH_URL ? { username: process.env.BENCH_ADMIN_USERNAME, password: process.env.BENCH_ADMIN_PASSWORD } : ADMIN;
  let requestsServed = 0;
  const count = (result) => {
    requestsServed += result.completed;
    return result;
  };
  try {
    const client = new Client(baseUrl);
    const setup = await setUp(client, admin);
    const url = baseUrl;
    const settings = { duration: DURATION, connections: CONNECTIONS };
    // Each throughput scenario is first run unreported for WARM_UP_SECONDS: V8 takes seconds of load to
    // optimise a path's code, and a 10 s figure that included it would measure the JIT, not the path
    // (the admin listing climbed from 220 to 360 req/s across its 10 s before this warm-up).
    const measured = async (title, options) => {
      count(await load(`warm-up: ${title}`, { ...settings, ...options, duration: WARM_UP_SECONDS }));
      return count(await load(title, { ...settings, ...options }));
    };
    if (SCENARIOS.has('me-cookie')) {
      results.scenarios['me-cookie'] = await measured('GET /auth/me (cookie)', {
        url: `${url}/auth/me`,
        headers: { cookie: setup.user.cookie },
      });
    }
    if (SCENARIOS.has('me-bearer')) {
      results.scenarios['me-bearer'] = await measured('GET /auth/me (bearer)', {
        url: `${url}/auth/me`,
        headers: { authorization: `Bearer ${setup.bearer}` },
      });
    }
    if (SCENARIOS.has('admin-users')) {
      results.scenarios['admin-users'] = await measured('GET /admin/users?limit=1 (admin)', {
        url: `${url}/admin/users?limit=1`,
        headers: { cookie: setup.admin.cookie },
      });
    }
    const loginLoad = (title, connections = CONNECTIONS, duration = DURATION) =>
      load(title, {
        ...settings,
        duration,
        connections,
        url: `${url}/auth/login`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(USER),
      });
    if (SCENARIOS.has('logins')) {
      // Warmed like the others: at ~20 requests/s the login path's code would otherwise still be cold.
      count(await loginLoad('warm-up: POST /auth/login', CONNECTIONS, WARM_UP_SECONDS));
      await drain(client);
      const logins = count(await loginLoad('POST /auth/login'));
      logins.successfulPerSecond = round((logins.statusCodes['200'] ?? 0) / logins.durationSeconds, 2);
      logins.backlogDrainSeconds = await drain(client);
      results.scenarios.logins = logins;
      // The same at a concurrency the hash pool can serve within the transport timeout (not a target: a diagnosis).
      const few = count(await loginLoad('POST /auth/login, 4 connections', 4));
      few.successfulPerSecond = round((few.statusCodes['200'] ?? 0) / few.durationSeconds, 2);
      few.backlogDrainSeconds = await drain(client);
      results.scenarios['logins-4-connections'] = few;
    }
    if (SCENARIOS.has('me-under-logins')) {
      const [me, logins] = await Promise.all([
        load('GET /auth/me while logins run', { ...settings, url: `${url}/auth/me`, headers: { cookie: setup.user.cookie } }),
        loginLoad('(logins alongside)'),
      ]);
      count(me);
      count(logins);
      logins.backlogDrainSeconds = await drain(client);
      results.scenarios['me-under-logins'] = {
        ...me,
        loginsAlongside: {
          successfulPerSecond: round((logins.statusCodes['200'] ?? 0) / logins.durationSeconds, 2),
          errors: logins.errors,
          backlogDrainSeconds: logins.backlogDrainSeconds,
        },
      };
    }
    if (SCENARIOS.has('revocation')) results.scenarios.revocation = await revocation(client, setup);
    if (system && requestsServed < MEMORY_REQUESTS) {
      // Tops the count up to MEMORY_REQUESTS with the cookie /auth/me load before reading RSS.
      const soak = await load(`memory soak: GET /auth/me to ${MEMORY_REQUESTS} requests`, {
        url: `${url}/auth/me`,
        connections: CONNECTIONS,
        amount: MEMORY_REQUESTS - requestsServed,
        duration: 3600,
        headers: { cookie: setup.user.cookie },
      });
      count(soak);
      results.memory.soak = { requests: soak.completed, errors: soak.errors };
    }
    if (system) {
      results.memory.rssAfterLoad = system.rss();
      results.memory.requestsServed = requestsServed;
    }
  } finally {
    if (system) await system.stop();
  }
  if (profileDir) results.profiles = summariseProfiles(profileDir);
}

function summariseProfiles(dir) {
  const summaries = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    summaries[file.replace('.cpuprofile', '')] = summariseProfile(join(dir, file), 15);
  }
  return { dir, summaries };
}

/** Resolution at scale: /auth/me with many distinct cookies, the resolver cache off, at 1,000 and 1,000,000 sessions. */
async function scale(results) {
  const system = await startSystem({
    transport: TRANSPORT,
    sessionsOnPrivateRedis: true,
    serviceEnv: { gateway: { SESSION_CACHE_TTL_MS: '0' }, 'admin-service': { SESSION_CACHE_TTL_MS: '0' } },
  });
  const redis = new Redis(system.redisUrl);
  try {
    const client = new Client(system.baseUrl);
    await client.request('POST', '/auth/register', { body: USER });
    const real = await client.login(USER.username, USER.password);
    const me = await client.expect(200, 'GET', '/auth/me', { cookie: real.cookie });
    const template = await redis.hgetall(`${system.prefix}s:{${me.body.session.id}}`);
    const seed = `bench-${stamp}`;
    const memory = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))[1]);
    const progress = (target) => (n) => process.stderr.write(`\r  seeding sessions: ${n}/${target}`.padEnd(100));
    const before = await memory();
    const small = 1000;
    await seedSessions(redis, { prefix: system.prefix, seed, from: 0, to: small, template, onProgress: progress(small) });
    const afterSmall = await memory();
    const cookies = (n, stride) => Array.from({ length: n }, (_, k) => `sid=${tokenOf(seed, k * stride)}`);
    const rotating = (title, list) => {
      let next = 0;
      return load(title, {
        url: `${system.baseUrl}/auth/me`,
        duration: DURATION,
        connections: CONNECTIONS,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => ({ ...request, headers: { ...request.headers, cookie: list[next++ % list.length] } }),
          },
        ],
      });
    };
    await load('warm-up', {
      url: `${system.baseUrl}/auth/me`,
      duration: WARM_UP_SECONDS,
      connections: CONNECTIONS,
      headers: { cookie: real.cookie },
    });
    const atSmall = await rotating(`GET /auth/me, ${small} sessions, ${small} cookies, cache off`, cookies(small, 1));
    const seedStarted = Date.now();
    await seedSessions(redis, {
      prefix: system.prefix,
      seed,
      from: small,
      to: SCALE_SESSIONS,
      template,
      onProgress: progress(SCALE_SESSIONS),
    });
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    const afterLarge = await memory();
    const distinct = Math.min(10_000, SCALE_SESSIONS);
    const atLarge = await rotating(
      `GET /auth/me, ${SCALE_SESSIONS} sessions, ${distinct} cookies, cache off`,
      cookies(distinct, Math.floor(SCALE_SESSIONS / distinct)),
    );
    // The first phase's 1,000 cookies again, now among 1,000,000: tells Redis's size from the spread of keys touched.
    const sameCookies = await rotating(`GET /auth/me, ${SCALE_SESSIONS} sessions, the same ${small} cookies, cache off`, cookies(small, 1));
    results.scenarios.scale = {
      small: { sessions: small, cookies: small, ...atSmall },
      large: { sessions: SCALE_SESSIONS, cookies: distinct, ...atLarge },
      largeSameCookies: { sessions: SCALE_SESSIONS, cookies: small, ...sameCookies },
      ratio: round(atLarge.requestsPerSecond / atSmall.requestsPerSecond, 3),
      seedSeconds: round(seedSeconds, 1),
    };
    results.memory.redis = {
      usedMemoryBefore: before,
      bytesPerSessionAt1000: round((afterSmall - before) / small, 0),
      bytesPerSessionAtScale: round((afterLarge - before) / SCALE_SESSIONS, 0),
      sessions: SCALE_SESSIONS,
      note: 'used_memory of a private redis-server before and after inserting the sessions, each with its share of a 10-session user index',
    };
  } finally {
    redis.disconnect();
    await system.stop();
  }
}

/** Each target of issue 9: the measured figure, the limit it is compared with, the ratio, met or not. */
function targets(results) {
  const rows = [];
  const c = results.ceiling;
  const row = (scenario, target, measured, limit, met) => rows.push({ scenario, target, measured, limit, met });
  for (const [key, name] of [
    ['me-cookie', 'GET /auth/me, cookie'],
    ['me-bearer', 'GET /auth/me, bearer'],
  ]) {
    const s = results.scenarios[key];
    if (!s) continue;
    row(
      name,
      '≥ 12 % of ceiling req/s',
      `${s.requestsPerSecond} req/s (${pct(s.requestsPerSecond / c.requestsPerSecond)})`,
      `${c.requestsPerSecond} req/s`,
      s.requestsPerSecond >= 0.12 * c.requestsPerSecond,
    );
    row(name, 'p99 ≤ 10 × ceiling p99', `${s.p99} ms (${round(s.p99 / c.p99, 1)} ×)`, `${c.p99} ms`, s.p99 <= 10 * c.p99);
    row(name, '0 errors', `${s.errors} errors`, '0', s.errors === 0);
  }
  const admin = results.scenarios['admin-users'];
  if (admin) {
    row(
      'GET /admin/users?limit=1',
      '≥ 5 % of ceiling req/s',
      `${admin.requestsPerSecond} req/s (${pct(admin.requestsPerSecond / c.requestsPerSecond)})`,
      `${c.requestsPerSecond} req/s`,
      admin.requestsPerSecond >= 0.05 * c.requestsPerSecond,
    );
    row('GET /admin/users?limit=1', '0 errors', `${admin.errors} errors`, '0', admin.errors === 0);
  }
  const logins = results.scenarios.logins;
  if (logins) {
    const limit = results.bcrypt.hashesPerSecond;
    row(
      'logins',
      '≥ 90 % of bcrypt limit',
      `${logins.successfulPerSecond} logins/s (${pct(logins.successfulPerSecond / limit)}), ${logins.errors} errors`,
      `${limit} hashes/s`,
      logins.successfulPerSecond >= 0.9 * limit,
    );
  }
  const under = results.scenarios['me-under-logins'];
  if (under)
    row(
      'GET /auth/me under logins',
      'p99 ≤ 25 × ceiling p99',
      `${under.p99} ms (${round(under.p99 / c.p99, 1)} ×)`,
      `${c.p99} ms`,
      under.p99 <= 25 * c.p99,
    );
  const revocation = results.scenarios.revocation;
  if (revocation) {
    row(
      'revocation',
      'refused every time',
      `${revocation.samples - revocation.notRefused}/${revocation.samples} refused at once`,
      'all',
      revocation.refusedEveryTime,
    );
    row(
      'revocation',
      'revoke-to-refusal p99 ≤ 50 ms',
      `${revocation.p99} ms (revoke answered → refused: p99 ${revocation.afterRevokeP99} ms)`,
      '50 ms',
      revocation.p99 <= 50,
    );
  }
  const rss = results.memory.rssAfterLoad;
  if (rss) {
    for (const [name, bytes] of Object.entries(rss)) {
      row(
        `RSS ${name}`,
        `≤ 150 MB after 100,000 requests`,
        `${round(bytes / 2 ** 20, 1)} MB after ${results.memory.requestsServed} requests`,
        '150 MB',
        bytes <= 150 * 2 ** 20 && results.memory.requestsServed >= MEMORY_REQUESTS,
      );
    }
  }
  const memory = results.memory.redis;
  if (memory)
    row(
      'Redis memory',
      '≤ 600 B/session',
      `${memory.bytesPerSessionAtScale} B/session at ${memory.sessions}`,
      '600 B',
      memory.bytesPerSessionAtScale <= 600,
    );
  const scaled = results.scenarios.scale;
  if (scaled) {
    row(
      'resolve at scale',
      `within 10 % of 1,000`,
      `${scaled.large.requestsPerSecond} vs ${scaled.small.requestsPerSecond} req/s (${pct(scaled.ratio)})`,
      '≥ 90 %',
      scaled.ratio >= 0.9 && scaled.large.errors === 0,
    );
  }
  return rows;
}

const pct = (ratio) => `${round(ratio * 100, 1)} %`;

function printReport(results) {
  const lines = [];
  lines.push(
    `\nMachine: ${results.machine.nproc} cores, node ${results.machine.node}, load average at start ${results.machine.loadAverage.join(' ')}, at end ${results.loadAverageAtEnd.join(' ')}`,
  );
  lines.push(`Ceiling: ${results.ceiling.requestsPerSecond} req/s, p50 ${results.ceiling.p50} ms, p99 ${results.ceiling.p99} ms`);
  lines.push(
    `bcrypt limit: cost ${results.bcrypt.cost}, ${round(results.bcrypt.secondsPerHash * 1000, 1)} ms per hash × ${results.bcrypt.cores} cores = ${results.bcrypt.hashesPerSecond} hashes/s`,
  );
  lines.push('');
  lines.push(
    table(
      ['scenario', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'errors'],
      Object.entries(results.scenarios)
        .filter(([, s]) => s.requestsPerSecond !== undefined)
        .map(([name, s]) => [name, s.requestsPerSecond, s.p50, s.p90, s.p99, s.errors]),
    ),
  );
  if (results.scenarios.scale) {
    const { small, large, largeSameCookies: same } = results.scenarios.scale;
    lines.push(
      table(
        ['scale (cache off)', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'errors'],
        [
          [`${small.sessions} sessions`, small.requestsPerSecond, small.p50, small.p90, small.p99, small.errors],
          [`${large.sessions} sessions`, large.requestsPerSecond, large.p50, large.p90, large.p99, large.errors],
          [
            `${large.sessions} sessions, the first ${small.cookies} cookies`,
            same.requestsPerSecond,
            same.p50,
            same.p90,
            same.p99,
            same.errors,
          ],
        ],
      ),
    );
  }
  lines.push(
    table(
      ['scenario', 'target', 'measured', 'limit', 'met'],
      results.targets.map((r) => [r.scenario, r.target, r.measured, r.limit, r.met ? 'yes' : 'NO']),
    ),
  );
  if (results.profiles) {
    for (const [name, summary] of Object.entries(results.profiles.summaries)) {
      lines.push(`\nTop self time, ${name} (${summary.totalMs} ms sampled):`);
      for (const f of summary.top.slice(0, 10)) lines.push(`  ${String(f.selfPercent).padStart(5)} %  ${f.name}  ${f.where}`);
    }
  }
  return lines.join('\n');
}

function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(all[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...all.slice(1).map(line), ''].join('\n');
}

async function main() {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const results = {
    startedAt: new Date().toISOString(),
    settings: { duration: DURATION, connections: CONNECTIONS, transport: TRANSPORT, bcryptCost: BCRYPT_COST },
    machine: machine(),
    scenarios: {},
    memory: {},
  };
  log(
    `benchmark: ${DURATION} s per load, ${CONNECTIONS} connections, transport ${TRANSPORT}, load average ${results.machine.loadAverage.join(' ')}`,
  );
  log('measuring the bare-server ceiling…');
  results.ceiling = await ceiling();
  log(`  ${results.ceiling.requestsPerSecond} req/s, p99 ${results.ceiling.p99} ms`);
  log(`measuring the bcrypt limit (cost ${BCRYPT_COST})…`);
  results.bcrypt = bcryptLimit();
  log(`  ${results.bcrypt.hashesPerSecond} hashes/s`);
  if ([...SCENARIOS].some((s) => s !== 'scale')) {
    log('starting the system…');
    await mainScenarios(results);
  }
  if (SCENARIOS.has('scale') && !process.env.BENCH_URL) {
    log(`scale: the system with sessions on a private redis-server, resolver cache off…`);
    await scale(results);
  }
  results.loadAverageAtEnd = os.loadavg().map((v) => round(v, 2));
  results.targets = targets(results);
  const report = printReport(results);
  const file = join(RESULTS_DIR, `bench-${stamp}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  process.stdout.write(`${report}\nResults: ${file}\n`);
}

main().catch((error) => {
  process.stderr.write(`\nbenchmark failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
