import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { LoginCsrf } from './login-csrf';

/** The forms posted before there is a session (login, register): the login CSRF token must match its cookie. */
@Injectable()
export class LoginFormGuard implements CanActivate {
  constructor(private readonly loginCsrf: LoginCsrf) {}

  canActivate(context: ExecutionContext): boolean {
    this.loginCsrf.verify(context.switchToHttp().getRequest<FastifyRequest>());
    return true;
  }
}
