import { Answer, Http } from '../../../test/support/http';
import { TestSystem } from '../../../test/support/system';

jest.setTimeout(120_000);

const PER_USERNAME = 5;
const PER_IP = 8;
const PASSWORD = 'race-Strong-pass-1';
const BURST = 20;

/**
 * Issue 20.1: the failed-login limit holds against parallel requests. Each password check takes its
 * slot in Redis before bcrypt, so a burst in flight at once cannot get more guesses evaluated than the
 * limit, whichever door it comes through (JSON login, password grant, login form, password change) and
 * whichever gateway it reaches. "Evaluated" = answered by a password verdict (401/403 wrong, 200/303 right)
 * rather than 429. Requests that find the remaining slots in flight wait for their verdicts.
 */
describe('the login throttle under parallel bursts', () => {
  let system: TestSystem;
  let gateways: Http[];
  let nextIp = 1;

  const freshIp = (): string => `10.30.${Math.floor(nextIp / 250)}.${nextIp++ % 250}`;
  const from = (ip: string): Record<string, string> => ({ 'x-forwarded-for': ip });
  /** Spreads requests over both gateways, as a load balancer would. */
  const gateway = (index: number): Http => gateways[index % gateways.length];

  const login = (index: number, username: string, password: string, ip: string): Promise<Answer> =>
    gateway(index).post('/auth/login', { body: { username, password }, headers: from(ip) });
  const grant = (index: number, username: string, password: string, ip: string): Promise<Answer> =>
    gateway(index).post('/auth/token', { body: { grant_type: 'password', username, password }, headers: from(ip) });

  /** The login form as a browser posts it: its CSRF cookie and field first. */
  async function formLogin(index: number, username: string, password: string, ip: string): Promise<Answer> {
    const http = gateway(index);
    const page = await http.get('/login', { headers: from(ip) });
    const csrf = /name="_csrf" value="([^"]*)"/.exec(page.text)?.[1] ?? '';
    const cookie = page.setCookies.map((header) => header.split(';')[0]).join('; ');
    return http.post('/login', { form: { _csrf: csrf, username, password }, cookie, headers: from(ip) });
  }

  function tally(answers: Answer[]): { evaluated: number; throttled: number; other: number[] } {
    const throttled = answers.filter((answer) => answer.status === 429);
    for (const answer of throttled) expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const evaluated = answers.filter((answer) => [200, 303, 401, 403].includes(answer.status));
    const other = answers.filter((answer) => !throttled.includes(answer) && !evaluated.includes(answer)).map((answer) => answer.status);
    return { evaluated: evaluated.length, throttled: throttled.length, other };
  }

  /** Four wrong passwords one after another, then a parallel burst whose last request has the right password. */
  async function raceAfterFourFailures(
    attempt: (index: number, password: string) => Promise<Answer>,
  ): Promise<{ evaluated: number; throttled: number; other: number[]; succeeded: boolean }> {
    for (let failure = 0; failure < PER_USERNAME - 1; failure++) {
      expect([401, 403]).toContain((await attempt(failure, `wrong-password-${failure}`)).status);
    }
    const burst = await Promise.all(
      Array.from({ length: BURST }, (_, index) => attempt(index, index === BURST - 1 ? PASSWORD : `wrong-burst-${index}`)),
    );
    return { ...tally(burst), succeeded: [200, 303].includes(burst[BURST - 1].status) };
  }

  beforeAll(async () => {
    system = await TestSystem.start({
      serviceEnv: {
        'auth-service': {
          LOGIN_MAX_FAILURES_PER_USERNAME: String(PER_USERNAME),
          LOGIN_MAX_FAILURES_PER_IP: String(PER_IP),
          LOGIN_FAILURE_WINDOW_SECONDS: '600',
        },
        gateway: { TRUSTED_PROXIES: 'loopback' },
      },
    });
    gateways = [new Http(system.baseUrl), new Http((await system.startExtraGateway()).baseUrl)];
    for (const name of ['json-race', 'grant-race', 'form-race', 'change-race', 'big-burst']) await gateways[0].register(name, PASSWORD);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it.each([
    ['POST /auth/login', (index: number, password: string) => login(index, 'json-race', password, freshIp())],
    ['POST /auth/token', (index: number, password: string) => grant(index, 'grant-race', password, freshIp())],
    ['POST /login (the form)', (index: number, password: string) => formLogin(index, 'form-race', password, freshIp())],
  ])('%s: 4 wrong, then 20 in parallel with the right password last: at most 5 guesses evaluated, the rest 429', async (_door, attempt) => {
    const race = await raceAfterFourFailures(attempt);
    expect(race.other).toEqual([]);
    expect(race.evaluated + race.throttled).toBe(BURST);
    // One slot was left: one guess is evaluated. Only if that one was the right password (a success clears
    // the username's count, as it does in sequence) may the limit's worth of further guesses follow.
    expect(race.evaluated).toBeLessThanOrEqual(race.succeeded ? 1 + PER_USERNAME : 1);
  });

  it('POST /auth/password: wrong current passwords in parallel share the same slots', async () => {
    const session = await gateways[0].login('change-race', PASSWORD);
    const change = (index: number, currentPassword: string): Promise<Answer> =>
      gateway(index).post('/auth/password', {
        body: { currentPassword, newPassword: 'another-Strong-pass-9' },
        cookie: session.cookie,
        csrf: session.csrf,
        headers: from(freshIp()),
      });
    const burst = await Promise.all(Array.from({ length: BURST }, (_, index) => change(index, `wrong-current-${index}`)));
    const counted = tally(burst);
    expect(counted.other).toEqual([]);
    expect(counted.evaluated).toBe(PER_USERNAME);
    expect(counted.throttled).toBe(BURST - PER_USERNAME);
  });

  it('a 50-way burst of wrong passwords for one username gets exactly the limit evaluated', async () => {
    const burst = await Promise.all(Array.from({ length: 50 }, (_, index) => login(index, 'big-burst', `wrong-guess-${index}`, freshIp())));
    const counted = tally(burst);
    expect(counted.other).toEqual([]);
    expect(counted.evaluated).toBe(PER_USERNAME);
    expect(counted.throttled).toBe(50 - PER_USERNAME);
  });

  it('a 50-way burst from one IP over many usernames gets exactly the per-IP limit evaluated', async () => {
    const ip = freshIp();
    const burst = await Promise.all(Array.from({ length: 50 }, (_, index) => login(index, `sprayed-${index}`, 'Summer2026!', ip)));
    const counted = tally(burst);
    expect(counted.other).toEqual([]);
    expect(counted.evaluated).toBe(PER_IP);
    expect(counted.throttled).toBe(50 - PER_IP);
  });
});
