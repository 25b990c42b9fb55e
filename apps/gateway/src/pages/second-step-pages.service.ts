import { DomainError, ErrorCode, MfaChallenge, RECOVERY_CODE_PATTERN, TOTP_CODE_PATTERN } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthFlowService } from '../auth/auth-flow.service';
import { SessionCommands } from '../auth/session-commands';
import { SessionCookie } from '../auth/session-cookie';
import { RequestAuth, clientInfoOf } from '../http/gateway-request';
import { Flash } from './flash';
import { formField } from './form-field';
import { LoginCsrf } from './login-csrf';
import { PageErrors } from './page-errors';
import { PageRenderer } from './page-renderer';
import { safeNextPath } from './safe-redirect';

/** What the code page and the re-authentication page say for each refusal a person can act on. */
const REFUSALS: Partial<Record<ErrorCode, (error: DomainError) => string>> = {
  [ErrorCode.ValidationFailed]: () => 'Enter the 6-digit code from your app, or one of your recovery codes.',
  [ErrorCode.InvalidCredentials]: () => 'That is not right. Please try again.',
  [ErrorCode.Throttled]: (error) => {
    const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
    return `Too many failed attempts. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`;
  },
};

function refusalOf(error: unknown): DomainError {
  if (!(error instanceof DomainError) || !REFUSALS[error.code]) throw error;
  return error;
}

/** One field takes either code: six digits are a TOTP code, anything else a recovery code (the auth-service validates both). */
export function secondFactorCodeOf(typed: string): { totp: string } | { recoveryCode: string } {
  const code = typed.replace(/\s+/g, '');
  if (TOTP_CODE_PATTERN.test(code)) return { totp: code };
  if (RECOVERY_CODE_PATTERN.test(code)) return { recoveryCode: code };
  throw new DomainError(ErrorCode.ValidationFailed, 'not a code');
}

/**
 * The pages between a password and what it opens: the login's code page (TOTP on; the mfaToken
 * travels in the form, never in a URL) and /reauthenticate (the password again, then back to `next`).
 */
@Injectable()
export class SecondStepPagesService {
  constructor(
    private readonly flow: AuthFlowService,
    private readonly commands: SessionCommands,
    private readonly cookie: SessionCookie,
    private readonly loginCsrf: LoginCsrf,
    private readonly flash: Flash,
    private readonly renderer: PageRenderer,
    private readonly errors: PageErrors,
  ) {}

  /** The password step passed: ask for the code (200, the answer to the login form's POST). */
  showCodePage(request: FastifyRequest, reply: FastifyReply, challenge: Pick<MfaChallenge, 'mfaToken'>, next?: string): void {
    this.renderer.render(reply, 'login-code', 200, { mfaToken: challenge.mfaToken, next, csrfToken: this.loginCsrf.issue(request, reply) });
  }

  /** The form was checked for login CSRF by LoginFormGuard. A dead token (expired, 5 wrong codes) starts the login again. */
  async submitCode(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const mfaToken = formField(request, 'mfaToken');
    const next = safeNextPath(formField(request, 'next'));
    try {
      const result = await this.flow.completeSecondFactor(request, { mfaToken, ...secondFactorCodeOf(formField(request, 'code')) });
      this.cookie.set(reply, result);
      this.loginCsrf.clear(reply);
      reply.redirect(next ?? '/dashboard', 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.Unauthenticated) {
        this.flash.set(reply, 'sign-in-expired');
        return reply.redirect(next ? `/login?next=${encodeURIComponent(next)}` : '/login', 303);
      }
      const failure = refusalOf(error);
      const context = { mfaToken, next, error: REFUSALS[failure.code]?.(failure), csrfToken: this.loginCsrf.issue(request, reply) };
      this.errors.form(reply, 'login-code', failure, context);
    }
  }

  showReauthenticate(auth: RequestAuth, request: FastifyRequest, reply: FastifyReply): void {
    const next = safeNextPath((request.query as Record<string, unknown>).next);
    this.renderer.render(reply, 'reauthenticate', 200, { user: auth.resolved.user, csrfToken: auth.resolved.csrfToken, next });
  }

  /** The cookie session's CSRF check was made by PageAuthGuard. */
  async submitReauthenticate(auth: RequestAuth, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const next = safeNextPath(formField(request, 'next'));
    const password = formField(request, 'password');
    try {
      if (!password) throw new DomainError(ErrorCode.InvalidCredentials, 'password is required');
      await this.commands.reauthenticate(auth, { password }, clientInfoOf(request));
      reply.redirect(next ?? '/account', 303);
    } catch (error) {
      // A password too short or too long to be anyone's is just a wrong one here.
      const refused = refusalOf(error);
      const failure = refused.code === ErrorCode.ValidationFailed ? new DomainError(ErrorCode.InvalidCredentials, 'wrong') : refused;
      const context = { user: auth.resolved.user, csrfToken: auth.resolved.csrfToken, next, error: REFUSALS[failure.code]?.(failure) };
      this.errors.form(reply, 'reauthenticate', failure, context);
    }
  }
}
