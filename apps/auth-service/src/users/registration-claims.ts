import { RedisClient, generateToken, hashToken } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { REDIS } from '../redis/redis.module';

/** Deletes a claim only while it is still ours (a claim that expired may have been taken by another). */
const RELEASE_CLAIM = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** A username (and email) held by one registration in progress. */
export interface RegistrationClaim {
  keys: string[];
  owner: string;
}

/** Beyond the longest a registration can take (queue budget + transport timeout), in case a replica dies holding a claim. */
const CLAIM_MARGIN_MS = 5000;

/**
 * Registrations in progress, in Redis so every replica sees them: a registration first claims its
 * username and email (SET NX, one key each, so it works on a Cluster), and a name someone else is
 * registering at that moment is a Conflict without a bcrypt hash. A burst of registrations of one
 * name costs one hash. Keys hold only a SHA-256 of the name or address.
 */
@Injectable()
export class RegistrationClaims {
  private readonly ttlMs: number;
  private readonly release: (key: string, owner: string) => Promise<unknown>;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {
    this.ttlMs = config.bcrypt.queueBudgetMs + config.transportTimeoutMs + CLAIM_MARGIN_MS;
    redis.defineCommand('releaseRegistrationClaim', { numberOfKeys: 1, lua: RELEASE_CLAIM });
    const scripted = redis as unknown as { releaseRegistrationClaim: (key: string, owner: string) => Promise<unknown> };
    this.release = (key, owner) => scripted.releaseRegistrationClaim(key, owner);
  }

  /** Claims the username and the email (if any), or answers null, holding nothing, when either is being registered. */
  async claim(username: string, email: string | null): Promise<RegistrationClaim | null> {
    const claim: RegistrationClaim = { keys: [], owner: generateToken(16) };
    for (const key of [this.key('username', username), ...(email ? [this.key('email', email)] : [])]) {
      const taken = (await this.redis.set(key, claim.owner, 'PX', this.ttlMs, 'NX')) === null;
      if (taken) {
        await this.drop(claim);
        return null;
      }
      claim.keys.push(key);
    }
    return claim;
  }

  /** Ends a claim (the user exists now, or the registration failed). */
  async drop(claim: RegistrationClaim): Promise<void> {
    await Promise.all(claim.keys.map((key) => this.release(key, claim.owner)));
  }

  private key(kind: 'username' | 'email', value: string): string {
    return `${this.config.redisPrefix}registering:${kind}:${hashToken(`${kind}:${value}`)}`;
  }
}
