import {
  AcceptedResult,
  ChangeEmailPayload,
  DomainError,
  ErrorCode,
  PublicUser,
  ResendVerificationForLoginPayload,
  ResendVerificationPayload,
  VerifyEmailPayload,
  canonicalEmail,
} from '@app/common';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { SessionsService } from '../sessions/sessions.service';
import { toPublicUser } from '../users/public-user';
import { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { AccountMails } from '../verification/account-mails';
import { AccountTokens } from '../verification/account-tokens';
import { waitForFloor } from '../verification/answer-floor';
import { MailQuota } from '../verification/mail-quota';

/** The user still needs the mail: an address, not yet proven, on a live account. */
function awaitsVerification(user: User | null): user is User & { email: string } {
  return !!user && user.active && user.email !== null && user.emailVerifiedAt === null;
}

/**
 * The email address: verification by a mailed link, a new link on request, and a change of address
 * (verified again at the new address, with a notice to the old one). Every change refreshes the user
 * snapshot the live sessions hold, so the next page shows it.
 */
@Injectable()
export class EmailService {
  constructor(
    private readonly users: UserRepository,
    private readonly transactions: Transactions,
    private readonly sessions: SessionsService,
    private readonly tokens: AccountTokens,
    private readonly mails: AccountMails,
    private readonly quota: MailQuota,
  ) {}

  /** Spends the token; the address it was sent to must still be the account's (a change since voids it). */
  async verify(payload: VerifyEmailPayload): Promise<PublicUser> {
    const subject = await this.tokens.takeVerification(payload.token);
    const user = subject ? await this.users.findById(subject.userId) : null;
    if (!subject || !user || user.email !== subject.email)
      throw new DomainError(ErrorCode.InvalidToken, 'This link is invalid or has expired');
    if (user.emailVerifiedAt) return toPublicUser(user);
    const verified = await this.transactions.run(async ({ users, auditEvents }) => {
      const updated = await users.markEmailVerified(user.id, new Date());
      auditEvents.add({ type: 'email.verified', userId: user.id, actorId: user.id, ip: payload.client.ip });
      return toPublicUser(updated);
    });
    await this.sessions.refreshUser(verified);
    return verified;
  }

  /** A new link to the caller's unverified address; nothing when there is none to verify or the hour's quota is used up. */
  async resend(payload: ResendVerificationPayload): Promise<AcceptedResult> {
    const session = await this.sessions.requireSession(payload.credential);
    const user = await this.users.findById(session.userId);
    if (awaitsVerification(user)) await this.stageVerification(user);
    return {};
  }

  /** The login page's "send the link again": the same answer, in about the same time, whatever the account. */
  async resendForLogin(payload: ResendVerificationForLoginPayload): Promise<AcceptedResult> {
    const startedAt = Date.now();
    await this.quota.takeIpSlot(payload.client.ip);
    const user = await this.users.findByUsername(payload.username);
    if (awaitsVerification(user)) await this.stageVerification(user);
    await waitForFloor(startedAt);
    return {};
  }

  /** A new address, unverified until its link is followed; the old address is told. */
  async change(payload: ChangeEmailPayload): Promise<PublicUser> {
    const session = await this.sessions.requireSession(payload.credential);
    const email = canonicalEmail(payload.email);
    if (!email) throw new DomainError(ErrorCode.ValidationFailed, ['email must be a valid address']);
    const before = await this.users.requireById(session.userId);
    if (before.email === email) return toPublicUser(before);
    const changed = await this.saveEmail(before, email, payload.client.ip);
    await this.sessions.refreshUser(changed);
    return changed;
  }

  private async saveEmail(before: User, email: string, ip: string): Promise<PublicUser> {
    try {
      return await this.transactions.run(async ({ users, auditEvents, outbox }) => {
        const updated = await users.setEmail(before.id, email);
        auditEvents.add({ type: 'email.changed', userId: before.id, actorId: before.id, ip, detail: { hadEmail: before.email !== null } });
        await this.mails.stageVerification(outbox, { id: updated.id, username: updated.username, email });
        if (before.email)
          await this.mails.stageEmailChangedNotice(outbox, { id: before.id, username: before.username, email: before.email });
        return toPublicUser(updated);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw new DomainError(ErrorCode.Conflict, 'This email address is already taken');
      throw error;
    }
  }

  private stageVerification(user: User & { email: string }): Promise<boolean> {
    return this.transactions.run(({ outbox }) =>
      this.mails.stageVerification(outbox, { id: user.id, username: user.username, email: user.email }),
    );
  }
}
