import { DomainError, ErrorCode, constantTimeEquals, generateToken } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { assertSameOrigin, presentedCsrfToken } from '../auth/csrf';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';

const LOGIN_CSRF_COOKIE = 'login_csrf';
const LOGIN_CSRF_MAX_AGE_MS = 2 * 60 * 60 * 1000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Login CSRF for the forms that come before a session (login, register): a random token in a signed
 * cookie and the same token in a hidden field. A cross-site page can make the browser send the cookie
 * but cannot read it to fill the field, and the signature stops a token planted from a sibling domain.
 */
@Injectable()
export class LoginCsrf {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  /** The token for a form; an existing one is kept so that two open tabs both still work. */
  issue(request: Request, response: Response): string {
    const existing = this.cookieToken(request);
    if (existing) return existing;
    const token = generateToken();
    response.cookie(LOGIN_CSRF_COOKIE, token, { ...this.options(), maxAge: LOGIN_CSRF_MAX_AGE_MS, signed: true });
    return token;
  }

  /** Refuses a form post whose origin is foreign or whose field does not match the cookie. */
  verify(request: Request): void {
    assertSameOrigin(request, this.config.allowedOrigins);
    const expected = this.cookieToken(request);
    const presented = presentedCsrfToken(request);
    if (!expected || !presented || !constantTimeEquals(presented, expected)) {
      throw new DomainError(ErrorCode.CsrfFailed, 'The form has expired or did not come from this site. Please try again.');
    }
  }

  /** A logged-in browser no longer needs it. */
  clear(response: Response): void {
    response.clearCookie(LOGIN_CSRF_COOKIE, this.options());
  }

  private cookieToken(request: Request): string | undefined {
    const value: unknown = (request.signedCookies as Record<string, unknown> | undefined)?.[LOGIN_CSRF_COOKIE];
    return typeof value === 'string' && TOKEN_PATTERN.test(value) ? value : undefined;
  }

  private options(): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', path: '/', secure: this.config.cookieSecure };
  }
}
