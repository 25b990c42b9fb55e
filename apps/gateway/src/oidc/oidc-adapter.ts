import { AuthContract, AuthPatterns, OIDC_MODELS, OidcModel, RpcClient } from '@app/common';
import type { Adapter, AdapterConstructor, AdapterPayload } from 'oidc-provider';

function modelOf(name: string): OidcModel | undefined {
  return OIDC_MODELS.find((known) => known === name);
}

/**
 * oidc-provider's storage, one class per model, on the auth-service's Redis (OidcStore there): the
 * gateway keeps nothing, so any replica serves any step of a flow. Device flow is off, hence no user codes.
 */
export function oidcAdapterFor(auth: RpcClient<AuthContract>): AdapterConstructor {
  return class RedisOidcAdapter implements Adapter {
    private readonly stored?: OidcModel;

    /** Clients come from OIDC_CLIENTS only (no dynamic registration): any other name finds nothing and stores nothing. */
    constructor(private readonly name: string) {
      this.stored = modelOf(name);
    }

    private get model(): OidcModel {
      if (!this.stored) throw new Error(`oidc-provider asked to store an unexpected model "${this.name}"`);
      return this.stored;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      const body = payload as unknown as Record<string, unknown>;
      await auth.send(AuthPatterns.OidcStoreUpsert, { model: this.model, id, payload: body, expiresIn: Math.max(1, expiresIn ?? 3600) });
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (!this.stored) return undefined;
      const { payload } = await auth.send(AuthPatterns.OidcStoreFind, { model: this.model, id });
      return (payload ?? undefined) as AdapterPayload | undefined;
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      if (!this.stored) return undefined;
      const { payload } = await auth.send(AuthPatterns.OidcStoreFindByUid, { model: this.model, uid });
      return (payload ?? undefined) as AdapterPayload | undefined;
    }

    findByUserCode(): Promise<AdapterPayload | undefined> {
      return Promise.resolve(undefined);
    }

    async consume(id: string): Promise<void> {
      await auth.send(AuthPatterns.OidcStoreConsume, { model: this.model, id });
    }

    async destroy(id: string): Promise<void> {
      await auth.send(AuthPatterns.OidcStoreDestroy, { model: this.model, id });
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await auth.send(AuthPatterns.OidcStoreRevokeGrant, { grantId });
    }
  };
}
