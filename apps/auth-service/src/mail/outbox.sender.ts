import { MikroORM } from '@mikro-orm/core';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PollLoop } from '../background/poll-loop';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { describeDeliveryError, isPermanentRejection } from './delivery-error';
import { MailTransport } from './mail.transport';
import { OutboxCommitSubscriber } from './outbox-commit.subscriber';
import { OutboxMail } from './outbox-mail.entity';
import type { OutboxRepository } from './outbox.repository';
import type { DeliverableMail } from './outgoing-mail';
import { retryDelayMs } from './retry-schedule';

/** Mails claimed per query. */
const BATCH_SIZE = 10;
/** How long a claim holds a mail (renewed right before its delivery): far beyond one delivery's timeouts, so only a dead sender's claims expire. */
export const CLAIM_LOCK_MS = 2 * 60 * 1000;
/** Shutdown waits this long for the delivery under way; a mail still unfinished then is retried after its claim expires. */
const SHUTDOWN_WAIT_MS = 5000;

/**
 * Delivers the outbox in the background: polls every MAIL_POLL_INTERVAL_MS, and at once after a
 * transaction that staged mail commits. A mail is claimed before it is sent and marked sent after the
 * server accepted it; a failure is retried with backoff until MAIL_MAX_ATTEMPTS (or the link's
 * expiry), then kept as `failed`, and so is a mail the server refuses for good (5xx to RCPT/DATA).
 * Requests never wait for it: an SMTP outage delays mail and fails nothing.
 */
@Injectable()
export class OutboxSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxSender.name);
  private readonly loop: PollLoop;

  constructor(
    private readonly orm: MikroORM,
    private readonly transport: MailTransport,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {
    this.loop = new PollLoop({ name: 'outbox', intervalMs: config.mail.pollIntervalMs, logger: this.logger, round: () => this.drain() });
  }

  onApplicationBootstrap(): void {
    this.orm.em.getEventManager().registerSubscriber(new OutboxCommitSubscriber(() => this.nudge()));
    // The first poll waits an interval: the migrations run at bootstrap too.
    this.loop.start();
  }

  /** Delivers due mail now (or right after the drain under way). */
  nudge(): void {
    this.loop.nudge();
  }

  /** Stops polling and waits (briefly) for the delivery under way; claimed mails not yet attempted are handed back. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop(SHUTDOWN_WAIT_MS);
    this.transport.close();
  }

  /** Claims and delivers batches until none is full. A database error ends this round (the loop logs it); the next poll retries. */
  private async drain(): Promise<void> {
    let claimed: OutboxMail[];
    do {
      const outbox = this.orm.em.fork().getRepository(OutboxMail);
      claimed = await outbox.claimDue(new Date(), BATCH_SIZE, CLAIM_LOCK_MS);
      for (const [index, mail] of claimed.entries()) {
        if (this.loop.stopping) {
          await outbox.release(claimed.slice(index));
          return;
        }
        await this.deliver(outbox, mail);
      }
    } while (claimed.length === BATCH_SIZE && !this.loop.stopping);
  }

  private async deliver(outbox: OutboxRepository, mail: OutboxMail): Promise<void> {
    const log = { mailId: mail.id, kind: mail.kind, attempt: mail.attempts };
    if (mail.expiresAt && mail.expiresAt.getTime() <= Date.now()) {
      await outbox.markFailed(mail, null, 'EXPIRED: the link expired before the mail could be delivered');
      this.logger.warn(log, `${mail.kind} mail given up: its link expired before delivery`);
      return;
    }
    if (!(await outbox.extendClaim(mail, new Date(Date.now() + CLAIM_LOCK_MS)))) {
      this.logger.warn(log, `${mail.kind} mail skipped: its claim lapsed and another sender holds it`);
      return;
    }
    try {
      await this.transport.deliver(deliverable(mail));
    } catch (failure) {
      await this.recordFailure(outbox, mail, failure);
      return;
    }
    await outbox.markSent(mail, new Date());
    this.logger.debug(log, `${mail.kind} mail delivered`);
  }

  /** Retry later with backoff, or give up: attempts used up, or a rejection no retry can change. */
  private async recordFailure(outbox: OutboxRepository, mail: OutboxMail, failure: unknown): Promise<void> {
    const log = { mailId: mail.id, kind: mail.kind, attempt: mail.attempts, error: describeDeliveryError(failure) };
    const retry = mail.attempts < this.config.mail.maxAttempts && !isPermanentRejection(failure);
    await outbox.markFailed(mail, retry ? new Date(Date.now() + retryDelayMs(mail.attempts)) : null, log.error);
    if (retry) this.logger.warn(log, `${mail.kind} mail not delivered (attempt ${mail.attempts}); will retry`);
    else this.logger.error(log, `${mail.kind} mail given up after ${mail.attempts} attempt(s); kept as failed`);
  }
}

function deliverable(mail: OutboxMail): DeliverableMail {
  return {
    id: mail.id,
    kind: mail.kind,
    to: mail.recipient,
    subject: mail.subject,
    text: mail.text ?? '',
    html: mail.html,
    link: mail.link,
  };
}
