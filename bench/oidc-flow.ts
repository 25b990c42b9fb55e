// The OpenID Connect authorization-code flow's latency (issue 19), with openid-client as the relying
// party against a fresh system at the real bcrypt cost, N sequential runs of each scenario:
//   cold     a browser without a session: authorization request → login page, the login form's post →
//            the client's callback with a code, and the code (with its PKCE verifier) → tokens
//   sso      a browser already logged in: authorization request → callback → tokens (no page at all)
//   refresh  a refresh token → new tokens (rotation)
// Each segment's median, p90 and p99 in milliseconds; `total` is the whole flow, login page to tokens.
// Run: npm run build && node dist/tooling/bench/oidc-flow.js
// Environment: OIDC_BENCH_RUNS (default 30), OIDC_BENCH_DATABASE (sqlite|postgres, default both),
// BCRYPT_COST (default 12).
import type * as OidcClient from 'openid-client';
import { BrowserAgent, hiddenField } from '../test/support/browser-agent';
import { Http } from '../test/support/http';
import { Database, TestSystem } from '../test/support/system';
import { startBenchSystem } from './lib/bench-system';
import { percentile, round } from './lib/load';
import { BCRYPT_COST } from './lib/settings';

const RUNS = Number(process.env.OIDC_BENCH_RUNS ?? 30);
const DATABASES = (process.env.OIDC_BENCH_DATABASE ?? 'sqlite,postgres').split(',') as Database[];
const PASSWORD = 'oidc bench password 1';
const CALLBACK = 'http://app.example.test/callback';

/** `import()` kept as it is: this file compiles to CommonJS, and openid-client is ESM-only. */
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<typeof OidcClient>;

type Segments = Record<string, number>;

function summary(runs: Segments[]): Record<string, { median: number; p90: number; p99: number }> {
  const out: Record<string, { median: number; p90: number; p99: number }> = {};
  for (const name of Object.keys(runs[0])) {
    const values = runs.map((run) => run[name]);
    out[name] = { median: round(percentile(values, 50)), p90: round(percentile(values, 90)), p99: round(percentile(values, 99)) };
  }
  return out;
}

class Flow {
  constructor(
    private readonly client: typeof OidcClient,
    private readonly config: OidcClient.Configuration,
    private readonly issuer: URL,
  ) {}

  private async request() {
    const verifier = this.client.randomPKCECodeVerifier();
    const state = this.client.randomState();
    const nonce = this.client.randomNonce();
    const url = this.client.buildAuthorizationUrl(this.config, {
      redirect_uri: CALLBACK,
      scope: 'openid email profile offline_access',
      code_challenge: await this.client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, checks: { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce } };
  }

  private async exchange(callbackUrl: string, checks: OidcClient.AuthorizationCodeGrantChecks) {
    if (!callbackUrl.startsWith(CALLBACK)) throw new Error(`the flow stopped at ${callbackUrl}, not at the callback`);
    return this.client.authorizationCodeGrant(this.config, new URL(callbackUrl), checks);
  }

  /** A browser with no session: the login page, the login, the code, the tokens. */
  async cold(username: string): Promise<{ segments: Segments; browser: BrowserAgent; refreshToken: string }> {
    const browser = new BrowserAgent(this.issuer.origin);
    const started = performance.now();
    const { url, checks } = await this.request();
    const page = await browser.navigate(url.href);
    if (new URL(page.url).pathname !== '/login') throw new Error(`expected the login page, stopped at ${page.url}`);
    const pageShown = performance.now();
    const back = await browser.navigate('/login', {
      _csrf: hiddenField(page.html, '_csrf')!,
      next: hiddenField(page.html, 'next')!,
      username,
      password: PASSWORD,
    });
    const codeReceived = performance.now();
    const tokens = await this.exchange(back.url, checks);
    const done = performance.now();
    return {
      segments: {
        toLoginPage: pageShown - started,
        loginToCode: codeReceived - pageShown,
        codeToTokens: done - codeReceived,
        total: done - started,
      },
      browser,
      refreshToken: tokens.refresh_token!,
    };
  }

  /** A browser already logged in at the gateway: straight back with a code, then the tokens. */
  async sso(browser: BrowserAgent): Promise<{ segments: Segments; refreshToken: string }> {
    const started = performance.now();
    const { url, checks } = await this.request();
    const back = await browser.navigate(url.href);
    const codeReceived = performance.now();
    const tokens = await this.exchange(back.url, checks);
    const done = performance.now();
    return {
      segments: { toCode: codeReceived - started, codeToTokens: done - codeReceived, total: done - started },
      refreshToken: tokens.refresh_token!,
    };
  }

  async refresh(refreshToken: string): Promise<{ segments: Segments; refreshToken: string }> {
    const started = performance.now();
    const tokens = await this.client.refreshTokenGrant(this.config, refreshToken);
    return { segments: { total: performance.now() - started }, refreshToken: tokens.refresh_token! };
  }
}

async function measure(database: Database): Promise<Record<string, unknown>> {
  const clients = [{ client_id: 'bench-app', redirect_uris: [CALLBACK], first_party: true }];
  const system: TestSystem = await startBenchSystem({ database, serviceEnv: { gateway: { OIDC_CLIENTS: JSON.stringify(clients) } } });
  try {
    const http = new Http(system.baseUrl);
    const oidc = await importModule('openid-client');
    const issuer = new URL(system.baseUrl.replace('127.0.0.1', 'localhost'));
    const config = await oidc.discovery(issuer, 'bench-app', undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    const flow = new Flow(oidc, config, issuer);
    const cold: Segments[] = [];
    const sso: Segments[] = [];
    const refresh: Segments[] = [];
    // Run -1 warms the processes up (the provider's first request loads its keys) and is not counted.
    for (let run = -1; run < RUNS; run++) {
      const username = `oidc-bench-${run + 1}`;
      await http.register(username, PASSWORD);
      const first = await flow.cold(username);
      const second = await flow.sso(first.browser);
      const third = await flow.refresh(second.refreshToken);
      if (run < 0) continue;
      cold.push(first.segments);
      sso.push(second.segments);
      refresh.push(third.segments);
    }
    return { database, runs: RUNS, bcryptCost: BCRYPT_COST, cold: summary(cold), sso: summary(sso), refresh: summary(refresh) };
  } finally {
    await system.stop();
  }
}

async function main(): Promise<void> {
  const results = [];
  for (const database of DATABASES) results.push(await measure(database));
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
