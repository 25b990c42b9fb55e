import { DomainError, ErrorCode, PublicUser, SessionResolver } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CookieSessions } from '../../auth/cookie-sessions';
import { SessionCookie } from '../../auth/session-cookie';
import { clientInfoOf } from '../../http/gateway-request';
import { AccountLifecycle } from '../../lifecycle/account-lifecycle';
import { Flash } from '../flash';
import { formField } from '../form-field';
import { LoginCsrf } from '../login-csrf';
import { PageErrors } from '../page-errors';
import { PageRenderer } from '../page-renderer';

/** A link's `?token=`, as text (repeated or missing: none). */
function queryToken(request: FastifyRequest): string {
  const token: unknown = (request.query as Record<string, unknown>).token;
  return typeof token === 'string' ? token.slice(0, 256) : '';
}

/**
 * /verify-email: the GET shows a button (mail scanners prefetch links; a GET spends nothing), the POST
 * verifies, then the account page (or, without a session, the login page) says so. Also the login
 * page's "send the verification link again", answered the same whatever the account.
 */
@Injectable()
export class EmailVerificationPagesService {
  constructor(
    private readonly lifecycle: AccountLifecycle,
    private readonly sessions: CookieSessions,
    private readonly resolver: SessionResolver,
    private readonly cookie: SessionCookie,
    private readonly flash: Flash,
    private readonly loginCsrf: LoginCsrf,
    private readonly renderer: PageRenderer,
    private readonly errors: PageErrors,
  ) {}

  async show(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const resolved = (await this.sessions.authenticate(request))?.resolved;
    const context = { token: queryToken(request), csrfToken: this.loginCsrf.issue(request, reply), user: resolved?.user };
    this.renderer.render(reply, 'verify-email', 200, context);
  }

  /** The form was checked for login CSRF by LoginFormGuard. */
  async submit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const token = formField(request, 'token');
    const user = await this.signedInUser(request);
    try {
      if (!token) throw new DomainError(ErrorCode.InvalidToken, 'This link is incomplete.');
      await this.lifecycle.verifyEmail(token, clientInfoOf(request));
    } catch (error) {
      if (!(error instanceof DomainError) || ![ErrorCode.ValidationFailed, ErrorCode.InvalidToken].includes(error.code)) throw error;
      const context = { error: 'This link is invalid, has expired or has been used already.', user };
      return this.errors.form(reply, 'verify-email', error, { ...context, csrfToken: this.loginCsrf.issue(request, reply) });
    }
    this.flash.set(reply, user ? 'email-verified' : 'email-verified-login');
    reply.redirect(user ? '/account' : '/login', 303);
  }

  /**
   * Who is signed in in this browser, only to choose where to go next: the form carries the login CSRF
   * token (the link may be opened signed out), so the session is not asked to authorise anything.
   */
  private async signedInUser(request: FastifyRequest): Promise<PublicUser | undefined> {
    const token = this.cookie.read(request);
    return token ? (await this.resolver.resolve({ kind: 'session', token }))?.user : undefined;
  }

  /** The form was checked for login CSRF by LoginFormGuard. */
  async resendForLogin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const username = formField(request, 'username').trim();
    try {
      if (username) await this.lifecycle.resendVerificationForLogin(username.slice(0, 64), clientInfoOf(request));
    } catch (error) {
      // A name the payload refuses is no account: the same answer as for any other.
      if (!(error instanceof DomainError) || error.code !== ErrorCode.ValidationFailed) throw error;
    }
    this.flash.set(reply, 'verification-resent-login');
    reply.redirect('/login', 303);
  }
}
