import { hashToken } from '@app/common';
import { Answer, Http } from '../../../test/support/http';
import { ReceivedMail, TestSmtpServer } from '../../../test/support/smtp-server';
import { TestSystem } from '../../../test/support/system';
import { accountTokenKey } from '../../auth-service/src/verification/account-token-keys';

jest.setTimeout(120_000);

const PASSWORD = 'a-Strong-password-1';
const NEW_PASSWORD = 'Another-strong-Secret-42';
const FIREFOX = 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

/** The cookies a browser would hold: updated from every Set-Cookie, sent as one Cookie header. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(answer: Answer): Answer {
    for (const header of answer.setCookies) {
      const [pair, ...attributes] = header.split(';');
      const [name, ...rest] = pair.split('=');
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0\b/i.test(a));
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), rest.join('='));
    }
    return answer;
  }

  get header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

function hiddenField(html: string, name: string): string | undefined {
  return new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html)?.[1];
}

function heading(html: string): string | undefined {
  return /<h1>([^<]*)<\/h1>/.exec(html)?.[1];
}

function tokenOf(mail: ReceivedMail): { path: string; token: string } {
  const match = /^https?:\/\/[^/\s]+(\/[a-z-]+)\?token=([A-Za-z0-9_-]+)$/m.exec(mail.text);
  if (!match) throw new Error(`no token link in: ${mail.text}`);
  return { path: match[1], token: match[2] };
}

describe('the account lifecycle pages (forgot, reset, verify, account email), without JavaScript', () => {
  let smtp: TestSmtpServer;
  let system: TestSystem;
  let http: Http;

  async function get(path: string, jar: CookieJar, headers?: Record<string, string>): Promise<Answer> {
    return jar.store(await http.get(path, { cookie: jar.header, headers }));
  }

  async function post(path: string, jar: CookieJar, form: Record<string, string>, headers?: Record<string, string>): Promise<Answer> {
    return jar.store(await http.post(path, { cookie: jar.header, form, headers }));
  }

  /** GETs a page and posts its form with the CSRF field it carries. */
  async function submit(page: string, action: string, jar: CookieJar, form: Record<string, string>): Promise<Answer> {
    const shown = await get(page, jar);
    expect(shown.status).toBe(200);
    return post(action, jar, { _csrf: hiddenField(shown.text, '_csrf') ?? '', ...form });
  }

  async function logIn(username: string, password: string, userAgent?: string): Promise<CookieJar> {
    const jar = new CookieJar();
    const headers = userAgent ? { 'user-agent': userAgent } : undefined;
    const form = await get('/login', jar, headers);
    const answer = await post('/login', jar, { _csrf: hiddenField(form.text, '_csrf') ?? '', username, password }, headers);
    expect(answer.status).toBe(303);
    return jar;
  }

  async function tokenExists(token: string, kind: 'reset' | 'verify'): Promise<boolean> {
    const redis = system.redis();
    try {
      return (await redis.exists(accountTokenKey(system.prefix, kind, hashToken(token)))) === 1;
    } finally {
      redis.disconnect();
    }
  }

  beforeAll(async () => {
    smtp = await TestSmtpServer.create();
    system = await TestSystem.start({
      env: { LOG_LEVEL: 'info' },
      serviceEnv: { 'auth-service': { SMTP_URL: smtp.url, MAIL_POLL_INTERVAL_MS: '200' } },
    });
    http = new Http(system.baseUrl);
  });

  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  it('links the login page to /forgot-password, which shows the same “check your email” page for any account', async () => {
    const login = await http.get('/login');
    expect(login.text).toContain('<a href="/forgot-password">Forgot your password?</a>');
    await http.register('pagereset', PASSWORD, 'pagereset@example.com');
    const answers: string[] = [];
    for (const account of ['pagereset@example.com', 'nobody@example.com', 'pagereset', 'nobody']) {
      const sent = await submit('/forgot-password', '/forgot-password', new CookieJar(), { account });
      expect(sent.status).toBe(200);
      answers.push(sent.text);
    }
    expect(new Set(answers.map(heading))).toEqual(new Set(['Check your email']));
    expect(new Set(answers).size).toBe(1);
    const empty = await submit('/forgot-password', '/forgot-password', new CookieJar(), { account: '' });
    expect(empty.status).toBe(400);
    const forged = await post('/forgot-password', new CookieJar(), { _csrf: 'x', account: 'pagereset' });
    expect(forged.status).toBe(403);
  });

  it('opens the reset link without spending it (GET), then sets the new password (POST) and sends the browser to log in', async () => {
    await http.register('pagenew', PASSWORD, 'pagenew@example.com');
    await submit('/forgot-password', '/forgot-password', new CookieJar(), { account: 'pagenew@example.com' });
    const { path, token } = tokenOf(
      await smtp.waitForMail((mail) => mail.to.includes('pagenew@example.com') && mail.subject === 'Reset your password'),
    );
    expect(path).toBe('/reset-password');
    const jar = new CookieJar();
    for (let prefetch = 0; prefetch < 2; prefetch++) {
      const opened = await get(`/reset-password?token=${token}`, jar);
      expect(opened.status).toBe(200);
      expect(heading(opened.text)).toBe('Choose a new password');
      expect(hiddenField(opened.text, 'token')).toBe(token);
    }
    expect(await tokenExists(token, 'reset')).toBe(true);

    const form = (await get(`/reset-password?token=${token}`, jar)).text;
    const csrf = hiddenField(form, '_csrf') ?? '';
    const mismatch = await post('/reset-password', jar, { _csrf: csrf, token, newPassword: NEW_PASSWORD, confirmPassword: 'other' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('The new password and its confirmation are not the same.');
    const weak = await post('/reset-password', jar, { _csrf: csrf, token, newPassword: 'password1', confirmPassword: 'password1' });
    expect(weak.status).toBe(400);
    expect(await tokenExists(token, 'reset')).toBe(true);

    const done = await post('/reset-password', jar, { _csrf: csrf, token, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/login');
    const login = await get('/login', jar);
    expect(login.text).toContain('Your password has been changed. Please log in.');
    await logIn('pagenew', NEW_PASSWORD);

    const again = await post('/reset-password', jar, { _csrf: csrf, token, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(again.status).toBe(400);
    expect(again.text).toContain('This link is invalid, has expired or has been used already.');
    expect(again.text).toContain('<a href="/forgot-password">Ask for a new link</a>');
    // The GETs above went through the access log with their URL: the token is not in it.
    expect(system.logs()).toContain('/reset-password?token=[redacted]');
    expect(system.logs()).not.toContain(token);
  });

  it('verifies an address from its link: the GET shows a button, the POST verifies, then the account page says so', async () => {
    await http.register('pageverify', PASSWORD, 'pageverify@example.com');
    const { path, token } = tokenOf(await smtp.waitForMail((mail) => mail.to.includes('pageverify@example.com')));
    expect(path).toBe('/verify-email');
    const jar = await logIn('pageverify', PASSWORD);
    const account = await get('/account', jar);
    expect(account.text).toContain('Not verified');
    const opened = await get(`/verify-email?token=${token}`, jar);
    expect(opened.status).toBe(200);
    expect(opened.text).toContain('Verify my email address');
    expect(await tokenExists(token, 'verify')).toBe(true);

    const verified = await post('/verify-email', jar, { _csrf: hiddenField(opened.text, '_csrf') ?? '', token });
    expect(verified.status).toBe(303);
    expect(verified.headers.get('location')).toBe('/account');
    const after = await get('/account', jar);
    expect(after.text).toContain('Your email address is verified.');
    expect(after.text).toContain('<span class="badge verified">Verified</span>');

    const spent = await submit(`/verify-email?token=${token}`, '/verify-email', new CookieJar(), { token });
    expect(spent.status).toBe(400);
    expect(spent.text).toContain('This link is invalid, has expired or has been used already.');
  });

  it('shows on /account the email with its state, resends the link, changes the address, and names browsers and systems', async () => {
    await http.register('pageaccount', PASSWORD, 'pageaccount@example.com');
    const jar = await logIn('pageaccount', PASSWORD, FIREFOX);
    await logIn(
      'pageaccount',
      PASSWORD,
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0',
    );
    const page = await get('/account', jar);
    expect(page.text).toContain('pageaccount@example.com');
    expect(page.text).toContain('Send the verification link again');
    expect(page.text).toContain('Firefox 128 on Ubuntu');
    expect(page.text).toContain('Chrome 131 on Windows 10');
    expect(page.text).not.toContain('Gecko/20100101');
    const csrf = hiddenField(page.text, '_csrf') ?? '';

    const resent = await post('/account/email/verification', jar, { _csrf: csrf });
    expect(resent.status).toBe(303);
    expect((await get('/account', jar)).text).toContain('A new verification link is on its way to your email address.');
    await smtp.waitForMail(() => smtp.find((mail) => mail.to.includes('pageaccount@example.com')).length >= 2);

    const invalid = await post('/account/email', jar, { _csrf: csrf, email: 'not an address' });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('Enter a valid email address.');
    const taken = await post('/account/email', jar, { _csrf: csrf, email: 'pageverify@example.com' });
    expect(taken.status).toBe(409);
    const changed = await post('/account/email', jar, { _csrf: csrf, email: 'pagemoved@example.com' });
    expect(changed.status).toBe(303);
    const now = await get('/account', jar);
    expect(now.text).toContain('Your email address has been changed.');
    expect(now.text).toContain('pagemoved@example.com');
    expect(now.text).toContain('Not verified');
    await smtp.waitForMail((mail) => mail.to.includes('pagemoved@example.com'));
    await smtp.waitForMail((mail) => mail.to.includes('pageaccount@example.com') && mail.subject === 'Your email address was changed');

    const others = await post('/account/sessions/revoke-others', jar, { _csrf: csrf });
    expect(others.status).toBe(303);
    const alone = await get('/account', jar);
    expect(alone.text).toContain('You have been signed out everywhere else.');
    expect(alone.text).not.toContain('Chrome 131 on Windows 10');
  });
});

describe('the login page with REQUIRE_VERIFIED_EMAIL=true', () => {
  let smtp: TestSmtpServer;
  let system: TestSystem;
  let http: Http;

  beforeAll(async () => {
    smtp = await TestSmtpServer.create();
    system = await TestSystem.start({
      serviceEnv: { 'auth-service': { SMTP_URL: smtp.url, MAIL_POLL_INTERVAL_MS: '200', REQUIRE_VERIFIED_EMAIL: 'true' } },
    });
    http = new Http(system.baseUrl);
  });

  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  it('refuses an unverified login with 403 and offers to send the link again', async () => {
    await http.register('unverified', PASSWORD, 'unverified@example.com');
    await smtp.waitForMail((mail) => mail.to.includes('unverified@example.com'));
    const jar = new CookieJar();
    const form = jar.store(await http.get('/login', { cookie: jar.header }));
    const csrf = hiddenField(form.text, '_csrf') ?? '';
    const refused = jar.store(
      await http.post('/login', { cookie: jar.header, form: { _csrf: csrf, username: 'unverified', password: PASSWORD } }),
    );
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Please verify your email address first');
    expect(refused.text).toContain('action="/login/resend-verification"');
    expect(hiddenField(refused.text, 'username')).toBe('unverified');

    const wrong = jar.store(
      await http.post('/login', { cookie: jar.header, form: { _csrf: csrf, username: 'unverified', password: 'Wrong-pass-9' } }),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('resend-verification');

    const resent = jar.store(
      await http.post('/login/resend-verification', {
        cookie: jar.header,
        form: { _csrf: hiddenField(refused.text, '_csrf') ?? '', username: 'unverified' },
      }),
    );
    expect(resent.status).toBe(303);
    expect(resent.headers.get('location')).toBe('/login');
    const shown = await http.get('/login', { cookie: jar.header });
    expect(shown.text).toContain('a new verification link is on its way');
    await smtp.waitForMail(() => smtp.find((mail) => mail.to.includes('unverified@example.com')).length >= 2);
  });
});
