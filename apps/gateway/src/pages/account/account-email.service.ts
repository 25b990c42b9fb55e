import { DomainError, ErrorCode, strictValidationPipe } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequestAuth, clientInfoOf } from '../../http/gateway-request';
import { AccountLifecycle } from '../../lifecycle/account-lifecycle';
import { ChangeEmailDto } from '../../lifecycle/dto/change-email.dto';
import { Flash } from '../flash';
import { formField } from '../form-field';
import { AccountPageService } from './account-page.service';

/** What the form says for each refusal a person can act on; anything else is the error page's (or a redirect). */
const REFUSALS: Partial<Record<ErrorCode, (error: DomainError) => string[]>> = {
  [ErrorCode.ValidationFailed]: () => ['Enter a valid email address.'],
  [ErrorCode.Conflict]: () => ['This email address is already used by another account.'],
};

/** The same validation as the JSON PUT /auth/email (the payload's rules through the strict pipe). */
const validation = strictValidationPipe();

/** The account page's email forms: a new verification link, and a change of address. */
@Injectable()
export class AccountEmailService {
  constructor(
    private readonly lifecycle: AccountLifecycle,
    private readonly page: AccountPageService,
    private readonly flash: Flash,
  ) {}

  async resendVerification(auth: RequestAuth, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.lifecycle.resendVerification(auth, clientInfoOf(request));
    this.flash.set(reply, 'verification-sent');
    reply.redirect('/account', 303);
  }

  /** Sensitive (the route is @RequireFresh()): a stale session was sent to /reauthenticate before this runs. */
  async change(auth: RequestAuth, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const email = formField(request, 'email').trim();
    try {
      await validation.transform({ email }, { type: 'body', metatype: ChangeEmailDto });
      await this.lifecycle.changeEmail(auth, email, clientInfoOf(request));
    } catch (error) {
      const messages = error instanceof DomainError ? REFUSALS[error.code]?.(error) : undefined;
      if (!messages) throw error;
      return this.page.showRefused(auth, reply, { section: 'profile', failure: error as DomainError, messages, values: { email } });
    }
    this.flash.set(reply, 'email-changed');
    reply.redirect('/account', 303);
  }
}
