import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, CDPSession, Page, chromium } from 'playwright-core';
import { Http } from '../../../test/support/http';
import { ROOT, TestSystem } from '../../../test/support/system';

jest.setTimeout(180_000);

const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const PASSWORD = 'a-Strong-password-1';
const DESKTOP = { width: 1100, height: 800 };
const PHONE = { width: 375, height: 740 };

// Chromium with JavaScript on and a virtual authenticator (driven over the DevTools protocol, as Ory
// Kratos' own tests do): a platform authenticator that keeps discoverable credentials and verifies the user.
describe('passkeys in a real browser, with a virtual authenticator', () => {
  let system: TestSystem;
  let http: Http;
  let browser: Browser;
  /** localhost, not 127.0.0.1: an IP address cannot be a WebAuthn relying party id (PUBLIC_BASE_URL's default is localhost). */
  let baseUrl: string;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  async function newPage(viewport = DESKTOP): Promise<{ page: Page; cdp: CDPSession; authenticatorId: string }> {
    const context = await browser.newContext({ viewport, baseURL: baseUrl });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });
    return { page, cdp, authenticatorId };
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  async function logInWithPassword(page: Page, username: string): Promise<void> {
    await page.goto('/login');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.waitForURL('**/dashboard');
  }

  async function logOut(page: Page): Promise<void> {
    await page.getByRole('navigation').getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    system = await TestSystem.start();
    http = new Http(system.baseUrl);
    baseUrl = system.baseUrl.replace('127.0.0.1', 'localhost');
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

  it('adds a passkey on /account, signs in with it from /login without a username, and refuses it once removed', async () => {
    await http.register('paula', PASSWORD);
    const { page, cdp, authenticatorId } = await newPage();
    await logInWithPassword(page, 'paula');

    const dashboard = await page.goto('/dashboard');
    // Pages without a passkey button stay script-free.
    expect(dashboard?.headers()['content-security-policy']).not.toMatch(/script-src/);

    await page.goto('/account');
    const section = page.locator('#passkeys');
    await section.getByText('You have no passkeys yet.').waitFor();
    await section.getByRole('button', { name: 'Add a passkey' }).waitFor();
    expect(await section.getByText('Adding a passkey needs JavaScript').isVisible()).toBe(false);
    await screenshot(page, 'passkeys-01-account-none');

    await section.getByLabel('Name (optional)').fill('This laptop');
    await section.getByRole('button', { name: 'Add a passkey' }).click();
    await section.locator('.passkey-name', { hasText: 'This laptop' }).waitFor();
    expect(await section.locator('li.passkey').count()).toBe(1);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0].isResidentCredential).toBe(true);
    expect(credentials[0].rpId).toBe('localhost');
    await screenshot(page, 'passkeys-02-account-added');

    await logOut(page);
    const button = page.getByRole('button', { name: 'Sign in with a passkey' });
    await button.waitFor();
    await screenshot(page, 'passkeys-03-login-with-passkey-button');
    await button.click();
    await page.waitForURL('**/dashboard');
    expect(await page.locator('main').innerText()).toContain('You are logged in as paula');
    // The dashboard's CSP lets no script fetch anything: ask with the browser's cookies from outside the page.
    const me = await (await page.context().request.get('/auth/me')).json();
    expect(me.session.amr).toEqual(['hwk', 'mfa']);
    await screenshot(page, 'passkeys-04-dashboard-after-passkey-sign-in');

    await page.goto('/account');
    await section.locator('li.passkey dt', { hasText: 'Last used' }).waitFor();
    await section.getByRole('button', { name: /Remove/ }).click();
    await page.getByText('The passkey has been removed.').waitFor();
    expect(await section.locator('li.passkey').count()).toBe(0);
    await screenshot(page, 'passkeys-05-account-removed');

    await logOut(page);
    await button.click();
    // The authenticator still holds the credential; the server no longer knows it.
    await page.getByText('That passkey was not accepted.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'passkeys-06-login-passkey-refused');

    expect(problems).toEqual([]);
  });

  it('fits a phone: the login page and the account page with a passkey', async () => {
    await http.register('quinn', PASSWORD);
    const { page } = await newPage(PHONE);
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in with a passkey' }).waitFor();
    const fits = (): Promise<boolean> => page.locator('body').evaluate((body) => body.scrollWidth <= window.innerWidth);
    expect(await fits()).toBe(true);
    await screenshot(page, 'passkeys-07-login-phone');

    await logInWithPassword(page, 'quinn');
    await page.goto('/account');
    const section = page.locator('#passkeys');
    await section.getByLabel('Name (optional)').fill('Phone');
    await section.getByRole('button', { name: 'Add a passkey' }).click();
    await section.locator('.passkey-name', { hasText: 'Phone' }).waitFor();
    expect(await fits()).toBe(true);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'passkeys-08-account-phone');
    expect(problems).toEqual([]);
  });
});
