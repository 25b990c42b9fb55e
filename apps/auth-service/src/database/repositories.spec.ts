import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { DATABASES, Database, POSTGRES_URL } from '../../../../test/support/system';
import { toAuditEventView } from '../audit/audit-event-view';
import { AuditEvent } from '../audit/audit-event.entity';
import { Passkey } from '../passkeys/passkey.entity';
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

  /** `upTo`: stop after this migration (to write rows as an older version did), else run them all. */
  async open(upTo?: string): Promise<void> {
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
    await this.orm.getMigrator().up(upTo ? { to: upTo } : undefined);
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

const uuidNobodyHas = '01900000-0000-7000-8000-00000000ffff';

/** What a read returns of a user, in the types the entity declares. */
function columnsOf(user: ListedUser): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    emailVerifiedAt: user.emailVerifiedAt,
    roles: user.roles,
    active: user.active,
    createdAt: user.createdAt,
    lastLoginAt: user.lastLoginAt,
    totpEnabledAt: user.totpEnabledAt,
    passkeyCount: user.passkeyCount,
  };
}

function expectTypes(user: ListedUser): void {
  expect(Array.isArray(user.roles)).toBe(true);
  expect(user.roles.every((role) => typeof role === 'string' && role.length > 1)).toBe(true);
  expect(typeof user.active).toBe('boolean');
  expect(user.createdAt).toBeInstanceOf(Date);
  expect(user.lastLoginAt === null || user.lastLoginAt instanceof Date).toBe(true);
  expect(user.email === null || typeof user.email === 'string').toBe(true);
  expect(user.emailVerifiedAt === null || user.emailVerifiedAt instanceof Date).toBe(true);
  expect(user.totpEnabledAt === null || user.totpEnabledAt instanceof Date).toBe(true);
  expect(Number.isInteger(user.passkeyCount)).toBe(true);
}

