/*
 * The Redis keys of reset and verification tokens (P = REDIS_PREFIX). A key is named by the token's
 * SHA-256, never the token; each command touches one key, so each works on a Redis Cluster as is.
 * - `P reset:{hash}`          string: the reset token's subject (JSON), TTL PASSWORD_RESET_TTL_SECONDS
 * - `P reset-latest:{userId}` string: the hash of the user's newest reset token (older ones are void)
 * - `P verify:{hash}`         string: the verification token's subject (JSON), TTL EMAIL_VERIFICATION_TTL_SECONDS
 */

/** What a token was issued for: reset tokens and verification tokens. */
export type AccountTokenKind = 'reset' | 'verify';

/** The key of one token, by its hash. */
export function accountTokenKey(prefix: string, kind: AccountTokenKind, tokenHash: string): string {
  return `${prefix}${kind}:{${tokenHash}}`;
}

/** The key holding the hash of a user's newest reset token. */
export function latestResetKey(prefix: string, userId: string): string {
  return `${prefix}reset-latest:{${userId}}`;
}
