import { DomainError, ErrorCode } from '@app/common';
import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

/** Runs the passport-jwt strategy; any failure is the same 401. */
@Injectable()
export class BearerGuard extends AuthGuard('jwt') {
  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error instanceof DomainError && error.code === ErrorCode.Unavailable) throw error;
    if (error || !user) throw new DomainError(ErrorCode.Unauthenticated, 'Invalid or expired access token');
    return user;
  }
}
