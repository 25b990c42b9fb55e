import { EntityManager } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import { AuditEvent } from './audit-event.entity';

/** The audit event types the system writes. */
export type AuditType =
  | 'user.registered'
  | 'login.succeeded'
  | 'login.failed'
  | 'login.throttled'
  | 'logout'
  | 'session.revoked'
  | 'password.changed'
  | 'token.issued'
  | 'token.reuse_detected'
  | 'user.updated';

export interface AuditEntry {
  type: AuditType;
  userId?: string | null;
  actorId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

/** Writes audit events: inside the caller's transaction when the event records a database change. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(private readonly em: EntityManager) {}

  /** Adds the event to `em`'s unit of work: it commits or rolls back with the change it records. */
  stage(em: EntityManager, entry: AuditEntry): AuditEvent {
    const event = em.create(AuditEvent, {
      type: entry.type,
      userId: entry.userId ?? null,
      actorId: entry.actorId ?? null,
      ip: entry.ip ?? null,
      detail: entry.detail ?? {},
    });
    em.persist(event);
    return event;
  }

  /**
   * Records an event about something outside the database (a Redis session change). Failure to write
   * it is logged, not thrown: the session change has already happened and must not be reported as failed.
   */
  async recordDetached(entry: AuditEntry): Promise<void> {
    try {
      await this.em.fork().transactional(async (em) => {
        this.stage(em, entry);
      });
    } catch (error) {
      this.logger.error({ err: error, type: entry.type }, `audit event ${entry.type} not written`);
    }
  }
}
