import { DomainError, ErrorCode, SessionResolver } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { assertCsrfToken, assertSameOrigin } from '../auth/csrf';
import { SessionCookie } from '../auth/session-cookie';
import { AuthServiceClient } from '../clients/auth-service.client';
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
    private readonly auth: AuthServiceClient,
    private readonly resolver: SessionResolver,
    private readonly sessions: PageSessionService,
    private readonly cookie: SessionCookie,
    private readonly flash: Flash,
    private readonly loginCsrf: LoginCsrf,
    private readonly renderer: PageRenderer,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async home(request: Request, response: Response): Promise<void> {
    const resolved = (await this.sessions.current(request))?.resolved;
    const isAdmin = resolved?.user.roles.includes('admin') ?? false;
    this.renderer.render(response, 'home', 200, { user: resolved?.user, csrfToken: resolved?.csrfToken, isAdmin });
  }

  async showLogin(request: Request, response: Response): Promise<void> {
    if (await this.sessions.current(request)) return response.redirect(302, '/dashboard');
    this.renderForm(request, response, 200, { flash: this.flash.take(request, response), next: safeNextPath(request.query.next) });
  }

  async submitLogin(request: Request, response: Response): Promise<void> {
    this.loginCsrf.verify(request);
    const username = formField(request, 'username');
    const password = formField(request, 'password');
    // The password is never echoed back into the form.
    const form: LoginForm = { username, remember: formCheckbox(request, 'remember'), next: safeNextPath(formField(request, 'next')) };
    if (!username || !password) return this.renderForm(request, response, 400, { ...form, error: 'Enter your username and password.' });
    try {
      const result = await this.auth.login({ username, password, remember: form.remember, client: clientInfoOf(request) });
      this.cookie.set(response, result);
      this.loginCsrf.clear(response);
      response.redirect(303, form.next ?? '/dashboard');
    } catch (error) {
      const failure = LoginPageService.failureOf(error);
      if (failure.retryAfter !== undefined) response.setHeader('Retry-After', String(failure.retryAfter));
      this.renderForm(request, response, failure.status, { ...form, error: failure.message });
    }
  }

  /** Logging out needs the session's CSRF token while the session is live; without one it just lands on /login. */
  async logout(request: Request, response: Response): Promise<void> {
    const auth = await this.sessions.current(request);
    if (auth) {
      assertSameOrigin(request, this.config.allowedOrigins);
      assertCsrfToken(request, auth.resolved.csrfToken);
      const { revokedSessionId } = await this.auth.logout({ credential: auth.credential, client: clientInfoOf(request) });
      if (revokedSessionId) this.resolver.forget({ sessionIds: [revokedSessionId] });
    }
    this.cookie.clear(response);
    this.flash.set(response, 'logged-out');
    response.redirect(303, '/login');
  }

  private renderForm(request: Request, response: Response, status: number, form: LoginForm): void {
    this.renderer.render(response, 'login', status, { ...form, csrfToken: this.loginCsrf.issue(request, response) });
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
