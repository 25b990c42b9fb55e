import { AUTH_RPC_CLIENT, AuthContract, AuthPatterns, RpcClient } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AuthFlowService } from '../auth/auth-flow.service';
import { RequestAuth } from '../http/gateway-request';
import { Flash } from './flash';
import { PageRenderer } from './page-renderer';

/** The dashboard: who you are, your sessions, and revoking them. */
@Injectable()
export class DashboardPageService {
  constructor(
    @Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>,
    private readonly flow: AuthFlowService,
    private readonly flash: Flash,
    private readonly renderer: PageRenderer,
  ) {}

  async show(auth: RequestAuth, reply: FastifyReply): Promise<void> {
    const { items } = await this.auth.send(AuthPatterns.ListSessions, { credential: auth.credential });
    const { user, csrfToken } = auth.resolved;
    this.renderer.render(reply, 'dashboard', 200, { user, csrfToken, sessions: items, isAdmin: user.roles.includes('admin') });
  }

  /** Revoking the session in use is a logout; any other one just disappears from the list. */
  async revoke(auth: RequestAuth, sessionId: string, reply: FastifyReply): Promise<void> {
    await this.flow.revokeSession(auth, sessionId, reply);
    if (sessionId !== auth.resolved.session.id) {
      reply.redirect('/dashboard', 303);
      return;
    }
    this.flash.set(reply, 'logged-out');
    reply.redirect('/login', 303);
  }
}
