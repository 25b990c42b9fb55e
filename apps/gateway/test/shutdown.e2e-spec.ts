import { Http } from '../../../test/support/http';
import { TestSystem } from '../../../test/support/system';

jest.setTimeout(90_000);

const PASSWORD = 'shutdown-Strong-pass-1';

/** SIGTERM: each service stops taking work, finishes what is in flight, closes its connections and exits 0. */
describe('graceful shutdown', () => {
  let system: TestSystem;
  let http: Http;

  beforeAll(async () => {
    // A real bcrypt cost makes a login take long enough to be caught in flight.
    system = await TestSystem.start({ serviceEnv: { 'auth-service': { BCRYPT_COST: '12' } } });
    http = new Http(system.baseUrl);
    await http.register('draining', PASSWORD);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('the gateway finishes an in-flight login, then exits 0', async () => {
    const inFlight = http.post('/auth/login', { body: { username: 'draining', password: PASSWORD } });
    // Give the request time to reach the gateway (bcrypt at cost 12 then keeps it busy far longer).
    await new Promise((next) => setTimeout(next, 100));
    const exited = system.service('gateway').stop('SIGTERM');
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body.user.username).toBe('draining');
    expect(await exited).toBe(0);
    await expect(fetch(`${system.baseUrl}/health/live`)).rejects.toThrow();
  });

  it.each(['admin-service', 'auth-service'] as const)('the %s exits 0 on SIGTERM', async (name) => {
    const service = system.service(name);
    expect(service.running).toBe(true);
    expect(await service.stop('SIGTERM')).toBe(0);
    expect(service.output.join('')).not.toMatch(/Unhandled|ERROR/);
  });

  it('comes back after a restart of all three', async () => {
    for (const name of ['auth-service', 'admin-service', 'gateway'] as const) system.startService(name);
    const deadline = Date.now() + 30_000;
    while (
      Date.now() < deadline &&
      (await fetch(`${system.baseUrl}/health/ready`)
        .then((r) => r.status)
        .catch(() => 0)) !== 200
    ) {
      await new Promise((next) => setTimeout(next, 100));
    }
    expect((await http.post('/auth/login', { body: { username: 'draining', password: PASSWORD } })).status).toBe(200);
  });
});
