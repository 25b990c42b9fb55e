import { ClientInfoPayload, Credential, ResolvedSession } from '@app/common';
import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** What the HTTP auth guard learned about the caller. */
export interface RequestAuth {
  credential: Credential;
  resolved: ResolvedSession;
}

export type GatewayRequest = FastifyRequest & { auth?: RequestAuth; user?: unknown };

/** One request header as text (Node joins repeated headers, except Set-Cookie which a request never carries). */
export function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/** The access token of an `Authorization: Bearer …` header, or undefined when there is no such header. */
export function bearerCredentialOf(request: FastifyRequest): Credential | undefined {
  const match = BEARER.exec(headerOf(request, 'authorization') ?? '');
  return match ? { kind: 'bearer', token: match[1] } : undefined;
}

/** Where the request came from: `request.ip` honours X-Forwarded-For only from TRUSTED_PROXIES. */
export function clientInfoOf(request: FastifyRequest): ClientInfoPayload {
  return {
    ip: (request.ip ?? request.socket.remoteAddress ?? 'unknown').slice(0, 64),
    userAgent: (headerOf(request, 'user-agent') ?? '').slice(0, 512),
  };
}

/** The caller's credential and resolved session, put there by HttpAuthGuard. */
export const Auth = createParamDecorator((_data: unknown, context: ExecutionContext): RequestAuth => {
  const auth = context.switchToHttp().getRequest<GatewayRequest>().auth;
  if (!auth) throw new Error('@Auth() used on a route without HttpAuthGuard');
  return auth;
});

/** The client's IP and user agent. */
export const Client = createParamDecorator((_data: unknown, context: ExecutionContext): ClientInfoPayload =>
  clientInfoOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
