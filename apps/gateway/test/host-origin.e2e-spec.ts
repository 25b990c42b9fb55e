import { connect } from 'node:net';
import { Http } from '../../../test/support/http';
import { TestSystem } from '../../../test/support/system';

jest.setTimeout(90_000);

// Host and Origin are decided by the gateway before any service is asked: one database is enough.

const PUBLIC = 'https://auth.example.test';
const ALSO_ALLOWED = 'https://admin.example.test';
const PASSWORD = 'a-Strong-password-1';

/** Sends one request as raw text (so it can carry any Host, or two) and answers the whole response. */
function rawAnswer(port: number, head: string[], body = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write([...head, `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', '', body].join('\r\n'));
    });
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
  });
}

/** The status code of such a request. */
async function rawStatus(port: number, head: string[], body = ''): Promise<number> {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(await rawAnswer(port, head, body))?.[1] ?? 0);
}

describe('Host and Origin', () => {
  let system: TestSystem;
  let http: Http;
  let port: number;

  beforeAll(async () => {
    system = await TestSystem.start({
      serviceEnv: { gateway: { PUBLIC_BASE_URL: PUBLIC, ALLOWED_ORIGINS: ALSO_ALLOWED } },
    });
    http = new Http(system.baseUrl);
    port = Number(new URL(system.baseUrl).port);
    await http.register('origin-user', PASSWORD);
  });

  afterAll(async () => {
    await system?.stop();
  });

  const login = JSON.stringify({ username: 'origin-user', password: PASSWORD });
  const jsonPost = (path: string, host: string, origin: string): string[] => [
    `POST ${path} HTTP/1.1`,
    `Host: ${host}`,
    `Origin: ${origin}`,
    'Content-Type: application/json',
  ];

  it('refuses a Host it does not serve with 400, even for the rebinding pair Host and Origin evil.example', async () => {
    expect(await rawStatus(port, jsonPost('/auth/login', 'evil.example', 'http://evil.example'), login)).toBe(400);
    expect(await rawStatus(port, ['GET /login HTTP/1.1', 'Host: evil.example'])).toBe(400);
    const answer = await rawAnswer(port, ['GET /auth/me HTTP/1.1', 'Host: evil.example']);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Unknown Host',
    });
  });

  it('refuses a repeated Host header with 400, even when both name a host it serves', async () => {
    const head = ['GET /login HTTP/1.1', `Host: 127.0.0.1:${port}`, 'Host: auth.example.test'];
    expect(await rawStatus(port, head)).toBe(400);
    expect(await rawStatus(port, ['GET /login HTTP/1.1', 'Host: 127.0.0.1', 'host: 127.0.0.1'])).toBe(400);
  });

  it("serves PUBLIC_BASE_URL's host and loopback (outside production), whatever the port", async () => {
    expect(await rawStatus(port, ['GET /login HTTP/1.1', 'Host: auth.example.test'])).toBe(200);
    expect(await rawStatus(port, ['GET /login HTTP/1.1', 'Host: AUTH.example.test:443'])).toBe(200);
    expect(await rawStatus(port, ['GET /login HTTP/1.1', `Host: localhost:${port}`])).toBe(200);
  });

  it('answers health checks and the scrape by any name the platform uses', async () => {
    expect(await rawStatus(port, ['GET /health/live HTTP/1.1', 'Host: gateway:3000'])).toBe(200);
    expect(await rawStatus(port, ['GET /metrics HTTP/1.1', 'Host: gateway:3000'])).toBe(200);
  });

  it('compares Origin with PUBLIC_BASE_URL and ALLOWED_ORIGINS, not with the Host it arrived with', async () => {
    // The rebinding case once the Host is one the gateway serves: the Origin names the request's own Host.
    expect(await rawStatus(port, jsonPost('/auth/login', `127.0.0.1:${port}`, 'http://evil.example'), login)).toBe(403);
    expect(await rawStatus(port, jsonPost('/auth/login', 'auth.example.test', 'http://auth.example.test'), login)).toBe(403);
    expect(await rawStatus(port, jsonPost('/auth/login', 'auth.example.test', PUBLIC), login)).toBe(200);
    expect(await rawStatus(port, jsonPost('/auth/login', 'auth.example.test', ALSO_ALLOWED), login)).toBe(200);
  });

  describe('every unauthenticated state-changing endpoint refuses a cross-site browser request with 403', () => {
    const register = (username: string): unknown => ({ username, password: PASSWORD });
    const cases: Array<[string, string, unknown]> = [
      ['POST /auth/register', '/auth/register', register('cross-site-1')],
      ['POST /auth/login', '/auth/login', { username: 'origin-user', password: PASSWORD }],
      ['POST /auth/token', '/auth/token', { grant_type: 'password', username: 'origin-user', password: PASSWORD }],
    ];

    it.each(cases)('%s with a foreign Origin, or Sec-Fetch-Site: cross-site', async (_name, path, body) => {
      const foreign = await http.post(path, { body, headers: { origin: 'https://evil.example' } });
      expect(foreign.status).toBe(403);
      expect(foreign.body).toMatchObject({ statusCode: 403, message: 'Cross-site request refused' });
      expect((await http.post(path, { body, headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    });

    it('POST /auth/register as a cross-site HTML form post (no preflight, urlencoded)', async () => {
      const form = { username: 'cross-site-2', password: PASSWORD };
      const answer = await http.post('/auth/register', { form, headers: { origin: 'https://evil.example' } });
      expect(answer.status).toBe(403);
      // Nothing was created: the same name is still free from this site.
      expect((await http.post('/auth/register', { body: form, headers: { origin: PUBLIC } })).status).toBe(201);
    });

    it('POST /register (the page) with a foreign Origin', async () => {
      const answer = await http.post('/register', {
        form: { username: 'cross-site-3', password: PASSWORD, _csrf: 'x' },
        headers: { origin: 'https://evil.example' },
      });
      expect(answer.status).toBe(403);
    });

    it('accepts them from the public origin, and from API clients that send no Origin', async () => {
      expect((await http.post('/auth/register', { body: register('same-site-1'), headers: { origin: PUBLIC } })).status).toBe(201);
      expect((await http.post('/auth/register', { body: register('api-client-1') })).status).toBe(201);
      const token = await http.post('/auth/token', { body: { grant_type: 'password', username: 'origin-user', password: PASSWORD } });
      expect(token.status).toBe(200);
    });
  });

  it('takes the CSRF token of a JSON request from the header only, not from a `_csrf` field in the body', async () => {
    const session = await http.login('origin-user', PASSWORD);
    const inBody = await http.post('/auth/logout', { cookie: session.cookie, body: { _csrf: session.csrf } });
    expect(inBody.status).toBe(403);
    expect((await http.get('/auth/me', { cookie: session.cookie })).status).toBe(200);
    expect((await http.post('/auth/logout', { cookie: session.cookie, csrf: session.csrf, body: {} })).status).toBe(204);
  });
});
