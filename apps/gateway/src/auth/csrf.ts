import { DomainError, ErrorCode, constantTimeEquals } from '@app/common';
import type { FastifyRequest } from 'fastify';
import { headerOf } from '../http/gateway-request';

export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The browser's own word on where an unsafe request came from: a cross-site Sec-Fetch-Site, or an
 * Origin that is neither this gateway nor an allowed one, is refused before any token is looked at.
 */
export function assertSameOrigin(request: FastifyRequest, allowedOrigins: readonly string[]): void {
  if (headerOf(request, 'sec-fetch-site') === 'cross-site') {
    throw new DomainError(ErrorCode.CsrfFailed, 'Cross-site request refused');
  }
  const origin = headerOf(request, 'origin');
  if (!origin || origin === 'null') {
    if (origin === 'null') throw new DomainError(ErrorCode.CsrfFailed, 'Cross-site request refused');
    return;
  }
  const own = `${request.protocol}://${headerOf(request, 'host')}`;
  if (origin !== own && !allowedOrigins.includes(origin)) {
    throw new DomainError(ErrorCode.CsrfFailed, 'Cross-site request refused');
  }
}

/** The CSRF token an unsafe request carries: header X-CSRF-Token, or form field `_csrf`. */
export function presentedCsrfToken(request: FastifyRequest): string | undefined {
  const header = headerOf(request, 'x-csrf-token');
  if (header) return header;
  const field: unknown = (request.body as Record<string, unknown> | undefined)?._csrf;
  return typeof field === 'string' ? field : undefined;
}

/** Refuses an unsafe request whose CSRF token is missing or is not `expected` (compared in constant time). */
export function assertCsrfToken(request: FastifyRequest, expected: string, refusal = 'Missing or invalid CSRF token'): void {
  const presented = presentedCsrfToken(request);
  if (!presented || !expected || !constantTimeEquals(presented, expected)) {
    throw new DomainError(ErrorCode.CsrfFailed, refusal);
  }
}
