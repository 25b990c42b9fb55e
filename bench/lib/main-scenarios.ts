// The main system's scenarios: throughput (warmed), logins, /auth/me under logins, revocation, memory.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, TestSystem } from '../../test/support/system';
import { summariseProfile } from '../profile-summary';
import { startBenchSystem } from './bench-system';
import { BenchClient } from './client';
import { LoadOptions, LoadResult, load, round } from './load';
import { BenchResults, LoginLoad } from './results';
import { revocation } from './revocation';
import {
  CONNECTIONS,
  DURATION,
  EXTERNAL,
  MEMORY_REQUESTS,
  PROFILE,
  RESULTS_DIR,
  SCENARIOS,
  STAMP,
  USER,
  VICTIM,
  WARM_UP_SECONDS,
} from './settings';

type Session = { cookie: string; csrf: string };
interface SetUp {
  user: Session;
  bearer: string;
  admin: Session;
  victimId: string;
}

/** What every scenario of one run shares: the client, the users, and the count of requests served. */
class Run {
  requestsServed = 0;
  readonly settings = { duration: DURATION, connections: CONNECTIONS };

  constructor(
    readonly url: string,
    readonly client: BenchClient,
    readonly setup: SetUp,
  ) {}

  count<T extends LoadResult>(result: T): T {
    this.requestsServed += result.completed;
    return result;
  }

  /**
   * Each throughput scenario is first run unreported for WARM_UP_SECONDS: V8 takes seconds of load to
   * optimise a path's code, and a 10 s figure that included it would measure the JIT, not the path
   * (the admin listing climbed from 220 to 360 req/s across its 10 s before this warm-up).
   */
  async measured(title: string, options: Omit<LoadOptions, 'duration'>): Promise<LoadResult> {
    this.count(await load(`warm-up: ${title}`, { ...this.settings, ...options, duration: WARM_UP_SECONDS }));
    return this.count(await load(title, { ...this.settings, ...options }));
  }

  loginLoad(title: string, connections = CONNECTIONS, duration = DURATION): Promise<LoginLoad> {
    return load(title, {
      duration,
      connections,
      url: `${this.url}/auth/login`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(USER),
    });
  }

  /**
   * After a login load the auth-service may still be hashing passwords whose requests the gateway has
   * already given up on (503 after TRANSPORT_TIMEOUT_MS): waits until a login answers again, and says how long that took.
   */
  async drain(): Promise<number> {
    const started = Date.now();
    for (;;) {
      const answer = await this.client.request('POST', '/auth/login', { body: USER });
      if (answer.status === 200) return round((Date.now() - started) / 1000, 1);
      if (Date.now() - started > 300_000) throw new Error(`logins did not recover: ${answer.status}`);
    }
  }
}

/** Users for the scenarios: a plain user (cookie and bearer), the admin, and an admin-role victim. */
async function setUp(client: BenchClient, admin: { username: string; password: string }): Promise<SetUp> {
  await client.request('POST', '/auth/register', { body: USER });
  const victim = await client.request('POST', '/auth/register', { body: VICTIM });
  const adminSession = await client.login(admin.username, admin.password);
  if (victim.status === 201) {
    const body = { roles: ['admin'] };
    await client.expect(200, 'PATCH', `/admin/users/${victim.body.user.id}`, {
      cookie: adminSession.cookie,
      csrf: adminSession.csrf,
      body,
    });
  }
  const list = await client.expect(200, 'GET', `/admin/users?query=${VICTIM.username}`, { cookie: adminSession.cookie });
  const victimId = (list.body.items as Array<{ id: string; username: string }>).find((u) => u.username === VICTIM.username)?.id;
  if (!victimId) throw new Error(`${VICTIM.username} is not in the user list`);
  return {
    user: await client.login(USER.username, USER.password),
    bearer: await client.bearer(USER.username, USER.password),
    admin: adminSession,
    victimId,
  };
}

async function throughput(run: Run, results: BenchResults): Promise<void> {
  const { url, setup } = run;
  if (SCENARIOS.has('me-cookie')) {
    results.scenarios['me-cookie'] = await run.measured('GET /auth/me (cookie)', {
      url: `${url}/auth/me`,
      headers: { cookie: setup.user.cookie },
    });
  }
  if (SCENARIOS.has('me-bearer')) {
    const headers = { authorization: `Bearer ${setup.bearer}` };
    results.scenarios['me-bearer'] = await run.measured('GET /auth/me (bearer)', { url: `${url}/auth/me`, headers });
  }
  if (SCENARIOS.has('admin-users')) {
    const options = { url: `${url}/admin/users?limit=1`, headers: { cookie: setup.admin.cookie } };
    results.scenarios['admin-users'] = await run.measured('GET /admin/users?limit=1 (admin)', options);
  }
}

