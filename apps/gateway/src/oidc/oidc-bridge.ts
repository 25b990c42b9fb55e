import { AUTH_RPC_CLIENT, AuthContract, AuthPatterns, ResolvedSession, RpcClient, SessionResolver } from '@app/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Account, ErrorOut, Grant, KoaContextWithOIDC } from 'oidc-provider';
import { SessionCommands } from '../auth/session-commands';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { OidcClientConfig } from '../config/oidc.config';
import { PageRenderer } from '../pages/page-renderer';
import { clientOrigins } from './oidc-clients';
import { oidcPagePolicy } from './oidc-page-policy';

/** The scopes a first-party client is granted without asking (what it requested, of these). */
const GRANTABLE_SCOPES = new Set(['openid', 'offline_access', 'email', 'profile']);

/**
 * Where the provider meets the gateway: claims from the auth-service, the gateway session behind
 * single sign-on (a grant is used without asking only while that session lives and is the same
 * user's), the logout pages, and the gateway session ended by an RP-initiated logout.
 */
@Injectable()
export class OidcBridge {
  private readonly logger = new Logger(OidcBridge.name);
  private readonly clients: Map<string, OidcClientConfig>;

  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly resolver: SessionResolver,
    private readonly commands: SessionCommands,
    private readonly renderer: PageRenderer,
  ) {
    this.clients = new Map(config.oidc.clients.map((client) => [client.client_id, client]));
  }

  client(clientId: unknown): OidcClientConfig | undefined {
    return typeof clientId === 'string' ? this.clients.get(clientId) : undefined;
  }

  async findAccount(sub: string): Promise<Account | undefined> {
    const { user } = await this.auth.send(AuthPatterns.OidcAccount, { userId: sub });
    if (!user) return undefined;
    return {
      accountId: user.id,
      claims: () => ({
        sub: user.id,
        email: user.email ?? undefined,
        email_verified: user.emailVerified,
        preferred_username: user.username,
      }),
    };
  }

  async loadExistingGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
    const { session, client, provider } = ctx.oidc;
    if (!session?.accountId || !client) return undefined;
    const resolved = await this.gatewaySession(ctx.cookies.get(SESSION_COOKIE, { signed: false }));
    if (!resolved || resolved.user.id !== session.accountId) return undefined;
    const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
    let grant = grantId ? await provider.Grant.find(grantId) : undefined;
    if (!grant && this.client(client.clientId)?.first_party) {
      grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].filter((scope) => GRANTABLE_SCOPES.has(scope)).join(' '));
      await grant.save();
    }
    if (grant?.jti) {
      // The provider gives the client a `sid` of this session (the same call, before it does): the logout token carries it too.
      session.ensureClientContainer(client.clientId);
      await this.linkGrant(grant.jti, client.clientId, resolved, session.sidFor(client.clientId));
    }
    return grant;
  }

  /** Ties a grant to the gateway session that allowed it: ending that session ends the grant (every grant used passes here). */
  private async linkGrant(grantId: string, clientId: string, resolved: ResolvedSession, oidcSessionId?: string): Promise<void> {
    await this.auth.send(AuthPatterns.OidcLinkGrant, {
      grantId,
      clientId,
      sessionId: resolved.session.id,
      userId: resolved.user.id,
      backchannelLogoutUri: this.client(clientId)?.backchannel_logout_uri,
      oidcSessionId,
    });
  }

  /** A refusal the provider shows the browser itself (a request it cannot send back to the client): the gateway's error page. */
  renderError(ctx: KoaContextWithOIDC, out: ErrorOut): void {
    const status = ctx.status >= 400 ? ctx.status : 400;
    ctx.status = status;
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = this.renderer.html('error', {
      title: status >= 500 ? 'Something went wrong' : 'This sign-in request cannot be completed',
      status,
      message: `${out.error_description ?? 'The request was refused.'} (${out.error})`,
    });
  }

  logoutSource(ctx: KoaContextWithOIDC, form: string): void {
    const client = this.client(ctx.oidc.client?.clientId);
    ctx.set('Content-Security-Policy', oidcPagePolicy(clientOrigins(client)));
    ctx.type = 'html';
    ctx.body = this.renderer.html('oidc-logout', { form, clientName: client?.client_id });
  }

  postLogoutSuccessSource(ctx: KoaContextWithOIDC): void {
    ctx.type = 'html';
    ctx.body = this.renderer.html('oidc-logged-out', {});
  }

  /** After the provider's logout confirmation: the gateway session ends too (and with it every grant made through it). */
  async endGatewaySession(ctx: KoaContextWithOIDC): Promise<void> {
    const token = ctx.cookies.get(SESSION_COOKIE, { signed: false });
    const accountId = ctx.oidc.session?.accountId ?? ctx.oidc.entities.Session?.accountId;
    if (token) {
      await this.commands.logout(
        { kind: 'session', token },
        { ip: ctx.ip.slice(0, 64), userAgent: (ctx.get('user-agent') ?? '').slice(0, 512) },
      );
      ctx.cookies.set(SESSION_COOKIE, null, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: this.config.cookieSecure,
        signed: false,
      });
    }
    await this.audit('oidc.logout', ctx.oidc.client?.clientId ?? '-', typeof accountId === 'string' ? accountId : undefined, ctx.ip);
  }

  /** Audit events never fail the flow they describe. */
  async audit(
    type: 'oidc.consent_granted' | 'oidc.token_issued' | 'oidc.logout',
    clientId: string,
    userId?: string,
    ip?: string,
    detail?: Record<string, unknown>,
  ): Promise<void> {
    try {
      await this.auth.send(AuthPatterns.OidcAudit, { type, clientId, userId, ip: ip?.slice(0, 64), detail });
    } catch (error) {
      this.logger.warn(`audit event ${type} not recorded: ${(error as Error).message}`);
    }
  }

  private async gatewaySession(token: string | undefined): Promise<ResolvedSession | null> {
    if (!token || token.length > 256) return null;
    return this.resolver.resolve({ kind: 'session', token });
  }
}
