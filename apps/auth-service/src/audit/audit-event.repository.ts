import { AuditEventView, Page } from '@app/common';
import { EntityManager, FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AuditEvent } from './audit-event.entity';

/** Audit log queries: newest first, cursor = the last id of the previous page (UUIDv7, time-ordered). */
@Injectable()
export class AuditEventRepository {
  constructor(private readonly em: EntityManager) {}

  async page(options: { userId?: string; type?: string; limit: number; cursor?: string }): Promise<Page<AuditEventView>> {
    const where: FilterQuery<AuditEvent> = {};
    if (options.userId) where.userId = options.userId;
    if (options.type) where.type = options.type;
    if (options.cursor) where.id = { $lt: options.cursor };
    const rows = await this.em.find(AuditEvent, where, { orderBy: { id: 'desc' }, limit: options.limit + 1 });
    const items = rows.slice(0, options.limit);
    return {
      items: items.map((event) => ({
        id: event.id,
        type: event.type,
        userId: event.userId,
        actorId: event.actorId,
        ip: event.ip,
        at: event.at.toISOString(),
        detail: event.detail,
      })),
      nextCursor: rows.length > options.limit ? items[items.length - 1].id : null,
    };
  }
}
