import { FilterQuery } from '@mikro-orm/core';
import { EntityRepository } from '@mikro-orm/knex';
import type { AuditEntry } from './audit-entry';
import type { AuditEvent } from './audit-event.entity';

/** The only door to the `audit_events` table: add an event, and read the log a page at a time. */
export class AuditEventRepository extends EntityRepository<AuditEvent> {
  /** An event in this repository's unit of work: it commits or rolls back with the transaction it was added in. */
  add(entry: AuditEntry): AuditEvent {
    const event = this.create({
      type: entry.type,
      userId: entry.userId ?? null,
      actorId: entry.actorId ?? null,
      ip: entry.ip ?? null,
      detail: entry.detail ?? {},
    });
    this.getEntityManager().persist(event);
    return event;
  }

  /** Newest first, optionally of one user and one type; cursor = the last id of the previous page (UUIDv7, time-ordered). */
  async page(options: {
    userId?: string;
    type?: string;
    limit: number;
    cursor?: string;
  }): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
    const where: FilterQuery<AuditEvent> = {};
    if (options.userId) where.userId = options.userId;
    if (options.type) where.type = options.type;
    if (options.cursor) where.id = { $lt: options.cursor };
    const rows = await this.find(where, { orderBy: { id: 'desc' }, limit: options.limit + 1 });
    const items = rows.slice(0, options.limit);
    return { items, nextCursor: rows.length > options.limit ? items[items.length - 1].id : null };
  }
}
