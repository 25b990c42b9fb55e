import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CsrfCheck } from './csrf-check';

/** Refuses a cross-site request before anything else runs: the JSON login (login CSRF: no form on another site may log a browser in). */
@Injectable()
export class SameOriginGuard implements CanActivate {
  constructor(private readonly csrf: CsrfCheck) {}

  canActivate(context: ExecutionContext): boolean {
    this.csrf.verify(context.switchToHttp().getRequest<FastifyRequest>(), null);
    return true;
  }
}
