import { DomainError, ErrorCode, usernameFingerprint } from '@app/common';
import { AuthConfig, loadAuthConfig } from '../config/auth.config';
import { AuditEntry } from '../audit/audit-entry';
import { AuditService } from '../audit/audit.service';
import { Transactions } from '../database/transactions';
import { PasswordHasher } from '../passwords/password.hasher';
import { LoginThrottle } from '../throttle/login-throttle';
import { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { CredentialsService } from './credentials.service';

const client = { ip: '10.0.0.1', userAgent: 'jest' };
const AUDIT_KEY = 'a-test-key-of-at-least-thirty-two-bytes!';
const attempt = { byUsername: { name: 'alice', id: 'a' }, byIp: { name: '10.0.0.1', id: 'b' } };

function build(options: {
  user?: Partial<User> | null;
  passwordOk?: boolean;
  throttled?: boolean;
  weakHash?: boolean;
  hashersBusy?: boolean;
  legacyForm?: boolean;
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
    check: jest.fn(async (_password: string, hash?: string) => ({
      matches: hash !== undefined && options.passwordOk !== false,
      legacyForm: options.legacyForm === true,
    })),
    needsRehash: jest.fn(() => options.weakHash === true),
    hash: jest.fn(async () => '$2b$12$upgraded'),
  } as unknown as PasswordHasher;
  const throttle = {
    reserve: jest.fn(async () => {
      if (options.throttled) throw new DomainError(ErrorCode.Throttled, 'slow down', 60);
      return attempt;
    }),
    settle: jest.fn(async () => undefined),
  } as unknown as LoginThrottle;
  const auditService = {
    recordDetached: jest.fn(async (entry: AuditEntry) => void audit.push(entry)),
  } as unknown as AuditService;
  const config = { ...loadAuthConfig({}), audit: { usernameKey: AUDIT_KEY } } as AuthConfig;
  return {
    service: new CredentialsService(users, transactions, hasher, throttle, auditService, config),
    users,
    hasher,
    throttle,
    audit,
    stored,
  };
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
    expect(throttle.reserve).not.toHaveBeenCalled();
    expect(users.findByUsername).not.toHaveBeenCalled();
    expect(hasher.check).not.toHaveBeenCalled();
  });

  it('refuses a throttled login before looking the user up or calling bcrypt', async () => {
    const { service, hasher, users, audit, throttle } = build({ throttled: true });
    expect(await codeOf(service.verify('alice', 'right-password', client, 'session'))).toBe(ErrorCode.Throttled);
    expect(throttle.settle).not.toHaveBeenCalled();
    expect(hasher.check).not.toHaveBeenCalled();
    expect(users.findByUsername).not.toHaveBeenCalled();
    expect(audit.map((e) => e.type)).toEqual(['login.throttled']);
  });

  it('spends one bcrypt on the dummy hash for an unknown user, and keeps the reserved slot as a failure', async () => {
    const { service, hasher, throttle } = build({ user: null });
    expect(await codeOf(service.verify('nobody', 'whatever-pass', client, 'session'))).toBe(ErrorCode.InvalidCredentials);
    expect(hasher.check).toHaveBeenCalledWith('whatever-pass', undefined);
    expect(throttle.reserve).toHaveBeenCalledWith('nobody', '10.0.0.1');
    expect(throttle.settle).toHaveBeenCalledWith(attempt, 'failed');
  });

  it('gives the same error for a wrong password', async () => {
    const { service, throttle, audit } = build({ passwordOk: false });
    expect(await codeOf(service.verify('Alice', 'wrong-password', client, 'session'))).toBe(ErrorCode.InvalidCredentials);
    expect(throttle.settle).toHaveBeenCalledWith(attempt, 'failed');
    expect(audit.map((e) => e.type)).toEqual(['login.failed']);
  });

  it('says "disabled" only after a correct password', async () => {
    const wrong = build({ user: { active: false }, passwordOk: false });
    expect(await codeOf(wrong.service.verify('alice', 'wrong-password', client, 'session'))).toBe(ErrorCode.InvalidCredentials);
    const right = build({ user: { active: false } });
    expect(await codeOf(right.service.verify('alice', 'right-password', client, 'session'))).toBe(ErrorCode.AccountDisabled);
    expect(right.throttle.settle).toHaveBeenCalledWith(attempt, 'abandoned');
  });

  it('on success settles the slot as a success (the username count is cleared), stamps lastLoginAt, audits, and upgrades a weak hash', async () => {
    const { service, throttle, audit, stored } = build({ weakHash: true });
    const user = await service.verify('ALICE', 'right-password', client, 'token');
    expect(user).toBe(stored);
    expect(throttle.settle).toHaveBeenCalledWith(attempt, 'succeeded');
    expect(user.lastLoginAt).toBeInstanceOf(Date);
    expect(user.passwordHash).toBe('$2b$12$upgraded');
    expect(audit).toEqual([expect.objectContaining({ type: 'login.succeeded', userId: 'u1', detail: { method: 'token', amr: ['pwd'] } })]);
  });

  it('re-hashes, in its normal form, a password that matched only as typed (a hash from before NFC)', async () => {
    const { service, hasher } = build({ legacyForm: true });
    const user = await service.verify('alice', 'cafe\u0301-password', client, 'session');
    expect(hasher.hash).toHaveBeenCalledWith('cafe\u0301-password');
    expect(user.passwordHash).toBe('$2b$12$upgraded');
  });

  it('audits a failure for an unknown username only as a keyed fingerprint, never as typed', async () => {
    const { service, audit } = build({ user: null });
    await codeOf(service.verify('My-Secret-Pass-1', 'whatever-pass', client, 'session'));
    expect(audit).toEqual([
      expect.objectContaining({
        type: 'login.failed',
        userId: undefined,
        detail: { usernameFingerprint: usernameFingerprint('my-secret-pass-1', AUDIT_KEY), reason: 'credentials' },
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain('ecret');
  });

  it('audits a failure for a known username by its user id, without the name', async () => {
    const { service, audit } = build({ passwordOk: false });
    await codeOf(service.verify('alice', 'wrong-password', client, 'session'));
    expect(audit).toEqual([expect.objectContaining({ type: 'login.failed', userId: 'u1', detail: { reason: 'credentials' } })]);
  });
});
