import {
  AUTH_RPC_CLIENT,
  AdminUserDetail,
  AuditEventView,
  AuthContract,
  AuthPatterns,
  ListAuditPayload,
  ListUsersPayload,
  OutgoingPayload,
  Page,
  PublicUser,
  RpcClient,
  SessionListItem,
  UpdateUserPayload,
  UserActionPayload,
  UserIdPayload,
} from '@app/common';
import { Inject, Injectable } from '@nestjs/common';

/**
 * The admin-service's client of the auth-service's admin commands. Every call carries the admin's own
 * credential: the auth-service re-checks it and the role itself.
 */
@Injectable()
export class AuthAdminClient {
  constructor(@Inject(AUTH_RPC_CLIENT) private readonly rpc: RpcClient<AuthContract>) {}

  listUsers(payload: OutgoingPayload<ListUsersPayload>): Promise<Page<PublicUser>> {
    return this.rpc.send(AuthPatterns.AdminListUsers, payload);
  }

  getUser(payload: OutgoingPayload<UserIdPayload>): Promise<AdminUserDetail> {
    return this.rpc.send(AuthPatterns.AdminGetUser, payload);
  }

  updateUser(payload: OutgoingPayload<UpdateUserPayload>): Promise<{ user: PublicUser }> {
    return this.rpc.send(AuthPatterns.AdminUpdateUser, payload);
  }

  listUserSessions(payload: OutgoingPayload<UserIdPayload>): Promise<{ items: SessionListItem[] }> {
    return this.rpc.send(AuthPatterns.AdminListUserSessions, payload);
  }

  revokeUserSessions(payload: OutgoingPayload<UserActionPayload>): Promise<{ revoked: number }> {
    return this.rpc.send(AuthPatterns.AdminRevokeUserSessions, payload);
  }

  listAudit(payload: OutgoingPayload<ListAuditPayload>): Promise<Page<AuditEventView>> {
    return this.rpc.send(AuthPatterns.AdminListAudit, payload);
  }

  health(): Promise<{ status: string }> {
    return this.rpc.send(AuthPatterns.Health, {});
  }
}
