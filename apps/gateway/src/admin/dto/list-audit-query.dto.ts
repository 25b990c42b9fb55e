import { ListAuditPayload } from '@app/common';
import { QueryType } from '../../http/query-type';

/** GET /admin/audit: the audit query's fields a client sends (the rules live on the payload). */
export class ListAuditQueryDto extends QueryType(ListAuditPayload, ['userId', 'type', 'limit', 'cursor'] as const) {}
