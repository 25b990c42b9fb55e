import { Credential, SessionResolver } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { SessionCookie } from '../auth/session-cookie';
import { RequestAuth } from '../http/gateway-request';

/** "Is this browser logged in?" for the pages: the `sid` cookie only (pages are never called with a bearer token). */
@Injectable()
export class PageSessionService {
  constructor(
    private readonly resolver: SessionResolver,
    private readonly cookie: SessionCookie,
  ) {}

  /** The live session behind the cookie, or null (no cookie, or one that names no live session). */
  async current(request: FastifyRequest): Promise<RequestAuth | null> {
    const token = this.cookie.read(request);
    if (!token) return null;
    const credential: Credential = { kind: 'session', token };
    const resolved = await this.resolver.resolve(credential);
    return resolved ? { credential, resolved } : null;
  }
}
