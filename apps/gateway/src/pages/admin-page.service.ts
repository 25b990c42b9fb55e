import { ADMIN_RPC_CLIENT, AdminContract, AdminPatterns, AuditEventView, DomainError, ErrorCode, RpcClient } from '@app/common';
import { Inject, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SessionCommands } from '../auth/session-commands';
import { RequestAuth, clientInfoOf } from '../http/gateway-request';
import { formField } from './form-field';
import { PageRenderer } from './page-renderer';

const USERS_SHOWN = 100;
const EVENTS_SHOWN = 25;

/** The admin page: users with enable/disable, and the latest audit events. */
@Injectable()
export class AdminPageService {
  constructor(
    @Inject(ADMIN_RPC_CLIENT) private readonly admin: RpcClient<AdminContract>,
    private readonly commands: SessionCommands,
    private readonly renderer: PageRenderer,
  ) {}

  async show(auth: RequestAuth, reply: FastifyReply): Promise<void> {
    AdminPageService.assertAdmin(auth);
    const { credential, resolved } = auth;
    const [users, audit] = await Promise.all([
      this.admin.send(AdminPatterns.ListUsers, { credential, limit: USERS_SHOWN }),
      this.admin.send(AdminPatterns.ListAudit, { credential, limit: EVENTS_SHOWN }),
    ]);
    const names = new Map(users.items.map((user) => [user.id, user.username]));
    const nameOf = (id: string | null): string => (id ? (names.get(id) ?? id) : '—');
    const events = audit.items.map((event: AuditEventView) => ({ ...event, subject: nameOf(event.userId), actor: nameOf(event.actorId) }));
    this.renderer.render(reply, 'admin', 200, {
      user: resolved.user,
      csrfToken: resolved.csrfToken,
      isAdmin: true,
      users: users.items,
      moreUsers: users.nextCursor !== null,
      events,
    });
  }

  /** Enables or disables a user (the admin-service re-checks the role and refuses self-disabling). */
  async setActive(auth: RequestAuth, userId: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    AdminPageService.assertAdmin(auth);
    if (!isUUID(userId)) throw new DomainError(ErrorCode.NotFound, 'No such user');
    const field = formField(request, 'active');
    if (field !== 'true' && field !== 'false') throw new DomainError(ErrorCode.ValidationFailed, 'active must be "true" or "false"');
    await this.commands.updateUser(auth, userId, { active: field === 'true' }, clientInfoOf(request));
    reply.redirect('/admin', 303);
  }

  private static assertAdmin(auth: RequestAuth): void {
    if (!auth.resolved.user.roles.includes('admin')) throw new DomainError(ErrorCode.Forbidden, 'Admin role required');
  }
}
