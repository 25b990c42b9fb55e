import { IssuedSession } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';

export const SESSION_COOKIE = 'sid';

/**
 * The `sid` cookie: HttpOnly, SameSite=Lax, Path=/, Secure when configured; a browser-session cookie
 * unless remember-me gave it a Max-Age. Responses that set or clear it are never cached.
 */
@Injectable()
export class SessionCookie {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  read(request: Request): string | undefined {
    const value: unknown = request.cookies?.[SESSION_COOKIE];
    return typeof value === 'string' && value.length > 0 && value.length <= 256 ? value : undefined;
  }

  set(response: Response, issued: IssuedSession): void {
    const options: CookieOptions = { ...this.baseOptions() };
    if (issued.cookieMaxAgeSeconds) options.maxAge = issued.cookieMaxAgeSeconds * 1000;
    response.cookie(SESSION_COOKIE, issued.sessionToken, options);
    response.setHeader('Cache-Control', 'no-store');
  }

  clear(response: Response): void {
    response.clearCookie(SESSION_COOKIE, this.baseOptions());
    response.setHeader('Cache-Control', 'no-store');
  }

  private baseOptions(): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', path: '/', secure: this.config.cookieSecure };
  }
}
