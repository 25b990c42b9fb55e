import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { MailLinks } from '../mail/mail-links';
import { emailChangedNoticeMail, emailVerificationMail, passwordResetMail } from '../mail/mail-templates';
import type { OutboxRepository } from '../mail/outbox.repository';
import { AccountTokens } from './account-tokens';
import { MailQuota } from './mail-quota';

/** Who a mail goes to: the account and the address. */
export interface MailRecipient {
  id: string;
  username: string;
  email: string;
}

/**
 * The account mails, each staged in the caller's transaction (the outbox repository it hands in) so it
 * is sent only with the change that causes it; a token mail issues its token first. Each kind counts
 * toward the account's hourly quota: past it nothing is staged (the caller answers as usual).
 */
@Injectable()
export class AccountMails {
  constructor(
    private readonly tokens: AccountTokens,
    private readonly quota: MailQuota,
    private readonly links: MailLinks,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  /** A link to /verify-email for the recipient's address; false when the quota is used up. */
  async stageVerification(outbox: OutboxRepository, to: MailRecipient): Promise<boolean> {
    if (!(await this.quota.allowMail('email-verification', to.id))) return false;
    const token = await this.tokens.issueVerification({ userId: to.id, email: to.email });
    const lifetimeSeconds = this.config.lifecycle.verificationTtlSeconds;
    outbox.stage(
      emailVerificationMail({ to: to.email, username: to.username, link: this.links.emailVerification(token), lifetimeSeconds }),
    );
    return true;
  }

  /**
   * A link to /reset-password (voiding the user's older ones); false when the quota is used up. Every
   * branch costs the same Redis round trips (forgot-password must not tell them apart by time).
   */
  async stageReset(outbox: OutboxRepository, to: MailRecipient): Promise<boolean> {
    if (!(await this.quota.allowMail('password-reset', to.id))) {
      await this.tokens.issueNothing();
      return false;
    }
    const token = await this.tokens.issueReset({ userId: to.id, email: to.email });
    const lifetimeSeconds = this.config.lifecycle.resetTtlSeconds;
    outbox.stage(passwordResetMail({ to: to.email, username: to.username, link: this.links.passwordReset(token), lifetimeSeconds }));
    return true;
  }

  /** stageReset's work for a request with no account to mail (unknown, disabled, no address): nothing is written. */
  async stageNothing(): Promise<void> {
    await this.quota.touchNothing();
    await this.tokens.issueNothing();
  }

  /** The notice to the old address after a change (no token: a link to the account page). */
  async stageEmailChangedNotice(outbox: OutboxRepository, to: MailRecipient): Promise<boolean> {
    if (!(await this.quota.allowMail('email-changed-notice', to.id))) return false;
    outbox.stage(emailChangedNoticeMail({ to: to.email, username: to.username, link: this.links.account() }));
    return true;
  }
}
