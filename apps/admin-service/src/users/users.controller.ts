import {
  AUTH_RPC_CLIENT,
  AdminPatterns,
  AdminUserDetail,
  AuthContract,
  AuthGuard,
  AuthPatterns,
  ListUsersPayload,
  Page,
  PublicUser,
  RevokedSessions,
  Roles,
  RolesGuard,
  RpcClient,
  SessionList,
  UpdateUserPayload,
  UpdatedUser,
  UserActionPayload,
  UserIdPayload,
} from '@app/common';
import { Controller, Inject, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

/**
 * User administration: served only after the guard resolved the caller and found role `admin`, then
 * asked of the auth-service with the admin's own credential (which it re-checks itself).
 */
@Controller()
@UseGuards(AuthGuard, RolesGuard)
@Roles('admin')
export class UsersController {
  constructor(@Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>) {}

  @MessagePattern(AdminPatterns.ListUsers)
  list(@Payload() payload: ListUsersPayload): Promise<Page<PublicUser>> {
    return this.auth.send(AuthPatterns.AdminListUsers, payload);
  }

  @MessagePattern(AdminPatterns.GetUser)
  get(@Payload() payload: UserIdPayload): Promise<AdminUserDetail> {
    return this.auth.send(AuthPatterns.AdminGetUser, payload);
  }

  @MessagePattern(AdminPatterns.UpdateUser)
  update(@Payload() payload: UpdateUserPayload): Promise<UpdatedUser> {
    return this.auth.send(AuthPatterns.AdminUpdateUser, payload);
  }

  @MessagePattern(AdminPatterns.ListUserSessions)
  sessions(@Payload() payload: UserIdPayload): Promise<SessionList> {
    return this.auth.send(AuthPatterns.AdminListUserSessions, payload);
  }

  @MessagePattern(AdminPatterns.RevokeUserSessions)
  revokeSessions(@Payload() payload: UserActionPayload): Promise<RevokedSessions> {
    return this.auth.send(AuthPatterns.AdminRevokeUserSessions, payload);
  }
}
