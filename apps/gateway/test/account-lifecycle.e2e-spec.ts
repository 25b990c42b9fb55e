import { hashToken } from '@app/common';
import { Http, cookieValue } from '../../../test/support/http';
import { ReceivedMail, TestSmtpServer } from '../../../test/support/smtp-server';
import { ADMIN, DATABASES, TestSystem } from '../../../test/support/system';
import { accountTokenKey, latestResetKey } from '../../auth-service/src/verification/account-token-keys';

jest.setTimeout(120_000);

const PASSWORD = 'a-Strong-password-1';
const NEW_PASSWORD = 'Another-strong-Secret-42';
const TOKEN_LINK = /^(https?:\/\/\S+)\?token=([A-Za-z0-9_-]+)$/m;

/** The link and token of a mail's text part (the contract: the text part holds the link in full). */
function linkOf(mail: ReceivedMail): { url: string; path: string; token: string } {
  const match = TOKEN_LINK.exec(mail.text);
  if (!match) throw new Error(`no token link in: ${mail.text}`);
  return { url: match[0], path: new URL(match[1]).pathname, token: match[2] };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const INVALID_TOKEN = { statusCode: 400, error: 'Bad Request', message: expect.any(String), code: 'INVALID_TOKEN' };

describe.each(DATABASES)('the account lifecycle (forgot, reset, verify, change email) on %s', (database) => {
  let smtp: TestSmtpServer;
  let system: TestSystem;
  let http: Http;
  const address = (name: string) => `${name}-${database}@example.com`;
  const mailTo = (to: string, subject?: string) => (mail: ReceivedMail) => mail.to.includes(to) && (!subject || mail.subject === subject);

  beforeAll(async () => {
    smtp = await TestSmtpServer.create();
    system = await TestSystem.start({
      database,
      env: { LOG_LEVEL: 'info' },
      serviceEnv: { 'auth-service': { SMTP_URL: smtp.url, MAIL_POLL_INTERVAL_MS: '200', FORGOT_PASSWORD_MAX_PER_IP: '1000' } },
    });
    http = new Http(system.baseUrl);
  });

  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  it('sends a verification mail on registration with an email; its token verifies once, then is INVALID_TOKEN', async () => {
    const to = address('vera');
    const user = await http.register('vera', PASSWORD, to);
    expect(user).toMatchObject({ email: to, emailVerified: false });
    const mail = await smtp.waitForMail(mailTo(to, 'Confirm your email address'));
    const link = linkOf(mail);
    expect(link.path).toBe('/verify-email');
    expect(link.url).toMatch(new RegExp(`^http://localhost:\\d+/verify-email\\?token=`));
    expect(link.token.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url

    const verified = await http.post('/auth/email/verify', { body: { token: link.token } });
    expect(verified.status).toBe(200);
    expect(verified.body.user).toMatchObject({ id: user.id, email: to, emailVerified: true });
    const again = await http.post('/auth/email/verify', { body: { token: link.token } });
    expect(again.status).toBe(400);
    expect(again.body).toEqual(INVALID_TOKEN);
    const session = await http.login('vera', PASSWORD);
    expect(session.body.user.emailVerified).toBe(true);
  });

  it('answers forgot-password 202 {} for unknown, email-less, disabled and real accounts, and mails only the real one', async () => {
    await http.register('nomail', PASSWORD);
    const disabled = await http.register('disabled', PASSWORD, address('disabled'));
    const real = await http.register('forgetful', PASSWORD, address('forgetful'));
    const admin = await http.login(ADMIN.username, ADMIN.password);
    expect((await http.patch(`/admin/users/${disabled.id}`, { ...admin, body: { active: false } })).status).toBe(200);

    for (const body of [
      { email: address('nobody') },
      { username: 'nobody-at-all' },
      { username: 'nomail' },
      { email: address('disabled') },
      { username: 'forgetful' },
    ]) {
      const answer = await http.post('/auth/password/forgot', { body });
      expect({ body, status: answer.status, answer: answer.body }).toEqual({ body, status: 202, answer: {} });
    }
    const mail = await smtp.waitForMail(mailTo(real.email, 'Reset your password'));
    expect(linkOf(mail).path).toBe('/reset-password');
    // The committed audit rows are the proof that every request was handled before the answer.
    const audit = await http.get('/admin/audit?type=password.reset_requested&limit=20', { cookie: admin.cookie });
    const outcomes = audit.body.items.map((event: { detail: { outcome: string } }) => event.detail.outcome).sort();
    expect(outcomes).toEqual(['disabled', 'no-email', 'sent', 'unknown', 'unknown']);
    expect(smtp.find(mailTo(address('disabled'), 'Reset your password'))).toEqual([]);
  });

  it('keeps only the SHA-256 of a reset token in Redis, with the contract’s lifetime', async () => {
    const user = await http.register('hashed', PASSWORD, address('hashed'));
    await http.post('/auth/password/forgot', { body: { email: address('hashed') } });
    const { token } = linkOf(await smtp.waitForMail(mailTo(user.email, 'Reset your password')));
    const dump = await system.dumpRedis();
    expect(dump.filter(({ key, value }) => key.includes(token) || value.includes(token))).toEqual([]);
    const redis = system.redis();
    try {
      const key = accountTokenKey(system.prefix, 'reset', hashToken(token));
      expect(JSON.parse((await redis.get(key)) ?? 'null')).toEqual({ userId: user.id, email: user.email });
      const ttl = await redis.ttl(key);
      expect(ttl).toBeGreaterThan(3500);
      expect(ttl).toBeLessThanOrEqual(3600);
      expect(await redis.get(latestResetKey(system.prefix, user.id))).toBe(hashToken(token));
    } finally {
      redis.disconnect();
    }
  });

  it('resets the password: a refused password keeps the link, a good one revokes every session and token, verifies the email, and spends the link', async () => {
    const to = address('reset');
    await http.register('resetme', PASSWORD, to);
    const browser = await http.login('resetme', PASSWORD);
    const grant = await http.post('/auth/token', { body: { grant_type: 'password', username: 'resetme', password: PASSWORD } });
    expect(grant.status).toBe(200);
    await http.post('/auth/password/forgot', { body: { email: to.toUpperCase() } });
    const { token } = linkOf(await smtp.waitForMail(mailTo(to, 'Reset your password')));

    for (const newPassword of ['password1', 'resetme-2024!', 'short']) {
      const refused = await http.post('/auth/password/reset', { body: { token, newPassword } });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(refused.body.code).toBeUndefined();
    }
    expect((await http.get('/auth/me', { cookie: browser.cookie })).status).toBe(200);

    const reset = await http.post('/auth/password/reset', { body: { token, newPassword: NEW_PASSWORD } });
    expect(reset.status).toBe(204);
    expect((await http.get('/auth/me', { cookie: browser.cookie })).status).toBe(401);
    expect((await http.get('/auth/me', { bearer: grant.body.access_token })).status).toBe(401);
    const refresh = await http.post('/auth/token', { body: { grant_type: 'refresh_token', refresh_token: grant.body.refresh_token } });
    expect(refresh.status).toBe(401);
    expect((await http.post('/auth/login', { body: { username: 'resetme', password: PASSWORD } })).status).toBe(401);
    const fresh = await http.login('resetme', NEW_PASSWORD);
    expect(fresh.body.user).toMatchObject({ email: to, emailVerified: true });

    const spent = await http.post('/auth/password/reset', { body: { token, newPassword: 'Yet-another-Secret-77' } });
    expect(spent.status).toBe(400);
    expect(spent.body).toEqual(INVALID_TOKEN);
    expect((await http.get('/auth/me', { cookie: fresh.cookie })).status).toBe(200);

    const admin = await http.login(ADMIN.username, ADMIN.password);
    const audit = await http.get(`/admin/audit?userId=${fresh.body.user.id}&type=password.reset`, { cookie: admin.cookie });
    expect(audit.body.items).toHaveLength(1);
  });

  it('voids an older reset link when a newer one is sent, and lets exactly one of parallel resets with one token win', async () => {
    const to = address('twice');
    await http.register('twice', PASSWORD, to);
    await http.post('/auth/password/forgot', { body: { username: 'twice' } });
    const first = linkOf(await smtp.waitForMail(mailTo(to, 'Reset your password'))).token;
    await http.post('/auth/password/forgot', { body: { username: 'twice' } });
    const second = linkOf(await smtp.waitForMail((mail) => mailTo(to, 'Reset your password')(mail) && !mail.text.includes(first))).token;

    const older = await http.post('/auth/password/reset', { body: { token: first, newPassword: NEW_PASSWORD } });
    expect(older.status).toBe(400);
    expect(older.body.code).toBe('INVALID_TOKEN');
    const racing = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        http.post('/auth/password/reset', { body: { token: second, newPassword: `${NEW_PASSWORD}-${index}` } }),
      ),
    );
    const statuses = racing.map((answer) => answer.status).sort();
    expect(statuses).toEqual([204, 400, 400, 400, 400, 400]);
    const winner = racing.findIndex((answer) => answer.status === 204);
    expect((await http.post('/auth/login', { body: { username: 'twice', password: `${NEW_PASSWORD}-${winner}` } })).status).toBe(200);
  });

  it('sends at most 3 reset mails per account and hour; the excess is still a 202', async () => {
    const to = address('quota');
    await http.register('quota', PASSWORD, to);
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await http.post('/auth/password/forgot', { body: { username: 'quota' } })).status).toBe(202);
    }
    const admin = await http.login(ADMIN.username, ADMIN.password);
    const me = await http.post('/auth/login', { body: { username: 'quota', password: PASSWORD } });
    const audit = await http.get(`/admin/audit?userId=${me.body.user.id}&type=password.reset_requested`, { cookie: admin.cookie });
    expect(audit.body.items.map((event: { detail: { outcome: string } }) => event.detail.outcome).sort()).toEqual([
      'quota',
      'quota',
      'sent',
      'sent',
      'sent',
    ]);
    await smtp.waitForMail(() => smtp.find(mailTo(to, 'Reset your password')).length >= 3);
    expect(smtp.find(mailTo(to, 'Reset your password'))).toHaveLength(3);
  });

  it('refuses bad input with 400 in the contract’s shape, and cross-site requests with 403', async () => {
    for (const body of [
      {},
      { email: address('a'), username: 'a' },
      { email: 'not-an-address' },
      { username: 42 },
      { username: 'x', extra: 1 },
    ]) {
      const answer = await http.post('/auth/password/forgot', { body });
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      expect(answer.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.anything() });
    }
    for (const body of [{ token: 7, newPassword: NEW_PASSWORD }, { token: 'x' }, { newPassword: NEW_PASSWORD }]) {
      expect((await http.post('/auth/password/reset', { body })).status).toBe(400);
    }
    for (const token of ['unknown-token', 'A'.repeat(43), '']) {
      const answer = await http.post('/auth/password/reset', { body: { token, newPassword: NEW_PASSWORD } });
      expect(answer.status).toBe(400);
      const verify = await http.post('/auth/email/verify', { body: { token } });
      expect(verify.status).toBe(400);
    }
    expect((await http.post('/auth/email/verify', { body: { token: 'A'.repeat(43) } })).body).toEqual(INVALID_TOKEN);
    const foreign = { headers: { origin: 'https://evil.example' } };
    expect((await http.post('/auth/password/forgot', { ...foreign, body: { username: 'vera' } })).status).toBe(403);
    expect(
      (await http.post('/auth/password/reset', { ...foreign, body: { token: 'A'.repeat(43), newPassword: NEW_PASSWORD } })).status,
    ).toBe(403);
    expect((await http.post('/auth/email/verify', { ...foreign, body: { token: 'A'.repeat(43) } })).status).toBe(403);
  });

  it('resends the verification mail to a logged-in user with an unverified address (CSRF-checked)', async () => {
    const to = address('resend');
    await http.register('resend', PASSWORD, to);
    await smtp.waitForMail(mailTo(to, 'Confirm your email address'));
    const session = await http.login('resend', PASSWORD);
    expect((await http.post('/auth/email/verification', { cookie: session.cookie })).status).toBe(403);
    const resent = await http.post('/auth/email/verification', { cookie: session.cookie, csrf: session.csrf });
    expect(resent.status).toBe(202);
    expect(resent.body).toEqual({});
    await smtp.waitForMail(() => smtp.find(mailTo(to, 'Confirm your email address')).length >= 2);
    expect((await http.post('/auth/email/verification')).status).toBe(401);
  });

  it('changes the email: unverified until the new address’s link, a notice to the old one, the old link void, 409 when taken', async () => {
    const oldAddress = address('mover');
    const newAddress = address('moved');
    await http.register('mover', PASSWORD, oldAddress);
    const oldLink = linkOf(await smtp.waitForMail(mailTo(oldAddress, 'Confirm your email address'))).token;
    const session = await http.login('mover', PASSWORD);
    expect((await http.request('PUT', '/auth/email', { cookie: session.cookie, body: { email: newAddress } })).status).toBe(403);
    const taken = await http.request('PUT', '/auth/email', { ...session, body: { email: address('vera') } });
    expect(taken.status).toBe(409);

    const changed = await http.request('PUT', '/auth/email', { ...session, body: { email: newAddress.toUpperCase() } });
    expect(changed.status).toBe(200);
    expect(changed.body.user).toMatchObject({ email: newAddress, emailVerified: false });
    expect((await http.get('/auth/me', { cookie: session.cookie })).body.user.email).toBe(newAddress);
    const notice = await smtp.waitForMail(mailTo(oldAddress, 'Your email address was changed'));
    expect(notice.text).not.toMatch(/token=/);
    const newLink = linkOf(await smtp.waitForMail(mailTo(newAddress, 'Confirm your email address'))).token;

    expect((await http.post('/auth/email/verify', { body: { token: oldLink } })).body).toEqual(INVALID_TOKEN);
    const verified = await http.post('/auth/email/verify', { body: { token: newLink } });
    expect(verified.body.user).toMatchObject({ email: newAddress, emailVerified: true });
    expect((await http.get('/auth/me', { cookie: session.cookie })).body.user.emailVerified).toBe(true);
  });

  it('answers forgot-password in about the same time for real and unknown accounts (medians of 30 each)', async () => {
    const names = Array.from({ length: 30 }, (_, index) => `timing${index}`);
    for (const name of names) await http.register(name, PASSWORD, address(name));
    const real: number[] = [];
    const unknown: number[] = [];
    const timed = async (body: object): Promise<number> => {
      const started = performance.now();
      const answer = await http.post('/auth/password/forgot', { body });
      expect(answer.status).toBe(202);
      return performance.now() - started;
    };
    // Interleaved, so drift in the machine's load falls on both alike.
    for (const [index, name] of names.entries()) {
      real.push(await timed({ email: address(name) }));
      unknown.push(await timed({ email: address(`ghost${index}`) }));
    }
    const figures = { database, realMedianMs: median(real).toFixed(1), unknownMedianMs: median(unknown).toFixed(1) };
    console.log(`forgot-password timing: ${JSON.stringify(figures)}`);
    expect(Math.abs(median(real) - median(unknown))).toBeLessThan(15);
    await smtp.waitForMail(() => names.every((name) => smtp.find(mailTo(address(name), 'Reset your password')).length === 1), 30_000);
  });

  it('writes no token, password or full email address into any service’s log', async () => {
    const logs = system.logs();
    expect(logs).toContain('"url":"/auth/password/forgot"');
    const secrets = [
      PASSWORD,
      NEW_PASSWORD,
      ...smtp.mails.flatMap((mail) => [...mail.to, ...(TOKEN_LINK.exec(mail.text)?.slice(2) ?? [])]),
    ];
    expect(secrets.length).toBeGreaterThan(20);
    expect(secrets.filter((secret) => logs.includes(secret))).toEqual([]);
  });
});

