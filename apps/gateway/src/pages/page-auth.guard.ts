import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { UNSAFE_METHODS, assertCsrfToken, assertSameOrigin } from '../auth/csrf';
import { GatewayRequest } from '../http/gateway-request';
import { LoginRequiredError } from './login-required.error';
import { PageSessionService } from './page-session.service';

/**
 * Login required, for pages: like HttpAuthGuard, but without a session the browser is sent to the
 * login page instead of getting a 401. Forms posted with the cookie must pass the origin check and
 * carry the session's CSRF token in `_csrf`.
 */
@Injectable()
export class PageAuthGuard implements CanActivate {
  constructor(
    private readonly sessions: PageSessionService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const auth = await this.sessions.current(request);
    if (!auth) throw LoginRequiredError.of(request);
    if (UNSAFE_METHODS.has(request.method)) {
      assertSameOrigin(request, this.config.allowedOrigins);
      assertCsrfToken(request, auth.resolved.csrfToken);
    }
    request.auth = auth;
    return true;
  }
}
