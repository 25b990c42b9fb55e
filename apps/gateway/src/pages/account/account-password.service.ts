import { DomainError, ErrorCode, strictValidationPipe } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthFlowService } from '../../auth/auth-flow.service';
import { ChangePasswordDto } from '../../auth/dto/change-password.dto';
import { RequestAuth } from '../../http/gateway-request';
import { Flash } from '../flash';
import { formField } from '../form-field';
import { AccountPageService } from './account-page.service';

/** What the form says for each refusal a person can act on; anything else is the error page's. */
const REFUSALS: Partial<Record<ErrorCode, (error: DomainError) => string[]>> = {
  [ErrorCode.ValidationFailed]: (error) => ([] as string[]).concat(error.publicMessage),
  [ErrorCode.Forbidden]: () => ['Your current password is not right.'],
  [ErrorCode.Throttled]: () => ['Too many wrong passwords. Please wait a few minutes and try again.'],
};

/** The same validation as the JSON POST /auth/password (the payload's rules through the strict pipe). */
const validation = strictValidationPipe();

/** The account page's change-password form: the existing password change, then back to the page. */
@Injectable()
export class AccountPasswordService {
  constructor(
    private readonly flow: AuthFlowService,
    private readonly page: AccountPageService,
    private readonly flash: Flash,
  ) {}

  async change(auth: RequestAuth, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const passwords = { currentPassword: formField(request, 'currentPassword'), newPassword: formField(request, 'newPassword') };
    try {
      if (passwords.newPassword !== formField(request, 'confirmPassword')) {
        throw new DomainError(ErrorCode.ValidationFailed, 'The new password and its confirmation are not the same.');
      }
      await validation.transform(passwords, { type: 'body', metatype: ChangePasswordDto });
      // The session is rotated: the reply carries the new cookie, and the redirect loads the page with it.
      await this.flow.changePassword(auth, request, reply, passwords);
    } catch (error) {
      const messages = error instanceof DomainError ? REFUSALS[error.code]?.(error) : undefined;
      if (!messages) throw error;
      return this.page.showRefused(auth, reply, { section: 'password', failure: error as DomainError, messages });
    }
    this.flash.set(reply, 'password-changed');
    reply.redirect('/account', 303);
  }
}
