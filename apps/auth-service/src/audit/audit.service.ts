import { AuditEventView, Page } from '@app/common';
import { Injectable, Logger } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { AuditEntry } from './audit-entry';
import { toAuditEventView } from './audit-event-view';
import { AuditEventRepository } from './audit-event.repository';

const DEFAULT_PAGE_SIZE = 20;

/**
 * The audit log. An event that records a database change is added by that change's own transaction
 * (`tables.auditEvents.add`); this service records the others, and reads the log for admins.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(
    private readonly events: AuditEventRepository,
    private readonly transactions: Transactions,
  ) {}

  /**
   * Records an event about something outside the database (a Redis session change). Failure to write
   * it is logged, not thrown: the session change has already happened and must not be reported as failed.
   */
  async recordDetached(entry: AuditEntry): Promise<void> {
    try {
      await this.transactions.run(async ({ auditEvents }) => {
        auditEvents.add(entry);
      });
    } catch (error) {
      this.logger.error({ err: error, type: entry.type }, `audit event ${entry.type} not written`);
    }
  }

  /** Newest first, optionally of one user and one type. */
  async page(query: { userId?: string; type?: string; limit?: number; cursor?: string }): Promise<Page<AuditEventView>> {
    const page = await this.events.page({ ...query, limit: query.limit ?? DEFAULT_PAGE_SIZE });
    return { items: page.items.map(toAuditEventView), nextCursor: page.nextCursor };
  }
}
