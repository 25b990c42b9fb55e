import { EntityManager, FilterQuery, raw } from '@mikro-orm/core';
import { EntityRepository } from '@mikro-orm/knex';
import { v7 as uuidv7 } from 'uuid';
import type { OutboxMail } from './outbox-mail.entity';
import type { OutgoingMail } from './outgoing-mail';

/** The body columns, cleared when a mail leaves the outbox: its link may carry a live token. */
const CLEARED_BODY = { text: null, html: null, link: null } as const;

/**
 * The mail outbox, the only door to its table. Callers stage mail with the change that causes it;
 * senders claim due mail, then record the outcome. Every write that moves a mail between states is a
 * guarded UPDATE, so several auth-service replicas polling one database never deliver a mail twice.
 */
export class OutboxRepository extends EntityRepository<OutboxMail> {
  /**
   * Adds the mail to a unit of work: `em`'s, or without it the one this repository is bound to (a
   * repository taken from the transaction's EntityManager). It commits, and is sent, only with the
   * change that causes it.
   */
  stage(em: EntityManager, mail: OutgoingMail): OutboxMail;
  stage(mail: OutgoingMail): OutboxMail;
  stage(first: EntityManager | OutgoingMail, second?: OutgoingMail): OutboxMail {
    const em = first instanceof EntityManager ? first : this.getEntityManager();
    const mail = first instanceof EntityManager ? second : first;
    if (!mail) throw new TypeError('stage(em, mail): the mail is missing');
    const row = em.create(this.entityName, {
      kind: mail.kind,
      recipient: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? null,
      link: mail.link ?? null,
      expiresAt: mail.expiresAt ?? null,
    });
    em.persist(row);
    return row;
  }

  /** For mail that goes with no SQL change (next to a token in Redis): written in a transaction of its own. */
  enqueue(mail: OutgoingMail): Promise<OutboxMail> {
    return this.getEntityManager()
      .fork()
      .transactional(async (em) => this.stage(em, mail));
  }

  /**
   * Claims up to `batch` pending mails due at `now` for `lockMs`. The UPDATE repeats the "due and not
   * locked" condition, so of two senders that picked the same candidates only one claims each row
   * (PostgreSQL re-checks it on the locked row; SQLite has one writer at a time); the claim token then
   * tells this sender which rows are its own. Counts the attempt at the claim, so a sender that dies
   * mid-delivery still uses one up.
   */
  async claimDue(now: Date, batch: number, lockMs: number): Promise<OutboxMail[]> {
    // A fresh object per query: the ORM may rewrite a condition object while it processes it.
    const due = (): FilterQuery<OutboxMail> => ({
      status: 'pending',
      nextAttemptAt: { $lte: now },
      $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }],
    });
    const candidates = await this.find(due(), {
      fields: ['id'],
      orderBy: { nextAttemptAt: 'asc', id: 'asc' },
      limit: batch,
      disableIdentityMap: true,
    });
    if (!candidates.length) return [];
    const claimToken = uuidv7();
    const claimed = await this.nativeUpdate(
      { $and: [due(), { id: { $in: candidates.map((candidate) => candidate.id) } }] },
      { claimToken, lockedUntil: new Date(now.getTime() + lockMs), attempts: raw('attempts + 1') },
    );
    if (!claimed) return [];
    return this.find({ claimToken }, { orderBy: { nextAttemptAt: 'asc', id: 'asc' }, disableIdentityMap: true });
  }

  /**
   * Renews this claim's hold on one mail right before its delivery, so a batch whose last mail waits
   * behind slow deliveries is not taken over meanwhile. False: the claim lapsed and another sender
   * holds the mail now; this one must not send it.
   */
  async extendClaim(mail: OutboxMail, lockedUntil: Date): Promise<boolean> {
    const renewed = await this.nativeUpdate(
      { id: mail.id, status: 'pending', claimToken: mail.claimToken, lockedUntil: { $gt: new Date() } },
      { lockedUntil },
    );
    return renewed === 1;
  }

  /** The SMTP server accepted the mail: sent, body cleared. */
  async markSent(mail: OutboxMail, at: Date): Promise<void> {
    await this.nativeUpdate(
      { id: mail.id, status: 'pending' },
      { status: 'sent', sentAt: at, lockedUntil: null, claimToken: null, lastError: null, ...CLEARED_BODY },
    );
  }

  /**
   * The attempt failed: retried at `nextAttemptAt`, or, with null, given up and kept as `failed` (body
   * cleared) for an operator. Only the claim that holds the mail may record this.
   */
  async markFailed(mail: OutboxMail, nextAttemptAt: Date | null, error: string): Promise<void> {
    const outcome = nextAttemptAt ? { nextAttemptAt } : { status: 'failed' as const, ...CLEARED_BODY };
    await this.nativeUpdate(
      { id: mail.id, status: 'pending', claimToken: mail.claimToken },
      { ...outcome, lockedUntil: null, claimToken: null, lastError: error },
    );
  }

  /** Hands back claimed mails that were not attempted (the sender is stopping): due again at once, attempt not counted. */
  async release(mails: OutboxMail[]): Promise<void> {
    for (const mail of mails) {
      await this.nativeUpdate(
        { id: mail.id, status: 'pending', claimToken: mail.claimToken },
        { lockedUntil: null, claimToken: null, attempts: raw('attempts - 1') },
      );
    }
  }
}
