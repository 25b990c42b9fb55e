import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AuthFlowService } from '../../auth/auth-flow.service';
import { SessionCommands } from '../../auth/session-commands';
import { RequestAuth } from '../../http/gateway-request';
import { Flash } from '../flash';

/** The account page's session forms: revoke one, and "sign out everywhere else". */
@Injectable()
export class AccountSessionsService {
  constructor(
    private readonly flow: AuthFlowService,
    private readonly commands: SessionCommands,
    private readonly flash: Flash,
  ) {}

  /** Revoking the session in use is a logout; any other one just disappears from the list. */
  async revoke(auth: RequestAuth, sessionId: string, reply: FastifyReply): Promise<void> {
    await this.flow.revokeSession(auth, sessionId, reply);
    if (sessionId !== auth.resolved.session.id) {
      this.flash.set(reply, 'session-revoked');
      reply.redirect('/account', 303);
      return;
    }
    this.flash.set(reply, 'logged-out');
    reply.redirect('/login', 303);
  }

  async revokeOthers(auth: RequestAuth, reply: FastifyReply): Promise<void> {
    await this.commands.revokeOtherSessions(auth);
    this.flash.set(reply, 'other-sessions-revoked');
    reply.redirect('/account', 303);
  }
}
