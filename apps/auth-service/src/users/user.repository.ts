import { EntityRepository, FilterQuery } from '@mikro-orm/core';
import type { User } from './user.entity';

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

  /** Newest first; `cursor` is the last id of the previous page (ids are time-ordered UUIDv7). */
  async page(options: { query?: string; limit: number; cursor?: string }): Promise<{ items: User[]; nextCursor: string | null }> {
    const where: FilterQuery<User>[] = [];
    if (options.query) {
      const prefix = `${escapeLike(options.query.toLowerCase())}%`;
      where.push({ $or: [{ username: { $like: prefix } }, { email: { $like: prefix } }] });
    }
    if (options.cursor) where.push({ id: { $lt: options.cursor } });
    const rows = await this.find(where.length ? { $and: where } : {}, {
      orderBy: { id: 'desc' },
      limit: options.limit + 1,
    });
    const items = rows.slice(0, options.limit);
    return { items, nextCursor: rows.length > options.limit ? items[items.length - 1].id : null };
  }
}
