import { AuthPatterns } from './auth.patterns';

/** The auth-service patterns whose handling runs bcrypt, and so may wait in its login queue. */
export const PASSWORD_HASHING_PATTERNS: readonly string[] = [
  AuthPatterns.Register,
  AuthPatterns.Login,
  AuthPatterns.PasswordGrant,
  AuthPatterns.ChangePassword,
  AuthPatterns.Reauthenticate,
];

/**
 * Per-pattern timeouts for a caller of the auth-service: a message that hashes a password may wait up
 * to the login queue's budget before its hash starts, so it gets that budget on top of the transport
 * timeout as its whole bound. While it waits the auth-service sends receipts (RECEIPT), and each gap
 * between replies stays bounded by the transport timeout: a lost message fails as fast as any other.
 */
export function passwordHashingTimeouts(transportTimeoutMs: number, queueBudgetMs: number): Record<string, number> {
  return Object.fromEntries(PASSWORD_HASHING_PATTERNS.map((pattern) => [pattern, transportTimeoutMs + queueBudgetMs]));
}
