import { AUTH_RPC_CLIENT, AuthContract, AuthPatterns, DomainError, ErrorCode, RpcClient, SessionResolver } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { assertCsrfToken, assertSameOrigin } from '../auth/csrf';
import { SessionCookie } from '../auth/session-cookie';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { clientInfoOf } from '../http/gateway-request';
import { Flash } from './flash';
import { formCheckbox, formField } from './form-field';
import { LoginCsrf } from './login-csrf';
import { PageRenderer } from './page-renderer';
import { PageSessionService } from './page-session.service';
import { safeNextPath } from './safe-redirect';

interface LoginForm {
  username?: string;
  remember?: boolean;
  next?: string;
  flash?: string;
  error?: string;
}

/** The home page, logging in and logging out. */
@Injectable()
export class LoginPageService {
  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    private readonly resolver: SessionResolver,
    private readonly sessions: PageSessionService,
    private readonly cookie: SessionCookie,
    private readonly flash: Flash,
    private readonly loginCsrf: LoginCsrf,
    private readonly renderer: PageRenderer,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async home(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const resolved = (await this.sessions.current(request))?.resolved;
    const isAdmin = resolved?.user.roles.includes('admin') ?? false;
    this.renderer.render(reply, 'home', 200, { user: resolved?.user, csrfToken: resolved?.csrfToken, isAdmin });
  }

  async showLogin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (await this.sessions.current(request)) {
      reply.redirect('/dashboard', 302);
      return;
    }
    this.renderForm(request, reply, 200, {
      flash: this.flash.take(request, reply),
      next: safeNextPath((request.query as Record<string, unknown>).next),
    });
  }

  async submitLogin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    this.loginCsrf.verify(request);
    const username = formField(request, 'username');
    const password = formField(request, 'password');
    // The password is never echoed back into the form.
    const form: LoginForm = { username, remember: formCheckbox(request, 'remember'), next: safeNextPath(formField(request, 'next')) };
    if (!username || !password) return this.renderForm(request, reply, 400, { ...form, error: 'Enter your username and password.' });
    try {
      const result = await this.auth.send(AuthPatterns.Login, {
        username,
        password,
        remember: form.remember,
        client: clientInfoOf(request),
      });
      this.cookie.set(reply, result);
      this.loginCsrf.clear(reply);
      reply.redirect(form.next ?? '/dashboard', 303);
    } catch (error) {
      const failure = LoginPageService.failureOf(error);
      if (failure.retryAfter !== undefined) reply.header('Retry-After', String(failure.retryAfter));
      this.renderForm(request, reply, failure.status, { ...form, error: failure.message });
    }
  }

  /** Logging out needs the session's CSRF token while the session is live; without one it just lands on /login. */
  async logout(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const auth = await this.sessions.current(request);
    if (auth) {
      assertSameOrigin(request, this.config.allowedOrigins);
      assertCsrfToken(request, auth.resolved.csrfToken);
      const { revokedSessionId } = await this.auth.send(AuthPatterns.Logout, {
        credential: auth.credential,
        client: clientInfoOf(request),
      });
      if (revokedSessionId) this.resolver.forget({ sessionIds: [revokedSessionId] });
    }
    this.cookie.clear(reply);
    this.flash.set(reply, 'logged-out');
    reply.redirect('/login', 303);
  }

  private renderForm(request: FastifyRequest, reply: FastifyReply, status: number, form: LoginForm): void {
    this.renderer.render(reply, 'login', status, { ...form, csrfToken: this.loginCsrf.issue(request, reply) });
  }

  // A malformed login (a password too short or too long to be anyone's) is just a wrong one to the user.
  private static failureOf(error: unknown): { status: number; message: string; retryAfter?: number } {
    if (!(error instanceof DomainError)) throw error;
    switch (error.code) {
      case ErrorCode.InvalidCredentials:
      case ErrorCode.ValidationFailed:
        return { status: 401, message: 'Invalid username or password' };
      case ErrorCode.Throttled: {
        const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
        const message = `Too many failed attempts. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`;
        return { status: 429, message, retryAfter: error.retryAfterSeconds };
      }
      case ErrorCode.AccountDisabled:
        return { status: 403, message: 'This account has been disabled.' };
      default:
        throw error;
    }
  }
}
