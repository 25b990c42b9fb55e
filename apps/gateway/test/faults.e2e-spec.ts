import { Answer, Http } from '../../../test/support/http';
import { POSTGRES_URL, TestSystem } from '../../../test/support/system';
import { TcpProxy } from '../../../test/support/tcp-proxy';

jest.setTimeout(120_000);

const TRANSPORT_TIMEOUT_MS = 1000;
const PASSWORD = 'faults-Strong-pass-1';

interface Timed {
  label: string;
  status: number;
  ms: number;
  retryAfter: string | null;
  text: string;
}

let unique = 0;
/** A username no other request of the run uses. */
const uniqueName = (prefix: string): string => `${prefix}-${process.pid}-${unique++}`;

async function timed(label: string, request: () => Promise<Answer>): Promise<Timed> {
  const started = Date.now();
  const answer = await request();
  return { label, status: answer.status, ms: Date.now() - started, retryAfter: answer.headers.get('retry-after'), text: answer.text };
}

/** Several clients sending requests back to back for `durationMs`: the load during an outage. */
async function hammer(durationMs: number, workers: number, requests: Array<[string, () => Promise<Answer>]>): Promise<Timed[]> {
  const deadline = Date.now() + durationMs;
  const answers: Timed[] = [];
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let turn = worker; Date.now() < deadline; turn++) {
        const [label, request] = requests[turn % requests.length];
        answers.push(await timed(label, request));
      }
    }),
  );
  return answers;
}

/** Polls until `probe` holds; answers how long it took (fails past `timeoutMs`). */
async function recovery(probe: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await probe().catch(() => false)) return Date.now() - started;
    await new Promise((next) => setTimeout(next, 100));
  }
  throw new Error(`no recovery within ${timeoutMs} ms`);
}

/** Every answer during an outage: a success or a 503 with Retry-After, never a 500, never slow. */
function expectGracefulOutage(answers: Timed[], allowed: Record<string, number[]>, maxMs: number): void {
  // 2.5 s of 4 clients whose requests may each wait the 1 s transport timeout: at least 8 answers.
  expect(answers.length).toBeGreaterThanOrEqual(8);
  for (const answer of answers) {
    const summary = `${answer.label}: ${answer.status} in ${answer.ms} ms ${answer.text.slice(0, 120)}`;
    expect({ summary, ok: allowed[answer.label].includes(answer.status) }).toEqual({ summary, ok: true });
    expect({ summary, fast: answer.ms <= maxMs }).toEqual({ summary, fast: true });
    if (answer.status === 503) expect({ summary, retryAfter: Number(answer.retryAfter) > 0 }).toEqual({ summary, retryAfter: true });
  }
}

