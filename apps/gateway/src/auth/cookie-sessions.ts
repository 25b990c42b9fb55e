import { Credential, SessionResolver } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RequestAuth } from '../http/gateway-request';
import { CsrfCheck } from './csrf-check';
import { UNSAFE_METHODS } from './csrf';
import { SessionCookie } from './session-cookie';

/**
 * "Which live session does this browser's `sid` cookie name?", for the JSON API, the pages and logout
 * alike. An unsafe request riding on the cookie must also pass the CSRF check, so no route that
 * authenticates with the cookie can forget it.
 */
@Injectable()
export class CookieSessions {
  constructor(
    private readonly resolver: SessionResolver,
    private readonly cookie: SessionCookie,
    private readonly csrf: CsrfCheck,
  ) {}

  /** The live session behind the cookie, or null (no cookie, or one that names no live session). */
  async authenticate(request: FastifyRequest): Promise<RequestAuth | null> {
    const token = this.cookie.read(request);
    if (!token) return null;
    const credential: Credential = { kind: 'session', token };
    const resolved = await this.resolver.resolve(credential);
    if (!resolved) return null;
    if (UNSAFE_METHODS.has(request.method)) this.csrf.verify(request, resolved.csrfToken);
    return { credential, resolved };
  }
}
