import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { Http } from '../../../test/support/http';
import { ROOT, TestSystem } from '../../../test/support/system';
import { TotpDevice, timeStep, totpAt } from '../../../test/support/totp';

jest.setTimeout(180_000);

const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const PASSWORD = 'a-Strong-password-1';
const PHONE = { width: 375, height: 740 };
/** Short, so the test sees the account page send a stale session to /reauthenticate. */
const REAUTH_MAX_AGE_SECONDS = 4;

describe('two-factor authentication in a real browser, with JavaScript turned off', () => {
  let system: TestSystem;
  let http: Http;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  async function newPage(viewport = { width: 1100, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport, baseURL: system.baseUrl });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
    });
    return page;
  }

  const screenshot = (page: Page, name: string): Promise<Buffer> =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  async function submitLogin(page: Page, username: string, remember = false): Promise<void> {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    if (remember) await page.getByLabel('Remember me').check();
    await page.getByRole('button', { name: 'Log in' }).click();
  }

  /** A sensitive button: a stale session is sent to /reauthenticate first, then back, and the button is pressed again. */
  async function pressSensitive(page: Page, name: string): Promise<void> {
    await page.getByRole('button', { name }).click();
    if (new URL(page.url()).pathname !== '/reauthenticate') return;
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name }).click();
  }

  /** Waits (polling, no fixed sleep) until the browser's session is older than REAUTH_MAX_AGE_SECONDS. */
  async function untilStale(page: Page): Promise<void> {
    const sid = (await page.context().cookies()).find((cookie) => cookie.name === 'sid')?.value;
    for (;;) {
      const me = await http.get('/auth/me', { cookie: `sid=${sid}` });
      if (Date.now() > Date.parse(me.body.session.authenticatedAt) + REAUTH_MAX_AGE_SECONDS * 1000 + 50) return;
      await new Promise((next) => setTimeout(next, 100));
    }
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    system = await TestSystem.start({ serviceEnv: { 'auth-service': { REAUTH_MAX_AGE_SECONDS: String(REAUTH_MAX_AGE_SECONDS) } } });
    http = new Http(system.baseUrl);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await system?.stop();
  });

  it('turns TOTP on from the account page (QR code and key), then logs in through the code page', async () => {
    await http.register('carol', PASSWORD);
    const page = await newPage();
    await page.goto('/login?next=/account');
    await submitLogin(page, 'carol');
    expect(new URL(page.url()).pathname).toBe('/account');

    await pressSensitive(page, 'Set up an authenticator app');
    const section = page.locator('#two-factor');
    await expect(section.locator('.qr-code svg').count()).resolves.toBe(1);
    const key = (await section.locator('.totp-secret').innerText()).replace(/\s+/g, '');
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    await screenshot(page, '2fa-01-setup-qr-code');
    const device = new TotpDevice(key);

    const wrong = String((Number(totpAt(key, timeStep())) + 500_000) % 1_000_000).padStart(6, '0');
    await section.getByLabel('6-digit code from the app').fill(wrong);
    await section.getByRole('button', { name: 'Turn on' }).click();
    await expect(section.getByRole('alert').innerText()).resolves.toMatch(/not right/);
    await section.getByLabel('6-digit code from the app').fill(await device.nextCode());
    await section.getByRole('button', { name: 'Turn on' }).click();
    const codes = await section.locator('.code-list code').allInnerTexts();
    expect(codes).toHaveLength(10);
    await expect(page.locator('.flash').innerText()).resolves.toMatch(/Two-factor authentication is on/);
    await screenshot(page, '2fa-02-recovery-codes');

    // Another browser: the password, then the code page, then where it was going; remember-me survives the step.
    const other = await newPage();
    await other.goto('/login?next=/account');
    await submitLogin(other, 'carol', true);
    expect(await other.locator('h1').innerText()).toBe('Enter your code');
    expect((await other.context().cookies()).find((cookie) => cookie.name === 'sid')).toBeUndefined();
    await screenshot(other, '2fa-03-code-page');
    await other.getByLabel('Code from your authenticator app').fill(device.lastCode());
    await other.getByRole('button', { name: 'Continue' }).click();
    await expect(other.getByRole('alert').innerText()).resolves.toMatch(/not right/);
    await screenshot(other, '2fa-04-code-page-wrong-code');
    await other.getByLabel('Code from your authenticator app').fill(await device.nextCode());
    await other.getByRole('button', { name: 'Continue' }).click();
    expect(new URL(other.url()).pathname).toBe('/account');
    const sid = (await other.context().cookies()).find((cookie) => cookie.name === 'sid');
    expect(sid?.expires).toBeGreaterThan(Date.now() / 1000 + 29 * 24 * 3600);
    await expect(other.locator('#two-factor').innerText()).resolves.toMatch(/10 of 10 recovery codes left/);

    // A recovery code on a phone-sized screen.
    const phone = await newPage(PHONE);
    await phone.goto('/login');
    await submitLogin(phone, 'carol');
    await screenshot(phone, '2fa-05-code-page-phone');
    await phone.getByLabel('Code from your authenticator app').fill(codes[0].toLowerCase());
    await phone.getByRole('button', { name: 'Continue' }).click();
    expect(new URL(phone.url()).pathname).toBe('/dashboard');
    expect(problems).toEqual([]);
  });

  it('sends a stale session to /reauthenticate and back, then turns TOTP off with a recovery code', async () => {
    await http.register('dave', PASSWORD);
    const page = await newPage(PHONE);
    await page.goto('/login?next=/account');
    await submitLogin(page, 'dave');
    await pressSensitive(page, 'Set up an authenticator app');
    const device = new TotpDevice((await page.locator('.totp-secret').innerText()).replace(/\s+/g, ''));
    await page.getByLabel('6-digit code from the app').fill(await device.nextCode());
    await page.getByRole('button', { name: 'Turn on' }).click();
    const codes = await page.locator('.code-list code').allInnerTexts();
    await screenshot(page, '2fa-06-recovery-codes-phone');

    await untilStale(page);
    await page.getByRole('button', { name: 'Get new recovery codes' }).click();
    const url = new URL(page.url());
    expect(`${url.pathname}${url.search}`).toBe('/reauthenticate?next=/account');
    await screenshot(page, '2fa-07-reauthenticate');
    await page.getByLabel('Password').fill('not-the-password-1');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/not right/);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(new URL(page.url()).pathname).toBe('/account');

    await page.getByLabel('Code from your app, or a recovery code').fill(codes[3]);
    await pressSensitive(page, 'Turn off two-factor authentication');
    if (await page.getByLabel('Code from your app, or a recovery code').count()) {
      // The re-authentication in between emptied the field: type the code again.
      await page.getByLabel('Code from your app, or a recovery code').fill(codes[3]);
      await page.getByRole('button', { name: 'Turn off two-factor authentication' }).click();
    }
    await expect(page.locator('.flash').innerText()).resolves.toBe('Two-factor authentication is off.');
    await expect(page.getByRole('button', { name: 'Set up an authenticator app' }).count()).resolves.toBe(1);
    await screenshot(page, '2fa-08-turned-off');
    expect(problems).toEqual([]);
  });
});
