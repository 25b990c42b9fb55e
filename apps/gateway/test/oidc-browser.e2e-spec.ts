import { mkdirSync } from 'node:fs';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as client from 'openid-client';
import { Browser, chromium } from 'playwright-core';
import { Http } from '../../../test/support/http';
import { ROOT, TestSystem } from '../../../test/support/system';

jest.setTimeout(120_000);

const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const PASSWORD = 'a-Strong-password-1';

describe('OpenID Connect in a real browser: an application signs its user in through the login page, and out', () => {
  let system: TestSystem;
  let browser: Browser;
  let relyingParty: Server;
  let rpOrigin: string;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // The application's own pages: its callback and its signed-out page only need to answer.
    relyingParty = createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end('<p>the application</p>'),
    );
    await new Promise<void>((resolve) => relyingParty.listen(0, '127.0.0.1', resolve));
    rpOrigin = `http://127.0.0.1:${(relyingParty.address() as AddressInfo).port}`;
    const clients = [
      {
        client_id: 'wiki',
        redirect_uris: [`${rpOrigin}/callback`],
        post_logout_redirect_uris: [`${rpOrigin}/signed-out`],
        first_party: true,
      },
    ];
    system = await TestSystem.start({ serviceEnv: { gateway: { OIDC_CLIENTS: JSON.stringify(clients) } } });
    await new Http(system.baseUrl).register('ada', PASSWORD, 'ada@example.com');
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
    await browser?.close();
    await system?.stop();
    await new Promise((resolve) => relyingParty?.close(resolve));
  });

  it('goes from the application to the login page, back with a code (no CSP refusal on the way), and signs out', async () => {
    const issuer = new URL(system.baseUrl.replace('127.0.0.1', 'localhost'));
    const config = await client.discovery(issuer, 'wiki', undefined, client.None(), { execute: [client.allowInsecureRequests] });
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: `${rpOrigin}/callback`,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });

    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
    });
    await page.goto(url.href);
    await page.waitForURL('**/login?next=**');
    await page.getByLabel('Username').fill('ada');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.screenshot({ path: join(SCREENSHOTS, 'oidc-01-login.png'), fullPage: true });
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${rpOrigin}/callback?**`);

    const tokens = await client.authorizationCodeGrant(config, new URL(page.url()), { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()).toMatchObject({ aud: 'wiki', preferred_username: 'ada', email: 'ada@example.com', amr: ['pwd'] });

    await page.goto(
      client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${rpOrigin}/signed-out` }).href,
    );
    await page.getByRole('button', { name: 'Yes, sign me out' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'oidc-02-sign-out.png'), fullPage: true });
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${rpOrigin}/signed-out`);
    const cookies = await context.cookies(issuer.origin);
    expect(cookies.find((cookie) => cookie.name === 'sid')).toBeUndefined();
    expect(problems).toEqual([]);
    await context.close();
  });
});
