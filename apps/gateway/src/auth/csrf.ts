import { DomainError, ErrorCode, constantTimeEquals } from '@app/common';
import type { FastifyRequest } from 'fastify';
import { headerOf } from '../http/gateway-request';

export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The browser's own word on where an unsafe request came from: a cross-site Sec-Fetch-Site, or an
 * Origin that is not one of `allowedOrigins` (PUBLIC_BASE_URL's and ALLOWED_ORIGINS), is refused before
 * any token is looked at. Never compared with the request's Host: under DNS rebinding, a page on
 * evil.example reaches this gateway with `Host: evil.example` and `Origin: http://evil.example`.
 */
export function assertSameOrigin(request: FastifyRequest, allowedOrigins: readonly string[]): void {
  if (headerOf(request, 'sec-fetch-site') === 'cross-site') {
    throw new DomainError(ErrorCode.CsrfFailed, 'Cross-site request refused');
  }
  const origin = headerOf(request, 'origin');
  // No Origin: not a browser's cross-site request (browsers send one with every unsafe request).
  if (origin === undefined || origin === '') return;
  if (!allowedOrigins.includes(origin)) throw new DomainError(ErrorCode.CsrfFailed, 'Cross-site request refused');
}

const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;

/**
 * The CSRF token an unsafe request carries: header X-CSRF-Token, or the field `_csrf` of an HTML form.
 * A JSON body's `_csrf` does not count: JSON APIs take the header only, so a token that leaked into some
 * JSON document cannot be replayed inside a body.
 */
export function presentedCsrfToken(request: FastifyRequest): string | undefined {
  const header = headerOf(request, 'x-csrf-token');
  if (header) return header;
  if (!FORM_TYPE.test(headerOf(request, 'content-type') ?? '')) return undefined;
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
