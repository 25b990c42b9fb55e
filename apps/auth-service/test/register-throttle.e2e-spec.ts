import { Answer, Http } from '../../../test/support/http';
import { TestSystem } from '../../../test/support/system';

jest.setTimeout(120_000);

const PER_IP = 5;
const WINDOW_SECONDS = 600;
const PASSWORD = 'register-Strong-pass-1';

/**
 * Issue 20.3: registration is throttled per client IP (REGISTER_MAX_PER_IP per REGISTER_WINDOW_SECONDS),
 * on the JSON endpoint and the form alike, whatever the outcome (a 409 for a taken name counts: it is the
 * oracle), and counted before bcrypt, so a parallel burst gets exactly the limit through.
 */
describe('the registration throttle', () => {
  let system: TestSystem;
  let http: Http;
  let nextIp = 1;

  const freshIp = (): string => `10.40.${Math.floor(nextIp / 250)}.${nextIp++ % 250}`;
  const from = (ip: string): Record<string, string> => ({ 'x-forwarded-for': ip });
  const register = (username: string, ip: string): Promise<Answer> =>
    http.post('/auth/register', { body: { username, password: PASSWORD }, headers: from(ip) });

  /** The /register form as a browser posts it: its CSRF cookie and field first. */
  async function registerByForm(username: string, ip: string): Promise<Answer> {
    const page = await http.get('/register', { headers: from(ip) });
    const csrf = /name="_csrf" value="([^"]*)"/.exec(page.text)?.[1] ?? '';
    const cookie = page.setCookies.map((header) => header.split(';')[0]).join('; ');
    return http.post('/register', { form: { _csrf: csrf, username, password: PASSWORD }, cookie, headers: from(ip) });
  }

  function expectThrottled(answer: Answer): void {
    expect(answer.status).toBe(429);
    const retryAfter = Number(answer.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
  }

  beforeAll(async () => {
    system = await TestSystem.start({
      serviceEnv: {
        'auth-service': { REGISTER_MAX_PER_IP: String(PER_IP), REGISTER_WINDOW_SECONDS: String(WINDOW_SECONDS) },
        gateway: { TRUSTED_PROXIES: 'loopback' },
      },
    });
    http = new Http(system.baseUrl);
    expect((await register('taken-name', freshIp())).status).toBe(201);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('counts every registration from one IP, 409s included, then answers 429 with Retry-After', async () => {
    const ip = freshIp();
    expect((await register('first-new', ip)).status).toBe(201);
    for (let attempt = 1; attempt < PER_IP; attempt++) expect((await register('taken-name', ip)).status).toBe(409);
    const refused = await register('second-new', ip);
    expectThrottled(refused);
    expect(refused.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.any(String) });
    expect((await register('second-new', freshIp())).status).toBe(201);
  });

  it('shares the count between POST /auth/register and the /register form', async () => {
    const ip = freshIp();
    for (let attempt = 0; attempt < PER_IP - 1; attempt++) expect((await register('taken-name', ip)).status).toBe(409);
    expect((await registerByForm(`form-user`, ip)).status).toBe(303);
    expectThrottled(await registerByForm('form-user-2', ip));
    expectThrottled(await register('json-user-2', ip));
  });

  it('a parallel burst of 30 from one IP gets exactly the limit through, counted before bcrypt', async () => {
    const ip = freshIp();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, index) => register(`burst-${index}`, ip)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(PER_IP);
    expect(statuses.filter((status) => status === 429)).toHaveLength(30 - PER_IP);
  });
});
