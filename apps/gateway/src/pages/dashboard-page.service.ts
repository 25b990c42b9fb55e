import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { AuthFlowService } from '../auth/auth-flow.service';
import { AuthServiceClient } from '../clients/auth-service.client';
import { RequestAuth } from '../http/gateway-request';
import { Flash } from './flash';
import { PageRenderer } from './page-renderer';

/** The dashboard: who you are, your sessions, and revoking them. */
@Injectable()
export class DashboardPageService {
  constructor(
    private readonly auth: AuthServiceClient,
    private readonly flow: AuthFlowService,
    private readonly flash: Flash,
    private readonly renderer: PageRenderer,
  ) {}

  async show(auth: RequestAuth, response: Response): Promise<void> {
    const { items } = await this.auth.listSessions({ credential: auth.credential });
    const { user, csrfToken } = auth.resolved;
    this.renderer.render(response, 'dashboard', 200, { user, csrfToken, sessions: items, isAdmin: user.roles.includes('admin') });
  }

  /** Revoking the session in use is a logout; any other one just disappears from the list. */
  async revoke(auth: RequestAuth, sessionId: string, response: Response): Promise<void> {
    await this.flow.revokeSession(auth, sessionId, response);
    if (sessionId !== auth.resolved.session.id) return response.redirect(303, '/dashboard');
    this.flash.set(response, 'logged-out');
    response.redirect(303, '/login');
  }
}
