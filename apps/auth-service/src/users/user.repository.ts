import type { EntityDictionary } from '@mikro-orm/core';
import { EntityRepository } from '@mikro-orm/knex';
import type { User } from './user.entity';

/** What an admin's listing reads of a user: never the password hash. */
const LISTED_FIELDS = ['id', 'username', 'email', 'roles', 'active', 'createdAt', 'lastLoginAt'] as const;
export type ListedUser = Pick<User, (typeof LISTED_FIELDS)[number]>;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (match) => `\\${match}`);
}

/** Users by intent: lookups by the lower-cased unique keys, and the admin's cursor pages. */
export class UserRepository extends EntityRepository<User> {
  findByUsername(username: string): Promise<User | null> {
    return this.findOne({ username: username.toLowerCase() });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.findOne({ email: email.toLowerCase() });
  }

  /**
   * Newest first; `cursor` is the last id of the previous page (ids are time-ordered UUIDv7). The
   * prefix match states its ESCAPE character: SQLite's LIKE has none by default, so `_` and `%` in a
   * query would otherwise act as wildcards there but not in PostgreSQL.
   *
   * Written as SQL (portable between SQLite and PostgreSQL, column names from the entity's metadata)
   * rather than through the query builder, and read as plain typed rows rather than managed entities:
   * building the query and hydrating entities were half of the auth-service's time on this listing.
   */
  async page(options: { query?: string; limit: number; cursor?: string }): Promise<{ items: ListedUser[]; nextCursor: string | null }> {
    const em = this.getEntityManager();
    const meta = em.getMetadata().get<User>(this.entityName);
    const column = (field: keyof User & string): string => meta.properties[field].fieldNames[0];
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (options.query) {
      const prefix = `${escapeLike(options.query.toLowerCase())}%`;
      conditions.push(`(${column('username')} like ? escape '\\' or ${column('email')} like ? escape '\\')`);
      params.push(prefix, prefix);
    }
    if (options.cursor) {
      conditions.push(`${column('id')} < ?`);
      params.push(options.cursor);
    }
    params.push(options.limit + 1);
    const sql =
      `select ${LISTED_FIELDS.map(column).join(', ')} from ${meta.tableName}` +
      (conditions.length ? ` where ${conditions.join(' and ')}` : '') +
      ` order by ${column('id')} desc limit ?`;
    const rows = await em.getConnection().execute<EntityDictionary<User>[]>(sql, params, 'all');
    const items = rows.slice(0, options.limit).map((row) => em.getDriver().mapResult(row, meta) as ListedUser);
    return { items, nextCursor: rows.length > options.limit ? items[items.length - 1].id : null };
  }
}
