import { generateToken } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CsrfCheck } from '../auth/csrf-check';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';

const LOGIN_CSRF_COOKIE = 'login_csrf';
const LOGIN_CSRF_MAX_AGE_SECONDS = 2 * 60 * 60;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Login CSRF for the forms that come before a session (login, register): a random token in a signed
 * cookie and the same token in a hidden field. A cross-site page can make the browser send the cookie
 * but cannot read it to fill the field, and the signature stops a token planted from a sibling domain.
 */
@Injectable()
export class LoginCsrf {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly csrf: CsrfCheck,
  ) {}

  /** The token for a form; an existing one is kept so that two open tabs both still work. */
  issue(request: FastifyRequest, reply: FastifyReply): string {
    const existing = this.cookieToken(request);
    if (existing) return existing;
    const token = generateToken();
    reply.setCookie(LOGIN_CSRF_COOKIE, token, {
      ...this.options(),
      maxAge: LOGIN_CSRF_MAX_AGE_SECONDS,
      expires: new Date(Date.now() + LOGIN_CSRF_MAX_AGE_SECONDS * 1000),
      signed: true,
    });
    return token;
  }

  /** Refuses a form post whose origin is foreign or whose field does not match the cookie. */
  verify(request: FastifyRequest): void {
    this.csrf.verify(request, this.cookieToken(request) ?? '', 'The form has expired or did not come from this site. Please try again.');
  }

  /** A logged-in browser no longer needs it. */
  clear(reply: FastifyReply): void {
    reply.clearCookie(LOGIN_CSRF_COOKIE, this.options());
  }

  private cookieToken(request: FastifyRequest): string | undefined {
    const raw = request.cookies?.[LOGIN_CSRF_COOKIE];
    if (raw === undefined) return undefined;
    const { valid, value } = request.unsignCookie(raw);
    return valid && value !== null && TOKEN_PATTERN.test(value) ? value : undefined;
  }

  private options(): CookieSerializeOptions {
    return { httpOnly: true, sameSite: 'lax', path: '/', secure: this.config.cookieSecure };
  }
}