describe.each(DATABASES)('repositories on %s', (database) => {
  const fixture = new Fixture(database);
  // Distinct values for every column: several roles, both booleans, dates with milliseconds and none, an e-mail and none.
  const none = { emailVerifiedAt: null, totpEnabledAt: null, passkeyCount: 0 };
  const written = {
    alice: {
      username: 'alice_1',
      email: 'alice@example.test',
      roles: ['user', 'admin', 'auditor'],
      active: true,
      lastLoginAt: new Date('2026-03-04T05:06:07.089Z'),
      emailVerifiedAt: new Date('2026-03-02T01:02:03.004Z'),
      totpEnabledAt: new Date('2026-03-03T04:05:06.007Z'),
      passkeyCount: 2,
    },
    bob: { username: 'bob.2', email: null, roles: ['user'], active: false, lastLoginAt: null, ...none },
    carol: { username: 'carol-3', email: 'carol@example.test', roles: [] as string[], active: true, lastLoginAt: null, ...none },
  };
  const ids: Record<keyof typeof written, string> = { alice: '', bob: '', carol: '' };
  const expected: Record<string, Record<string, unknown>> = {};

  beforeAll(async () => {
    await fixture.open();
    for (const name of ['alice', 'bob', 'carol'] as const) {
      const { lastLoginAt, active, emailVerifiedAt, totpEnabledAt, passkeyCount, ...fields } = written[name];
      const user = await fixture.transactions().run(async ({ users, auditEvents }) => {
        const added = users.add({ ...fields, passwordHash: `$2b$04$${name}` });
        Object.assign(added, { active, lastLoginAt, emailVerifiedAt, totpEnabledAt, passkeyCount });
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
      emailVerified: true,
      roles: ['user', 'admin', 'auditor'],
      active: true,
      createdAt: (expected[ids.alice].createdAt as Date).toISOString(),
      lastLoginAt: '2026-03-04T05:06:07.089Z',
      mfa: { totp: true, passkeys: 2 },
    });
    expect(toPublicUser(listed.find((user) => user.id === ids.bob)!)).toMatchObject({
      emailVerified: false,
      mfa: { totp: false, passkeys: 0 },
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

  describe("the account-lifecycle changes, each in the caller's transaction", () => {
    async function newUser(username: string, email: string | null = null): Promise<string> {
      return fixture.transactions().run(async ({ users }) => users.add({ username, email, passwordHash: 'x', roles: ['user'] }).id);
    }

    it('verifies an e-mail, and a changed e-mail is unverified again', async () => {
      const id = await newUser('dave', 'dave@example.test');
      const at = new Date('2026-05-06T07:08:09.010Z');
      const verified = await fixture.transactions().run(({ users }) => users.markEmailVerified(id, at));
      expect(verified.emailVerifiedAt).toEqual(at);
      expect(toPublicUser(await fixture.users().requireById(id))).toMatchObject({ email: 'dave@example.test', emailVerified: true });
      const changed = await fixture.transactions().run(({ users }) => users.setEmail(id, 'Dave.New@Example.test'));
      expect(toPublicUser(changed)).toMatchObject({ email: 'dave.new@example.test', emailVerified: false });
      expect(toPublicUser(await fixture.users().requireById(id))).toMatchObject({ email: 'dave.new@example.test', emailVerified: false });
    });

    it('refuses an e-mail another account has, leaving both as they were', async () => {
      const id = await newUser('erin', 'erin@example.test');
      const taken = fixture.transactions().run(({ users }) => users.setEmail(id, 'CAROL@example.test'));
      await expect(taken).rejects.toBeInstanceOf(UniqueConstraintViolationException);
      expect((await fixture.users().requireById(id)).email).toBe('erin@example.test');
      await expect(fixture.transactions().run(({ users }) => users.markEmailVerified(uuidNobodyHas, new Date()))).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('keeps a change made earlier in the same transaction, and refreshes the entity it already holds', async () => {
      const id = await newUser('faye');
      await fixture.transactions().run(async ({ users }) => {
        const held = await users.requireById(id);
        held.roles = ['user', 'auditor'];
        const after = await users.setTotp(id, { secret: 'ciphertext-1', enabledAt: null });
        expect(after).toBe(held);
        expect(held).toMatchObject({ roles: ['user', 'auditor'], totpSecret: 'ciphertext-1', totpEnabledAt: null });
      });
      expect(await fixture.users().requireById(id)).toMatchObject({ roles: ['user', 'auditor'], totpSecret: 'ciphertext-1' });
    });

    it('sets up, enables and clears TOTP, and accepts each time step once, later steps only', async () => {
      const id = await newUser('gail');
      const enabledAt = new Date('2026-05-06T07:08:09.010Z');
      await fixture.transactions().run(({ users }) => users.setTotp(id, { secret: 'ciphertext-2', enabledAt: null }));
      expect(toPublicUser(await fixture.users().requireById(id)).mfa).toEqual({ totp: false, passkeys: 0 });
      const enabled = await fixture.transactions().run(({ users }) => users.setTotp(id, { secret: 'ciphertext-2', enabledAt }));
      expect(enabled).toMatchObject({ totpSecret: 'ciphertext-2', totpEnabledAt: enabledAt });
      expect(toPublicUser(await fixture.users().requireById(id)).mfa).toEqual({ totp: true, passkeys: 0 });
      expect(JSON.stringify(await fixture.users().requireById(id))).not.toContain('ciphertext-2');

      const step = 59_000_000;
      const advance = (value: number) => fixture.transactions().run(({ users }) => users.advanceTotpStep(id, value));
      expect(await advance(step)).toBe(true);
      expect(await advance(step)).toBe(false);
      expect(await advance(step - 1)).toBe(false);
      expect(await advance(step + 1)).toBe(true);
      expect((await fixture.users().requireById(id)).totpLastStep).toBe(step + 1);
      // Five requests with the same code at once: one is accepted.
      const racing = await Promise.all([1, 2, 3, 4, 5].map(() => fixture.users().advanceTotpStep(id, step + 2)));
      expect(racing.filter(Boolean)).toHaveLength(1);

      const cleared = await fixture.transactions().run(({ users }) => users.clearTotp(id));
      expect(cleared).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null });
      expect(toPublicUser(await fixture.users().requireById(id)).mfa).toEqual({ totp: false, passkeys: 0 });
      expect(await advance(step)).toBe(true);
    });

    it('counts passkeys in the transaction that adds or removes one, never below zero', async () => {
      const id = await newUser('hank');
      const adjust = (delta: number) => fixture.transactions().run(({ users }) => users.adjustPasskeyCount(id, delta));
      expect((await adjust(1)).passkeyCount).toBe(1);
      expect((await adjust(1)).passkeyCount).toBe(2);
      const rolledBack = fixture.transactions().run(async ({ users }) => {
        await users.adjustPasskeyCount(id, 1);
        throw new Error('the passkey row could not be written');
      });
      await expect(rolledBack).rejects.toThrow('the passkey row could not be written');
      expect(toPublicUser(await fixture.users().requireById(id)).mfa).toEqual({ totp: false, passkeys: 2 });
      expect((await adjust(-2)).passkeyCount).toBe(0);
      await expect(adjust(-1)).rejects.toThrow(/below zero/);
      expect((await fixture.users().requireById(id)).passkeyCount).toBe(0);
    });
  });
});

describe.each(DATABASES)('a user written before the account-lifecycle columns (%s)', (database) => {
  const fixture = new Fixture(database);

  afterAll(async () => {
    await fixture.close();
  });

  it('reads as unverified and without a second factor once the migration ran', async () => {
    await fixture.open('Migration20261201000000');
    const em = fixture.orm.em.fork();
    const now = em.getPlatform().processDateProperty(new Date('2026-01-02T03:04:05.006Z'));
    const id = '01900000-0000-7000-8000-000000000001';
    await em
      .getConnection()
      .execute(
        'insert into users (id, username, email, password_hash, roles, active, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
        [id, 'olduser', 'old@example.test', 'x', '["user"]', database === 'sqlite' ? 1 : true, now, now],
      );
    await fixture.orm.getMigrator().up();
    const user = await fixture.users().requireById(id);
    expect(toPublicUser(user)).toMatchObject({ username: 'olduser', emailVerified: false, mfa: { totp: false, passkeys: 0 } });
    expect(user).toMatchObject({ totpSecret: null, totpLastStep: null, passkeyCount: 0 });
    expect((await fixture.users().page({ limit: 10 })).items.map(toPublicUser)).toEqual([toPublicUser(user)]);
  });
});

describe.each(DATABASES)('the passkeys table on %s', (database) => {
  const fixture = new Fixture(database);
  let userId = '';
  let otherId = '';

  beforeAll(async () => {
    await fixture.open();
    const add = (username: string) =>
      fixture.transactions().run(async ({ users }) => users.add({ username, email: null, passwordHash: '$2b$04$x', roles: ['user'] }));
    userId = (await add('pat')).id;
    otherId = (await add('quin')).id;
  }, 30_000);

  afterAll(async () => {
    await fixture.close();
  });

  const credential = (credentialId: string, userIdOf = () => userId) => ({
    userId: userIdOf(),
    credentialId,
    publicKey: 'pQECAyYgASFYIA',
    // Past 2^31: the counter column is a bigint read back as a number.
    signCount: 3_000_000_000,
    transports: ['internal', 'hybrid'],
    name: 'Laptop',
  });

  it('reads back every column, by credential id and by user (oldest first)', async () => {
    await fixture.transactions().run(async ({ passkeys }) => passkeys.add(credential('cred-a')));
    await fixture.transactions().run(async ({ passkeys }) => passkeys.add(credential('cred-b')));
    const found = await fixture.orm.em.fork().getRepository(Passkey).findByCredentialId('cred-a');
    expect(found).toMatchObject({
      userId,
      credentialId: 'cred-a',
      signCount: 3_000_000_000,
      transports: ['internal', 'hybrid'],
      name: 'Laptop',
      lastUsedAt: null,
    });
    expect(found?.createdAt).toBeInstanceOf(Date);
    const listed = await fixture.orm.em.fork().getRepository(Passkey).listForUser(userId);
    expect(listed.map((passkey) => passkey.credentialId)).toEqual(['cred-a', 'cred-b']);
  });

  it('refuses a credential id that is already registered', async () => {
    await expect(
      fixture.transactions().run(async ({ passkeys }) => passkeys.add(credential('cred-a', () => otherId))),
    ).rejects.toBeInstanceOf(UniqueConstraintViolationException);
  });

  it('moves the counter only from the value it was checked against', async () => {
    const passkey = await fixture.orm.em.fork().getRepository(Passkey).findByCredentialId('cred-a');
    const at = new Date('2026-12-01T10:00:00.123Z');
    const use = (from: number, to: number) => fixture.transactions().run(({ passkeys }) => passkeys.recordUse(passkey!.id, from, to, at));
    expect(await use(3_000_000_000, 3_000_000_001)).toBe(true);
    expect(await use(3_000_000_000, 3_000_000_002)).toBe(false);
    const after = await fixture.orm.em.fork().getRepository(Passkey).findByCredentialId('cred-a');
    expect(after).toMatchObject({ signCount: 3_000_000_001, lastUsedAt: at });
  });

  it("removes only the owner's passkey", async () => {
    const passkey = await fixture.orm.em.fork().getRepository(Passkey).findByCredentialId('cred-b');
    expect(await fixture.transactions().run(({ passkeys }) => passkeys.removeOwn(otherId, passkey!.id))).toBe(false);
    expect(await fixture.transactions().run(({ passkeys }) => passkeys.removeOwn(userId, passkey!.id))).toBe(true);
    expect(await fixture.orm.em.fork().getRepository(Passkey).findByCredentialId('cred-b')).toBeNull();
  });
});
