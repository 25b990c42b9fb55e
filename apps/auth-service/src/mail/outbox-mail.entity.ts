import { Entity, EntityRepositoryType, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';
import { OutboxRepository } from './outbox.repository';

/** What a mail is for; one template each. */
export type MailKind = 'password-reset' | 'email-verification' | 'email-changed-notice';

/** pending: to be sent (or retried); sent: the SMTP server accepted it; failed: given up, kept for an operator. */
export type OutboxStatus = 'pending' | 'sent' | 'failed';

/**
 * One mail to send, written in the same transaction as the change that causes it and delivered
 * afterwards by the OutboxSender. Its body holds a link with a live token, so the body is cleared
 * once the mail is sent or given up: the token stays in the database only while the mail waits.
 */
@Entity({ tableName: 'outbox_mails', repository: () => OutboxRepository })
@Index({ properties: ['status', 'nextAttemptAt'] })
export class OutboxMail {
  [EntityRepositoryType]?: OutboxRepository;
  [OptionalProps]?:
    | 'html'
    | 'link'
    | 'expiresAt'
    | 'status'
    | 'attempts'
    | 'nextAttemptAt'
    | 'lockedUntil'
    | 'claimToken'
    | 'lastError'
    | 'createdAt'
    | 'sentAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'string', length: 32 })
  kind!: MailKind;

  @Property({ length: 254 })
  recipient!: string;

  @Property({ length: 255 })
  subject!: string;

  /** The text part (it holds the link in full); null once sent or given up. */
  @Property({ type: 'text', nullable: true })
  text: string | null = null;

  @Property({ type: 'text', nullable: true })
  html: string | null = null;

  /** The one link the mail carries (logged in the development file mode only); null once sent or given up. */
  @Property({ type: 'text', nullable: true })
  link: string | null = null;

  /** When the link stops working: a mail not delivered by then is given up (a dead link helps nobody). */
  @Property({ type: 'datetime', nullable: true })
  expiresAt: Date | null = null;

  @Property({ type: 'string', length: 16 })
  status: OutboxStatus = 'pending';

  /** Delivery attempts started (counted when a sender claims the mail). */
  @Property()
  attempts: number = 0;

  @Property({ type: 'datetime' })
  nextAttemptAt: Date = new Date();

  /** A sender holds the mail until then; past it, another sender may claim it (the first one died). */
  @Property({ type: 'datetime', nullable: true })
  lockedUntil: Date | null = null;

  /** Which claim holds the mail: only that claim may record a failed attempt. */
  @Property({ type: 'uuid', nullable: true })
  claimToken: string | null = null;

  /** The last SMTP error: code and server reply, never credentials. */
  @Property({ length: 500, nullable: true })
  lastError: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  sentAt: Date | null = null;
}
