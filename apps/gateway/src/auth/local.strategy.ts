import { LoginOutcome } from '@app/common';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { AuthFlowService } from './auth-flow.service';
import { LoginDto } from './dto/login.dto';

/** passport-local, thin: username and password become the one login call (the auth-service checks and throttles them). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly flow: AuthFlowService) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true, session: false });
  }

  validate(request: FastifyRequest, username: string, password: string): Promise<LoginOutcome> {
    // The body is a LoginDto the validation pipe has already checked (see LocalLogin).
    return this.flow.login(request, { username, password, remember: (request.body as LoginDto).remember });
  }
}