async function logins(run: Run, results: BenchResults): Promise<void> {
  // Warmed like the others: at ~20 requests/s the login path's code would otherwise still be cold.
  run.count(await run.loginLoad('warm-up: POST /auth/login', CONNECTIONS, WARM_UP_SECONDS));
  await run.drain();
  const all = run.count(await run.loginLoad('POST /auth/login'));
  all.successfulPerSecond = round((all.statusCodes['200'] ?? 0) / all.durationSeconds, 2);
  all.backlogDrainSeconds = await run.drain();
  results.scenarios.logins = all;
  // The same at a concurrency the hash pool can serve within the transport timeout (not a target: a diagnosis).
  const few = run.count(await run.loginLoad('POST /auth/login, 4 connections', 4));
  few.successfulPerSecond = round((few.statusCodes['200'] ?? 0) / few.durationSeconds, 2);
  few.backlogDrainSeconds = await run.drain();
  results.scenarios['logins-4-connections'] = few;
}

async function meUnderLogins(run: Run, results: BenchResults): Promise<void> {
  const [me, alongside] = await Promise.all([
    load('GET /auth/me while logins run', { ...run.settings, url: `${run.url}/auth/me`, headers: { cookie: run.setup.user.cookie } }),
    run.loginLoad('(logins alongside)'),
  ]);
  run.count(me);
  run.count(alongside);
  const backlogDrainSeconds = await run.drain();
  results.scenarios['me-under-logins'] = {
    ...me,
    loginsAlongside: {
      successfulPerSecond: round((alongside.statusCodes['200'] ?? 0) / alongside.durationSeconds, 2),
      errors: alongside.errors,
      backlogDrainSeconds,
    },
  };
}

/** Tops the count up to MEMORY_REQUESTS with the cookie /auth/me load, then reads each service's RSS. */
async function memory(run: Run, system: TestSystem, results: BenchResults): Promise<void> {
  if (run.requestsServed < MEMORY_REQUESTS) {
    const soak = await load(`memory soak: GET /auth/me to ${MEMORY_REQUESTS} requests`, {
      url: `${run.url}/auth/me`,
      connections: CONNECTIONS,
      amount: MEMORY_REQUESTS - run.requestsServed,
      duration: 3600,
      headers: { cookie: run.setup.user.cookie },
    });
    run.count(soak);
    results.memory.soak = { requests: soak.completed, errors: soak.errors };
  }
  results.memory.rssAfterLoad = Object.fromEntries([...system.services].map(([name, service]) => [name, service.rss()]));
  results.memory.requestsServed = run.requestsServed;
}

/** The main system (started here, or EXTERNAL): every scenario but scale. */
export async function mainScenarios(results: BenchResults): Promise<void> {
  const profileDir = PROFILE ? join(RESULTS_DIR, `profiles-${STAMP}`) : undefined;
  const profileFlags = (name: string) => ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`];
  const nodeFlags = profileDir
    ? { 'auth-service': profileFlags('auth-service'), 'admin-service': profileFlags('admin-service'), gateway: profileFlags('gateway') }
    : undefined;
  const system = EXTERNAL ? undefined : await startBenchSystem({ nodeFlags });
  const target = system ? { baseUrl: system.baseUrl, admin: ADMIN } : EXTERNAL;
  try {
    if (!target) throw new Error('no system to load');
    const client = new BenchClient(target.baseUrl);
    const run = new Run(target.baseUrl, client, await setUp(client, target.admin));
    await throughput(run, results);
    if (SCENARIOS.has('logins')) await logins(run, results);
    if (SCENARIOS.has('me-under-logins')) await meUnderLogins(run, results);
    if (SCENARIOS.has('revocation')) results.scenarios.revocation = await revocation(client, run.setup);
    if (system) await memory(run, system, results);
  } finally {
    await system?.stop();
  }
  if (profileDir) results.profiles = summariseProfiles(profileDir);
}

function summariseProfiles(dir: string): NonNullable<BenchResults['profiles']> {
  const summaries: NonNullable<BenchResults['profiles']>['summaries'] = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    summaries[file.replace('.cpuprofile', '')] = summariseProfile(join(dir, file), 15);
  }
  return { dir, summaries };
}
