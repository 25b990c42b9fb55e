import { Socket, connect } from 'node:net';
import { Http } from '../../../test/support/http';
import { prometheusConventionProblems } from '@app/common';
import { TestSystem, freePort } from '../../../test/support/system';

jest.setTimeout(90_000);

// The gateway's own surface (metrics, headers, timeouts, connections): no service is asked, one database is enough.

const METRICS_TOKEN = 'metrics-token-for-the-e2e-test-0123456789';
const PASSWORD = 'a-Strong-password-1';

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

/** Resolves with how long the server took to end the connection (and what it answered, if anything). */
function closed(socket: Socket): Promise<{ ms: number; text: string }> {
  const started = Date.now();
  let text = '';
  socket.on('data', (chunk) => (text += chunk.toString()));
  return new Promise((resolve) => socket.on('close', () => resolve({ ms: Date.now() - started, text })));
}

describe('the operational surface', () => {
  let system: TestSystem;
  let http: Http;
  let port: number;
  let authMetricsPort: number;

  beforeAll(async () => {
    authMetricsPort = await freePort();
    system = await TestSystem.start({
      serviceEnv: {
        gateway: { METRICS_TOKEN, REQUEST_TIMEOUT_MS: '1500', MAX_CONNECTIONS_PER_IP: '8' },
        'auth-service': { METRICS_PORT: String(authMetricsPort) },
      },
    });
    http = new Http(system.baseUrl);
    port = Number(new URL(system.baseUrl).port);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('answers /metrics only with Authorization: Bearer <METRICS_TOKEN>, 401 otherwise', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${METRICS_TOKEN}x`, `Basic ${METRICS_TOKEN}`, METRICS_TOKEN]) {
      const answer = await http.get('/metrics', { headers: authorization ? { authorization } : {} });
      expect({ authorization, status: answer.status }).toEqual({ authorization, status: 401 });
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(answer.text).not.toContain('# HELP');
    }
    const scrape = await http.get('/metrics', { bearer: METRICS_TOKEN });
    expect(scrape.status).toBe(200);
    expect(scrape.text).toContain('# HELP http_request_duration_seconds');
  });

  it('names metrics the Prometheus way on the gateway and the auth-service: counters end in _total, each has # HELP', async () => {
    const gateway = await http.get('/metrics', { bearer: METRICS_TOKEN });
    expect(gateway.text).toMatch(/^# TYPE session_cache_lookups_total counter$/m);
    expect(gateway.text).toMatch(/^# TYPE login_attempts_total counter$/m);
    expect(prometheusConventionProblems(gateway.text)).toEqual([]);
    const auth = await fetch(`http://127.0.0.1:${authMetricsPort}/metrics`);
    expect(auth.status).toBe(200);
    expect(prometheusConventionProblems(await auth.text())).toEqual([]);
  });

  it('puts one headers policy on every answer: JSON, errors, pages and /docs', async () => {
    const register = await http.post('/auth/register', { body: { username: 'headers-user', password: PASSWORD } });
    expect(register.status).toBe(201);
    const answers = {
      register,
      me401: await http.get('/auth/me'),
      notFound: await http.get('/no-such-route'),
      badBody: await http.post('/auth/login', { raw: '{' }),
      page: await http.get('/register'),
      docs: await http.get('/docs'),
      health: await http.get('/health/live'),
    };
    for (const [name, answer] of Object.entries(answers)) {
      expect({ name, nosniff: answer.headers.get('x-content-type-options') }).toEqual({ name, nosniff: 'nosniff' });
      expect({ name, frame: answer.headers.get('x-frame-options') }).toEqual({ name, frame: 'DENY' });
      expect({ name, csp: answer.headers.get('content-security-policy') }).toEqual({
        name,
        csp: expect.stringContaining("frame-ancestors 'none'"),
      });
      expect({ name, cache: answer.headers.get('cache-control') }).toEqual({ name, cache: 'no-store' });
    }
    // The pages keep their own policy (no script at all); /docs may run Swagger UI's own scripts.
    expect(answers.page.headers.get('content-security-policy')).toContain("style-src 'self'");
    expect(answers.page.headers.get('content-security-policy')).not.toContain('script-src');
    expect(answers.docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(answers.register.headers.get('content-security-policy')).toContain("default-src 'none'");
    // Routes that allow caching say so themselves.
    expect((await http.get('/static/app.css')).headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('closes a connection whose body trickles in slower than REQUEST_TIMEOUT_MS', async () => {
    const socket = await openSocket(port);
    const end = closed(socket);
    socket.write(
      ['POST /auth/login HTTP/1.1', `Host: 127.0.0.1:${port}`, 'Content-Type: application/json', 'Content-Length: 200', '', '{'].join(
        '\r\n',
      ),
    );
    const trickle = setInterval(() => socket.writable && socket.write(' '), 500);
    const { ms, text } = await end;
    clearInterval(trickle);
    // Node answers 408 and closes once the whole request has not arrived within the timeout.
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeGreaterThanOrEqual(1000);
    expect(ms).toBeLessThan(15_000);
  });

  it('caps open connections per client address at MAX_CONNECTIONS_PER_IP, and frees the slots on close', async () => {
    // Each socket asks once and stays open (keep-alive); the pooled connections of this test's own fetch count too.
    const sockets = Array.from({ length: 12 }, () => connect(port, '127.0.0.1'));
    const served = await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<boolean>((resolve) => {
            socket.on('error', () => resolve(false));
            socket.on('close', () => resolve(false));
            socket.on('data', (chunk) => resolve(chunk.toString().startsWith('HTTP/1.1 200')));
            socket.on('connect', () => socket.write(`GET /health/live HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`));
          }),
      ),
    );
    const count = served.filter(Boolean).length;
    expect(count).toBeGreaterThanOrEqual(4);
    expect(count).toBeLessThanOrEqual(8);
    for (const socket of sockets) socket.destroy();
    // Once they are gone, new connections are served again (polled: the server sees each close a little later).
    for (;;) {
      const answer = await http.get('/health/live').catch(() => undefined);
      if (answer?.status === 200) break;
      await new Promise((next) => setTimeout(next, 50));
    }
  });
});
