import { IssuedSession } from '@app/common';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';

export const SESSION_COOKIE = 'sid';

/**
 * The `sid` cookie: HttpOnly, SameSite=Lax, Path=/, Secure when configured; a browser-session cookie
 * unless remember-me gave it a Max-Age. Responses that set or clear it are never cached.
 */
@Injectable()
export class SessionCookie {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  read(request: FastifyRequest): string | undefined {
    const value: unknown = request.cookies?.[SESSION_COOKIE];
    return typeof value === 'string' && value.length > 0 && value.length <= 256 ? value : undefined;
  }

  set(reply: FastifyReply, issued: IssuedSession): void {
    const options: CookieSerializeOptions = { ...this.baseOptions() };
    if (issued.cookieMaxAgeSeconds) {
      options.maxAge = issued.cookieMaxAgeSeconds;
      options.expires = new Date(Date.now() + issued.cookieMaxAgeSeconds * 1000);
    }
    reply.setCookie(SESSION_COOKIE, issued.sessionToken, options);
    reply.header('Cache-Control', 'no-store');
  }

  clear(reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, this.baseOptions());
    reply.header('Cache-Control', 'no-store');
  }

  private baseOptions(): CookieSerializeOptions {
    return { httpOnly: true, sameSite: 'lax', path: '/', secure: this.config.cookieSecure };
  }
}
