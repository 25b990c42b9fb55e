import { DomainError, ErrorCode } from '@app/common';
import { raw } from '@mikro-orm/core';
import type { EntityData, EntityDictionary, EntityMetadata } from '@mikro-orm/core';
import { EntityRepository } from '@mikro-orm/knex';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { User } from './user.entity';

/** What an admin's listing reads of a user: never the password hash. */
const LISTED_FIELDS = [
  'id',
  'username',
  'email',
  'emailVerifiedAt',
  'roles',
  'active',
  'createdAt',
  'lastLoginAt',
  'totpEnabledAt',
  'passkeyCount',
] as const;
export type ListedUser = Pick<User, (typeof LISTED_FIELDS)[number]>;

/** The fields a new user is created with; the rest take the entity's defaults. */
export type NewUser = Pick<User, 'username' | 'email' | 'passwordHash' | 'roles'>;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (match) => `\\${match}`);
}

/** A TOTP secret to store: its ciphertext, and when it was turned on (null while set up but not yet confirmed). */
export interface StoredTotp {
  secret: string;
  enabledAt: Date | null;
}

/**
 * The only door to the `users` table. Lookups by the lower-cased unique keys, the admin's cursor
 * pages, `add` for a new user (written when the transaction it was added in commits), and the
 * account-lifecycle changes, each one UPDATE run at once in the caller's transaction (call them on
 * the repository `Transactions.run` hands out), answering the user as it now is.
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

  /** The current e-mail counts as verified from `at` (a verification link, or a reset link to that inbox). */
  markEmailVerified(id: string, at: Date): Promise<User> {
    return this.updateNow(id, { emailVerifiedAt: at });
  }

  /**
   * A new address (lower-cased), unverified until its own link is followed. A taken one throws the
   * driver's UniqueConstraintViolationException right here, for the caller to answer Conflict.
   */
  setEmail(id: string, email: string | null): Promise<User> {
    return this.updateNow(id, { email: email === null ? null : email.toLowerCase(), emailVerifiedAt: null });
  }

  /**
   * Stores the TOTP secret's ciphertext; `enabledAt` null while it awaits its first code, set when
   * confirmed. The last accepted step is kept: the code that confirmed it stays spent.
   */
  setTotp(id: string, totp: StoredTotp): Promise<User> {
    return this.updateNow(id, { totpSecret: totp.secret, totpEnabledAt: totp.enabledAt });
  }

  /** TOTP off: the secret, its enabled time and its last accepted step are gone. */
  clearTotp(id: string): Promise<User> {
    return this.updateNow(id, { totpSecret: null, totpEnabledAt: null, totpLastStep: null });
  }

  /**
   * "A code is accepted once", atomically: records `step` as the last accepted time step only if it
   * is later than the stored one, in one conditional UPDATE, so of two requests with the same code
   * (or an older one) exactly one wins. True when this call won.
   */
  async advanceTotpStep(id: string, step: number): Promise<boolean> {
    if (!Number.isSafeInteger(step) || step < 0) throw new RangeError(`not a TOTP time step: ${step}`);
    const updated = await this.nativeUpdate({ id, $or: [{ totpLastStep: null }, { totpLastStep: { $lt: step } }] }, { totpLastStep: step });
    return updated === 1;
  }

  /**
   * Adds `delta` (±1) to the passkey count in the caller's transaction, as one `count = count + delta`
   * (concurrent additions are never lost). A count that would go below zero fails the transaction.
   */
  async adjustPasskeyCount(id: string, delta: number): Promise<User> {
    if (!Number.isInteger(delta)) throw new RangeError(`not a passkey count change: ${delta}`);
    await this.requireById(id);
    const column = this.columnOf('passkeyCount');
    const where = delta < 0 ? { id, passkeyCount: { $gte: -delta } } : { id };
    const updated = await this.nativeUpdate(where, { passkeyCount: raw(`${column} + ?`, [delta]), updatedAt: new Date() });
    if (updated !== 1) throw new Error('the passkey count of a user would go below zero');
    return this.reload(id);
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
   * One UPDATE of these columns now (pending changes of this unit of work are flushed first, so they
   * keep their order), then the user re-read: an entity this transaction already holds is refreshed too.
   */
  private async updateNow(id: string, data: EntityData<User>): Promise<User> {
    await this.getEntityManager().flush();
    const updated = await this.nativeUpdate({ id }, { ...data, updatedAt: new Date() });
    if (updated !== 1) throw new DomainError(ErrorCode.NotFound, 'No such user');
    return this.reload(id);
  }

  private async reload(id: string): Promise<User> {
    const user = await this.findOne({ id }, { refresh: true });
    if (!user) throw new DomainError(ErrorCode.NotFound, 'No such user');
    return user;
  }

  /**
   * The ids of the active admins, locked until the caller's transaction ends, so "there is always an
   * admin" can be checked under concurrency: PostgreSQL locks their rows (SELECT … FOR UPDATE: a
   * concurrent change of an admin waits, then reads what this one committed); SQLite has one writer,
   * and an UPDATE that changes nothing takes its write lock before the read, for the rest of the transaction.
   */
  async lockActiveAdminIds(): Promise<string[]> {
    const em = this.getEntityManager();
    const { table, where, postgres } = this.activeAdmins();
    const active = this.columnOf('active');
    if (!postgres) await em.execute(`update ${table} set ${active} = ${active} where ${where}`, [], 'run');
    const id = this.columnOf('id');
    const rows = await em.execute<Array<{ id: string }>>(
      `select ${id} as id from ${table} where ${where} order by ${id}${postgres ? ' for update' : ''}`,
      [],
      'all',
    );
    return rows.map((row) => row.id);
  }

  /** How many active admins there are (no lock: for reports such as the start-up line). */
  async countActiveAdmins(): Promise<number> {
    const { table, where } = this.activeAdmins();
    const rows = await this.getEntityManager().execute<Array<{ n: number | string }>>(
      `select count(*) as n from ${table} where ${where}`,
      [],
      'all',
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** The table and the condition that select the active admins, on either database. */
  private activeAdmins(): { table: string; where: string; postgres: boolean } {
    const em = this.getEntityManager();
    const table = em.getMetadata().get<User>(this.entityName).tableName;
    const postgres = em.getDriver() instanceof PostgreSqlDriver;
    // Role names are [a-z0-9_-]: the quoted name matches one element of the JSON array exactly.
    const where = `${this.columnOf('active')} = ${postgres ? 'true' : '1'} and cast(${this.columnOf('roles')} as text) like '%"admin"%'`;
    return { table, where, postgres };
  }

  private columnOf(field: keyof User & string): string {
    return this.getEntityManager().getMetadata().get<User>(this.entityName).properties[field].fieldNames[0];
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
