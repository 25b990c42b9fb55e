import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { CookieSessions } from '../auth/cookie-sessions';
import { GatewayRequest } from '../http/gateway-request';
import { LoginRequiredError } from './login-required.error';

/**
 * Login required, for pages: like HttpAuthGuard (the same CookieSessions, so forms posted with the
 * cookie pass the same CSRF check), but without a session the browser is sent to the login page
 * instead of getting a 401.
 */
@Injectable()
export class PageAuthGuard implements CanActivate {
  constructor(private readonly cookieSessions: CookieSessions) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const auth = await this.cookieSessions.authenticate(request);
    if (!auth) throw LoginRequiredError.of(request);
    request.auth = auth;
    return true;
  }
}
