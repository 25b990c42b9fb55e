import { MikroORM } from '@mikro-orm/core';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { DATABASES, Database, POSTGRES_URL } from '../../../../test/support/system';
import { toAuditEventView } from '../audit/audit-event-view';
import { AuditEvent } from '../audit/audit-event.entity';
import { toPublicUser } from '../users/public-user';
import { User } from '../users/user.entity';
import { ListedUser, UserRepository } from '../users/user.repository';
import { ormOptions } from './mikro-orm.config';
import { Transactions } from './transactions';

// Not an e2e test: no service runs. It is the repositories against the real databases (an SQLite file,
// a PostgreSQL schema of its own in database `test`), with the committed migrations: every column type
// must come back as it went in through every read path, since a raw-row shortcut once returned the
// JSON roles of SQLite as a list of characters.

async function onPostgres(work: (client: PgClient) => Promise<unknown>): Promise<void> {
  const client = new PgClient({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

class Fixture {
  orm!: MikroORM;
  private directory?: string;
  private schema?: string;

  constructor(readonly database: Database) {}

  async open(): Promise<void> {
    let url: string;
    if (this.database === 'postgres') {
      this.schema = `repo_${randomBytes(6).toString('hex')}`;
      await onPostgres((client) => client.query(`create schema ${this.schema}`));
      url = `${POSTGRES_URL}?schema=${this.schema}`;
    } else {
      this.directory = mkdtempSync(join(tmpdir(), 'repositories-'));
      url = `sqlite:${join(this.directory, 'auth.sqlite')}`;
    }
    this.orm = await MikroORM.init(ormOptions(url));
    await this.orm.getMigrator().up();
  }

  async close(): Promise<void> {
    await this.orm?.close(true);
    if (this.schema) await onPostgres((client) => client.query(`drop schema if exists ${this.schema} cascade`));
    if (this.directory) rmSync(this.directory, { recursive: true, force: true });
  }

  /** A repository on a fresh context, as a message handler gets one: nothing is served from an identity map. */
  users(): UserRepository {
    return this.orm.em.fork().getRepository(User);
  }

  transactions(): Transactions {
    return new Transactions(this.orm.em.fork());
  }
}

/** What a read returns of a user, in the types the entity declares. */
function columnsOf(user: ListedUser): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    roles: user.roles,
    active: user.active,
    createdAt: user.createdAt,
    lastLoginAt: user.lastLoginAt,
  };
}

function expectTypes(user: ListedUser): void {
  expect(Array.isArray(user.roles)).toBe(true);
  expect(user.roles.every((role) => typeof role === 'string' && role.length > 1)).toBe(true);
  expect(typeof user.active).toBe('boolean');
  expect(user.createdAt).toBeInstanceOf(Date);
  expect(user.lastLoginAt === null || user.lastLoginAt instanceof Date).toBe(true);
  expect(user.email === null || typeof user.email === 'string').toBe(true);
}

describe.each(DATABASES)('repositories on %s', (database) => {
  const fixture = new Fixture(database);
  // Distinct values for every column: several roles, both booleans, a date with milliseconds and none, an e-mail and none.
  const written = {
    alice: {
      username: 'alice_1',
      email: 'alice@example.test',
      roles: ['user', 'admin', 'auditor'],
      active: true,
      lastLoginAt: new Date('2026-03-04T05:06:07.089Z'),
    },
    bob: { username: 'bob.2', email: null, roles: ['user'], active: false, lastLoginAt: null },
    carol: { username: 'carol-3', email: 'carol@example.test', roles: [] as string[], active: true, lastLoginAt: null },
  };
  const ids: Record<keyof typeof written, string> = { alice: '', bob: '', carol: '' };
  const expected: Record<string, Record<string, unknown>> = {};

  beforeAll(async () => {
    await fixture.open();
    for (const name of ['alice', 'bob', 'carol'] as const) {
      const { lastLoginAt, active, ...fields } = written[name];
      const user = await fixture.transactions().run(async ({ users, auditEvents }) => {
        const added = users.add({ ...fields, passwordHash: `$2b$04$${name}` });
        added.active = active;
        added.lastLoginAt = lastLoginAt;
        auditEvents.add({ type: 'user.registered', userId: added.id, actorId: added.id, ip: '192.0.2.1', detail: { username: name } });
        return added;
      });
      ids[name] = user.id;
      expected[user.id] = columnsOf(user);
    }
  }, 30_000);

  afterAll(async () => {
    await fixture.close();
  });

  it('reads back what was written: each lookup by id, username and e-mail', async () => {
    for (const name of ['alice', 'bob', 'carol'] as const) {
      const reads = [
        await fixture.users().findById(ids[name]),
        await fixture.users().requireById(ids[name]),
        await fixture.users().findByUsername(written[name].username.toUpperCase()),
      ];
      if (written[name].email) reads.push(await fixture.users().findByEmail(written[name].email!.toUpperCase()));
      for (const user of reads) {
        expect(user).not.toBeNull();
        expectTypes(user!);
        expect(columnsOf(user!)).toEqual(expected[ids[name]]);
        expect(columnsOf(user!)).toMatchObject({ ...written[name], username: written[name].username });
      }
    }
  });

  it('reads back what was written through the listing, with and without a query and a cursor', async () => {
    const pages = [
      await fixture.users().page({ limit: 10 }),
      await fixture.users().page({ limit: 1 }),
      await fixture.users().page({ limit: 10, cursor: ids.carol }),
      await fixture.users().page({ limit: 10, query: 'alice' }),
      await fixture.users().page({ limit: 10, query: 'carol@' }),
      await fixture.users().page({ limit: 10, query: 'bob.' }),
    ];
    expect(pages.map((page) => page.items.map((user) => user.id))).toEqual([
      [ids.carol, ids.bob, ids.alice],
      [ids.carol],
      [ids.bob, ids.alice],
      [ids.alice],
      [ids.carol],
      [ids.bob],
    ]);
    expect(pages[1].nextCursor).toBe(ids.carol);
    expect(pages[0].nextCursor).toBeNull();
    for (const user of pages.flatMap((page) => page.items)) {
      expectTypes(user);
      expect(columnsOf(user)).toEqual(expected[user.id]);
    }
  });

  it('gives the same public user from the listing as from a lookup', async () => {
    const listed = (await fixture.users().page({ limit: 10 })).items;
    for (const user of listed) {
      const found = await fixture.users().requireById(user.id);
      expect(toPublicUser(user)).toEqual(toPublicUser(found));
    }
    expect(toPublicUser(listed.find((user) => user.id === ids.alice)!)).toEqual({
      id: ids.alice,
      username: 'alice_1',
      email: 'alice@example.test',
      roles: ['user', 'admin', 'auditor'],
      active: true,
      createdAt: (expected[ids.alice].createdAt as Date).toISOString(),
      lastLoginAt: '2026-03-04T05:06:07.089Z',
    });
  });

  it('matches a listing query as a literal prefix: "_" and "%" are not wildcards', async () => {
    expect((await fixture.users().page({ limit: 10, query: 'alice_' })).items.map((user) => user.id)).toEqual([ids.alice]);
    expect((await fixture.users().page({ limit: 10, query: 'bob_' })).items).toEqual([]);
    expect((await fixture.users().page({ limit: 10, query: '%' })).items).toEqual([]);
  });

  it('knows which names and addresses are taken, whatever their case', async () => {
    expect(await fixture.users().isTaken('ALICE_1', null)).toBe(true);
    expect(await fixture.users().isTaken('someone', 'CAROL@example.test')).toBe(true);
    expect(await fixture.users().isTaken('someone', 'someone@example.test')).toBe(false);
    expect(await fixture.users().isTaken('someone', null)).toBe(false);
  });

  it('writes a change and its audit event together, or neither', async () => {
    const failure = fixture.transactions().run(async ({ users, auditEvents }) => {
      const bob = await users.requireById(ids.bob);
      bob.roles = ['user', 'auditor'];
      auditEvents.add({ type: 'user.updated', userId: bob.id, actorId: ids.alice, detail: { rolledBack: true } });
      users.add({ username: 'alice_1', email: null, passwordHash: 'x', roles: ['user'] });
    });
    await expect(failure).rejects.toThrow();
    expect((await fixture.users().requireById(ids.bob)).roles).toEqual(['user']);
    expect((await fixture.orm.em.fork().getRepository(AuditEvent).page({ limit: 10, type: 'user.updated' })).items).toEqual([]);
  });

  it('reads audit events back with every column, newest first, by user, type and cursor', async () => {
    const detail = { before: { active: true, roles: ['user'] }, after: { active: false, roles: [] }, note: 'ünïcode' };
    await fixture.transactions().run(async ({ auditEvents }) => {
      auditEvents.add({ type: 'user.updated', userId: ids.bob, actorId: ids.alice, ip: '2001:db8::1', detail });
      auditEvents.add({ type: 'login.throttled', detail: { username: 'nobody' } });
    });
    const events = fixture.orm.em.fork().getRepository(AuditEvent);
    const all = await events.page({ limit: 10 });
    expect(all.items.map((event) => event.type)).toEqual([
      'login.throttled',
      'user.updated',
      'user.registered',
      'user.registered',
      'user.registered',
    ]);
    const [throttled, updated] = all.items.map(toAuditEventView);
    expect(throttled).toMatchObject({ userId: null, actorId: null, ip: null, detail: { username: 'nobody' } });
    expect(updated).toMatchObject({ userId: ids.bob, actorId: ids.alice, ip: '2001:db8::1', detail });
    expect(all.items[0].at).toBeInstanceOf(Date);
    expect(Number.isNaN(Date.parse(updated.at))).toBe(false);
    expect((await events.page({ limit: 10, userId: ids.bob })).items.map((event) => event.type)).toEqual([
      'user.updated',
      'user.registered',
    ]);
    expect((await events.page({ limit: 10, type: 'user.registered' })).items.map((event) => event.userId)).toEqual([
      ids.carol,
      ids.bob,
      ids.alice,
    ]);
    const first = await events.page({ limit: 2 });
    expect(first.nextCursor).toBe(first.items[1].id);
    expect((await events.page({ limit: 10, cursor: first.nextCursor! })).items.map((event) => event.type)).toEqual([
      'user.registered',
      'user.registered',
      'user.registered',
    ]);
  });
});
