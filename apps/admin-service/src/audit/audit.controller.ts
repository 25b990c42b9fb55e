import {
  AUTH_RPC_CLIENT,
  AdminPatterns,
  AuditEventView,
  AuthContract,
  AuthGuard,
  AuthPatterns,
  ListAuditPayload,
  Page,
  Roles,
  RolesGuard,
  RpcClient,
} from '@app/common';
import { Controller, Inject, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

/** The audit log, for admins (asked of the auth-service, which owns it, with the admin's credential). */
@Controller()
@UseGuards(AuthGuard, RolesGuard)
@Roles('admin')
export class AuditController {
  constructor(@Inject(AUTH_RPC_CLIENT) private readonly auth: RpcClient<AuthContract>) {}

  @MessagePattern(AdminPatterns.ListAudit)
  list(@Payload() payload: ListAuditPayload): Promise<Page<AuditEventView>> {
    return this.auth.send(AuthPatterns.AdminListAudit, payload);
  }
}
