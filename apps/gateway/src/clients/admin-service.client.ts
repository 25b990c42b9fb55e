import {
  AdminContract,
  AdminPatterns,
  AdminUserDetail,
  AuditEventView,
  HealthResult,
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

export const ADMIN_RPC_CLIENT = Symbol('ADMIN_RPC_CLIENT');

/** The gateway's client of the admin-service; every call carries the caller's credential. */
@Injectable()
export class AdminServiceClient {
  constructor(@Inject(ADMIN_RPC_CLIENT) private readonly rpc: RpcClient<AdminContract>) {}

  listUsers(payload: OutgoingPayload<ListUsersPayload>): Promise<Page<PublicUser>> {
    return this.rpc.send(AdminPatterns.ListUsers, payload);
  }

  getUser(payload: OutgoingPayload<UserIdPayload>): Promise<AdminUserDetail> {
    return this.rpc.send(AdminPatterns.GetUser, payload);
  }

  updateUser(payload: OutgoingPayload<UpdateUserPayload>): Promise<{ user: PublicUser }> {
    return this.rpc.send(AdminPatterns.UpdateUser, payload);
  }

  listUserSessions(payload: OutgoingPayload<UserIdPayload>): Promise<{ items: SessionListItem[] }> {
    return this.rpc.send(AdminPatterns.ListUserSessions, payload);
  }

  revokeUserSessions(payload: OutgoingPayload<UserActionPayload>): Promise<{ revoked: number }> {
    return this.rpc.send(AdminPatterns.RevokeUserSessions, payload);
  }

  listAudit(payload: OutgoingPayload<ListAuditPayload>): Promise<Page<AuditEventView>> {
    return this.rpc.send(AdminPatterns.ListAudit, payload);
  }

  health(): Promise<HealthResult> {
    return this.rpc.send(AdminPatterns.Health, {});
  }
}
