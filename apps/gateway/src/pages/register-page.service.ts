import { AUTH_RPC_CLIENT, AuthContract, AuthPatterns, DomainError, ErrorCode, RpcClient, strictValidationPipe } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CookieSessions } from '../auth/cookie-sessions';
import { RegisterDto } from '../auth/dto/register.dto';
import { clientInfoOf } from '../http/gateway-request';
import { Flash } from './flash';
import { formField } from './form-field';
import { LoginCsrf } from './login-csrf';
import { PageErrors } from './page-errors';
import { PageRenderer } from './page-renderer';

interface RegisterForm {
  username?: string;
  email?: string;
  errors?: string[];
}

/** The refusals the form shows with their messages (the rules' own words); anything else is the error page's. */
const REFUSED = new Set([ErrorCode.ValidationFailed, ErrorCode.Conflict]);

/** The same validation as the JSON POST /auth/register (RegisterDto through the strict pipe). */
const validation = strictValidationPipe();

/** The sign-up page. */
@Injectable()
export class RegisterPageService {
  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    private readonly sessions: CookieSessions,
    private readonly flash: Flash,
    private readonly loginCsrf: LoginCsrf,
    private readonly renderer: PageRenderer,
    private readonly errors: PageErrors,
  ) {}

  async showRegister(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (await this.sessions.authenticate(request)) {
      reply.redirect('/dashboard', 302);
      return;
    }
    this.renderer.render(reply, 'register', 200, { csrfToken: this.loginCsrf.issue(request, reply) });
  }

  /** The form was checked for login CSRF by LoginFormGuard. */
  async submitRegister(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const username = formField(request, 'username');
    const password = formField(request, 'password');
    const email = formField(request, 'email').trim();
    const fields = { username, password, ...(email ? { email } : {}) };
    try {
      await validation.transform(fields, { type: 'body', metatype: RegisterDto });
      await this.auth.send(AuthPatterns.Register, { ...fields, client: clientInfoOf(request) });
    } catch (error) {
      if (!(error instanceof DomainError) || !REFUSED.has(error.code)) throw error;
      const form: RegisterForm = { username, email, errors: ([] as string[]).concat(error.publicMessage) };
      return this.errors.form(reply, 'register', error, { ...form, csrfToken: this.loginCsrf.issue(request, reply) });
    }
    this.flash.set(reply, 'account-created');
    reply.redirect('/login', 303);
  }
}
