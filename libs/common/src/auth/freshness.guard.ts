import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { callerOf } from './authenticated-user';
import { REQUIRE_FRESH_KEY } from './require-fresh.decorator';

/**
 * Allows a @RequireFresh() handler only while the caller's session is fresh (`freshUntil`, computed by
 * the auth-service from the last credential check); else ReauthRequired. Runs after an auth guard.
 */
@Injectable()
export class FreshnessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<boolean | undefined>(REQUIRE_FRESH_KEY, [context.getHandler(), context.getClass()]);
    if (!required) return true;
    const caller = callerOf(context);
    if (!caller) throw new DomainError(ErrorCode.Unauthenticated, 'Authentication required');
    // Fail closed: a resolution without a number here (an older auth-service mid-deploy) is not fresh.
    const fresh = typeof caller.freshUntil === 'number' && caller.freshUntil > Date.now();
    if (!fresh) {
      throw new DomainError(ErrorCode.ReauthRequired, 'This needs a recent sign-in: confirm your password first');
    }
    return true;
  }
}
