import { OidcAccount, OidcAuditPayload } from '@app/common';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { toPublicUser } from '../users/public-user';
import { UserRepository } from '../users/user.repository';

/** The provider's view of users (claims of active users only) and its audit events. */
@Injectable()
export class OidcAccounts {
  constructor(
    private readonly users: UserRepository,
    private readonly audit: AuditService,
  ) {}

  async find(userId: string): Promise<OidcAccount> {
    const user = await this.users.findById(userId);
    return { user: user?.active ? toPublicUser(user) : null };
  }

  async record({ type, userId, clientId, ip, detail }: OidcAuditPayload): Promise<void> {
    await this.audit.recordDetached({ type, userId, ip, detail: { ...detail, clientId } });
  }
}
