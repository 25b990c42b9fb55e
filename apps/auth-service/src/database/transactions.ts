import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuditEventRepository } from '../audit/audit-event.repository';
import { OutboxMail } from '../mail/outbox-mail.entity';
import { OutboxRepository } from '../mail/outbox.repository';
import { Passkey } from '../passkeys/passkey.entity';
import { PasskeyRepository } from '../passkeys/passkey.repository';
import { RecoveryCode } from '../mfa/recovery-code.entity';
import { RecoveryCodeRepository } from '../mfa/recovery-code.repository';
import { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';

/** The tables a transaction may touch, each through its repository, all bound to that one transaction. */
export interface TransactionTables {
  users: UserRepository;
  auditEvents: AuditEventRepository;
  /** Mail staged here is committed, and then sent, only with the change that causes it. */
  outbox: OutboxRepository;
  passkeys: PasskeyRepository;
  recoveryCodes: RecoveryCodeRepository;
}

/**
 * The one way to write to the database. Reads outside a transaction use the injected repositories;
 * a change runs in `run`, whose repositories share one fresh unit of work: what they load, add or
 * modify is flushed and committed together when `work` returns, or rolled back when it throws (an
 * audit event never outlives, nor goes missing from, the change it records).
 */
@Injectable()
export class Transactions {
  constructor(private readonly em: EntityManager) {}

  run<T>(work: (tables: TransactionTables) => Promise<T>): Promise<T> {
    // A fork of its own: the transaction flushes only what it changed, never another caller's pending work.
    return this.em.fork().transactional((em) =>
      work({
        users: em.getRepository(User),
        auditEvents: em.getRepository(AuditEvent),
        outbox: em.getRepository(OutboxMail),
        passkeys: em.getRepository(Passkey),
        recoveryCodes: em.getRepository(RecoveryCode),
      }),
    );
  }
}
