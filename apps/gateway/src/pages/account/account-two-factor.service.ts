import { AUTH_RPC_CLIENT, AuthContract, AuthPatterns, DomainError, ErrorCode, RpcClient, TOTP_CODE_PATTERN } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SessionCommands } from '../../auth/session-commands';
import { RequestAuth, clientInfoOf } from '../../http/gateway-request';
import { Flash } from '../flash';
import { formField } from '../form-field';
import { secondFactorCodeOf } from '../second-step-pages.service';
import { AccountPageService } from './account-page.service';

/** What the section says for each refusal a person can act on; anything else is the error page's. */
const REFUSALS: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.ValidationFailed]: 'Enter the 6-digit code from your authenticator app.',
  [ErrorCode.Forbidden]: 'That code is not right (or was already used). Check the time on your phone and try the next code.',
  [ErrorCode.Conflict]: 'That no longer applies: the page was out of date. Please try again.',
  [ErrorCode.Throttled]: 'Too many wrong codes. Please wait a few minutes and try again.',
};

/**
 * The account page's two-factor forms: set up (then the page shows the QR code while the session is
 * fresh), confirm with a first code (the recovery codes are shown once, in the answer), turn off,
 * new recovery codes. Each is the JSON API's command; refusals are shown in the section.
 */
@Injectable()
export class AccountTwoFactorService {
  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    private readonly commands: SessionCommands,
    private readonly page: AccountPageService,
    private readonly flash: Flash,
  ) {}

  async setup(auth: RequestAuth, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.refusable(auth, reply, () =>
      this.auth.send(AuthPatterns.TotpSetup, { credential: auth.credential, client: clientInfoOf(request) }),
    );
    if (!reply.sent) reply.redirect('/account#two-factor', 303);
  }

  async confirm(auth: RequestAuth, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const result = await this.refusable(auth, reply, () => {
      const totp = formField(request, 'code').replace(/\s+/g, '');
      if (!TOTP_CODE_PATTERN.test(totp)) throw new DomainError(ErrorCode.ValidationFailed, 'totp must be 6 digits');
      const confirm = this.auth.send(AuthPatterns.TotpConfirm, { credential: auth.credential, totp, client: clientInfoOf(request) });
      return this.commands.secondFactorChange(auth, confirm);
    });
    if (!result) return;
    // Shown once, here: only their hashes are kept. The resolution in hand predates TOTP being on.
    await this.page.showWith(auth, reply, {
      flash: 'Two-factor authentication is on. Every other browser and app was signed out.',
      newRecoveryCodes: result.recoveryCodes,
      mfaEnrolmentRequired: false,
    });
  }

  async disable(auth: RequestAuth, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const done = await this.refusable(auth, reply, () => {
      const payload = { credential: auth.credential, ...secondFactorCodeOf(formField(request, 'code')), client: clientInfoOf(request) };
      return this.commands.secondFactorChange(auth, this.auth.send(AuthPatterns.TotpDisable, payload));
    });
    if (!done) return;
    this.flash.set(reply, 'two-factor-off');
    reply.redirect('/account', 303);
  }

  async regenerate(auth: RequestAuth, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const result = await this.refusable(auth, reply, () =>
      this.auth.send(AuthPatterns.RegenerateRecoveryCodes, { credential: auth.credential, client: clientInfoOf(request) }),
    );
    if (result)
      await this.page.showWith(auth, reply, {
        flash: 'New recovery codes: the old ones no longer work.',
        newRecoveryCodes: result.recoveryCodes,
      });
  }

  /** The command's answer, or null once the page was shown again with the refusal in the section. */
  private async refusable<T>(auth: RequestAuth, reply: FastifyReply, command: () => Promise<T>): Promise<T | null> {
    try {
      return await command();
    } catch (error) {
      const message = error instanceof DomainError ? REFUSALS[error.code] : undefined;
      if (!message) throw error;
      await this.page.showRefused(auth, reply, { section: 'twoFactor', failure: error as DomainError, messages: [message] });
      return null;
    }
  }
}
