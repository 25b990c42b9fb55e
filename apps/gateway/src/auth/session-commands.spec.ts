import {
  AdminContract,
  AdminPatterns,
  AuthContract,
  AuthPatterns,
  DomainError,
  ErrorCode,
  RevocationEvent,
  RpcClient,
  SessionResolver,
} from '@app/common';
import { RequestAuth } from '../http/gateway-request';
import { SessionCommands } from './session-commands';

const client = { ip: '192.0.2.7', userAgent: 'jest' };
const caller: RequestAuth = {
  credential: { kind: 'session', token: 'caller-token' },
  resolved: {
    user: { id: 'u-caller', username: 'root', email: null, roles: ['user', 'admin'], active: true, createdAt: '', lastLoginAt: null },
    session: { id: 's-caller', createdAt: '', lastSeenAt: '', expiresAt: '' },
    csrfToken: 'c',
    via: 'session',
    cacheUntil: 0,
  },
};

/** A service that answers each pattern with `replies[pattern]`, or refuses with `failure`. */
function service(replies: Record<string, unknown>, failure?: DomainError): { rpc: RpcClient<never>; sent: Array<[string, unknown]> } {
  const sent: Array<[string, unknown]> = [];
  const rpc = {
    send: jest.fn(async (pattern: string, payload: unknown) => {
      sent.push([pattern, payload]);
      if (failure) throw failure;
      return replies[pattern];
    }),
  } as unknown as RpcClient<never>;
  return { rpc, sent };
}

function commands(failure?: DomainError) {
  const auth = service(
    {
      [AuthPatterns.Logout]: { revokedSessionId: 's-old' },
      [AuthPatterns.RevokeSession]: { revokedSessionId: 's-2' },
      [AuthPatterns.RevokeOtherSessions]: { revoked: 3 },
      [AuthPatterns.ChangePassword]: { session: { sessionToken: 't', csrfToken: 'c', expiresAt: '' } },
    },
    failure,
  );
  const admin = service(
    {
      [AdminPatterns.UpdateUser]: { user: { id: 'u-target' } },
      [AdminPatterns.RevokeUserSessions]: { revoked: 2 },
    },
    failure,
  );
  const forgotten: RevocationEvent[] = [];
  const resolver = { forget: jest.fn((event: RevocationEvent) => void forgotten.push(event)) } as unknown as SessionResolver;
  const subject = new SessionCommands(auth.rpc as RpcClient<AuthContract>, admin.rpc as RpcClient<AdminContract>, resolver);
  return { subject, auth, admin, forgotten };
}

describe('SessionCommands', () => {
  it('drops the session a logout ended from this process cache, and nothing when there was none', async () => {
    const { subject, auth, forgotten } = commands();
    await subject.logout({ kind: 'session', token: 'old' }, client);
    expect(auth.sent).toEqual([[AuthPatterns.Logout, { credential: { kind: 'session', token: 'old' }, client }]]);
    expect(forgotten).toEqual([{ sessionIds: ['s-old'] }]);

    (auth.rpc.send as jest.Mock).mockResolvedValueOnce({ revokedSessionId: null });
    await subject.logout({ kind: 'bearer', token: 'unknown' }, client);
    expect(forgotten).toHaveLength(1);
  });

  it.each([
    [
      'one session',
      (s: SessionCommands) => s.revokeSession(caller, 's-2'),
      [AuthPatterns.RevokeSession, { credential: caller.credential, sessionId: 's-2' }],
      { sessionIds: ['s-2'] },
    ],
    [
      'the other sessions',
      (s: SessionCommands) => s.revokeOtherSessions(caller),
      [AuthPatterns.RevokeOtherSessions, { credential: caller.credential }],
      { userId: 'u-caller' },
    ],
    [
      'the password',
      (s: SessionCommands) => s.changePassword(caller, { currentPassword: 'old-password', newPassword: 'new-password' }, client),
      [
        AuthPatterns.ChangePassword,
        { credential: caller.credential, currentPassword: 'old-password', newPassword: 'new-password', client },
      ],
      { userId: 'u-caller' },
    ],
  ])('after changing %s, drops what it made stale', async (_name, run, send, dropped) => {
    const { subject, auth, forgotten } = commands();
    await run(subject);
    expect(auth.sent).toEqual([send]);
    expect(forgotten).toEqual([dropped]);
  });

  it.each([
    [
      'an update of a user',
      (s: SessionCommands) => s.updateUser(caller, 'u-target', { active: false }, client),
      AdminPatterns.UpdateUser,
      { active: false },
    ],
    [
      'a revocation of all their sessions',
      (s: SessionCommands) => s.revokeUserSessions(caller, 'u-target', client),
      AdminPatterns.RevokeUserSessions,
      {},
    ],
  ])('after %s by an admin, drops every cached resolution of that user', async (_name, run, pattern, change) => {
    const { subject, admin, forgotten } = commands();
    await run(subject);
    expect(admin.sent).toEqual([[pattern, { credential: caller.credential, userId: 'u-target', ...change, client }]]);
    expect(forgotten).toEqual([{ userId: 'u-target' }]);
  });

  it('returns what the service answered', async () => {
    const { subject } = commands();
    expect(await subject.changePassword(caller, { currentPassword: 'a-password', newPassword: 'b-password' }, client)).toEqual({
      sessionToken: 't',
      csrfToken: 'c',
      expiresAt: '',
    });
    expect(await subject.revokeUserSessions(caller, 'u-target', client)).toEqual({ revoked: 2 });
  });

  it('drops nothing when the service refused the command', async () => {
    const { subject, forgotten } = commands(new DomainError(ErrorCode.Forbidden, 'no'));
    await expect(subject.revokeOtherSessions(caller)).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    await expect(subject.updateUser(caller, 'u-target', { roles: ['user'] }, client)).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    expect(forgotten).toEqual([]);
  });
});
