import { DomainError, ErrorCode } from '@app/common';
import type { EntityDictionary, EntityMetadata } from '@mikro-orm/core';
import { EntityRepository } from '@mikro-orm/knex';
import type { User } from './user.entity';

/** What an admin's listing reads of a user: never the password hash. */
const LISTED_FIELDS = ['id', 'username', 'email', 'roles', 'active', 'createdAt', 'lastLoginAt'] as const;
export type ListedUser = Pick<User, (typeof LISTED_FIELDS)[number]>;

/** The fields a new user is created with; the rest take the entity's defaults. */
export type NewUser = Pick<User, 'username' | 'email' | 'passwordHash' | 'roles'>;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (match) => `\\${match}`);
}

/**
 * The only door to the `users` table. Lookups by the lower-cased unique keys, the admin's cursor
 * pages, and `add` for a new user (written when the transaction it was added in commits).
 */
export class UserRepository extends EntityRepository<User> {
  findById(id: string): Promise<User | null> {
    return this.findOne({ id });
  }

  /** The user, or NotFound: for ids that came from a caller. */
  async requireById(id: string): Promise<User> {
    const user = await this.findById(id);
    if (!user) throw new DomainError(ErrorCode.NotFound, 'No such user');
    return user;
  }

  findByUsername(username: string): Promise<User | null> {
    return this.findOne({ username: username.toLowerCase() });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.findOne({ email: email.toLowerCase() });
  }

  /** Whether an account already has this username (or, when given, this e-mail address). */
  async isTaken(username: string, email: string | null): Promise<boolean> {
    const name = username.toLowerCase();
    const where = email ? { $or: [{ username: name }, { email: email.toLowerCase() }] } : { username: name };
    return (await this.count(where)) > 0;
  }

  /** A new user in this repository's unit of work: inserted by the flush of the transaction it belongs to. */
  add(fields: NewUser): User {
    const user = this.create(fields);
    this.getEntityManager().persist(user);
    return user;
  }

  /**
   * Newest first; `cursor` is the last id of the previous page (ids are time-ordered UUIDv7). The
   * prefix match states its ESCAPE character: SQLite's LIKE has none by default, so `_` and `%` in a
   * query would otherwise act as wildcards there but not in PostgreSQL.
   *
   * Written as SQL (portable between SQLite and PostgreSQL, column names from the entity's metadata)
   * rather than through the query builder, and read as plain rows rather than managed entities:
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
    const items = rows.slice(0, options.limit).map((row) => this.listedUserOf(row, meta));
    return { items, nextCursor: rows.length > options.limit ? items[items.length - 1].id : null };
  }

  /**
   * A raw row converted as the ORM converts it when it hydrates a User: column names to properties,
   * booleans and dates by the driver's result mapper, then each column's own type (the JSON `roles`
   * arrives as text from SQLite and must be parsed like every other read of it).
   */
  private listedUserOf(row: EntityDictionary<User>, meta: EntityMetadata<User>): ListedUser {
    const em = this.getEntityManager();
    const user = em.getDriver().mapResult(row, meta) as Record<string, unknown>;
    for (const field of LISTED_FIELDS) {
      const type = meta.properties[field].customType;
      if (type) user[field] = type.convertToJSValue(user[field], em.getPlatform());
    }
    return user as unknown as ListedUser;
  }
}
