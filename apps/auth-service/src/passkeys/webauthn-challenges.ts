import { RedisClient, hashToken } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { REDIS } from '../redis/redis.module';

/** How long a WebAuthn challenge can be answered. */
export const CHALLENGE_TTL_SECONDS = 5 * 60;

/** What a challenge was issued for: adding a passkey to one session's user, or signing in (anyone). */
export type ChallengePurpose = { kind: 'registration'; userId: string; sessionId: string } | { kind: 'authentication' };

/** The key of a challenge: only its SHA-256 is stored, so a Redis dump holds nothing a browser could answer. */
export function challengeKey(prefix: string, challenge: string): string {
  return `${prefix}webauthn:challenge:${hashToken(challenge)}`;
}

/**
 * WebAuthn challenges in Redis for 5 minutes, each taken once (GETDEL): a second answer to the same
 * challenge finds nothing, on any replica.
 */
@Injectable()
export class WebAuthnChallenges {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  async remember(challenge: string, purpose: ChallengePurpose): Promise<void> {
    await this.redis.set(challengeKey(this.config.redisPrefix, challenge), JSON.stringify(purpose), 'EX', CHALLENGE_TTL_SECONDS);
  }

  /** What the challenge was issued for, removing it; null when it is unknown, expired or already taken. */
  async take(challenge: string): Promise<ChallengePurpose | null> {
    const stored = await this.redis.getdel(challengeKey(this.config.redisPrefix, challenge));
    return stored ? (JSON.parse(stored) as ChallengePurpose) : null;
  }
}
