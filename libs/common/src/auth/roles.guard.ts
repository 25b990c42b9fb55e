import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { callerOf } from './authenticated-user';
import { ROLES_KEY } from './roles.decorator';

/** Allows the handler only when the attached caller holds one of the @Roles(); runs after an auth guard. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!required || required.length === 0) return true;
    const caller = callerOf(context);
    if (!caller) throw new DomainError(ErrorCode.Unauthenticated, 'Authentication required');
    if (!required.some((role) => caller.roles.includes(role))) {
      throw new DomainError(ErrorCode.Forbidden, 'You do not have permission to do this');
    }
    return true;
  }
}
