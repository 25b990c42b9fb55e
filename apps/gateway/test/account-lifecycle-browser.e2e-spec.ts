import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { Http } from '../../../test/support/http';
import { ReceivedMail, TestSmtpServer } from '../../../test/support/smtp-server';
import { ROOT, TestSystem } from '../../../test/support/system';

jest.setTimeout(180_000);

const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const PASSWORD = 'a-Strong-password-1';
const NEW_PASSWORD = 'Brand-new-Secret-2026';
const DESKTOP = { width: 1100, height: 800 };
const PHONE = { width: 375, height: 740 };

/** The path and query of a mail's link: the browser opens it on the gateway it talks to (PUBLIC_BASE_URL names localhost). */
function linkPathOf(mail: ReceivedMail): string {
  const match = /^(https?:\/\/\S+\?token=[A-Za-z0-9_-]+)$/m.exec(mail.text);
  if (!match) throw new Error(`no link in: ${mail.text}`);
  const url = new URL(match[1]);
  return `${url.pathname}${url.search}`;
}

describe('the account lifecycle in a real browser, with JavaScript turned off', () => {
  let smtp: TestSmtpServer;
  let system: TestSystem;
  let http: Http;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  async function newPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport, baseURL: system.baseUrl });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
    });
    return page;
  }

  /** The page as it is, at desktop width and (reloaded, for a GET) at phone width. */
  async function screenshots(page: Page, name: string, reload = true): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });
    await page.setViewportSize(PHONE);
    if (reload) await page.reload();
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
    await page.setViewportSize(DESKTOP);
    if (reload) await page.reload();
  }

  async function logIn(page: Page, username: string, password: string): Promise<void> {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    smtp = await TestSmtpServer.create();
    system = await TestSystem.start({ serviceEnv: { 'auth-service': { SMTP_URL: smtp.url, MAIL_POLL_INTERVAL_MS: '200' } } });
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
    await smtp?.stop();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('forgot password → mail → link → new password → login', async () => {
    await http.register('hopper', PASSWORD, 'hopper@example.org');
    const page = await newPage(DESKTOP);
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL('**/forgot-password');
    await screenshots(page, 'lifecycle-01-forgot-password');
    await page.getByLabel('Email address or username').fill('hopper@example.org');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await screenshots(page, 'lifecycle-02-check-your-email', false);

    const mail = await smtp.waitForMail(
      (received) => received.to.includes('hopper@example.org') && received.subject === 'Reset your password',
    );
    await page.goto(linkPathOf(mail));
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await screenshots(page, 'lifecycle-03-reset-password');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change my password' }).click();
    await page.waitForURL('**/login');
    await page.getByText('Your password has been changed. Please log in.').waitFor();
    await screenshots(page, 'lifecycle-04-login-after-reset', false);

    await logIn(page, 'hopper', NEW_PASSWORD);
    await page.waitForURL('**/dashboard');
    expect(await page.locator('main').innerText()).toContain('You are logged in as hopper');

    // The same link again: spent.
    await page.goto(linkPathOf(mail));
    await page.getByLabel('New password', { exact: true }).fill('Other-new-Secret-99');
    await page.getByLabel('New password again').fill('Other-new-Secret-99');
    await page.getByRole('button', { name: 'Change my password' }).click();
    await page.getByText('This link is invalid, has expired or has been used already.').waitFor();
  });

  it('register with email → mail → verify, then the account page shows it verified', async () => {
    const page = await newPage(DESKTOP);
    await page.goto('/register');
    await page.getByLabel('Username').fill('lovelace');
    await page.getByLabel('Email (optional)').fill('ada@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/login');
    await logIn(page, 'lovelace', PASSWORD);
    await page.waitForURL('**/dashboard');
    await page.goto('/account');
    await page.getByText('Not verified').waitFor();
    await screenshots(page, 'lifecycle-05-account-unverified');

    const mail = await smtp.waitForMail(
      (received) => received.to.includes('ada@example.org') && received.subject === 'Confirm your email address',
    );
    await page.goto(linkPathOf(mail));
    await page.getByRole('heading', { name: 'Verify your email address' }).waitFor();
    await screenshots(page, 'lifecycle-06-verify-email');
    await page.getByRole('button', { name: 'Verify my email address' }).click();
    await page.waitForURL('**/account');
    await page.getByText('Your email address is verified.').waitFor();
    expect(await page.locator('#profile .badge.verified').innerText()).toBe('Verified');
    await screenshots(page, 'lifecycle-07-account-verified', false);
    const sessions = await page.locator('#sessions').innerText();
    expect(sessions).toMatch(/Chrom(e|ium)( Headless)? \d+ on Linux/);
  });
});
