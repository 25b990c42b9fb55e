import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { AuthGuard } from './auth.guard';
import { callerOf } from './authenticated-user';
import { RolesGuard } from './roles.guard';
import { SessionResolver } from './session-resolver';

function rpcContext(data: unknown, roles?: string[]): ExecutionContext {
  const handler = () => undefined;
  if (roles) Reflect.defineMetadata('auth:roles', roles, handler);
  return {
    getType: () => 'rpc',
    switchToRpc: () => ({ getData: () => data, getContext: () => ({}) }),
    switchToHttp: () => ({ getRequest: () => data }),
    getHandler: () => handler,
    getClass: () => class Dummy {},
  } as unknown as ExecutionContext;
}

const admin = {
  user: { id: 'u1', username: 'root', email: null, roles: ['user', 'admin'], active: true, createdAt: '', lastLoginAt: null },
  session: { id: 's1', createdAt: '', lastSeenAt: '', expiresAt: '' },
  csrfToken: 'c',
  via: 'session' as const,
  cacheUntil: Date.now() + 1000,
};

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
  const guard = new AuthGuard(resolver);

  it('attaches the resolved caller for @CurrentUser()', async () => {
    const context = rpcContext({ credential: { kind: 'session', token: 'good' } });
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(callerOf(context)).toEqual({ id: 'u1', username: 'root', roles: ['user', 'admin'], sessionId: 's1', via: 'session' });
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
    await new AuthGuard({ resolve: async () => admin } as unknown as SessionResolver).canActivate(context);
    expect(guard.canActivate(context)).toBe(true);
  });

  it('refuses a caller without the role as Forbidden', async () => {
    const context = rpcContext({ credential: { kind: 'session', token: 'good' } }, ['auditor']);
    await new AuthGuard({ resolve: async () => admin } as unknown as SessionResolver).canActivate(context);
    expect(await codeOf(() => guard.canActivate(context))).toBe(ErrorCode.Forbidden);
  });

  it('refuses when no guard attached a caller', async () => {
    expect(await codeOf(() => guard.canActivate(rpcContext({}, ['admin'])))).toBe(ErrorCode.Unauthenticated);
  });

  it('allows handlers that name no role', () => {
    expect(guard.canActivate(rpcContext({}))).toBe(true);
  });
});
