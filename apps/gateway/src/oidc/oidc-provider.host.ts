import {
  AUTH_RPC_CLIENT,
  AuthContract,
  AuthPatterns,
  DEPENDENCY_RETRY_AFTER_SECONDS,
  DomainError,
  ErrorCode,
  RpcClient,
} from '@app/common';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { renderError, sendError } from '../errors/http-error.filter';
import { loadOidcProvider } from './load-oidc-provider';
import { oidcAdapterFor } from './oidc-adapter';
import { OidcBridge } from './oidc-bridge';
import { oidcConfiguration } from './oidc-configuration';

/** New signing keys (a rotation) are picked up within this long. */
const KEY_REFRESH_INTERVAL_MS = 60_000;

interface Mounted {
  provider: Provider;
  kids: string;
  handle: (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * oidc-provider behind the gateway's HTTP face: /oidc/* and /.well-known/openid-configuration are
 * handed to it as they arrived (its own body parsing, its own answers), after the gateway's hooks
 * (Host policy, request id, security headers). Built on first use from the auth-service's signing
 * keys, and rebuilt when those change.
 */
@Injectable()
export class OidcProviderHost implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OidcProviderHost.name);
  private mounted?: Promise<Mounted>;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly bridge: OidcBridge,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(async (scope) => {
      // The provider reads its bodies itself: nothing here may consume the stream first.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
      const handler = (request: FastifyRequest, reply: FastifyReply) => this.forward(request, reply);
      scope.route({ method: ['GET', 'POST', 'OPTIONS'], url: '/oidc/*', handler });
      scope.route({ method: ['GET', 'OPTIONS'], url: '/.well-known/openid-configuration', handler });
    });
    this.timer = setInterval(() => void this.refreshKeys(), KEY_REFRESH_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** The provider, for the interaction pages. */
  async provider(): Promise<Provider> {
    return (await this.current()).provider;
  }

  private async forward(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    let mounted: Mounted;
    try {
      mounted = await this.current();
    } catch (error) {
      this.logger.warn(`OpenID Connect provider unavailable: ${(error as Error).message}`);
      return sendError(reply, renderError(error));
    }
    reply.hijack();
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) reply.raw.setHeader(name, value);
    this.forwardedHeaders(request);
    mounted.handle(request.raw, reply.raw);
  }

  /** Koa trusts X-Forwarded-*: they are replaced by what Fastify concluded under TRUSTED_PROXIES. */
  private forwardedHeaders(request: FastifyRequest): void {
    const headers = request.raw.headers;
    for (const name of Object.keys(headers)) if (name.startsWith('x-forwarded-')) delete headers[name];
    headers['x-forwarded-proto'] = request.protocol;
    headers['x-forwarded-for'] = request.ip;
  }

  private current(): Promise<Mounted> {
    this.mounted ??= this.build().catch((error: unknown) => {
      this.mounted = undefined;
      throw error;
    });
    return this.mounted;
  }

  private async refreshKeys(): Promise<void> {
    if (!this.mounted) return;
    try {
      const [{ keys }, mounted] = await Promise.all([this.auth.send(AuthPatterns.OidcSigningKeys, {}), this.mounted]);
      if (kidsOf(keys) === mounted.kids) return;
      const next = await this.build();
      this.mounted = Promise.resolve(next);
      this.logger.log(`signing keys changed: provider rebuilt (kids ${next.kids})`);
    } catch (error) {
      this.logger.warn(`signing key refresh failed: ${(error as Error).message}`);
    }
  }

  private async build(): Promise<Mounted> {
    const [Provider, { keys }] = await Promise.all([loadOidcProvider(), this.auth.send(AuthPatterns.OidcSigningKeys, {})]);
    const configuration = oidcConfiguration(
      this.config.oidc,
      this.config.cookieSecure,
      { keys: keys as never },
      {
        adapter: oidcAdapterFor(this.auth),
        findAccount: (sub) => this.bridge.findAccount(sub),
        loadExistingGrant: (ctx) => this.bridge.loadExistingGrant(ctx),
        logoutSource: (ctx, form) => this.bridge.logoutSource(ctx, form),
        postLogoutSuccessSource: (ctx) => this.bridge.postLogoutSuccessSource(ctx),
        renderError: (ctx, out) => this.bridge.renderError(ctx, out),
      },
    );
    const provider = new Provider(this.config.publicBaseUrl, configuration);
    provider.proxy = true;
    // Back-channel logout tokens are the auth-service's to send, for every way a session ends, queued
    // and retried; the provider's own (one attempt, at RP-initiated logout only) would be a second copy.
    provider.Client.prototype.backchannelLogout = () => Promise.resolve();
    // A dependency that is down (the auth-service, its Redis, a replica that does not confirm a spent
    // code) is answered 503 with Retry-After, as everywhere on the gateway, not with the provider's 500.
    const unavailable = new WeakMap<object, number>();
    provider.use(async (ctx, next) => {
      await next();
      const retryAfter = unavailable.get(ctx);
      if (retryAfter === undefined) return;
      ctx.status = 503;
      ctx.set('Retry-After', String(retryAfter));
      const body = ctx.body as { error?: unknown } | undefined;
      if (typeof body === 'object' && body?.error === 'server_error') {
        ctx.body = { error: 'temporarily_unavailable', error_description: 'A dependency is unavailable; try again shortly' };
      }
    });
    provider.use(async (ctx, next) => {
      await next();
      const oidcCtx = ctx as unknown as KoaContextWithOIDC;
      if (oidcCtx.oidc?.route === 'end_session_confirm' && ctx.status === 303 && oidcCtx.oidc.params?.logout) {
        await this.bridge.endGatewaySession(oidcCtx);
      }
    });
    provider.on('grant.success', (ctx: KoaContextWithOIDC) => {
      const { client, entities, params } = ctx.oidc;
      const accountId = entities.AuthorizationCode?.accountId ?? entities.RefreshToken?.accountId;
      void this.bridge.audit('oidc.token_issued', client?.clientId ?? '-', accountId, ctx.ip, { grantType: params?.grant_type });
    });
    provider.on('server_error', (ctx: KoaContextWithOIDC, error: Error) => {
      if (error instanceof DomainError && error.code === ErrorCode.Unavailable) {
        unavailable.set(ctx, error.retryAfterSeconds ?? DEPENDENCY_RETRY_AFTER_SECONDS);
        this.logger.warn(`OpenID Connect provider: ${error.message}`);
        return;
      }
      this.logger.error({ err: error }, 'OpenID Connect provider error');
    });
    return { provider, kids: kidsOf(keys), handle: provider.callback() };
  }
}

function kidsOf(keys: Array<Record<string, unknown>>): string {
  return keys.map((key) => String(key.kid)).join(',');
}
