import { DomainError, ErrorCode } from '@app/common';
import { AuditEntry } from '../audit/audit-entry';
import { AuditService } from '../audit/audit.service';
import { Transactions } from '../database/transactions';
import { PasswordHasher } from '../passwords/password.hasher';
import { LoginThrottle } from '../throttle/login-throttle';
import { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { CredentialsService } from './credentials.service';

const client = { ip: '10.0.0.1', userAgent: 'jest' };

function build(options: {
  user?: Partial<User> | null;
  passwordOk?: boolean;
  throttled?: boolean;
  weakHash?: boolean;
  hashersBusy?: boolean;
}) {
  const stored =
    options.user === null
      ? null
      : Object.assign(new User(), { id: 'u1', username: 'alice', passwordHash: '$2b$04$stored', ...options.user });
  const audit: AuditEntry[] = [];
  const users = { findByUsername: jest.fn(async () => stored), findById: jest.fn(async () => stored) } as unknown as UserRepository;
  const transactions = {
    run: jest.fn(async (work: (tables: unknown) => Promise<unknown>) =>
      work({ users: { requireById: async () => stored }, auditEvents: { add: (entry: AuditEntry) => void audit.push(entry) } }),
    ),
  } as unknown as Transactions;
  const hasher = {
    assertCapacity: jest.fn(() => {
      if (options.hashersBusy) throw new DomainError(ErrorCode.Unavailable, 'busy', 1);
    }),
    verify: jest.fn(async (_password: string, hash?: string) => hash !== undefined && options.passwordOk !== false),
    needsRehash: jest.fn(() => options.weakHash === true),
    hash: jest.fn(async () => '$2b$12$upgraded'),
  } as unknown as PasswordHasher;
  const throttle = {
    assertAllowed: jest.fn(async () => {
      if (options.throttled) throw new DomainError(ErrorCode.Throttled, 'slow down', 60);
    }),
    recordFailure: jest.fn(async () => undefined),
    clear: jest.fn(async () => undefined),
  } as unknown as LoginThrottle;
  const auditService = {
    recordDetached: jest.fn(async (entry: AuditEntry) => void audit.push(entry)),
  } as unknown as AuditService;
  return { service: new CredentialsService(users, transactions, hasher, throttle, auditService), users, hasher, throttle, audit, stored };
}

async function codeOf(action: Promise<unknown>): Promise<ErrorCode | undefined> {
  return action.then(
    () => undefined,
    (error: DomainError) => error.code,
  );
}

describe('the credential check', () => {
  it('refuses at once, without Redis, the database or bcrypt, when no hash could be started or queued', async () => {
    const { service, hasher, users, throttle } = build({ hashersBusy: true });
    expect(await codeOf(service.verify('alice', 'right-password', client, 'session'))).toBe(ErrorCode.Unavailable);
    expect(throttle.assertAllowed).not.toHaveBeenCalled();
    expect(users.findByUsername).not.toHaveBeenCalled();
    expect(hasher.verify).not.toHaveBeenCalled();
  });

  it('refuses a throttled login before looking the user up or calling bcrypt', async () => {
    const { service, hasher, users, audit } = build({ throttled: true });
    expect(await codeOf(service.verify('alice', 'right-password', client, 'session'))).toBe(ErrorCode.Throttled);
    expect(hasher.verify).not.toHaveBeenCalled();
    expect(users.findByUsername).not.toHaveBeenCalled();
    expect(audit.map((e) => e.type)).toEqual(['login.throttled']);
  });

  it('spends one bcrypt on the dummy hash for an unknown user, and counts the failure', async () => {
    const { service, hasher, throttle } = build({ user: null });
    expect(await codeOf(service.verify('nobody', 'whatever-pass', client, 'session'))).toBe(ErrorCode.InvalidCredentials);
    expect(hasher.verify).toHaveBeenCalledWith('whatever-pass', undefined);
    expect(throttle.recordFailure).toHaveBeenCalledWith('nobody', '10.0.0.1');
  });

  it('gives the same error for a wrong password', async () => {
    const { service, throttle, audit } = build({ passwordOk: false });
    expect(await codeOf(service.verify('Alice', 'wrong-password', client, 'session'))).toBe(ErrorCode.InvalidCredentials);
    expect(throttle.recordFailure).toHaveBeenCalledWith('alice', '10.0.0.1');
    expect(audit.map((e) => e.type)).toEqual(['login.failed']);
  });

  it('says "disabled" only after a correct password', async () => {
    const wrong = build({ user: { active: false }, passwordOk: false });
    expect(await codeOf(wrong.service.verify('alice', 'wrong-password', client, 'session'))).toBe(ErrorCode.InvalidCredentials);
    const right = build({ user: { active: false } });
    expect(await codeOf(right.service.verify('alice', 'right-password', client, 'session'))).toBe(ErrorCode.AccountDisabled);
    expect(right.throttle.clear).not.toHaveBeenCalled();
  });

  it('on success clears the username count, stamps lastLoginAt, audits, and upgrades a weak hash', async () => {
    const { service, throttle, audit, stored } = build({ weakHash: true });
    const user = await service.verify('ALICE', 'right-password', client, 'token');
    expect(user).toBe(stored);
    expect(throttle.clear).toHaveBeenCalledWith('alice');
    expect(user.lastLoginAt).toBeInstanceOf(Date);
    expect(user.passwordHash).toBe('$2b$12$upgraded');
    expect(audit).toEqual([expect.objectContaining({ type: 'login.succeeded', userId: 'u1', detail: { method: 'token', amr: ['pwd'] } })]);
  });
});
