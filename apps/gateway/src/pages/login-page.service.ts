import { DomainError, ErrorCode, isMfaChallenge } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthFlowService } from '../auth/auth-flow.service';
import { CookieSessions } from '../auth/cookie-sessions';
import { SessionCookie } from '../auth/session-cookie';
import { Flash } from './flash';
import { formCheckbox, formField } from './form-field';
import { LoginCsrf } from './login-csrf';
import { PageErrors } from './page-errors';
import { PageRenderer } from './page-renderer';
import { safeNextPath } from './safe-redirect';
import { SecondStepPagesService } from './second-step-pages.service';

interface LoginForm {
  username?: string;
  remember?: boolean;
  next?: string;
  flash?: string;
  error?: string;
}

/** What the login form says for each refusal a person can act on; the status is the error table's. */
const REFUSALS: Partial<Record<ErrorCode, (error: DomainError) => string>> = {
  [ErrorCode.ValidationFailed]: () => 'Enter your username and password.',
  [ErrorCode.InvalidCredentials]: () => 'Invalid username or password',
  [ErrorCode.Throttled]: (error) => {
    const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
    return `Too many failed attempts. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`;
  },
  [ErrorCode.AccountDisabled]: () => 'This account has been disabled.',
  [ErrorCode.EmailNotVerified]: () => 'Please verify your email address first: follow the link in the mail we sent you.',
};

/** The home page, logging in and logging out. */
@Injectable()
export class LoginPageService {
  constructor(
    private readonly flow: AuthFlowService,
    private readonly sessions: CookieSessions,
    private readonly cookie: SessionCookie,
    private readonly flash: Flash,
    private readonly loginCsrf: LoginCsrf,
    private readonly renderer: PageRenderer,
    private readonly errors: PageErrors,
    private readonly secondStep: SecondStepPagesService,
  ) {}

  async home(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const resolved = (await this.sessions.authenticate(request))?.resolved;
    const isAdmin = resolved?.user.roles.includes('admin') ?? false;
    this.renderer.render(reply, 'home', 200, { user: resolved?.user, csrfToken: resolved?.csrfToken, isAdmin });
  }

  async showLogin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (await this.sessions.authenticate(request)) {
      reply.redirect('/dashboard', 302);
      return;
    }
    this.renderForm(request, reply, {
      flash: this.flash.take(request, reply),
      next: safeNextPath((request.query as Record<string, unknown>).next),
    });
  }

  /** The form was checked for login CSRF by LoginFormGuard. */
  async submitLogin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const username = formField(request, 'username');
    const password = formField(request, 'password');
    // The password is never echoed back into the form.
    const form: LoginForm = { username, remember: formCheckbox(request, 'remember'), next: safeNextPath(formField(request, 'next')) };
    if (!username || !password) {
      return this.renderForm(request, reply, form, new DomainError(ErrorCode.ValidationFailed, 'username and password are required'));
    }
    try {
      const result = await this.flow.login(request, { username, password, remember: form.remember });
      if (isMfaChallenge(result)) return this.secondStep.showCodePage(request, reply, result, form.next);
      this.cookie.set(reply, result);
      this.loginCsrf.clear(reply);
      reply.redirect(form.next ?? '/dashboard', 303);
    } catch (error) {
      this.renderForm(request, reply, form, LoginPageService.refusalOf(error));
    }
  }

  /** The one logout (CSRF-checked while the session is live), then back to the login page with a message. */
  async logout(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.flow.logout(request, reply);
    this.flash.set(reply, 'logged-out');
    reply.redirect('/login', 303);
  }

  private renderForm(request: FastifyRequest, reply: FastifyReply, form: LoginForm, failure?: DomainError): void {
    const context = {
      ...form,
      error: failure ? REFUSALS[failure.code]?.(failure) : form.error,
      emailNotVerified: failure?.code === ErrorCode.EmailNotVerified,
      csrfToken: this.loginCsrf.issue(request, reply),
    };
    if (failure) this.errors.form(reply, 'login', failure, context);
    else this.renderer.render(reply, 'login', 200, context);
  }

  /**
   * The refusals the form shows; anything else is the error page's. A malformed login the auth-service
   * refused (a password too short or too long to be anyone's) is just a wrong one to the user.
   */
  private static refusalOf(error: unknown): DomainError {
    if (!(error instanceof DomainError) || !REFUSALS[error.code]) throw error;
    if (error.code === ErrorCode.ValidationFailed) return new DomainError(ErrorCode.InvalidCredentials, 'Invalid username or password');
    return error;
  }
}
