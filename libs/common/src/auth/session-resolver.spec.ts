import { ResolvedSession } from '../contracts/auth/auth.results';
import { BroadcastBus } from '../transport/broadcast-bus';
import { SessionResolver } from './session-resolver';

function resolved(sessionId: string, userId: string, cacheUntil = Date.now() + 60_000): ResolvedSession {
  return {
    user: {
      id: userId,
      username: 'u',
      email: null,
      emailVerified: false,
      roles: ['user'],
      active: true,
      createdAt: '',
      lastLoginAt: null,
      mfa: { totp: false, passkeys: 0 },
    },
    session: { id: sessionId, createdAt: '', lastSeenAt: '', expiresAt: '', authenticatedAt: '', amr: ['pwd'] },
    csrfToken: 'csrf',
    via: 'session',
    cacheUntil,
    freshUntil: 0,
    mfaEnrolmentRequired: false,
  };
}

class FakeBus implements BroadcastBus {
  handler?: (message: unknown) => void;
  reconnected?: () => void;
  async publish(): Promise<void> {}
  async subscribe(_channel: string, handler: (message: unknown) => void): Promise<void> {
    this.handler = handler;
  }
  onReconnect(handler: () => void): void {
    this.reconnected = handler;
  }
  async close(): Promise<void> {}
}

function setup(answers: Record<string, ResolvedSession | null>) {
  const calls: string[] = [];
  const rpc = {
    send: jest.fn(async (_pattern: string, payload: { credential: { token: string } }) => {
      calls.push(payload.credential.token);
      return answers[payload.credential.token] ?? null;
    }),
  };
  const bus = new FakeBus();
  const resolver = new SessionResolver(rpc as never, bus, { cacheTtlMs: 60_000, cacheMax: 100 });
  return { resolver, bus, calls };
}

describe('SessionResolver', () => {
  it('answers a repeated credential from memory', async () => {
    const { resolver, calls } = setup({ a: resolved('s1', 'u1') });
    await resolver.onModuleInit();
    await resolver.resolve({ kind: 'session', token: 'a' });
    await resolver.resolve({ kind: 'session', token: 'a' });
    expect(calls).toEqual(['a']);
    expect(resolver.stats()).toMatchObject({ hits: 1, misses: 1 });
  });

  it('coalesces concurrent misses for one credential into one request', async () => {
    const { resolver, calls } = setup({ a: resolved('s1', 'u1') });
    await Promise.all([1, 2, 3].map(() => resolver.resolve({ kind: 'session', token: 'a' })));
    expect(calls).toEqual(['a']);
  });

  it('never caches an unknown credential or one past its cacheUntil', async () => {
    const { resolver, calls } = setup({ stale: resolved('s1', 'u1', Date.now() - 1) });
    expect(await resolver.resolve({ kind: 'session', token: 'nope' })).toBeNull();
    await resolver.resolve({ kind: 'session', token: 'nope' });
    await resolver.resolve({ kind: 'session', token: 'stale' });
    await resolver.resolve({ kind: 'session', token: 'stale' });
    expect(calls).toEqual(['nope', 'nope', 'stale', 'stale']);
  });

  it('drops a revoked session, and every session of a revoked user, on the broadcast', async () => {
    const { resolver, bus, calls } = setup({ a: resolved('s1', 'u1'), b: resolved('s2', 'u1'), c: resolved('s3', 'u2') });
    await resolver.onModuleInit();
    for (const token of ['a', 'b', 'c']) await resolver.resolve({ kind: 'session', token });
    bus.handler?.({ sessionIds: ['s1'] });
    await resolver.resolve({ kind: 'session', token: 'a' });
    await resolver.resolve({ kind: 'session', token: 'b' });
    expect(calls.slice(3)).toEqual(['a']);
    bus.handler?.({ userId: 'u1' });
    for (const token of ['a', 'b', 'c']) await resolver.resolve({ kind: 'session', token });
    expect(calls.slice(4)).toEqual(['a', 'b']);
  });

  it('does not cache an answer that was in flight when a revocation arrived', async () => {
    let release!: () => void;
    const rpc = {
      send: jest.fn(async () => {
        await new Promise<void>((done) => (release = done));
        return resolved('s1', 'u1');
      }),
    };
    const bus = new FakeBus();
    const resolver = new SessionResolver(rpc as never, bus, { cacheTtlMs: 60_000, cacheMax: 100 });
    await resolver.onModuleInit();
    const pending = resolver.resolve({ kind: 'session', token: 'a' });
    await new Promise((next) => setImmediate(next));
    bus.handler?.({ sessionIds: ['s1'] });
    release();
    await pending;
    expect(resolver.stats().size).toBe(0);
  });

  it('drops everything it holds when the broadcast link comes back (revocations may have been missed)', async () => {
    const { resolver, bus, calls } = setup({ a: resolved('s1', 'u1'), b: resolved('s2', 'u2') });
    await resolver.onModuleInit();
    for (const token of ['a', 'b']) await resolver.resolve({ kind: 'session', token });
    bus.reconnected?.();
    expect(resolver.stats().size).toBe(0);
    for (const token of ['a', 'b']) await resolver.resolve({ kind: 'session', token });
    expect(calls).toEqual(['a', 'b', 'a', 'b']);
  });

  it('ignores malformed broadcasts', async () => {
    const { resolver, bus } = setup({ a: resolved('s1', 'u1') });
    await resolver.onModuleInit();
    await resolver.resolve({ kind: 'session', token: 'a' });
    bus.handler?.(undefined);
    bus.handler?.('garbage');
    expect(resolver.stats().size).toBe(1);
  });
});
