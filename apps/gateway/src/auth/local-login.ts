import { DomainError, ErrorCode, LoginOutcome } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import passport from 'passport';

/**
 * Runs passport-local from the login handler. Nest runs guards before pipes, so passport in a guard
 * would see the body before the validation pipe had: called from the handler, it runs after the pipe
 * has checked the body against LoginDto (a malformed login is that pipe's 400, never a hand-made one).
 */
@Injectable()
export class LocalLogin {
  authenticate(request: FastifyRequest, reply: FastifyReply): Promise<LoginOutcome> {
    return new Promise((resolve, reject) => {
      const done = (error: unknown, result: LoginOutcome | false): void => {
        if (error) reject(error);
        else if (result) resolve(result);
        else reject(new DomainError(ErrorCode.InvalidCredentials, 'Invalid username or password'));
      };
      passport.authenticate('local', { session: false }, done)(request, reply, reject);
    });
  }
}
