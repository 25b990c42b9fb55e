import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { ResolvedSession } from '../contracts/auth/auth.results';
import { AllowWithoutMfa } from './allow-without-mfa.decorator';
import { AuthGuard } from './auth.guard';
import { attachCaller, callerOf, toAuthenticatedUser } from './authenticated-user';
import { FreshnessGuard } from './freshness.guard';
import { RequireFresh } from './require-fresh.decorator';
import { RolesGuard } from './roles.guard';
import { Roles } from './roles.decorator';
import { SessionResolver } from './session-resolver';

/** A message handler's context; `decorate` puts decorators on the handler (as a method decorator would). */
function rpcContext(data: unknown, roles?: string[], decorate: Array<MethodDecorator & ClassDecorator> = []): ExecutionContext {
  const handler = () => undefined;
  if (roles) Roles(...roles)(handler);
  for (const decorator of decorate) decorator(handler);
  return {
    getType: () => 'rpc',
    switchToRpc: () => ({ getData: () => data, getContext: () => ({}) }),
    switchToHttp: () => ({ getRequest: () => data }),
    getHandler: () => handler,
    getClass: () => class Dummy {},
  } as unknown as ExecutionContext;
}

const authenticatedAt = '2026-03-01T12:00:00.000Z';
const admin: ResolvedSession = {
  user: {
    id: 'u1',
    username: 'root',
    email: null,
    emailVerified: false,
    roles: ['user', 'admin'],
    active: true,
    createdAt: '',
    lastLoginAt: null,
    mfa: { totp: false, passkeys: 0 },
  },
  session: { id: 's1', createdAt: '', lastSeenAt: '', expiresAt: '', authenticatedAt, amr: ['pwd'] },
  csrfToken: 'c',
  via: 'session' as const,
  cacheUntil: Date.now() + 1000,
  freshUntil: Date.parse(authenticatedAt) + 600_000,
  mfaEnrolmentRequired: false,
};

const reflector = new Reflector();

async function codeOf(action: () => unknown): Promise<ErrorCode | undefined> {
  try {
    await action();
    return undefined;
  } catch (error) {
    return (error as DomainError).code;
  }
}

describe('AuthGuard', () => {
  const resolver = { resolve: jest.fn(async (c: { token: string }) => (c.token === 'good' ? admin : null)) } as unknown as SessionResolver;
  const guard = new AuthGuard(resolver, reflector);

  it('attaches the resolved caller for @CurrentUser()', async () => {
    const context = rpcContext({ credential: { kind: 'session', token: 'good' } });
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(callerOf(context)).toEqual({
      id: 'u1',
      username: 'root',
      roles: ['user', 'admin'],
      sessionId: 's1',
      via: 'session',
      authenticatedAt,
      amr: ['pwd'],
      freshUntil: Date.parse(authenticatedAt) + 600_000,
      mfaEnrolmentRequired: false,
    });
  });

  describe('for a caller who must enrol a second factor', () => {
    const unenrolled = new AuthGuard(
      { resolve: async () => ({ ...admin, mfaEnrolmentRequired: true }) } as unknown as SessionResolver,
      reflector,
    );
    const data = () => ({ credential: { kind: 'session', token: 'good' } });

    it('refuses every handler with MfaEnrolmentRequired', async () => {
      expect(await codeOf(() => unenrolled.canActivate(rpcContext(data())))).toBe(ErrorCode.MfaEnrolmentRequired);
    });

    it('lets them reach a handler, or a controller, marked @AllowWithoutMfa()', async () => {
      await expect(unenrolled.canActivate(rpcContext(data(), undefined, [AllowWithoutMfa()]))).resolves.toBe(true);
      @AllowWithoutMfa()
      class Enrolment {}
      const context = { ...rpcContext(data()), getClass: () => Enrolment } as ExecutionContext;
      await expect(unenrolled.canActivate(context)).resolves.toBe(true);
    });
  });

  it.each([
    ['no payload', undefined],
    ['no credential', {}],
    ['a wrong kind', { credential: { kind: 'cookie', token: 'good' } }],
    ['a non-string token', { credential: { kind: 'session', token: 42 } }],
    ['an unknown token', { credential: { kind: 'session', token: 'bad' } }],
  ])('refuses %s as Unauthenticated', async (_name, data) => {
    expect(await codeOf(() => guard.canActivate(rpcContext(data)))).toBe(ErrorCode.Unauthenticated);
  });
});

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());

  it('lets a caller with the role through', async () => {
    const context = rpcContext({ credential: { kind: 'session', token: 'good' } }, ['admin']);
    await new AuthGuard({ resolve: async () => admin } as unknown as SessionResolver, reflector).canActivate(context);
    expect(guard.canActivate(context)).toBe(true);
  });

  it('refuses a caller without the role as Forbidden', async () => {
    const context = rpcContext({ credential: { kind: 'session', token: 'good' } }, ['auditor']);
    await new AuthGuard({ resolve: async () => admin } as unknown as SessionResolver, reflector).canActivate(context);
    expect(await codeOf(() => guard.canActivate(context))).toBe(ErrorCode.Forbidden);
  });

  it('refuses when no guard attached a caller', async () => {
    expect(await codeOf(() => guard.canActivate(rpcContext({}, ['admin'])))).toBe(ErrorCode.Unauthenticated);
  });

  it('allows handlers that name no role', () => {
    expect(guard.canActivate(rpcContext({}))).toBe(true);
  });
});

describe('FreshnessGuard', () => {
  const guard = new FreshnessGuard(reflector);

  function withCaller(freshUntil: number, decorate: Array<MethodDecorator & ClassDecorator> = [RequireFresh()]): ExecutionContext {
    const context = rpcContext({}, undefined, decorate);
    attachCaller(context, toAuthenticatedUser({ ...admin, freshUntil }));
    return context;
  }

  it('lets a fresh session through to a @RequireFresh() handler', () => {
    expect(guard.canActivate(withCaller(Date.now() + 60_000))).toBe(true);
  });

  it('refuses a session whose freshness ended, or ends right now, with ReauthRequired', async () => {
    expect(await codeOf(() => guard.canActivate(withCaller(Date.now() - 1)))).toBe(ErrorCode.ReauthRequired);
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      expect(await codeOf(() => guard.canActivate(withCaller(1_000_000)))).toBe(ErrorCode.ReauthRequired);
      expect(guard.canActivate(withCaller(1_000_001))).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a caller whose resolution holds no freshness at all (fail closed)', async () => {
    const context = rpcContext({}, undefined, [RequireFresh()]);
    attachCaller(context, { ...toAuthenticatedUser(admin), freshUntil: undefined as unknown as number });
    expect(await codeOf(() => guard.canActivate(context))).toBe(ErrorCode.ReauthRequired);
  });

  it('asks nothing of handlers not marked @RequireFresh()', () => {
    expect(guard.canActivate(withCaller(0, []))).toBe(true);
  });

  it('refuses when no auth guard attached a caller', async () => {
    expect(await codeOf(() => guard.canActivate(rpcContext({}, undefined, [RequireFresh()])))).toBe(ErrorCode.Unauthenticated);
  });
});
