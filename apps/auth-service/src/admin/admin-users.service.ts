import {
  AdminUserDetail,
  AuthenticatedUser,
  DomainError,
  ErrorCode,
  ListUsersPayload,
  Page,
  PublicUser,
  SessionListItem,
  UpdateUserPayload,
} from '@app/common';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Transactions } from '../database/transactions';
import { SessionsService } from '../sessions/sessions.service';
import { toPublicUser } from '../users/public-user';
import { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';

const DEFAULT_PAGE_SIZE = 20;

/** User administration on behalf of an admin (already re-checked by the guard in this service). */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly transactions: Transactions,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  async list(payload: ListUsersPayload): Promise<Page<PublicUser>> {
    const page = await this.users.page({
      query: payload.query?.trim() || undefined,
      limit: payload.limit ?? DEFAULT_PAGE_SIZE,
      cursor: payload.cursor,
    });
    return { items: page.items.map(toPublicUser), nextCursor: page.nextCursor };
  }

  async get(userId: string): Promise<AdminUserDetail> {
    const user = await this.users.requireById(userId);
    return { user: toPublicUser(user), activeSessions: await this.sessions.countForUser(user.id) };
  }

  async listSessions(userId: string): Promise<SessionListItem[]> {
    const user = await this.users.requireById(userId);
    return this.sessions.listForUser(user.id);
  }

  /**
   * Enable/disable and roles, refused when no active admin would remain. Disabling revokes every
   * session before and after the commit, so no session created in between survives; a roles change rewrites live sessions' snapshots and drops
   * every cached resolution, so the new roles apply on the next request.
   */
  async update(actor: AuthenticatedUser, payload: UpdateUserPayload, ip: string): Promise<PublicUser> {
    if (payload.active === undefined && payload.roles === undefined) {
      throw new DomainError(ErrorCode.ValidationFailed, ['give active or roles']);
    }
    this.assertNotSelfDemotion(actor, payload);
    const disabling = payload.active === false;
    const user = await this.transactions.run(async ({ users, auditEvents }) => {
      // The admins are locked before the target is read: a concurrent change of an admin waits for this one.
      const admins = await users.lockActiveAdminIds();
      const target = await users.requireById(payload.userId);
      const before = { active: target.active, roles: [...target.roles] };
      if (payload.active !== undefined) target.active = payload.active;
      if (payload.roles !== undefined) target.roles = [...new Set(payload.roles)];
      AdminUsersService.assertAnAdminRemains(admins, target);
      // Inside the transaction, after the check: a refused change revokes nothing.
      if (disabling) await this.sessions.revokeAllForUser(target.id);
      auditEvents.add({
        type: 'user.updated',
        userId: target.id,
        actorId: actor.id,
        ip,
        detail: { before, after: { active: target.active, roles: target.roles } },
      });
      return target;
    });
    const publicUser = toPublicUser(user);
    if (disabling) await this.sessions.revokeAllForUser(user.id);
    else await this.sessions.refreshUser(publicUser);
    return publicUser;
  }

  async revokeSessions(actor: AuthenticatedUser, userId: string, ip: string): Promise<number> {
    const user = await this.users.requireById(userId);
    const revoked = await this.sessions.revokeAllForUser(user.id);
    await this.audit.recordDetached({ type: 'session.revoked', userId: user.id, actorId: actor.id, ip, detail: { sessionIds: revoked } });
    return revoked.length;
  }

  /** There is always an active admin, also when two admins change each other at once (the admins are locked). */
  private static assertAnAdminRemains(lockedAdminIds: string[], target: User): void {
    const remaining = new Set(lockedAdminIds);
    if (target.active && target.roles.includes('admin')) remaining.add(target.id);
    else remaining.delete(target.id);
    if (remaining.size === 0) throw new DomainError(ErrorCode.ValidationFailed, ['this change would leave no active admin']);
  }

  /** There is always an admin: nobody can disable themselves or drop their own admin role. */
  private assertNotSelfDemotion(actor: AuthenticatedUser, payload: UpdateUserPayload): void {
    if (payload.userId !== actor.id) return;
    if (payload.active === false) throw new DomainError(ErrorCode.ValidationFailed, ['you cannot disable yourself']);
    if (payload.roles && !payload.roles.includes('admin')) {
      throw new DomainError(ErrorCode.ValidationFailed, ['you cannot remove your own admin role']);
    }
  }
}