describe('REQUIRE_VERIFIED_EMAIL=true, the forgot-password throttle per IP, and a stale session changing its email', () => {
  let smtp: TestSmtpServer;
  let system: TestSystem;
  let http: Http;

  beforeAll(async () => {
    smtp = await TestSmtpServer.create();
    system = await TestSystem.start({
      serviceEnv: {
        'auth-service': {
          SMTP_URL: smtp.url,
          MAIL_POLL_INTERVAL_MS: '200',
          REQUIRE_VERIFIED_EMAIL: 'true',
          FORGOT_PASSWORD_MAX_PER_IP: '3',
          REAUTH_MAX_AGE_SECONDS: '1',
        },
      },
    });
    http = new Http(system.baseUrl);
  });

  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  it('refuses an unverified login with 403 EMAIL_NOT_VERIFIED only after a correct password, and lets it in once verified', async () => {
    const noEmail = await http.post('/auth/register', { body: { username: 'anonymous', password: PASSWORD } });
    expect(noEmail.status).toBe(400);
    await http.register('pending', PASSWORD, 'pending@example.com');
    const wrong = await http.post('/auth/login', { body: { username: 'pending', password: 'Wrong-password-1' } });
    expect(wrong.status).toBe(401);
    const refused = await http.post('/auth/login', { body: { username: 'pending', password: PASSWORD } });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.any(String), code: 'EMAIL_NOT_VERIFIED' });
    expect(cookieValue(refused.setCookies, 'sid')).toBeUndefined();
    const grant = await http.post('/auth/token', { body: { grant_type: 'password', username: 'pending', password: PASSWORD } });
    expect(grant.body.code).toBe('EMAIL_NOT_VERIFIED');
    // The bootstrap admin has no address to verify: it is let in.
    expect((await http.post('/auth/login', { body: { username: ADMIN.username, password: ADMIN.password } })).status).toBe(200);

    const { token } = linkOf(await smtp.waitForMail(mailFor('pending@example.com')));
    expect((await http.post('/auth/email/verify', { body: { token } })).status).toBe(200);
    expect((await http.login('pending', PASSWORD)).body.user.emailVerified).toBe(true);
  });

  it('answers the fourth forgot-password request of an IP within the hour with 429 and Retry-After', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await http.post('/auth/password/forgot', { body: { username: `someone${attempt}` } })).status).toBe(202);
    }
    const throttled = await http.post('/auth/password/forgot', { body: { username: 'someone' } });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(3000);
  });

  it('refuses PUT /auth/email with 403 REAUTH_REQUIRED once the session is stale, and the account form goes to /reauthenticate', async () => {
    const session = await http.login('pending', PASSWORD);
    for (;;) {
      const me = await http.get('/auth/me', { cookie: session.cookie });
      if (Date.now() > Date.parse(me.body.session.authenticatedAt) + 1000) break;
      await new Promise((next) => setTimeout(next, 50));
    }
    const refused = await http.request('PUT', '/auth/email', { ...session, body: { email: 'elsewhere@example.com' } });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.any(String), code: 'REAUTH_REQUIRED' });
    const page = await http.get('/account', { cookie: session.cookie });
    expect(page.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const form = await http.post('/account/email', { cookie: session.cookie, form: { _csrf: csrf, email: 'elsewhere@example.com' } });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe('/reauthenticate?next=/account');
    expect((await http.get('/auth/me', { cookie: session.cookie })).body.user.email).toBe('pending@example.com');
  });
});

function mailFor(to: string): (mail: ReceivedMail) => boolean {
  return (mail) => mail.to.includes(to);
}
