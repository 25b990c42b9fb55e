import { DomainError, ErrorCode, strictValidationPipe } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientInfoOf } from '../../http/gateway-request';
import { ForgotPasswordDto } from '../../lifecycle/dto/forgot-password.dto';
import { ResetPasswordDto } from '../../lifecycle/dto/reset-password.dto';
import { AccountLifecycle } from '../../lifecycle/account-lifecycle';
import { Flash } from '../flash';
import { formField } from '../form-field';
import { LoginCsrf } from '../login-csrf';
import { PageErrors } from '../page-errors';
import { PageRenderer } from '../page-renderer';

/** The same validation as the JSON API's (the payload's rules through the strict pipe). */
const validation = strictValidationPipe();

/** A link's `?token=`, as text (repeated or missing: none). */
function queryToken(request: FastifyRequest): string {
  const token: unknown = (request.query as Record<string, unknown>).token;
  return typeof token === 'string' ? token.slice(0, 256) : '';
}

/** Too many requests from this address: the form says so in words (the status and Retry-After are the error table's). */
function throttledMessage(error: DomainError): string {
  const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
  return `Too many requests. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`;
}

/**
 * /forgot-password and /reset-password. The request page shows the same "check your email" page
 * whatever the account; the reset page's GET only shows the form (a mail scanner that prefetches the
 * link spends nothing); its POST spends the token and sends the browser to the login page.
 */
@Injectable()
export class PasswordRecoveryPagesService {
  constructor(
    private readonly lifecycle: AccountLifecycle,
    private readonly flash: Flash,
    private readonly loginCsrf: LoginCsrf,
    private readonly renderer: PageRenderer,
    private readonly errors: PageErrors,
  ) {}

  showForgot(request: FastifyRequest, reply: FastifyReply): void {
    this.renderer.render(reply, 'forgot-password', 200, { csrfToken: this.loginCsrf.issue(request, reply) });
  }

  /** One field: an address (it has an @) or a username. The form was checked for login CSRF by LoginFormGuard. */
  async submitForgot(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const account = formField(request, 'account').trim();
    const fields = account.includes('@') ? { email: account } : { username: account };
    try {
      if (!account) throw new DomainError(ErrorCode.ValidationFailed, 'Enter your email address or username.');
      await validation.transform(fields, { type: 'body', metatype: ForgotPasswordDto });
      await this.lifecycle.forgotPassword(fields, clientInfoOf(request));
    } catch (error) {
      if (!(error instanceof DomainError) || ![ErrorCode.ValidationFailed, ErrorCode.Throttled].includes(error.code)) throw error;
      const message = error.code === ErrorCode.Throttled ? throttledMessage(error) : 'Enter a valid email address or username.';
      return this.errors.form(reply, 'forgot-password', error, {
        account,
        error: message,
        csrfToken: this.loginCsrf.issue(request, reply),
      });
    }
    this.renderer.render(reply, 'forgot-password-sent', 200);
  }

  showReset(request: FastifyRequest, reply: FastifyReply): void {
    this.renderer.render(reply, 'reset-password', 200, { token: queryToken(request), csrfToken: this.loginCsrf.issue(request, reply) });
  }

  async submitReset(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const fields = { token: formField(request, 'token'), newPassword: formField(request, 'newPassword') };
    try {
      if (fields.newPassword !== formField(request, 'confirmPassword')) {
        throw new DomainError(ErrorCode.ValidationFailed, 'The new password and its confirmation are not the same.');
      }
      await validation.transform(fields, { type: 'body', metatype: ResetPasswordDto });
      await this.lifecycle.resetPassword(fields.token, fields.newPassword, clientInfoOf(request));
    } catch (error) {
      if (!(error instanceof DomainError) || ![ErrorCode.ValidationFailed, ErrorCode.InvalidToken].includes(error.code)) throw error;
      const invalidToken = error.code === ErrorCode.InvalidToken;
      const errors = invalidToken
        ? ['This link is invalid, has expired or has been used already.']
        : ([] as string[]).concat(error.publicMessage);
      const context = { token: invalidToken ? '' : fields.token, errors, invalidToken, csrfToken: this.loginCsrf.issue(request, reply) };
      return this.errors.form(reply, 'reset-password', error, context);
    }
    this.flash.set(reply, 'password-reset');
    reply.redirect('/login', 303);
  }
}
