import type { Account, AdapterConstructor, Configuration, ErrorOut, Grant, KoaContextWithOIDC } from 'oidc-provider';
import type { OidcConfig } from '../config/oidc.config';
import { ACR_VALUES } from './oidc-acr';
import { toClientMetadata } from './oidc-clients';

/** What the provider's configuration calls back into: the gateway session, the claims, the grants, the pages. */
export interface OidcHooks {
  adapter: AdapterConstructor;
  findAccount(sub: string): Promise<Account | undefined>;
  /** The grant to use without asking (single sign-on), or undefined to go through an interaction. */
  loadExistingGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined>;
  logoutSource(ctx: KoaContextWithOIDC, form: string): void;
  postLogoutSuccessSource(ctx: KoaContextWithOIDC): void;
  renderError(ctx: KoaContextWithOIDC, out: ErrorOut): void;
}

/** Every endpoint under /oidc/; discovery stays at the issuer's /.well-known/openid-configuration. */
const ROUTES = {
  authorization: '/oidc/auth',
  token: '/oidc/token',
  userinfo: '/oidc/me',
  jwks: '/oidc/jwks',
  end_session: '/oidc/session/end',
  revocation: '/oidc/token/revocation',
  introspection: '/oidc/token/introspection',
  pushed_authorization_request: '/oidc/request',
  registration: '/oidc/reg',
  code_verification: '/oidc/device',
  device_authorization: '/oidc/device/auth',
  backchannel_authentication: '/oidc/backchannel',
} as const;

/** oidc-provider's configuration: authorization code flow with PKCE, refresh rotation, ES256 keys, this system's users. */
export function oidcConfiguration(oidc: OidcConfig, cookieSecure: boolean, jwks: Configuration['jwks'], hooks: OidcHooks): Configuration {
  const cookie = { signed: true, secure: cookieSecure, sameSite: 'lax' as const, httpOnly: true };
  return {
    adapter: hooks.adapter,
    clients: oidc.clients.map(toClientMetadata),
    jwks,
    routes: ROUTES,
    cookies: { keys: oidc.cookieKeys, long: cookie, short: cookie },
    findAccount: (_ctx, sub) => hooks.findAccount(sub),
    loadExistingGrant: (ctx) => hooks.loadExistingGrant(ctx),
    renderError: (ctx, out) => hooks.renderError(ctx, out),
    interactions: { url: (_ctx, interaction) => `/oidc/interaction/${interaction.uid}` },
    // The provider puts a claim in a token only when a scope (or the claims parameter) names it:
    // acr, amr, auth_time and sid ride on `openid`, so every ID token has them.
    claims: {
      openid: ['sub', 'acr', 'amr', 'auth_time', 'sid'],
      email: ['email', 'email_verified'],
      profile: ['preferred_username'],
    },
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    acrValues: [...ACR_VALUES],
    // The contract puts the scope's claims in the ID token too, not only at userinfo.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
    // A refresh token for every client allowed the grant, rotated on each use (a reused one is refused).
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      introspection: { enabled: true },
      userinfo: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => hooks.logoutSource(ctx, form),
        postLogoutSuccessSource: (ctx) => hooks.postLogoutSuccessSource(ctx),
      },
    },
    ttl: {
      AccessToken: 15 * 60,
      AuthorizationCode: 60,
      IdToken: 15 * 60,
      Interaction: 60 * 60,
      Grant: 30 * 24 * 60 * 60,
      RefreshToken: 30 * 24 * 60 * 60,
      Session: 30 * 24 * 60 * 60,
    },
  };
}
