import {
  AuthPatterns,
  OidcDone,
  OidcGrantPayload,
  OidcStoreKeyPayload,
  OidcStoreUidPayload,
  OidcStoreUpsertPayload,
  OidcStoredPayload,
} from '@app/common';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OidcStore } from './oidc.store';

const DONE: OidcDone = { ok: true };

/** The OpenID Connect provider's storage, one message per Adapter method. */
@Controller()
export class OidcStoreController {
  constructor(private readonly store: OidcStore) {}

  @MessagePattern(AuthPatterns.OidcStoreUpsert)
  async upsert(@Payload() { model, id, payload, expiresIn }: OidcStoreUpsertPayload): Promise<OidcDone> {
    await this.store.upsert(model, id, payload, expiresIn);
    return DONE;
  }

  @MessagePattern(AuthPatterns.OidcStoreFind)
  async find(@Payload() { model, id }: OidcStoreKeyPayload): Promise<OidcStoredPayload> {
    return { payload: await this.store.find(model, id) };
  }

  @MessagePattern(AuthPatterns.OidcStoreFindByUid)
  async findByUid(@Payload() { model, uid }: OidcStoreUidPayload): Promise<OidcStoredPayload> {
    return { payload: await this.store.findByUid(model, uid) };
  }

  @MessagePattern(AuthPatterns.OidcStoreConsume)
  async consume(@Payload() { model, id }: OidcStoreKeyPayload): Promise<OidcDone> {
    await this.store.consume(model, id);
    return DONE;
  }

  @MessagePattern(AuthPatterns.OidcStoreDestroy)
  async destroy(@Payload() { model, id }: OidcStoreKeyPayload): Promise<OidcDone> {
    await this.store.destroy(model, id);
    return DONE;
  }

  @MessagePattern(AuthPatterns.OidcStoreRevokeGrant)
  async revokeGrant(@Payload() { grantId }: OidcGrantPayload): Promise<OidcDone> {
    await this.store.revokeByGrantId(grantId);
    return DONE;
  }
}
