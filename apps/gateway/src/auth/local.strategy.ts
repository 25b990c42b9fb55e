import { LoginResult } from '@app/common';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { AuthServiceClient } from '../clients/auth-service.client';
import { clientInfoOf } from '../http/gateway-request';

/** Username and password, checked by the auth-service (which also throttles and creates the session). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthServiceClient) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true, session: false });
  }

  validate(request: FastifyRequest, username: string, password: string): Promise<LoginResult> {
    const body = request.body as { remember?: boolean };
    return this.auth.login({ username, password, remember: body.remember === true, client: clientInfoOf(request) });
  }
}
