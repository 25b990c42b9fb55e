/**
 * A relying party for the OpenID Connect tests: `openid-client` (a real, certified client library)
 * pointed at the test system's issuer, the authorization request with PKCE, state and nonce, a
 * browser's trip through it (BrowserAgent), and a back-channel logout endpoint that keeps what it is sent.
 */
import * as client from 'openid-client';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { BrowserAgent } from './browser-agent';
import { Http } from './http';

export { client };

/** A client's back-channel logout endpoint: a server of the test's own. Started on `port` (0: any), it may start after the system that posts to it. */
export class BackchannelReceiver {
  readonly tokens: string[] = [];
  private server?: Server;
  url = '';

  constructor(private port = 0) {
    if (port) this.url = BackchannelReceiver.urlFor(port);
  }

  static urlFor(port: number): string {
    return `http://127.0.0.1:${port}/backchannel`;
  }

  async start(): Promise<void> {
    this.server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const token = new URLSearchParams(body).get('logout_token');
        if (request.method === 'POST' && token) this.tokens.push(token);
        response.writeHead(token ? 200 : 400).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.url = BackchannelReceiver.urlFor(this.port);
  }

  /** Polls until a token arrives (the auth-service sends it in the background). */
  async next(timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.tokens.length === 0) {
      if (Date.now() > deadline) throw new Error('no back-channel logout token arrived');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return this.tokens.shift()!;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server!.close(resolve));
  }
}

/** What a token request's refusal says: the `error` in the body, or (a client authentication failure) in WWW-Authenticate. */
export async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    const challenge = (error as { cause?: Array<{ parameters?: { error?: string } }> }).cause;
    return (
      (error as { error?: string }).error ??
      (Array.isArray(challenge) ? challenge[0]?.parameters?.error : undefined) ??
      (error as Error).message
    );
  }
}

/** The relying parties of one test system's issuer. */
export class RelyingParties {
  constructor(
    readonly issuer: URL,
    private readonly http: Http,
  ) {}

  discover(clientId: string, secret?: string): Promise<client.Configuration> {
    return client.discovery(this.issuer, clientId, secret, secret ? client.ClientSecretBasic(secret) : client.None(), {
      execute: [client.allowInsecureRequests],
    });
  }

  /** A browser logged in at the gateway (its own login API). */
  async loggedInBrowser(username: string, password: string): Promise<BrowserAgent> {
    const { sid } = await this.http.login(username, password);
    const agent = new BrowserAgent(this.issuer.origin);
    agent.setCookie('sid', sid);
    return agent;
  }

  async authorizationUrl(config: client.Configuration, redirectUri: string, extra: Record<string, string> = {}) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const challenge = await client.calculatePKCECodeChallenge(verifier);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile offline_access',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state,
      nonce,
      ...extra,
    });
    return { url, verifier, state, nonce };
  }

  /** A logged-in browser's trip through the authorization endpoint to the client's callback, and the tokens for its code. */
  async signIn(config: client.Configuration, browser: BrowserAgent, redirectUri: string, extra: Record<string, string> = {}) {
    const request = await this.authorizationUrl(config, redirectUri, extra);
    const stop = await browser.navigate(request.url.href);
    if (!stop.url.startsWith(redirectUri)) throw new Error(`the sign-in stopped at ${stop.url} (${stop.status}), not at ${redirectUri}`);
    const callback = new URL(stop.url);
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      expectedNonce: request.nonce,
    });
    return { tokens, callback, request };
  }
}
