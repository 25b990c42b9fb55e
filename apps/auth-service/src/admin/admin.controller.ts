import {
  AdminUserDetail,
  AuditEventView,
  AuthPatterns,
  AuthenticatedUser,
  CurrentUser,
  ListAuditPayload,
  ListUsersPayload,
  Page,
  PublicUser,
  RevokedSessions,
  Roles,
  RolesGuard,
  SessionList,
  UpdateUserPayload,
  UpdatedUser,
  UserActionPayload,
  UserIdPayload,
} from '@app/common';
import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuditService } from '../audit/audit.service';
import { AdminUsersService } from './admin-users.service';
import { CallerGuard } from './caller.guard';

/** Admin commands and queries, asked by the admin-service with the admin's own credential. */
@Controller()
@UseGuards(CallerGuard, RolesGuard)
@Roles('admin')
export class AdminController {
  constructor(
    private readonly users: AdminUsersService,
    private readonly audit: AuditService,
  ) {}

  @MessagePattern(AuthPatterns.AdminListUsers)
  listUsers(@Payload() payload: ListUsersPayload): Promise<Page<PublicUser>> {
    return this.users.list(payload);
  }

  @MessagePattern(AuthPatterns.AdminGetUser)
  getUser(@Payload() payload: UserIdPayload): Promise<AdminUserDetail> {
    return this.users.get(payload.userId);
  }

  @MessagePattern(AuthPatterns.AdminUpdateUser)
  async updateUser(@Payload() payload: UpdateUserPayload, @CurrentUser() admin: AuthenticatedUser): Promise<UpdatedUser> {
    return { user: await this.users.update(admin, payload, payload.client.ip) };
  }

  @MessagePattern(AuthPatterns.AdminListUserSessions)
  async listUserSessions(@Payload() payload: UserIdPayload): Promise<SessionList> {
    return { items: await this.users.listSessions(payload.userId) };
  }

  @MessagePattern(AuthPatterns.AdminRevokeUserSessions)
  async revokeUserSessions(@Payload() payload: UserActionPayload, @CurrentUser() admin: AuthenticatedUser): Promise<RevokedSessions> {
    return { revoked: await this.users.revokeSessions(admin, payload.userId, payload.client.ip) };
  }

  @MessagePattern(AuthPatterns.AdminListAudit)
  listAudit(@Payload() payload: ListAuditPayload): Promise<Page<AuditEventView>> {
    return this.audit.page({ userId: payload.userId, type: payload.type, limit: payload.limit, cursor: payload.cursor });
  }
}
