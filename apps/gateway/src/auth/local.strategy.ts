import { AUTH_RPC_CLIENT, AuthContract, AuthPatterns, LoginResult, RpcClient } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { clientInfoOf } from '../http/gateway-request';

/** Username and password, checked by the auth-service (which also throttles and creates the session). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(@Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true, session: false });
  }

  validate(request: FastifyRequest, username: string, password: string): Promise<LoginResult> {
    const body = request.body as { remember?: boolean };
    return this.auth.send(AuthPatterns.Login, { username, password, remember: body.remember === true, client: clientInfoOf(request) });
  }
}
