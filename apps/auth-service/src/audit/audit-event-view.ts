import { AuditEventView } from '@app/common';
import type { AuditEvent } from './audit-event.entity';

/** The only way an audit event leaves the auth-service: dates as ISO 8601. */
export function toAuditEventView(event: AuditEvent): AuditEventView {
  return {
    id: event.id,
    type: event.type,
    userId: event.userId,
    actorId: event.actorId,
    ip: event.ip,
    at: event.at.toISOString(),
    detail: event.detail,
  };
}
