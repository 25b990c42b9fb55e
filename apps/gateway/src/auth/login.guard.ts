import { DomainError, ErrorCode, validationMessages } from '@app/common';
import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { assertSameOrigin } from './csrf';
import { LoginDto } from './dto/login.dto';

/**
 * passport-local for POST /auth/login. Guards run before pipes, so the body is validated here first:
 * a malformed login is a 400, not passport's "missing credentials" 401. A cross-site login is refused
 * (login CSRF: a form on another site must not log the browser in as someone else).
 */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    assertSameOrigin(request, this.config.allowedOrigins);
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
