import { generateToken, hashToken } from '@app/common';
import Redis from 'ioredis';
import { loadAuthConfig } from '../config/auth.config';
import { ReplicatedWrites } from '../redis/replicated-writes';
import { accountTokenKey, latestResetKey } from './account-token-keys';
import { AccountTokens } from './account-tokens';

// The token store against the machine's real Redis, under a key prefix of this test's own.
const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `unit-${generateToken(6)}:`;
const config = loadAuthConfig({ REDIS_PREFIX: prefix, PASSWORD_RESET_TTL_SECONDS: '600', EMAIL_VERIFICATION_TTL_SECONDS: '900' });
const tokens = new AccountTokens(redis, config, new ReplicatedWrites(redis, config));
const subject = (userId: string) => ({ userId, email: `${userId}@example.com` });

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('AccountTokens', () => {
  it('issues 256-bit base64url tokens and keeps only their SHA-256, with the configured lifetimes', async () => {
    const reset = await tokens.issueReset(subject('u1'));
    const verify = await tokens.issueVerification(subject('u1'));
    for (const token of [reset, verify]) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const keys = await redis.keys(`${prefix}*`);
    expect(keys.filter((key) => key.includes(reset) || key.includes(verify))).toEqual([]);
    expect(await redis.ttl(accountTokenKey(prefix, 'reset', hashToken(reset)))).toBeGreaterThan(590);
    expect(await redis.ttl(accountTokenKey(prefix, 'verify', hashToken(verify)))).toBeGreaterThan(890);
    expect(await redis.ttl(accountTokenKey(prefix, 'verify', hashToken(verify)))).toBeLessThanOrEqual(900);
  });

  it('peeks a reset token without spending it, then spends it once', async () => {
    const token = await tokens.issueReset(subject('u2'));
    expect(await tokens.peekReset(token)).toEqual(subject('u2'));
    expect(await tokens.peekReset(token)).toEqual(subject('u2'));
    expect(await tokens.takeReset(token)).toEqual(subject('u2'));
    expect(await tokens.takeReset(token)).toBeNull();
    expect(await tokens.peekReset(token)).toBeNull();
    expect(await redis.exists(latestResetKey(prefix, 'u2'))).toBe(0);
  });

  it('voids the older reset tokens of a user when a newer one is issued, not those of another user', async () => {
    const older = await tokens.issueReset(subject('u3'));
    const other = await tokens.issueReset(subject('u4'));
    const newer = await tokens.issueReset(subject('u3'));
    expect(await tokens.peekReset(older)).toBeNull();
    expect(await tokens.takeReset(older)).toBeNull();
    expect(await tokens.takeReset(newer)).toEqual(subject('u3'));
    expect(await tokens.takeReset(other)).toEqual(subject('u4'));
  });

  it('lets exactly one of many parallel takes of one token win', async () => {
    const reset = await tokens.issueReset(subject('u5'));
    const verify = await tokens.issueVerification(subject('u5'));
    const resets = await Promise.all(Array.from({ length: 20 }, () => tokens.takeReset(reset)));
    const verifies = await Promise.all(Array.from({ length: 20 }, () => tokens.takeVerification(verify)));
    expect(resets.filter(Boolean)).toHaveLength(1);
    expect(verifies.filter(Boolean)).toHaveLength(1);
  });

  it('answers null for malformed, unknown and cross-kind tokens without touching Redis for the malformed', async () => {
    const verify = await tokens.issueVerification(subject('u6'));
    expect(await tokens.takeReset(verify)).toBeNull();
    for (const token of ['', 'short', `${'A'.repeat(42)}=`, 'A'.repeat(44), generateToken()]) {
      expect(await tokens.takeReset(token)).toBeNull();
      expect(await tokens.takeVerification(token)).toBeNull();
      expect(await tokens.peekReset(token)).toBeNull();
    }
    expect(await tokens.takeVerification(verify)).toEqual(subject('u6'));
  });

  it('does the work of an issue without writing anything (the forgot-password dummy path)', async () => {
    const before = (await redis.keys(`${prefix}*`)).length;
    await tokens.issueNothing();
    expect((await redis.keys(`${prefix}*`)).length).toBe(before);
  });
});
