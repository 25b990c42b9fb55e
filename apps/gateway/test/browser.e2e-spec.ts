import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { Http } from '../../../test/support/http';
import { ADMIN, ROOT, TestSystem } from '../../../test/support/system';

jest.setTimeout(120_000);

const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const PASSWORD = 'a-Strong-password-1';
const PHONE = { width: 375, height: 740 };

describe('the pages in a real browser, with JavaScript turned off', () => {
  let system: TestSystem;
  let http: Http;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  /** A fresh browser profile with scripts disabled: every page must work as plain HTML forms. */
  async function newPage(viewport = { width: 1100, height: 800 }): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport, baseURL: system.baseUrl });
    contexts.push(context);
    const page = await context.newPage();
    // Expected 403s and the favicon's 404 are logged too; only a policy refusal is a problem.
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.url().endsWith('/static/app.css') && response.status() !== 200) problems.push(`stylesheet ${response.status()}`);
    });
    return page;
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  async function submitLogin(page: Page, username: string, password: string, remember = false): Promise<void> {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    if (remember) await page.getByLabel('Remember me').check();
    await page.getByRole('button', { name: 'Log in' }).click();
  }

  async function textOf(page: Page): Promise<string> {
    return page.locator('main').innerText();
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    system = await TestSystem.start();
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

  it('signs up, logs in with remember me, revokes a session, logs out, and an admin disables a user', async () => {
    const page = await newPage();

    await page.goto('/');
    expect(await page.title()).toMatch(/Welcome/);
    await screenshot(page, '01-home');

    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL('**/register');
    await screenshot(page, '02-register');
    await page.getByLabel('Username').fill('grace');
    await page.getByLabel('Email (optional)').fill('grace@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/login');
    await page.getByText('Account created. Please log in.').waitFor();
    await screenshot(page, '03-login-after-sign-up');

    await submitLogin(page, 'grace', PASSWORD, true);
    await page.waitForURL('**/dashboard');
    expect(await page.locator('h1').allInnerTexts()).toEqual(['Dashboard']);
    expect(await textOf(page)).toContain('You are logged in as grace');
    const sid = (await page.context().cookies()).find((cookie) => cookie.name === 'sid');
    expect(sid?.httpOnly).toBe(true);
    expect(sid?.expires ?? -1).toBeGreaterThan(Date.now() / 1000 + 24 * 3600);

    const elsewhere = await http.login('grace', PASSWORD);
    await page.reload();
    const sessions = page.locator('li.session');
    expect(await sessions.count()).toBe(2);
    await screenshot(page, '04-dashboard-two-sessions');
    const other = page.locator('li.session:not(.current)');
    await other.getByRole('button', { name: /Revoke/ }).click();
    // The page was already /dashboard: wait for the re-rendered list rather than the URL.
    await other.waitFor({ state: 'detached' });
    expect(page.url()).toBe(`${system.baseUrl}/dashboard`);
    expect(await sessions.count()).toBe(1);
    expect(await page.locator('li.session.current').count()).toBe(1);
    expect((await http.get('/auth/me', { cookie: elsewhere.cookie })).status).toBe(401);

    await page.getByRole('main').getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await page.getByText('You have been logged out.').waitFor();
    await screenshot(page, '05-logged-out');

    await page.goto('/dashboard');
    await page.waitForURL('**/login?next=/dashboard');
    await page.getByText('Please log in to access this page.').waitFor();
    await screenshot(page, '06-login-required');
    await submitLogin(page, 'grace', PASSWORD);
    await page.waitForURL('**/dashboard');

    const forbidden = await page.goto('/admin');
    expect(forbidden?.status()).toBe(403);
    expect(await page.locator('h1').allInnerTexts()).toEqual(['Access denied']);
    await screenshot(page, '07-admin-forbidden');

    await http.register('heidi', PASSWORD);
    const victim = await newPage(PHONE);
    await victim.goto('/login');
    await submitLogin(victim, 'heidi', PASSWORD);
    await victim.waitForURL('**/dashboard');
    expect(await textOf(victim)).toContain('You are logged in as heidi');
    const fitsPhone = await victim.locator('body').evaluate((body) => body.scrollWidth <= window.innerWidth);
    expect(fitsPhone).toBe(true);
    await screenshot(victim, '08-dashboard-phone');

    const admin = await newPage();
    await admin.goto('/admin');
    await admin.waitForURL('**/login?next=/admin');
    await submitLogin(admin, ADMIN.username, ADMIN.password);
    await admin.waitForURL('**/admin');
    const heidiRow = admin.locator('tr[data-username="heidi"]');
    expect(await heidiRow.innerText()).toContain('Active');
    await screenshot(admin, '09-admin');
    await heidiRow.getByRole('button', { name: /Disable/ }).click();
    await heidiRow.getByText('Disabled').waitFor();
    expect(admin.url()).toBe(`${system.baseUrl}/admin`);
    await screenshot(admin, '10-admin-user-disabled');

    await victim.getByRole('link', { name: 'Dashboard' }).click();
    await victim.waitForURL('**/login?next=/dashboard');
    await victim.getByText('Please log in to access this page.').waitFor();
    await submitLogin(victim, 'heidi', PASSWORD);
    await victim.getByText('This account has been disabled.').waitFor();
    await screenshot(victim, '11-disabled-user-logged-out');

    expect(problems).toEqual([]);
  });
});