describe('the sessions Redis stopped and restarted under load (transport stays up)', () => {
  let system: TestSystem;
  let http: Http;

  beforeAll(async () => {
    system = await TestSystem.start({
      ownSessionsRedis: true,
      env: { TRANSPORT_TIMEOUT_MS: String(TRANSPORT_TIMEOUT_MS), REGISTER_MAX_PER_IP: '10000', LOGIN_QUEUE_BUDGET_MS: '200' },
    });
    http = new Http(system.baseUrl);
    await http.register('redis-user', PASSWORD);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('answers 503 with Retry-After within 2 s during the outage, recovers within 5 s, and keeps the sessions Redis held', async () => {
    const session = await http.login('redis-user', PASSWORD);
    const sessionId = (await http.get('/auth/me', { cookie: session.cookie })).body.session.id as string;
    await system.sessionsRedis!.stop();

    const answers = await hammer(3000, 4, [
      ['login', () => http.post('/auth/login', { body: { username: 'redis-user', password: PASSWORD } })],
      ['me', () => http.get('/auth/me', { cookie: session.cookie })],
      ['register', () => http.post('/auth/register', { body: { username: uniqueName('during'), password: PASSWORD } })],
      ['ready', () => http.get('/health/ready')],
    ]);
    // /auth/me may still be answered from the gateway's short cache of resolved sessions.
    // Registering needs only the database, so it may succeed.
    expectGracefulOutage(answers, { login: [503], me: [200, 503], register: [201, 503], ready: [503] }, 2000);
    expect(answers.filter((answer) => answer.label === 'login' && answer.status === 503).length).toBeGreaterThan(0);
    const ready = await http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toMatchObject({ redis: 'unavailable', authService: 'ok', database: 'ok' });

    await system.sessionsRedis!.restart();
    const took = await recovery(async () => (await http.get('/auth/me', { cookie: session.cookie })).status === 200, 5000);
    expect(took).toBeLessThanOrEqual(5000);
    expect((await http.post('/auth/login', { body: { username: 'redis-user', password: PASSWORD } })).status).toBe(200);
    expect((await http.get('/health/ready')).status).toBe(200);
    // The session from before the outage is still the same session (Redis kept it on disk).
    expect((await http.get('/auth/me', { cookie: session.cookie })).body.session.id).toBe(sessionId);
    expect(system.service('auth-service').running).toBe(true);
  });
});

describe('the auth-service killed and restarted', () => {
  let system: TestSystem;
  let http: Http;

  beforeAll(async () => {
    system = await TestSystem.start({
      env: { TRANSPORT_TIMEOUT_MS: String(TRANSPORT_TIMEOUT_MS), REGISTER_MAX_PER_IP: '10000', LOGIN_QUEUE_BUDGET_MS: '200' },
    });
    http = new Http(system.baseUrl);
    await http.register('killed-user', PASSWORD);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('answers 503 within the transport timeout while it is gone and recovers with the cookie sessions intact', async () => {
    const session = await http.login('killed-user', PASSWORD);
    expect(await system.service('auth-service').stop('SIGKILL')).toBeNull();

    const answers = await hammer(2500, 4, [
      ['login', () => http.post('/auth/login', { body: { username: 'killed-user', password: PASSWORD } })],
      ['me', () => http.get('/auth/me', { cookie: session.cookie })],
      ['sessions', () => http.get('/auth/sessions', { cookie: session.cookie })],
      ['ready', () => http.get('/health/ready')],
    ]);
    expectGracefulOutage(answers, { login: [503], me: [200, 503], sessions: [503], ready: [503] }, TRANSPORT_TIMEOUT_MS + 500);
    const ready = await http.get('/health/ready');
    expect(ready.body.checks).toMatchObject({ authService: 'unavailable', adminService: 'ok' });

    system.startService('auth-service');
    await recovery(async () => (await http.get('/health/ready')).status === 200, 30_000);
    expect((await http.get('/auth/me', { cookie: session.cookie })).status).toBe(200);
    expect((await http.get('/auth/sessions', { cookie: session.cookie })).status).toBe(200);
    expect((await http.post('/auth/login', { body: { username: 'killed-user', password: PASSWORD } })).status).toBe(200);
  });
});

describe('one Redis for the transport and the sessions, stopped and restarted', () => {
  let system: TestSystem;
  let http: Http;

  beforeAll(async () => {
    system = await TestSystem.start({
      sessionsOnPrivateRedis: true,
      env: { TRANSPORT_TIMEOUT_MS: String(TRANSPORT_TIMEOUT_MS), REGISTER_MAX_PER_IP: '10000', LOGIN_QUEUE_BUDGET_MS: '200' },
    });
    http = new Http(system.baseUrl);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('answers 503 within the transport timeout, stays alive, and every service reconnects within 5 s of Redis returning', async () => {
    await http.register('single-redis', PASSWORD);
    await system.privateRedis!.stop();

    const answers = await hammer(2500, 4, [
      ['login', () => http.post('/auth/login', { body: { username: 'single-redis', password: PASSWORD } })],
      ['register', () => http.post('/auth/register', { body: { username: uniqueName('gone'), password: PASSWORD } })],
      ['ready', () => http.get('/health/ready')],
      ['live', () => http.get('/health/live')],
    ]);
    expectGracefulOutage(answers, { login: [503], register: [503], ready: [503], live: [200] }, TRANSPORT_TIMEOUT_MS + 500);
    for (const name of ['gateway', 'auth-service', 'admin-service'] as const) expect(system.service(name).running).toBe(true);

    await system.privateRedis!.restart();
    // The restarted server is empty: the sessions are gone, the accounts (in the database) are not.
    const took = await recovery(
      async () => (await http.post('/auth/login', { body: { username: 'single-redis', password: PASSWORD } })).status === 200,
      5000,
    );
    expect(took).toBeLessThanOrEqual(5000);
    await recovery(async () => (await http.get('/health/ready')).status === 200, 5000);
    const session = await http.login('single-redis', PASSWORD);
    expect((await http.get('/auth/me', { cookie: session.cookie })).status).toBe(200);
  });
});

describe('the database cut (PostgreSQL behind a proxy the test controls)', () => {
  let system: TestSystem;
  let http: Http;
  let proxy: TcpProxy;

  beforeAll(async () => {
    const postgres = new URL(POSTGRES_URL);
    proxy = await TcpProxy.start({ host: postgres.hostname, port: Number(postgres.port || 5432) });
    system = await TestSystem.start({
      database: 'postgres',
      rewriteDatabaseUrl: (url) => {
        const rewritten = new URL(url);
        rewritten.host = `127.0.0.1:${proxy.port}`;
        return rewritten.toString();
      },
      env: { TRANSPORT_TIMEOUT_MS: String(TRANSPORT_TIMEOUT_MS), REGISTER_MAX_PER_IP: '10000', LOGIN_QUEUE_BUDGET_MS: '200' },
    });
    http = new Http(system.baseUrl);
    await http.register('db-user', PASSWORD);
  });

  afterAll(async () => {
    await proxy?.restore().catch(() => undefined);
    await system?.stop();
    await proxy?.cut();
  });

  it('answers 503 for login and register, keeps resolving sessions, names the database in /health/ready, and recovers', async () => {
    const session = await http.login('db-user', PASSWORD);
    await proxy.cut();

    const answers = await hammer(2500, 4, [
      ['login', () => http.post('/auth/login', { body: { username: 'db-user', password: PASSWORD } })],
      ['register', () => http.post('/auth/register', { body: { username: uniqueName('nodb'), password: PASSWORD } })],
      ['me', () => http.get('/auth/me', { cookie: session.cookie })],
      ['sessions', () => http.get('/auth/sessions', { cookie: session.cookie })],
    ]);
    expectGracefulOutage(answers, { login: [503], register: [503], me: [200], sessions: [200] }, 2000);
    const ready = await http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toMatchObject({ database: 'unavailable', redis: 'ok', authService: 'ok' });

    await proxy.restore();
    const took = await recovery(
      async () => (await http.post('/auth/login', { body: { username: 'db-user', password: PASSWORD } })).status === 200,
      5000,
    );
    expect(took).toBeLessThanOrEqual(5000);
    expect((await http.get('/health/ready')).status).toBe(200);
  });
});
