import { DomainError, ErrorCode } from '@app/common';
import { MikroORM } from '@mikro-orm/core';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import { AuthConfig } from '../config/auth.config';
import { ormOptions } from '../database/mikro-orm.config';
import { Transactions } from '../database/transactions';
import { SessionsService } from '../sessions/sessions.service';
import { User } from '../users/user.entity';
import { AdminUsersService } from './admin-users.service';

// A real (in-memory SQLite) database with the committed migrations: the audit event must commit or
// roll back with the change it records.
describe('AdminUsersService', () => {
  let orm: MikroORM;
  let admin: User;
  let target: User;
  const sessions = { revokeAllForUser: jest.fn(async () => []), refreshUser: jest.fn(async () => undefined) };

  beforeAll(async () => {
    orm = await MikroORM.init(ormOptions('sqlite::memory:'));
    await orm.getMigrator().up();
    const em = orm.em.fork();
    admin = em.create(User, { username: 'root', passwordHash: 'x', roles: ['user', 'admin'] });
    target = em.create(User, { username: 'bob', passwordHash: 'x' });
    await em.flush();
  });

  afterAll(async () => {
    await orm.close(true);
  });

  function service(): { users: AdminUsersService; em: ReturnType<MikroORM['em']['fork']> } {
    const em = orm.em.fork();
    const transactions = new Transactions(em);
    const audit = new AuditService(em.getRepository(AuditEvent), transactions);
    const config = { roles: { known: ['user', 'admin', 'auditor'] } } as AuthConfig;
    return {
      users: new AdminUsersService(em.getRepository(User), transactions, sessions as unknown as SessionsService, audit, config),
      em,
    };
  }

  const actor = () => ({
    id: admin.id,
    username: 'root',
    roles: ['user', 'admin'],
    sessionId: 's',
    via: 'session' as const,
    authenticatedAt: new Date().toISOString(),
    amr: ['pwd'],
    freshUntil: Date.now() + 600_000,
    mfaEnrolmentRequired: false,
  });
  const client = { ip: '127.0.0.1', userAgent: 'jest', kind: undefined };

  it('writes the change and its audit event together', async () => {
    const { users, em } = service();
    const updated = await users.update(
      actor(),
      { credential: { kind: 'session', token: 't' }, userId: target.id, roles: ['user', 'auditor'], client },
      '127.0.0.1',
    );
    expect(updated.roles).toEqual(['user', 'auditor']);
    const events = await em.fork().find(AuditEvent, { type: 'user.updated', userId: target.id });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: admin.id, ip: '127.0.0.1' });
    expect(sessions.refreshUser).toHaveBeenCalled();
  });

  it('leaves no audit event when the database fails mid-change', async () => {
    const { users, em } = service();
    const before = await em.fork().count(AuditEvent, {});
    const driver = orm.em.getDriver();
    const spy = jest.spyOn(driver, 'nativeUpdate').mockRejectedValueOnce(new Error('disk I/O error'));
    await expect(
      users.update(actor(), { credential: { kind: 'session', token: 't' }, userId: target.id, roles: ['user'], client }, '127.0.0.1'),
    ).rejects.toThrow('disk I/O error');
    spy.mockRestore();
    expect(await em.fork().count(AuditEvent, {})).toBe(before);
    expect((await em.fork().findOneOrFail(User, target.id)).roles).toEqual(['user', 'auditor']);
  });

  it('refuses to let an admin disable themselves or drop their own admin role', async () => {
    const { users } = service();
    for (const change of [{ active: false }, { roles: ['user'] }]) {
      const error = await users
        .update(actor(), { credential: { kind: 'session', token: 't' }, userId: admin.id, ...change, client }, '127.0.0.1')
        .catch((e: DomainError) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(ErrorCode.ValidationFailed);
    }
  });

  it('revokes every session before and after disabling a user', async () => {
    const { users } = service();
    sessions.revokeAllForUser.mockClear();
    const updated = await users.update(
      actor(),
      { credential: { kind: 'session', token: 't' }, userId: target.id, active: false, client },
      '1.2.3.4',
    );
    expect(updated.active).toBe(false);
    expect(sessions.revokeAllForUser).toHaveBeenCalledTimes(2);
  });
});
