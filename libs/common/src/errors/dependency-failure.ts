import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';

/** Seconds a client is told to wait when a dependency is down. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

/** Socket-level failures (Node's codes) and SQLSTATE classes 08 (connection) and 57P (server going away). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const SQLSTATE_UNAVAILABLE = /^(08|57P0[1-3])/;
/** ioredis, MikroORM/knex and pg failures that mean "the server is not there", by class name. */
const UNAVAILABLE_NAMES = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError', 'ConnectionException', 'KnexTimeoutError']);
/** The same, for libraries that throw a plain Error with a known message (MikroORM prefixes the SQL). */
const UNAVAILABLE_MESSAGES =
  /Connection is closed\.|Command timed out|Stream isn't writeable|Connection terminated|Timeout acquiring a connection|connect ECONNREFUSED|read ECONNRESET|write EPIPE/;
/** Redis replies that mean "not now" rather than "wrong". */
const UNAVAILABLE_REPLIES = /^(LOADING|MASTERDOWN|READONLY|CLUSTERDOWN|TRYAGAIN|BUSY) /;

function looksUnavailable(error: object): boolean {
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  if (typeof name === 'string' && UNAVAILABLE_NAMES.has(name)) return true;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE_UNAVAILABLE.test(code))) return true;
  return typeof message === 'string' && (UNAVAILABLE_MESSAGES.test(message) || UNAVAILABLE_REPLIES.test(message));
}

/**
 * Recognises an outage of Redis or the database (by error name, code or message, so libs/common needs
 * neither ioredis nor the ORM) and answers it as Unavailable (503 with Retry-After) instead of Internal:
 * an outage is not a bug, and the client should come back. Follows `cause` chains (driver errors wrap).
 */
export function dependencyFailure(error: unknown): DomainError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if (looksUnavailable(current)) {
      return new DomainError(ErrorCode.Unavailable, 'A dependency is unavailable; try again shortly', DEPENDENCY_RETRY_AFTER_SECONDS);
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
