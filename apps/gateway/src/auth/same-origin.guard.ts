import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CsrfCheck } from './csrf-check';

/**
 * Refuses a cross-site browser request (403) before anything else runs, on every unauthenticated
 * state-changing route (register, login, token, and the password forgot/reset routes): no page on
 * another site may log a browser in, create an account or spend a password. Use it as
 * `@UseGuards(SameOriginGuard)`; AuthModule exports it. Routes with a session use CookieSessions instead.
 */
@Injectable()
export class SameOriginGuard implements CanActivate {
  constructor(private readonly csrf: CsrfCheck) {}

  canActivate(context: ExecutionContext): boolean {
    this.csrf.verify(context.switchToHttp().getRequest<FastifyRequest>(), null);
    return true;
  }
}
