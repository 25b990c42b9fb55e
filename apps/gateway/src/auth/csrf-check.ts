import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { assertCsrfToken, assertSameOrigin } from './csrf';

/**
 * The one CSRF decision for an unsafe request a browser may have been made to send: the browser's own
 * word on where it came from first (Origin, Sec-Fetch-Site), then the token the route expects. Called
 * from one place per kind of route: the cookie-session routes (CookieSessions), the forms before a
 * session (LoginFormGuard), and the JSON login, which has no token yet (SameOriginGuard).
 */
@Injectable()
export class CsrfCheck {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  /** `expected`: the token to find in X-CSRF-Token or `_csrf`, or null for the origin check alone. */
  verify(request: FastifyRequest, expected: string | null, refusal?: string): void {
    assertSameOrigin(request, this.config.allowedOrigins);
    if (expected !== null) assertCsrfToken(request, expected, refusal);
  }
}
