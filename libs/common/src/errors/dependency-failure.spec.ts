import { dependencyFailure } from './dependency-failure';
import { ErrorCode } from './error-code';

function named(name: string, message = 'x', extra: Record<string, unknown> = {}): Error {
  const error = new Error(message);
  error.name = name;
  return Object.assign(error, extra);
}

describe('dependencyFailure', () => {
  it.each([
    ['an ioredis retry limit', named('MaxRetriesPerRequestError', 'Reached the max retries per request limit')],
    ['an ioredis closed connection', new Error('Connection is closed.')],
    ['an ioredis command timeout', new Error('Command timed out')],
    ['an ioredis offline command', new Error("Stream isn't writeable and enableOfflineQueue options is false")],
    ['a Redis still loading its data', named('ReplyError', 'LOADING Redis is loading the dataset in memory')],
    ['a refused socket', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a reset socket', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a MikroORM connection exception', named('ConnectionException')],
    ['a PostgreSQL shutting down', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a pg connection terminated', new Error('Connection terminated unexpectedly')],
    ['a knex pool timeout', named('KnexTimeoutError', 'Knex: Timeout acquiring a connection. The pool is probably full.')],
    ['a wrapped cause', new Error('query failed', { cause: Object.assign(new Error('boom'), { code: 'ECONNREFUSED' }) })],
  ])('answers %s as Unavailable with Retry-After', (_name, error) => {
    const translated = dependencyFailure(error);
    expect(translated?.code).toBe(ErrorCode.Unavailable);
    expect(translated?.retryAfterSeconds).toBeGreaterThan(0);
    expect(translated?.publicMessage).not.toMatch(/ECONN|redis|5432|terminated/i);
  });

  it.each([
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a wrong Redis type', named('ReplyError', 'WRONGTYPE Operation against a key holding the wrong kind of value')],
    ['a unique violation', Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })],
    ['a string', 'oops'],
    ['null', null],
  ])('leaves %s alone (it stays Internal)', (_name, error) => {
    expect(dependencyFailure(error)).toBeUndefined();
  });
});
