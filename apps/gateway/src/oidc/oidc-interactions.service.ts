import { DomainError, ErrorCode } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InteractionResults } from 'oidc-provider';
import { CookieSessions } from '../auth/cookie-sessions';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { RequestAuth } from '../http/gateway-request';
import { formField } from '../pages/form-field';
import { PageRenderer } from '../pages/page-renderer';
import { nextParameter } from '../pages/return-path';
import { freshLoginMarker, freshLoginMoment } from './fresh-login-marker';
import { acrOf } from './oidc-acr';
import { OidcBridge } from './oidc-bridge';
import { OidcProviderHost } from './oidc-provider.host';

type Interaction = Awaited<ReturnType<Awaited<ReturnType<OidcProviderHost['provider']>>['interactionDetails']>>;

const SCOPE_DESCRIPTIONS: Record<string, string> = {
  openid: 'Your account identifier',
  email: 'Your email address',
  profile: 'Your username',
  offline_access: 'Keep you signed in when you are away',
};

/**
 * The provider's interactions, on the gateway's own session: not logged in → the login page, and
 * back; a fresh check asked (`prompt=login`, `max_age`) → the re-authentication page, and back;
 * a third-party client → the consent page; otherwise straight back to the provider (single sign-on).
 */
@Injectable()
export class OidcInteractionsService {
  constructor(
    private readonly host: OidcProviderHost,
    private readonly bridge: OidcBridge,
    private readonly sessions: CookieSessions,
    private readonly renderer: PageRenderer,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async show(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const interaction = await this.details(request, reply);
    const auth = await this.sessions.authenticate(request);
    const back = `/oidc/interaction/${interaction.uid}?fresh=${freshLoginMarker(this.config.cookieSecret, interaction.uid)}`;
    if (!auth) return reply.redirect(`/login?next=${nextParameter(back)}`, 302);
    if (!this.freshEnough(request, interaction, auth)) return reply.redirect(`/reauthenticate?next=${nextParameter(back)}`, 302);
    const client = this.bridge.client(interaction.params.client_id);
    if (interaction.prompt.name === 'consent' && !client?.first_party) {
      const scopes = String(interaction.params.scope ?? 'openid')
        .split(' ')
        .filter((scope) => SCOPE_DESCRIPTIONS[scope])
        .map((scope) => ({ name: scope, description: SCOPE_DESCRIPTIONS[scope] }));
      return this.renderer.render(reply, 'oidc-consent', 200, {
        uid: interaction.uid,
        clientName: client?.client_id ?? String(interaction.params.client_id),
        scopes,
        user: auth.resolved.user,
        csrfToken: auth.resolved.csrfToken,
      });
    }
    const consent = interaction.prompt.name === 'consent' ? { grantId: await this.grant(interaction, auth) } : undefined;
    return this.finish(request, reply, { login: this.login(auth), ...(consent ? { consent } : {}) });
  }

  /** The consent form: CookieSessions checked its CSRF token; allow grants the requested scopes, deny answers access_denied. */
  async decide(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const interaction = await this.details(request, reply);
    const auth = await this.sessions.authenticate(request);
    const here = `/oidc/interaction/${interaction.uid}`;
    if (!auth) return reply.redirect(`/login?next=${nextParameter(here)}`, 303);
    const clientId = String(interaction.params.client_id);
    if (formField(request, 'decision') !== 'allow') {
      return this.finish(request, reply, { error: 'access_denied', error_description: 'The user denied the request' });
    }
    const grantId = await this.grant(interaction, auth);
    await this.bridge.audit('oidc.consent_granted', clientId, auth.resolved.user.id, request.ip, { scope: interaction.params.scope });
    return this.finish(request, reply, { login: this.login(auth), consent: { grantId } });
  }

  private async details(request: FastifyRequest, reply: FastifyReply): Promise<Interaction> {
    const provider = await this.host.provider();
    try {
      return await provider.interactionDetails(request.raw, reply.raw);
    } catch {
      // An unknown, expired or finished interaction, or one begun in another browser (its cookie is missing).
      throw new DomainError(ErrorCode.NotFound, 'This sign-in request has expired. Go back to the application and sign in again.');
    }
  }

  /**
   * `prompt=login` wants a credential checked after the request: after the moment this interaction
   * sent the browser to check one (the signed `fresh` marker), or at the latest after the second the
   * interaction began in. `max_age` wants one at most that many seconds old.
   */
  private freshEnough(request: FastifyRequest, interaction: Interaction, auth: RequestAuth): boolean {
    const reasons = interaction.prompt.reasons;
    const checkedAt = Date.parse(auth.resolved.session.authenticatedAt);
    if (reasons.includes('login_prompt')) {
      const askedAt = freshLoginMoment(this.config.cookieSecret, interaction.uid, (request.query as Record<string, unknown>).fresh);
      if (!(checkedAt > (askedAt ?? (interaction.iat + 1) * 1000 - 1))) return false;
    }
    const maxAge = Number(interaction.params.max_age);
    if (reasons.includes('max_age') && Number.isFinite(maxAge) && Date.now() - checkedAt > maxAge * 1000) return false;
    return true;
  }

  private login(auth: RequestAuth): InteractionResults['login'] {
    const { user, session } = auth.resolved;
    const amr = session.amr.length ? session.amr : ['pwd'];
    return { accountId: user.id, ts: Math.floor(Date.parse(session.authenticatedAt) / 1000), amr, acr: acrOf(amr), remember: true };
  }

  /** The interaction's grant (new, or the existing one) with what was asked added to it. */
  private async grant(interaction: Interaction, auth: RequestAuth): Promise<string> {
    const provider = await this.host.provider();
    const clientId = String(interaction.params.client_id);
    const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
    const grant = existing ?? new provider.Grant({ accountId: auth.resolved.user.id, clientId });
    const details = interaction.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
    if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
    // Tied to the gateway session when the provider loads it on resuming (OidcBridge.loadExistingGrant).
    return grant.save();
  }

  /**
   * Back to the provider through a page rather than a redirect: a redirect chain that began with a
   * form post (login, consent) must stay within the pages' CSP `form-action 'self'`, and the
   * provider's next hop is the client's origin.
   */
  private async finish(request: FastifyRequest, reply: FastifyReply, result: InteractionResults): Promise<void> {
    const provider = await this.host.provider();
    const url = await provider.interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
    this.renderer.render(reply, 'oidc-continue', 200, { url });
  }
}
