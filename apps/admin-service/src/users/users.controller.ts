import {
  AdminPatterns,
  AdminUserDetail,
  AuthGuard,
  ListUsersPayload,
  Page,
  PublicUser,
  Roles,
  RolesGuard,
  SessionListItem,
  UpdateUserPayload,
  UserActionPayload,
  UserIdPayload,
} from '@app/common';
import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuthAdminClient } from '../clients/auth-admin.client';

/** User administration: served only after the guard resolved the caller and found role `admin`. */
@Controller()
@UseGuards(AuthGuard, RolesGuard)
@Roles('admin')
export class UsersController {
  constructor(private readonly auth: AuthAdminClient) {}

  @MessagePattern(AdminPatterns.ListUsers)
  list(@Payload() payload: ListUsersPayload): Promise<Page<PublicUser>> {
    return this.auth.listUsers(payload);
  }

  @MessagePattern(AdminPatterns.GetUser)
  get(@Payload() payload: UserIdPayload): Promise<AdminUserDetail> {
    return this.auth.getUser(payload);
  }

  @MessagePattern(AdminPatterns.UpdateUser)
  update(@Payload() payload: UpdateUserPayload): Promise<{ user: PublicUser }> {
    return this.auth.updateUser(payload);
  }

  @MessagePattern(AdminPatterns.ListUserSessions)
  sessions(@Payload() payload: UserIdPayload): Promise<{ items: SessionListItem[] }> {
    return this.auth.listUserSessions(payload);
  }

  @MessagePattern(AdminPatterns.RevokeUserSessions)
  revokeSessions(@Payload() payload: UserActionPayload): Promise<{ revoked: number }> {
    return this.auth.revokeUserSessions(payload);
  }
}
