import { Http } from '../../../test/support/http';
import { ADMIN, ServiceName, TestSystem } from '../../../test/support/system';

jest.setTimeout(60_000);

type LogLine = Record<string, unknown>;

/** Every JSON line a service has written so far (a line that is not JSON fails the test: all output is JSON). */
function jsonLines(system: TestSystem, name: ServiceName): LogLine[] {
  return system
    .service(name)
    .output.join('')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`${name} wrote a line that is not JSON: ${line}`);
      }
    });
}

/** Polls a service's output until a line matches (the logs are written asynchronously to the request). */
async function lineOf(system: TestSystem, name: ServiceName, match: (line: LogLine) => boolean, timeoutMs = 5_000): Promise<LogLine> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = jsonLines(system, name).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching log line from ${name}:\n${system.service(name).output.join('')}`);
    await new Promise((next) => setTimeout(next, 50));
  }
}

describe('structured logs', () => {
  let system: TestSystem;
  let http: Http;

  beforeAll(async () => {
    system = await TestSystem.start({ env: { LOG_LEVEL: 'debug' } });
    http = new Http(system.baseUrl);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('carries the caller’s X-Request-Id through the gateway’s and the auth-service’s JSON lines', async () => {
    const requestId = `test-${Date.now().toString(36)}`;
    const login = await http.post('/auth/login', {
      body: { username: ADMIN.username, password: ADMIN.password },
      headers: { 'x-request-id': requestId },
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('x-request-id')).toBe(requestId);

    const access = await lineOf(
      system,
      'gateway',
      (line) => line.requestId === requestId && (line.res as { statusCode?: number })?.statusCode === 200,
    );
    expect(access).toMatchObject({ service: 'gateway', req: { method: 'POST', url: '/auth/login' } });
    const handled = await lineOf(system, 'auth-service', (line) => line.requestId === requestId && line.pattern === 'auth.login');
    expect(handled).toMatchObject({ service: 'auth-service', outcome: 'ok' });

    const everything = `${system.service('gateway').output.join('')}${system.service('auth-service').output.join('')}`;
    expect(everything).not.toContain(ADMIN.password);
    expect(everything).not.toContain(login.setCookies[0].split(';')[0].slice('sid='.length));
  });

  it('names the service on every line, and gives a request without an id one of its own', async () => {
    const answer = await http.get('/auth/me');
    expect(answer.status).toBe(401);
    const generated = answer.headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    await lineOf(system, 'gateway', (line) => line.requestId === generated);

    for (const name of ['gateway', 'auth-service', 'admin-service'] as const) {
      const lines = jsonLines(system, name);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((line) => line.service === name)).toBe(true);
    }
  });
});
