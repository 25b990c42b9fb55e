import { DomainError, ErrorCode, validationMessages } from '@app/common';
import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import { LoginDto } from './dto/login.dto';

/**
 * passport-local for POST /auth/login. Guards run before pipes, so the body is validated here first:
 * a malformed login is a 400, not passport's "missing credentials" 401.
 */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const dto = plainToInstance(LoginDto, request.body ?? {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
    if (errors.length) throw new DomainError(ErrorCode.ValidationFailed, validationMessages(errors));
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error) throw error;
    if (!user) throw new DomainError(ErrorCode.InvalidCredentials, 'Invalid username or password');
    return user;
  }
}
