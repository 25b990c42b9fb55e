import { ClientInfoPayload, Credential, ResolvedSession } from '@app/common';
import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';

/** What the HTTP auth guard learned about the caller. */
export interface RequestAuth {
  credential: Credential;
  resolved: ResolvedSession;
}

export type GatewayRequest = Request & { auth?: RequestAuth };

/** Where the request came from: `req.ip` honours X-Forwarded-For only from TRUSTED_PROXIES. */
export function clientInfoOf(request: Request): ClientInfoPayload {
  return {
    ip: (request.ip ?? request.socket.remoteAddress ?? 'unknown').slice(0, 64),
    userAgent: (request.get('user-agent') ?? '').slice(0, 512),
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
  clientInfoOf(context.switchToHttp().getRequest<Request>()),
);
