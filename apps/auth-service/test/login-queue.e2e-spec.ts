import { Answer, Http } from '../../../test/support/http';
import { DATABASES, TestSystem } from '../../../test/support/system';

jest.setTimeout(180_000);

const PASSWORD = 'queue-Strong-pass-1';
const BURST = 50;

function statuses(answers: Answer[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/**
 * Issue 13.3: a burst of people logging in at once is queued, not refused. bcrypt at a cost (8) at which
 * 50 hashes on two cores outlast what the transport timeout (1 s here) left the old queue: the login queue admits them by its
 * latency budget (10 s by default) and the login and register messages get a timeout that covers it.
 * A burst of registrations of one name costs one hash: the name is claimed before bcrypt.
 */
describe.each(DATABASES)('the login queue (%s)', (database) => {
  let system: TestSystem;
  let http: Http;

  beforeAll(async () => {
    system = await TestSystem.start({ database, env: { BCRYPT_COST: '8', TRANSPORT_TIMEOUT_MS: '1000', REGISTER_MAX_PER_IP: '1000' } });
    http = new Http(system.baseUrl);
    await http.register('morning-user', PASSWORD);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('50 parallel correct logins of one user all answer 200 with a session', async () => {
    const answers = await Promise.all(
      Array.from({ length: BURST }, () => http.post('/auth/login', { body: { username: 'morning-user', password: PASSWORD } })),
    );
    expect(statuses(answers)).toEqual({ 200: BURST });
    for (const answer of answers) expect(answer.setCookies.some((cookie) => cookie.startsWith('sid='))).toBe(true);
  });

  it('50 parallel registrations of one username: one 201 and 49 × 409, never a 503', async () => {
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, index) =>
        http.post('/auth/register', { body: { username: 'same-name', password: `${PASSWORD}-${index}` } }),
      ),
    );
    expect(statuses(answers)).toEqual({ 201: 1, 409: BURST - 1 });
    const winner = answers.findIndex((answer) => answer.status === 201);
    expect((await http.post('/auth/login', { body: { username: 'same-name', password: `${PASSWORD}-${winner}` } })).status).toBe(200);
  });

  it('50 parallel registrations of one email under different names: one 201 and 49 × 409', async () => {
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, index) =>
        http.post('/auth/register', { body: { username: `mailer-${index}`, password: PASSWORD, email: 'shared@example.com' } }),
      ),
    );
    expect(statuses(answers)).toEqual({ 201: 1, 409: BURST - 1 });
  });
});
