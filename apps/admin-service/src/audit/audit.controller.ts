import { AdminPatterns, AuditEventView, AuthGuard, ListAuditPayload, Page, Roles, RolesGuard } from '@app/common';
import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuthAdminClient } from '../clients/auth-admin.client';

/** The audit log, for admins. */
@Controller()
@UseGuards(AuthGuard, RolesGuard)
@Roles('admin')
export class AuditController {
  constructor(private readonly auth: AuthAdminClient) {}

  @MessagePattern(AdminPatterns.ListAudit)
  list(@Payload() payload: ListAuditPayload): Promise<Page<AuditEventView>> {
    return this.auth.listAudit(payload);
  }
}
