import {
  AuthPatterns,
  HealthPayload,
  OidcAccount,
  OidcAccountPayload,
  OidcAuditPayload,
  OidcDone,
  OidcLinkGrantPayload,
  OidcSigningJwks,
} from '@app/common';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SigningKeys } from '../tokens/signing-keys';
import { OidcAccounts } from './oidc-accounts';
import { OidcGrants } from './oidc-grants';

const DONE: OidcDone = { ok: true };

/** What the OpenID Connect provider needs of the auth-service besides storage: keys, accounts, audit, grant links. */
@Controller()
export class OidcController {
  constructor(
    private readonly keys: SigningKeys,
    private readonly accounts: OidcAccounts,
    private readonly grants: OidcGrants,
  ) {}

  @MessagePattern(AuthPatterns.OidcSigningKeys)
  signingKeys(@Payload() _payload: HealthPayload): OidcSigningJwks {
    return { keys: this.keys.privateJwks() as unknown as Array<Record<string, unknown>> };
  }

  @MessagePattern(AuthPatterns.OidcAccount)
  account(@Payload() { userId }: OidcAccountPayload): Promise<OidcAccount> {
    return this.accounts.find(userId);
  }

  @MessagePattern(AuthPatterns.OidcAudit)
  async audit(@Payload() payload: OidcAuditPayload): Promise<OidcDone> {
    await this.accounts.record(payload);
    return DONE;
  }

  @MessagePattern(AuthPatterns.OidcLinkGrant)
  async link(@Payload() payload: OidcLinkGrantPayload): Promise<OidcDone> {
    await this.grants.link(payload);
    return DONE;
  }
}
