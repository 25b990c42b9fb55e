import { ListUsersPayload } from '@app/common';
import { QueryType } from '../../http/query-type';

/** GET /admin/users: the list message's fields a client sends (the rules live on the payload). */
export class ListUsersQueryDto extends QueryType(ListUsersPayload, ['query', 'limit', 'cursor'] as const) {}
