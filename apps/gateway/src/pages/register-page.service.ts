import { AUTH_RPC_CLIENT, AuthContract, AuthPatterns, DomainError, ErrorCode, RpcClient, validationMessages } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RegisterDto } from '../auth/dto/register.dto';
import { clientInfoOf } from '../http/gateway-request';
import { Flash } from './flash';
import { formField } from './form-field';
import { LoginCsrf } from './login-csrf';
import { PageRenderer } from './page-renderer';
import { PageSessionService } from './page-session.service';

interface RegisterForm {
  username?: string;
  email?: string;
  errors?: string[];
}

/** The sign-up page. */
@Injectable()
export class RegisterPageService {
  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    private readonly sessions: PageSessionService,
    private readonly flash: Flash,
    private readonly loginCsrf: LoginCsrf,
    private readonly renderer: PageRenderer,
  ) {}

  async showRegister(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (await this.sessions.current(request)) {
      reply.redirect('/dashboard', 302);
      return;
    }
    this.renderForm(request, reply, 200, {});
  }

  async submitRegister(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    this.loginCsrf.verify(request);
    const username = formField(request, 'username');
    const password = formField(request, 'password');
    const email = formField(request, 'email').trim();
    const fields = { username, password, ...(email ? { email } : {}) };
    const form: RegisterForm = { username, email };
    const invalid = await validate(plainToInstance(RegisterDto, fields), { forbidUnknownValues: true });
    if (invalid.length) return this.renderForm(request, reply, 400, { ...form, errors: validationMessages(invalid) });
    try {
      await this.auth.send(AuthPatterns.Register, { ...fields, client: clientInfoOf(request) });
    } catch (error) {
      const refused = error instanceof DomainError && (error.code === ErrorCode.Conflict || error.code === ErrorCode.ValidationFailed);
      if (!refused) throw error;
      const status = error.code === ErrorCode.Conflict ? 409 : 400;
      return this.renderForm(request, reply, status, { ...form, errors: ([] as string[]).concat(error.publicMessage) });
    }
    this.flash.set(reply, 'account-created');
    reply.redirect('/login', 303);
  }

  private renderForm(request: FastifyRequest, reply: FastifyReply, status: number, form: RegisterForm): void {
    this.renderer.render(reply, 'register', status, { ...form, csrfToken: this.loginCsrf.issue(request, reply) });
  }
}
