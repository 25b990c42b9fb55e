import {
  AcceptedResult,
  DomainError,
  ErrorCode,
  ForgotPasswordPayload,
  PasswordResetResult,
  ResetPasswordPayload,
  canonicalEmail,
} from '@app/common';
import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { PasswordHasher } from '../passwords/password.hasher';
import { assertAcceptablePassword } from '../passwords/password-policy';
import { SessionsService } from '../sessions/sessions.service';
import { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { AccountMails } from '../verification/account-mails';
import { AccountTokens } from '../verification/account-tokens';
import { MailQuota } from '../verification/mail-quota';
import { waitForFloor } from '../verification/answer-floor';

const invalidToken = (): DomainError => new DomainError(ErrorCode.InvalidToken, 'This link is invalid or has expired');

/** Why a forgot-password request sent no mail (the audit log's detail; the caller never learns it). */
type ForgotOutcome = 'sent' | 'quota' | 'unknown' | 'disabled' | 'no-email';

/**
 * Forgotten passwords. The request answers the same, in about the same time, whatever the account:
 * the same lookups, token work and transaction for every branch, under a common answer floor. The reset
 * checks the new password before it spends the token, so a refused password leaves the link working.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly users: UserRepository,
    private readonly transactions: Transactions,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly tokens: AccountTokens,
    private readonly mails: AccountMails,
    private readonly quota: MailQuota,
  ) {}

  async forgot(payload: ForgotPasswordPayload): Promise<AcceptedResult> {
    const startedAt = Date.now();
    if (Boolean(payload.email) === Boolean(payload.username)) {
      throw new DomainError(ErrorCode.ValidationFailed, ['either email or username must be given']);
    }
    await this.quota.takeIpSlot(payload.client.ip);
    const user = await this.findAccount(payload);
    await this.transactions.run(async ({ auditEvents, outbox }) => {
      let outcome: ForgotOutcome;
      if (!user) outcome = 'unknown';
      else if (!user.active) outcome = 'disabled';
      else if (!user.email) outcome = 'no-email';
      else outcome = (await this.mails.stageReset(outbox, { id: user.id, username: user.username, email: user.email })) ? 'sent' : 'quota';
      if (outcome !== 'sent' && outcome !== 'quota') await this.mails.stageNothing();
      auditEvents.add({ type: 'password.reset_requested', userId: user?.id ?? null, ip: payload.client.ip, detail: { outcome } });
    });
    await waitForFloor(startedAt);
    return {};
  }

  async reset(payload: ResetPasswordPayload): Promise<PasswordResetResult> {
    const subject = await this.tokens.peekReset(payload.token);
    const user = subject ? await this.users.findById(subject.userId) : null;
    if (!subject || !user || !user.active) throw invalidToken();
    // Refused before the token is spent: the same link still works with a better password.
    assertAcceptablePassword(payload.newPassword, user.username);
    this.hasher.assertCapacity();
    const passwordHash = await this.hasher.hash(payload.newPassword);
    if (!(await this.tokens.takeReset(payload.token))) throw invalidToken();
    // Before and after the commit: no session opened with the old password in between survives.
    await this.sessions.revokeAllForUser(user.id);
    await this.transactions.run(async ({ users, auditEvents }) => {
      const fresh = await users.requireById(user.id);
      fresh.passwordHash = passwordHash;
      // The link reached the inbox it was sent to: that address is proven (not one set since).
      const verifies = fresh.email !== null && fresh.email === subject.email;
      if (verifies && !fresh.emailVerifiedAt) await users.markEmailVerified(fresh.id, new Date());
      auditEvents.add({
        type: 'password.reset',
        userId: fresh.id,
        actorId: fresh.id,
        ip: payload.client.ip,
        detail: { emailVerified: verifies },
      });
    });
    await this.sessions.revokeAllForUser(user.id);
    return { userId: user.id };
  }

  private findAccount(payload: ForgotPasswordPayload): Promise<User | null> {
    if (payload.username) return this.users.findByUsername(payload.username);
    const email = canonicalEmail(payload.email ?? '');
    if (!email) throw new DomainError(ErrorCode.ValidationFailed, ['email must be a valid address']);
    return this.users.findByEmail(email);
  }
}
